"""Reminders (/reminder): leg-day nudges and a weekly check-in prompt, at local times.

One leg-day and one check-in reminder per person; setting one again changes it. When a
reminder is due is the dispatcher's job; whether a due leg-day nudge says anything at all
is decided here (``nudge``, ``held_back``): a safety finding that pauses reminders, or legs
trained since the last one, keeps it quiet. Wherever a leg-day reminder's next time is
shown, a safety pause that will hold it back is shown with it, by the same rule. The
buttons on a reminder snooze or skip one occurrence; the schedule itself carries on.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import Enum
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from coach.care import care_state
from coach.nudges import Nudge, Verdict, leg_day_nudge
from coach.problems import UserError
from coach.recurrence import Weekly, next_occurrence, previous_occurrence
from coach.training import CheckIn, TrainingSet
from storage import schedules
from storage.coach_data import checkins_of, profile_of, training_sets
from storage.people import get_server, read_person
from storage.schedules import Due
from storage.store import Store
from storage.tables import Person, Schedule

LEGDAY, CHECKIN = "legday", "checkin"
KINDS = (LEGDAY, CHECKIN)
Which = Literal["all", "legday", "checkin"]
SNOOZE = timedelta(hours=1)
HISTORY = timedelta(days=90)
_DMS_CLOSED = (schedules.DMS_CLOSED, schedules.DMS_CLOSED_TOLD)
_QUIET = (Verdict.SAFETY_PAUSE, Verdict.LEGS_DONE)


def kinds_of(which: Which) -> list[str]:
    """The kinds meant; "all" is every reminder, never another kind such as a rest timer."""
    return list(KINDS) if which == "all" else [which]


class State(Enum):
    """Where a reminder stands."""

    PAUSED_BY_PERSON = "paused by the person"
    DMS_CLOSED = "paused: DMs closed"
    PAUSED = "paused"
    RETRYING = "failed to send, retrying"
    SAFETY_HOLD = "held back while a check-in's safety finding stands"
    WAITING = "waiting for its next time"


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder as it was read: a copy, so that changing the row leaves it as it was."""

    id: int
    kind: str
    rule: Weekly
    local_time: str
    """The time of day as stored, e.g. "18:00"."""
    state: State
    error: str | None
    """Why its last send failed (for DMs closed: which way out failed)."""
    next_due_at: datetime
    retry_at: datetime | None


def _state(row: Schedule, checkins: list[CheckIn]) -> State:
    if row.status == schedules.PAUSED and row.paused_reason == schedules.BY_PERSON:
        return State.PAUSED_BY_PERSON
    if row.status == schedules.PAUSED and row.paused_reason in _DMS_CLOSED:
        return State.DMS_CLOSED
    if row.status == schedules.PAUSED:
        return State.PAUSED
    if row.retry_at is not None:
        return State.RETRYING
    if _held_for_safety(row, checkins):
        return State.SAFETY_HOLD
    return State.WAITING


def _held_for_safety(row: Schedule, checkins: list[CheckIn]) -> bool:
    """Whether a leg-day reminder's next time will be held back for safety, by the rule
    ``leg_day_nudge`` applies when it is due, judged from the check-ins given so far."""
    return row.kind == LEGDAY and care_state(checkins, row.next_due_at).pauses_reminders


def _reminder(row: Schedule, checkins: list[CheckIn]) -> Reminder:
    if row.id is None:
        raise ValueError("a schedule read from the database has an id")
    return Reminder(
        row.id,
        row.kind,
        schedules.rule_of(row),
        row.local_time,
        _state(row, checkins),
        row.last_error,
        row.next_due_at,
        row.retry_at,
    )


@dataclass(frozen=True, slots=True)
class NewReminder:
    """A reminder set: its rule, when it comes first, and the one it replaced, if any."""

    rule: Weekly
    next_due_at: datetime
    replaced: Reminder | None
    held_for_safety: bool
    """Its first time will be held back: a check-in's safety finding stands."""


async def set_reminder(
    store: Store,
    person_id: int,
    guild_id: int | None,
    kind: str,
    days: frozenset[int],
    at: time,
    *,
    now: datetime,
) -> NewReminder:
    """Set the person's reminder of ``kind`` (replacing theirs), at their local time."""
    return await store.run(_put_reminder, person_id, guild_id, kind, days, at, now)


def _put_reminder(
    session: Session,
    person_id: int,
    guild_id: int | None,
    kind: str,
    days: frozenset[int],
    at: time,
    now: datetime,
) -> NewReminder:
    zone = read_person(session, person_id, now).timezone
    if zone is None:
        raise UserError(
            "Set your time zone first so reminders come at your local time: "
            "`/settings timezone Europe/Berlin`."
        )
    rule = Weekly(days, at, zone)
    if kind == CHECKIN and len(rule.weekdays) != 1:
        raise UserError("The check-in is weekly: give one day, e.g. `day:sun`.")
    # One reminder of each kind: setting it again replaces the old one, and says so.
    old = schedules.schedules_of(session, person_id, [kind])
    answers = checkins_of(session, person_id, now)
    replaced = _reminder(old[0], answers) if old else None
    row = schedules.put_schedule(
        session, kind=kind, person_id=person_id, guild_id=guild_id, rule=rule, now=now
    )
    return NewReminder(rule, row.next_due_at, replaced, _held_for_safety(row, answers))


def _reminders(
    session: Session, person_id: int, rows: list[Schedule], now: datetime
) -> list[Reminder]:
    answers = checkins_of(session, person_id, now) if rows else []
    return [_reminder(row, answers) for row in rows]


def _mine(session: Session, person_id: int, which: Which, now: datetime) -> list[Reminder]:
    rows = schedules.schedules_of(session, person_id, kinds_of(which))
    return _reminders(session, person_id, rows, now)


async def listed(store: Store, person_id: int, *, now: datetime) -> list[Reminder]:
    """All the person's reminders."""
    found = await store.run(_mine, person_id, "all", now)
    if not found:
        raise UserError("You have no reminders. Set one: `/reminder legday mon,thu 18:00`.")
    return found


async def pause(store: Store, person_id: int, which: Which) -> int:
    """Pause the person's reminders of ``which``; returns how many."""
    rows = await store.run(_pause, person_id, which)
    if not rows:
        raise UserError("You have no reminders to pause.")
    return len(rows)


def _pause(session: Session, person_id: int, which: Which) -> list[Schedule]:
    rows = schedules.schedules_of(session, person_id, kinds_of(which))
    for row in rows:
        schedules.pause(session, row, schedules.BY_PERSON)
    return rows


async def resume(store: Store, person_id: int, which: Which, *, now: datetime) -> list[Reminder]:
    """Resume the person's paused reminders of ``which``, from their next time after now."""
    found = await store.run(_resume, person_id, which, now)
    if not found:
        raise UserError("Nothing is paused. `/reminder list` shows your reminders.")
    return found


def _resume(session: Session, person_id: int, which: Which, now: datetime) -> list[Reminder]:
    rows = [
        row
        for row in schedules.schedules_of(session, person_id, kinds_of(which))
        if row.status == schedules.PAUSED
    ]
    for row in rows:
        schedules.resume(session, row, now)
    return _reminders(session, person_id, rows, now)


async def to_delete(store: Store, person_id: int, which: Which, *, now: datetime) -> list[Reminder]:
    """The person's reminders of ``which``, to confirm deleting them."""
    found = await store.run(_mine, person_id, which, now)
    if not found:
        raise UserError("You have no reminders to delete.")
    return found


async def delete(store: Store, person_id: int, ids: Collection[int]) -> None:
    """Delete those of the person's reminders that are among ``ids``."""
    await store.run(_delete, person_id, ids)


def _delete(session: Session, person_id: int, ids: Collection[int]) -> None:
    for row in schedules.schedules_of(session, person_id, list(KINDS)):
        if row.id in ids:
            session.delete(row)


async def set_channel(store: Store, guild_id: int, channel_id: int, *, now: datetime) -> None:
    """The server's channel for reminders of people whose DMs are closed."""
    await store.run(_set_channel, guild_id, channel_id, now)


def _set_channel(session: Session, guild_id: int, channel_id: int, now: datetime) -> None:
    server = get_server(session, guild_id, now)
    server.reminder_channel_id = channel_id


def dms_closed(pause_reason: str | None) -> bool:
    """Whether a send paused its reminder because the person's DMs are closed: they are
    told so, once, at their next command."""
    return pause_reason == schedules.DMS_CLOSED


async def untold(store: Store) -> set[int]:
    """Everyone with a reminder paused for closed DMs who was not told yet."""
    return await store.run(schedules.people_untold_dms_closed)


async def tell_dms_closed(store: Store, person_id: int) -> bool:
    """Marks the person's reminders paused for closed DMs as told; whether there were any."""
    return await store.run(_tell_dms_closed, person_id)


def _tell_dms_closed(session: Session, person_id: int) -> bool:
    rows = schedules.untold_dms_closed(session, person_id)
    for row in rows:
        row.paused_reason = schedules.DMS_CLOSED_TOLD
    return bool(rows)


def person_of(due: Due) -> int:
    """Whose reminder this is."""
    if due.person_id is None:
        raise ValueError(f"{due.kind} schedule {due.schedule_id} has no person")
    return due.person_id


async def nudge(store: Store, due: Due, *, now: datetime) -> Nudge:
    """What a due leg-day reminder says, judged from the person's sets and check-ins."""
    person_id = person_of(due)
    person, sets, answers = await store.run(_nudge_data, person_id, due.schedule_id, now)
    return leg_day_nudge(
        sets,
        answers,
        profile_of(person),
        since=previous_occurrence(due.rule, due.due_at),
        as_of=now,
        tz=ZoneInfo(due.rule.zone),
    )


def _nudge_data(
    session: Session, person_id: int, schedule_id: int, now: datetime
) -> tuple[Person, list[TrainingSet], list[CheckIn]]:
    person = session.get(Person, person_id)
    if person is None:  # deleting a person deletes their schedules, so only a race
        raise LookupError(f"person {person_id} of schedule {schedule_id} is gone")
    sets = training_sets(session, person_id, now - HISTORY)
    answers = checkins_of(session, person_id, now)
    return person, sets, answers


def held_back(nudge: Nudge) -> bool:
    """Whether the nudge stays unsent: a safety pause, or legs trained since the last one."""
    return nudge.verdict in _QUIET


async def check_owner(store: Store, schedule_id: int, person_id: int) -> None:
    """Refuses a reminder's button to anyone but its owner, and once it is deleted."""
    await store.run(_owned, schedule_id, person_id)


def _owned(session: Session, schedule_id: int, person_id: int) -> Schedule:
    row = session.get(Schedule, schedule_id)
    if row is None or row.person_id != person_id:
        raise UserError(
            "This reminder isn't yours, or was deleted. Set your own with `/reminder legday`."
        )
    return row


async def snooze(
    store: Store, schedule_id: int, person_id: int, due_at: datetime, *, now: datetime
) -> datetime:
    """Remind again in ``SNOOZE`` (no later than the next occurrence); returns when. Only
    the owner can, and only the latest occurrence of an active reminder."""
    return await store.run(_snooze, schedule_id, person_id, due_at, now)


def _snooze(
    session: Session, schedule_id: int, person_id: int, due_at: datetime, now: datetime
) -> datetime:
    row = _owned(session, schedule_id, person_id)
    latest = schedules.latest_delivery(session, schedule_id)
    if row.status != schedules.PENDING or latest != due_at:
        raise UserError("Only the latest active reminder can be snoozed. See `/reminder list`.")
    again = min(row.next_due_at, now + SNOOZE)
    schedules.reschedule(session, row, again)
    return again


@dataclass(frozen=True, slots=True)
class Skipped:
    passed: bool
    """A later occurrence has come round since: nothing was left to skip."""
    next_due_at: datetime | None
    """The reminder's next time; None when it is not active."""
    held_for_safety: bool = False
    """That next time will be held back: a check-in's safety finding stands."""


async def skip(
    store: Store, schedule_id: int, person_id: int, due_at: datetime, *, now: datetime
) -> Skipped:
    """Skip the occurrence due at ``due_at``, dropping any snooze of it; the regular
    schedule carries on. Only the owner can."""
    return await store.run(_skip, schedule_id, person_id, due_at, now)


def _skip(
    session: Session, schedule_id: int, person_id: int, due_at: datetime, now: datetime
) -> Skipped:
    row = _owned(session, schedule_id, person_id)
    if row.status != schedules.PENDING:
        return Skipped(passed=False, next_due_at=None)
    following = next_occurrence(schedules.rule_of(row), due_at)
    # A later occurrence has come round: skipping would move that one.
    passed = following <= now
    if not passed:
        schedules.reschedule(session, row, max(row.next_due_at, following))
    held = _held_for_safety(row, checkins_of(session, person_id, now))
    return Skipped(passed, row.next_due_at, held)
