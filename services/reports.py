"""A server's weekly balance report (/report): who is in it, what is counted, its schedule
and how its posts went.

Only members who opted in (`/settings share on`) and logged here lately appear. The
schedule row holds the day, time and zone; the server row holds the channel and how the
last posts went. A post that fails for a lasting reason counts: the first such failure is
told to whoever set the report up, a deleted channel pauses the report at once, and a
channel that keeps failing pauses it after ``MAX_FAILURES`` weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.metrics import HISTORY, LEG_DAY_PATTERNS
from coach.problems import UserError
from coach.recurrence import Weekly
from coach.report import WEEKS, GroupReport, Member, build_report
from coach.zones import stored_zone
from storage import reports, schedules
from storage.coach_data import counted_checkins, profiles
from storage.custom_exercises import custom_exercises_of
from storage.people import get_server, read_server
from storage.reports import REPORT
from storage.store import Store, run_blocking
from storage.tables import Schedule, Server

MAX_FAILURES = 3
# Why a report is paused: a run of failures, or its channel deleted (told to a moderator
# or not yet).
FAILING, CHANNEL_DELETED, DELETED_TOLD = "report failing", "channel deleted", "deleted, told"
CHANNEL_GONE = "the report channel was deleted"
"""The failure of a post whose channel is gone, as /report status says it."""


async def group_report(store: Store, guild_id: int, now: datetime) -> GroupReport:
    """The server's report on the 7 full local days before today, in its time zone.

    Today is left out whole: a Monday report at 09:00 would otherwise count nine hours of
    Monday and never the rest of it, which falls before the next report's window.
    """
    today, members, exercises = await store.run(_members, guild_id, now)
    return build_report(members, today, exercises, now)


def _members(
    session: Session, guild_id: int, now: datetime
) -> tuple[date, list[Member], dict[str, Exercise]]:
    """The report's last day, its members' weeks, and the exercises they name."""
    server = read_server(session, guild_id, now)
    today = now.astimezone(stored_zone(server.timezone)).date() - timedelta(days=1)
    people = reports.participants(session, guild_id, now - timedelta(weeks=WEEKS))
    custom = custom_exercises_of(session, *people) if people else []
    exercises = load_catalog().by_key(custom)
    regions = {key: exercise.region for key, exercise in exercises.items()}
    legs = [key for key, exercise in exercises.items() if exercise.pattern in LEG_DAY_PATTERNS]
    counts = reports.report_counts(session, people, today, regions, legs, now - HISTORY)
    goals = profiles(session, people)
    answers = counted_checkins(session, people, now)
    members = [
        Member(
            person,
            "",
            counts[person].weeks,
            counts[person].sessions,
            goals[person],
            answers[person],
            counts[person].first_day,
        )
        for person in people
    ]
    return today, members, exercises


def built_report(url: str, guild_id: int, now: datetime) -> GroupReport:
    """``group_report`` on a database connection of its own, for a render worker: for a
    thousand members, reading the rows and building the report is a second of Python,
    which must not run on the bot's event loop."""

    today, members, exercises = run_blocking(url, _members, guild_id, now)
    return build_report(members, today, exercises, now)


def check_preview(report: GroupReport) -> None:
    """Refuses a preview of nobody's week: nobody here shares their training in reports."""
    if not report.rows:
        raise UserError(
            "Nobody here shares their training in reports yet, so this week's report "
            "would be empty. Members opt in with `/settings share on` (and out with "
            "`/settings share off`)."
        )


async def set_up(
    store: Store,
    guild_id: int,
    channel_id: int,
    set_by: int,
    day: int,
    at: time,
    zone: str,
    *,
    now: datetime,
) -> datetime:
    """The weekly report in this channel on ``day`` at ``at`` in ``zone`` (replacing the
    server's; its failures start again from none); returns when the first one is due."""
    rule = Weekly(frozenset({day}), at, zone)
    return await store.run(_set_up, guild_id, channel_id, set_by, rule, zone, now)


def _set_up(
    session: Session,
    guild_id: int,
    channel_id: int,
    set_by: int,
    rule: Weekly,
    zone: str,
    now: datetime,
) -> datetime:
    server = get_server(session, guild_id, now)
    server.report_channel_id, server.timezone, server.report_failures = channel_id, zone, 0
    server.report_set_by = set_by
    row = schedules.put_schedule(
        session, kind=REPORT, person_id=None, guild_id=guild_id, rule=rule, now=now
    )
    return row.next_due_at


async def report_channel(store: Store, guild_id: int) -> int | None:
    """The channel the server's report goes to, if one was set (reading stores nothing)."""
    server = await store.run(lambda session: session.get(Server, guild_id))
    return None if server is None else server.report_channel_id


@dataclass(frozen=True, slots=True)
class Recorded:
    """What follows a weekly post: whether to tell whoever set it up, and why it pauses."""

    tell: bool
    """The first post that failed for a lasting reason: said once, by DM."""
    set_by: int | None
    """Who set the report up (None: nobody recorded; the server's owner is told)."""
    pause_reason: str | None


async def record_post(
    store: Store,
    guild_id: int,
    *,
    sent: bool,
    passing: bool,
    error: str | None,
    now: datetime,
) -> Recorded:
    """Record how a weekly post went, for /report status. A passing failure (Discord
    trouble) is tried again by the dispatcher and counts for nothing; other failures
    count, and a lasting one or a deleted channel pauses the report."""
    failures, set_by = await store.run(_record_post, guild_id, sent, passing, error, now)
    if sent or passing:
        return Recorded(False, set_by, None)
    tell = failures == 1
    if error == CHANNEL_GONE:
        return Recorded(tell, set_by, CHANNEL_DELETED)
    return Recorded(tell, set_by, FAILING if failures >= MAX_FAILURES else None)


def _record_post(
    session: Session, guild_id: int, sent: bool, passing: bool, error: str | None, now: datetime
) -> tuple[int, int | None]:
    """The server's failures in a row since, and who set the report up."""
    server = get_server(session, guild_id, now)
    server.report_last_at = now
    if sent:
        server.report_failures, server.report_last_result = 0, "posted"
    elif passing:
        server.report_last_result = f"failed: {error}; trying again"
    else:
        server.report_failures += 1
        server.report_last_result = f"failed: {error}"
    return server.report_failures, server.report_set_by


@dataclass(frozen=True, slots=True)
class Status:
    """Where the server's weekly report stands, as /report status shows it."""

    channel_id: int | None
    rule: Weekly
    local_time: str
    """The time of day as stored, e.g. "18:00"."""
    paused: bool
    paused_reason: str | None
    next_due_at: datetime
    retry_at: datetime | None
    """When a failed post is tried again; None when none failed."""
    last_at: datetime | None
    last_result: str | None


async def status(store: Store, guild_id: int, *, now: datetime) -> Status:
    """The server's report schedule and how its last post went."""

    def unit(session: Session) -> tuple[Server, Schedule | None]:
        return read_server(session, guild_id, now), reports.report_schedule(session, guild_id)

    server, row = await store.run(unit)
    if row is None:
        raise UserError("No weekly report here. Set one up with `/report setup`.")
    return Status(
        server.report_channel_id,
        schedules.rule_of(row),
        row.local_time,
        row.status == schedules.PAUSED,
        row.paused_reason,
        row.next_due_at,
        row.retry_at,
        server.report_last_at,
        server.report_last_result,
    )


async def check_report(store: Store, guild_id: int) -> None:
    """Refuses to stop a report the server does not have."""
    existing = await store.run(reports.report_schedule, guild_id)
    if existing is None:
        raise UserError("There is no weekly report here to stop. `/report setup` starts one.")


async def stop(store: Store, guild_id: int) -> None:
    """Delete the server's weekly report, if it still has one."""
    await store.run(_stop, guild_id)


def _stop(session: Session, guild_id: int) -> None:
    row = reports.report_schedule(session, guild_id)
    if row is not None:
        session.delete(row)


async def deleted_channels_untold(store: Store) -> set[int]:
    """The servers whose report is paused because its channel was deleted, where no
    moderator was told yet."""
    return await store.run(reports.servers_paused_for, CHANNEL_DELETED)


async def deleted_channel_to_tell(store: Store, guild_id: int) -> bool:
    """Whether the report is paused because its channel was deleted and no moderator was
    told yet; it counts as told from here on."""
    return await store.run(_deleted_channel_to_tell, guild_id)


def _deleted_channel_to_tell(session: Session, guild_id: int) -> bool:
    row = reports.report_schedule(session, guild_id)
    if row is None or row.paused_reason != CHANNEL_DELETED:
        return False
    row.paused_reason = DELETED_TOLD
    return True
