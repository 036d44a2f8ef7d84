"""Challenges: creating, finding, joining and leaving one, ending it, moderating it, and
the badges won.

Anyone in a server may create a challenge (at most ``MAX_OPEN`` open at a time): they are
opt-in games, and joining is what puts a person on a board. Ending one early, or posting
its live board, needs its creator or a moderator; the caller says whether the person
manages the server, which is Discord's to know. Dates are ``YYYY-MM-DD`` in the
challenge's time zone (chosen at creation, else the server's report zone, else the
creator's); the challenge keeps that zone for its life.

Boards and posts are ``services.challenge_boards`` and ``services.challenge_posts``.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from coach.challenges import LISTED_FOR, MAX_DAYS, SHORTEST, Metric, Window
from coach.problems import UserError
from coach.text import clean_text, clip, unquoted, visible_name
from coach.units import to_kg
from coach.vocabulary import Unit
from coach.when import WhenError, read_coming_day
from coach.zones import stored_zone
from storage import challenge_board, challenges
from storage.logbook import EntryRef, StoredEntry
from storage.people import get_server, read_person
from storage.store import Store
from storage.tables import Challenge, ChallengeBadge, Person, Server

JOINED, ALREADY, EXCLUDED = challenges.JOINED, challenges.ALREADY, challenges.EXCLUDED
"""What ``join`` answers: joined now, a member already, or taken out by a moderator."""
MAX_OPEN = 10
MAX_GOAL = 10_000_000.0
MAX_LEAD = timedelta(days=365)
"""How far ahead a challenge may start (dates near year 9999 would not fit a datetime)."""

COUNTED = {
    Metric.LEG_SETS: "leg sets",
    Metric.LEG_DAYS: "leg days",
    Metric.BALANCE_WEEKS: "balanced weeks",
    Metric.STREAK: "weeks",
}
"""Metrics that count whole things (half a leg day is no goal), and what they count."""


def _coming_day(text: str, today: date) -> date:
    read = read_coming_day(text, today)
    if isinstance(read, WhenError):
        raise UserError(read.message)
    return read


def read_window(starts: str, ends: str, today: date, tz: ZoneInfo, metric: Metric) -> Window:
    """The challenge's window, from the first day's 00:00 to the end of the last (one day
    at the least); a ``UserError`` says what is wrong."""
    first, last = _coming_day(starts, today), _coming_day(ends, today)
    example = f"`starts:{today} ends:{today + timedelta(days=27)}`"
    days = (last - first).days + 1
    fewest, why = SHORTEST.get(metric, (1, ""))
    if first < today:
        problem = f"The start is in the past ({today} is today here)"
    elif first > today + MAX_LEAD:
        problem = "The start is more than a year away"
    elif last < first:
        problem = "The end is before the start (the same day makes a one-day challenge)"
    elif days > MAX_DAYS:
        problem = f"A challenge lasts at most {MAX_DAYS // 7} weeks"
    elif days < fewest:
        problem = f"A `{metric}` challenge needs at least {fewest} days, as {why}"
        example = f"`starts:{first} ends:{first + timedelta(days=fewest - 1)}`"
    else:
        return Window.from_dates(first, last, tz)
    raise UserError(f"{problem}, e.g. {example}.")


def read_goal(goal: float, metric: Metric) -> float:
    """The goal as kept: as shown (one decimal), so 5e-324 is not a goal of "0"; a
    ``UserError`` when it is none, or a fraction of something counted whole."""
    typed = goal
    goal = round(goal, 1) if math.isfinite(goal) else 0.0
    if not 0 < goal <= MAX_GOAL:
        raise UserError(f"The goal must be a number from 0.1 to {MAX_GOAL:,.0f}, e.g. `goal:30`.")
    if metric in COUNTED and not typed.is_integer():
        raise UserError(f"A `{metric}` goal is a whole number of {COUNTED[metric]}, e.g. `goal:8`.")
    return goal


def challenge_zone(chosen: str | None, server: Server, creator: Person) -> tuple[str, str]:
    """The zone a new challenge's days run in, and why that one: the one chosen, else the
    zone the server's weekly report runs in, else the creator's own, else UTC."""
    if chosen is not None:
        return chosen, "as chosen"
    if server.report_channel_id is not None:
        return server.timezone, "the server's report zone; set another with `timezone:`"
    if creator.timezone is not None:
        return creator.timezone, "your time zone; set another with `timezone:`"
    return server.timezone, "no zone is set here; pick one with `timezone:`"


def _unit_of(session: Session, person_id: int, now: datetime) -> Unit:
    return Unit(read_person(session, person_id, now).unit)


async def unit_of(store: Store, person_id: int, *, now: datetime) -> Unit:
    """The unit this person reads and types weights in (reading stores nobody)."""
    return await store.run(_unit_of, person_id, now)


@dataclass(frozen=True, slots=True)
class Created:
    challenge: Challenge
    unit: Unit
    """The creator's, which the goal was typed in."""
    zone: str
    why: str
    """Why its days run in ``zone`` (see ``challenge_zone``)."""
    starts_at: datetime


@dataclass(frozen=True, slots=True)
class NewChallenge:
    """A challenge as asked for in ``/challenge create``: the options, still as typed."""

    guild_id: int
    channel_id: int
    """Where its posts and live board go."""
    creator_id: int
    name: str
    metric: Metric
    goal: float
    """In the creator's unit for a weight."""
    starts: str
    ends: str
    team: bool
    zone: str | None


async def create(store: Store, asked: NewChallenge, *, now: datetime) -> Created:
    """A new challenge in this server, its creator its first member, announced in its
    channel; a ``UserError`` (and nothing stored) when anything is wrong."""
    goal = read_goal(asked.goal, asked.metric)
    shown_name = visible_name(unquoted(clean_text(asked.name)))
    if shown_name is None:
        raise UserError("The name needs something people can read, e.g. `Leg Day March`.")
    # A UserError inside the unit rolls it back: nothing is stored.
    return await store.run(_create, replace(asked, name=shown_name, goal=goal), now)


def _create(session: Session, asked: NewChallenge, now: datetime) -> Created:
    """Store the new challenge (its name as kept, its goal as typed) with its creator
    joined."""
    guild_id, creator_id, name = asked.guild_id, asked.creator_id, asked.name
    server = get_server(session, guild_id, now)
    creator = read_person(session, creator_id, now)
    unit = Unit(creator.unit)
    # A weight is typed in the creator's unit and kept in kg.
    goal = to_kg(asked.goal, unit) if asked.metric == Metric.LOWER_VOLUME else asked.goal
    key, why = challenge_zone(asked.zone, server, creator)
    tz = stored_zone(key)
    window = read_window(asked.starts, asked.ends, now.astimezone(tz).date(), tz, asked.metric)
    if len(challenges.challenges_in(session, guild_id, now)) >= MAX_OPEN:
        raise UserError(
            f"This server already has {MAX_OPEN} open challenges. End one first "
            "with `/challenge end`."
        )
    taken = challenges.namesake(session, guild_id, name, now)
    if taken is not None:
        raise UserError(_name_taken(taken.name, name))
    created = challenges.add_challenge(
        session,
        guild_id=guild_id,
        channel_id=asked.channel_id,
        name=name,
        metric=asked.metric,
        goal=goal,
        team=asked.team,
        window=window,
        creator_id=creator_id,
        now=now,
    )
    if created is None:  # the same name, created by someone else at the same moment
        raise UserError(_name_taken(name, name))
    challenges.join(session, created.id or 0, creator_id, now)
    return Created(created, unit, tz.key, why, window.start)


def _name_taken(existing: str, name: str) -> str:
    # The existing one as it is named (quotes and all), so people see which one is meant.
    return (
        f"**{clip(existing, 60)}** is already a challenge here: pick another name, "
        f"e.g. `{clip(name, 57)} 2`."
    )


async def find(store: Store, guild_id: int, name: str) -> Challenge:
    """The server's challenge of this name; a ``UserError`` when it has none."""
    found = await store.run(challenges.find_challenge, guild_id, name)
    if found is None:
        raise UserError(
            f"There is no challenge called `{clip(name, 60)}` here. "
            "See them with `/challenge list`."
        )
    return found


async def listed(store: Store, guild_id: int, *, now: datetime) -> list[Challenge]:
    """The server's challenges still open or ended within ``LISTED_FOR``, soonest first."""
    return await store.run(challenges.challenges_in, guild_id, now - LISTED_FOR)


@dataclass(frozen=True, slots=True)
class Listing:
    challenges: list[Challenge]
    members: dict[int, int]
    """How many take part in each, by challenge id."""
    unit: Unit
    """The viewer's, for the goals."""


async def listing(store: Store, guild_id: int, viewer_id: int, *, now: datetime) -> Listing:
    """``listed``, with how many take part in each, for this viewer."""
    return await store.run(_listing, guild_id, viewer_id, now)


def _listing(session: Session, guild_id: int, viewer_id: int, now: datetime) -> Listing:
    found = challenges.challenges_in(session, guild_id, now - LISTED_FOR)
    counts = challenges.member_counts(session, [c.id or 0 for c in found])
    return Listing(found, counts, _unit_of(session, viewer_id, now))


async def join(store: Store, challenge: Challenge, person_id: int, *, now: datetime) -> str:
    """``JOINED``, ``ALREADY`` (a member) or ``EXCLUDED`` (a moderator took them out); a
    ``UserError`` once it is over."""
    if not challenges.is_open(challenge, now):
        raise UserError(f"**{challenge.name}** is over. See open ones with `/challenge list`.")
    return await store.run(challenges.join, challenge.id or 0, person_id, now)


async def must_be_member(store: Store, challenge: Challenge, person_id: int) -> None:
    """A ``UserError`` unless they take part (leaving is asked first: this is the check)."""
    member = await store.run(challenges.is_member, challenge.id or 0, person_id)
    if not member:
        raise UserError(f"You're not in **{challenge.name}**. Join with `/challenge join`.")


async def leave(store: Store, challenge: Challenge, person_id: int) -> bool:
    """False when they had left already (an excluded member stays out)."""
    return await store.run(challenges.leave, challenge.id or 0, person_id)


def _creator_or_manager(challenge: Challenge, person_id: int, manager: bool, refusal: str) -> None:
    """What its creator or a moderator may do to a challenge (a ``UserError`` saying
    ``refusal`` for anyone else)."""
    if person_id != challenge.creator_id and not manager:
        raise UserError(refusal)


def may_post_live(challenge: Challenge, person_id: int, *, manager: bool) -> None:
    """A ``UserError`` unless this person may post the challenge's live board."""
    _creator_or_manager(
        challenge,
        person_id,
        manager,
        "Only the challenge's creator or someone with **Manage Server** can post "
        "its live board. `/challenge board` shows it to you.",
    )


def may_end(challenge: Challenge, person_id: int, *, manager: bool, now: datetime) -> None:
    """A ``UserError`` unless this person may end the challenge now (asked first: this is
    the check)."""
    _creator_or_manager(
        challenge,
        person_id,
        manager,
        "Only the challenge's creator or someone with the **Manage Server** permission can end it.",
    )
    if not challenges.is_open(challenge, now):
        raise UserError(f"**{challenge.name}** has ended already.")


async def end(store: Store, challenge: Challenge, *, now: datetime) -> None:
    """End it now; its end post falls due at once."""
    await store.run(challenges.end_early, challenge, now)


def _ref(text: str) -> EntryRef:
    """An entry reference from autocomplete; anything typed by hand matches no entry."""
    try:
        return EntryRef.parse(text)
    except ValueError:
        return EntryRef("", -1)


async def exclude(
    store: Store,
    challenge: Challenge,
    member_id: int,
    entry: str | None,
    *,
    by: int,
    now: datetime,
) -> None:
    """Take a member (``entry`` None) or one of their entries (as ``counting_entries``
    gives it) out of the challenge; a ``UserError`` when neither counts in it."""
    done = await store.run(_exclude, challenge, member_id, entry, by, now)
    if not done:
        raise UserError(
            f"<@{member_id}> has no such entry or is not in **{challenge.name}**. "
            "Pick the entry from the list that appears as you type."
        )


def _exclude(
    session: Session,
    challenge: Challenge,
    member_id: int,
    entry: str | None,
    by: int,
    now: datetime,
) -> bool:
    """Exclude the member or their entry; False when neither counts in the challenge."""
    if entry is None:
        return challenges.exclude_member(session, challenge.id or 0, member_id, by)
    counting = challenge_board.counting_entries(session, challenge, member_id, ref=_ref(entry))
    ids = [s.id or 0 for stored in counting for s in stored.sets]
    if ids:
        challenges.exclude_sets(session, challenge.id or 0, ids, by, now)
    return bool(counting)


async def counting_entries(
    store: Store, guild_id: int, name: str, member_id: int
) -> list[StoredEntry]:
    """The member's entries that count in the server's challenge of this name, newest
    first, for a moderator to pick one to exclude: none when it has no such challenge."""
    return await store.run(_counting_entries, guild_id, name, member_id)


def _counting_entries(
    session: Session, guild_id: int, name: str, member_id: int
) -> list[StoredEntry]:
    found = challenges.find_challenge(session, guild_id, name)
    if found is None:
        return []
    return challenge_board.counting_entries(session, found, member_id)


async def badges(
    store: Store, person_id: int, *, asker_id: int, guild_id: int | None
) -> list[ChallengeBadge]:
    """Their badges, newest first. Someone else's: only those won in ``guild_id``, not
    which other servers they use."""
    here = None if person_id == asker_id else guild_id
    return await store.run(challenges.badges_of, person_id, here)


async def running(
    store: Store, people: Collection[int], *, now: datetime
) -> list[tuple[Challenge, int]]:
    """The running challenges these people take part in, each with the member it was
    found for: one read for everyone whose sets changed since the last one."""
    return await store.run(challenges.open_challenges_of, people, now)
