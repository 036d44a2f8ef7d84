"""Challenges in the database: create, join and leave, exclusions, the board, badges, and
the record of announcements that makes each one go out once.

Each challenge has one schedule row (kind ``challenge``), due at its start; the
dispatcher sends its posts, and the handler sets each next due time (a week boundary or
the end) and finishes the row after the end post.

The board itself is ``storage.challenge_board``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, delete, func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.challenges import Metric, Window
from coach.recurrence import Weekly, days_text
from coach.text import unquoted
from storage.inserts import insert_if_new
from storage.people import get_person
from storage.schedules import PENDING
from storage.tables import (
    Challenge,
    ChallengeAnnouncement,
    ChallengeBadge,
    ChallengeExclusion,
    ChallengeMember,
    Schedule,
)

JOINED, ALREADY, EXCLUDED = "joined", "already", "excluded"
CHALLENGE = "challenge"
"""The kind of a challenge's schedule row."""


def name_key(name: str) -> str:
    """Names compare without case or repeated spaces: "Leg  Week" is "leg week"."""
    return " ".join(name.split()).lower()


def window_of(challenge: Challenge) -> Window:
    window = Window(challenge.starts_at, challenge.ends_at, ZoneInfo(challenge.timezone))
    return window.closed_at(challenge.ended_at)


def is_open(challenge: Challenge, now: datetime) -> bool:
    """Not ended and not past its end: people can still join and score."""
    return challenge.ended_at is None and now < challenge.ends_at


def add_challenge(
    session: Session,
    *,
    guild_id: int,
    channel_id: int,
    name: str,
    metric: Metric,
    goal: float,
    team: bool,
    window: Window,
    creator_id: int,
    now: datetime,
) -> Challenge | None:
    """The new challenge, or None when the server already has one of that name."""
    key = name_key(name)
    if _by_key(session, guild_id, key) is not None:
        return None
    row = Challenge(
        guild_id=guild_id,
        channel_id=channel_id,
        name=" ".join(name.split()),
        name_key=key,
        metric=metric.value,
        goal=goal,
        team=team,
        timezone=window.tz.key,
        starts_at=window.start,
        ends_at=window.end,
        creator_id=creator_id,
        created_at=now,
    )
    # The same name created twice at once: one insert wins, the other answers None.
    created = session.execute(insert_if_new(session, row, ["guild_id", "name_key"]))
    new_id = created.scalar_one_or_none()
    if new_id is None:
        return None
    # Its weeks begin at local midnight on the weekday it starts: the posts' weekly rule.
    weekly = Weekly(frozenset({window.first_day.weekday()}), time(), window.tz.key)
    session.add(
        Schedule(
            kind=CHALLENGE,
            guild_id=guild_id,
            challenge_id=new_id,
            weekdays=days_text(weekly.weekdays),
            local_time="00:00",
            timezone=weekly.zone,
            next_due_at=window.start,
            created_at=now,
        )
    )
    session.flush()
    return session.get(Challenge, new_id)


def _by_key(session: Session, guild_id: int, key: str) -> Challenge | None:
    query = select(Challenge).where(
        col(Challenge.guild_id) == guild_id, col(Challenge.name_key) == key
    )
    return (session.execute(query)).scalar_one_or_none()


def find_challenge(session: Session, guild_id: int, name: str) -> Challenge | None:
    """The server's challenge of this name; typed in quotes, the one named without them,
    unless one was named with them (before typed quotes were taken off)."""
    for key in dict.fromkeys((name_key(name), name_key(unquoted(name)))):
        if (found := _by_key(session, guild_id, key)) is not None:
            return found
    return None


def namesake(session: Session, guild_id: int, name: str, now: datetime) -> Challenge | None:
    """The challenge a new one called ``name`` would be taken for: the server's of that
    name (one name, one challenge), else an open or upcoming one named so in quotes, from
    before typed quotes were taken off."""
    key = name_key(name)
    same = _by_key(session, guild_id, key)
    if same is not None:
        return same
    current = challenges_in(session, guild_id, now)
    return next((c for c in current if name_key(unquoted(c.name)) == key), None)


def _open_or_since(since: datetime) -> ColumnElement[bool]:
    return or_(
        and_(col(Challenge.ended_at).is_(None), col(Challenge.ends_at) > since),
        col(Challenge.ended_at) > since,
    )


def challenges_in(session: Session, guild_id: int, since: datetime) -> list[Challenge]:
    """The server's challenges still open or closed after ``since``, soonest start first."""
    query = (
        select(Challenge)
        .where(col(Challenge.guild_id) == guild_id, _open_or_since(since))
        .order_by(col(Challenge.starts_at), col(Challenge.id))
    )
    return list((session.execute(query)).scalars())


def open_challenges(session: Session, now: datetime) -> list[Challenge]:
    """Every server's challenges still open at ``now``."""
    query = select(Challenge).where(_open_or_since(now)).order_by(col(Challenge.id))
    return list((session.execute(query)).scalars())


def member_counts(session: Session, challenge_ids: Sequence[int]) -> dict[int, int]:
    query = (
        select(col(ChallengeMember.challenge_id), func.count())
        .where(col(ChallengeMember.challenge_id).in_(challenge_ids))
        .where(col(ChallengeMember.excluded).is_(False))
        .group_by(col(ChallengeMember.challenge_id))
    )
    return dict((session.execute(query)).all())


def _member_row(challenge_id: int, person_id: int) -> ColumnElement[bool]:
    """This person's one row in this challenge (they are unique together)."""
    return and_(
        col(ChallengeMember.challenge_id) == challenge_id,
        col(ChallengeMember.person_id) == person_id,
    )


def _membership(session: Session, challenge_id: int, person_id: int) -> ChallengeMember | None:
    query = select(ChallengeMember).where(_member_row(challenge_id, person_id))
    return (session.execute(query)).scalar_one_or_none()


def join(session: Session, challenge_id: int, person_id: int, now: datetime) -> str:
    """JOINED, ALREADY (a member), or EXCLUDED (a moderator took them out)."""
    member = _membership(session, challenge_id, person_id)
    if member is not None:
        return EXCLUDED if member.excluded else ALREADY
    get_person(session, person_id, now)
    row = ChallengeMember(challenge_id=challenge_id, person_id=person_id, joined_at=now)
    joined = session.execute(insert_if_new(session, row, ["challenge_id", "person_id"]))
    if joined.scalar_one_or_none() is not None:
        return JOINED
    # Joined twice at once: the other call made the membership.
    member = _membership(session, challenge_id, person_id)
    return EXCLUDED if member is not None and member.excluded else ALREADY


def leave(session: Session, challenge_id: int, person_id: int) -> bool:
    """Leave; an excluded member's row stays, so they cannot rejoin to undo it."""
    result = session.execute(
        delete(ChallengeMember).where(
            _member_row(challenge_id, person_id), col(ChallengeMember.excluded).is_(False)
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def is_member(session: Session, challenge_id: int, person_id: int) -> bool:
    member = _membership(session, challenge_id, person_id)
    return member is not None and not member.excluded


def exclude_member(session: Session, challenge_id: int, person_id: int, by: int) -> bool:
    """Take a member out of the board; False when they are not taking part."""
    result = session.execute(
        update(ChallengeMember)
        .where(_member_row(challenge_id, person_id))
        .values(excluded=True, excluded_by=by)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def exclude_sets(
    session: Session, challenge_id: int, set_ids: Sequence[int], by: int, now: datetime
) -> None:
    """Exclude these sets from the challenge; excluding one twice is harmless."""
    known = _excluded_set_ids(session, challenge_id)
    session.add_all(
        ChallengeExclusion(challenge_id=challenge_id, set_id=set_id, excluded_by=by, at=now)
        for set_id in set(set_ids) - known
    )
    session.flush()


def _excluded_set_ids(session: Session, challenge_id: int) -> set[int]:
    query = select(col(ChallengeExclusion.set_id)).where(
        col(ChallengeExclusion.challenge_id) == challenge_id
    )
    return set((session.execute(query)).scalars())


def close(session: Session, challenge: Challenge, now: datetime) -> None:
    """End the challenge now, or at its planned end if that has passed; never end it twice."""
    ended = min(now, challenge.ends_at)
    session.execute(
        update(Challenge)
        .where(col(Challenge.id) == challenge.id, col(Challenge.ended_at).is_(None))
        .values(ended_at=ended)
    )
    if challenge.ended_at is None:
        challenge.ended_at = ended


def end_early(session: Session, challenge: Challenge, now: datetime) -> None:
    """End it now, and make its schedule due now so the end is announced at once."""
    close(session, challenge, now)
    session.execute(
        update(Schedule)
        .where(col(Schedule.challenge_id) == challenge.id, col(Schedule.status) == PENDING)
        .values(next_due_at=now, retry_at=None, attempts=0, last_error=None)
    )


def award_badges(
    session: Session, challenge: Challenge, person_ids: Sequence[int], now: datetime
) -> None:
    """Badges for the winners; a retried end announcement awards nobody twice."""
    if challenge.id is None:
        raise ValueError("the challenge was never saved")
    have = select(col(ChallengeBadge.person_id)).where(
        col(ChallengeBadge.challenge_id) == challenge.id
    )
    awarded = set((session.execute(have)).scalars())
    session.add_all(
        ChallengeBadge(
            challenge_id=challenge.id,
            person_id=person_id,
            guild_id=challenge.guild_id,
            name=challenge.name,
            awarded_at=now,
        )
        for person_id in set(person_ids) - awarded
    )
    session.flush()


def badges_of(
    session: Session, person_id: int, guild_id: int | None = None
) -> list[ChallengeBadge]:
    """Their badges, newest first; with ``guild_id``, only those won in that server."""
    query = select(ChallengeBadge).where(col(ChallengeBadge.person_id) == person_id)
    if guild_id is not None:
        query = query.where(col(ChallengeBadge.guild_id) == guild_id)
    query = query.order_by(col(ChallengeBadge.awarded_at).desc())
    return list((session.execute(query)).scalars())


def claim_announcement(
    session: Session, challenge_id: int, kind: str, week: int, now: datetime
) -> bool:
    """True for the one caller that may post this announcement; False if it was claimed."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    claimed = session.execute(
        dialect.insert(ChallengeAnnouncement)
        .values(challenge_id=challenge_id, kind=kind, week=week, at=now)
        .on_conflict_do_nothing(index_elements=["challenge_id", "kind", "week"])
        .returning(col(ChallengeAnnouncement.id))
    )
    return claimed.first() is not None


def release_announcement(session: Session, challenge_id: int, kind: str, week: int) -> None:
    """Give a claim back after a failed post, so the next round tries again."""
    session.execute(
        delete(ChallengeAnnouncement).where(
            col(ChallengeAnnouncement.challenge_id) == challenge_id,
            col(ChallengeAnnouncement.kind) == kind,
            col(ChallengeAnnouncement.week) == week,
        )
    )


def announced(session: Session, challenge_id: int) -> set[tuple[str, int]]:
    query = select(col(ChallengeAnnouncement.kind), col(ChallengeAnnouncement.week)).where(
        col(ChallengeAnnouncement.challenge_id) == challenge_id
    )
    return {(kind, week) for kind, week in (session.execute(query)).all()}


GOAL_POST = "goal"
"""The announcement kind of a team reaching its goal (claimed once, like the others)."""


def open_challenges_of(
    session: Session, person_ids: Collection[int], now: datetime
) -> list[tuple[Challenge, int]]:
    """The running challenges these people take part in (not excluded), each with the
    member it was found for: one read for everyone who logged since the last one."""
    query = (
        select(Challenge, ChallengeMember.person_id)
        .join(ChallengeMember, col(ChallengeMember.challenge_id) == col(Challenge.id))
        .where(
            col(ChallengeMember.person_id).in_(person_ids),
            col(ChallengeMember.excluded).is_(False),
            col(Challenge.ended_at).is_(None),
            col(Challenge.starts_at) <= now,
            col(Challenge.ends_at) > now,
        )
        .order_by(col(Challenge.id), col(ChallengeMember.person_id))
    )
    return [(challenge, person) for challenge, person in session.execute(query)]


def claim_goal_post(session: Session, challenge_id: int, person_id: int, now: datetime) -> bool:
    """True for the one caller that may announce this member reaching the goal."""
    claimed = session.execute(
        update(ChallengeMember)
        .where(_member_row(challenge_id, person_id), col(ChallengeMember.goal_told_at).is_(None))
        .values(goal_told_at=now)
    )
    return claimed.rowcount == 1  # type: ignore[attr-defined]


def set_live_board(
    session: Session,
    challenge_id: int,
    channel_id: int | None,
    message_id: int | None,
    at: datetime | None = None,
) -> None:
    """Where the challenge's live board is now, posted ``at`` (None: it has none any more,
    e.g. its message was deleted)."""
    session.execute(
        update(Challenge)
        .where(col(Challenge.id) == challenge_id)
        .values(board_channel_id=channel_id, board_message_id=message_id, board_edited_at=at)
    )


def live_board_edited(session: Session, challenge_id: int, at: datetime) -> None:
    """When the live board was last edited, which paces the next edit (a unit of work:
    it runs after every busy challenge's edit)."""
    session.execute(
        update(Challenge).where(col(Challenge.id) == challenge_id).values(board_edited_at=at)
    )
