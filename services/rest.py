"""Rest timers (/rest): how long a rest is, and the one-off schedule row that rings it.

A timer is a one-off schedule row of kind ``REST``, one per person: a new /rest replaces
the running one. The database holds when it ends; the dispatcher rings it (the cog
sends), so a restart loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy.orm import Session

from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.recurrence import Weekly
from coach.rest import read_rests, rest_for
from storage import logbook, schedules
from storage.custom_exercises import custom_exercises_of
from storage.people import get_person, read_person
from storage.store import Store
from storage.tables import Schedule

REST = "rest"
LATE = timedelta(minutes=5)
"""A timer that rings later than this (the bot was down) rings silently: the set is done."""
RECENT = timedelta(hours=3)
"""The last set logged within this long decides the rest's pattern."""
MORE = timedelta(seconds=30)
"""What +30 s adds to a running timer."""


@dataclass(frozen=True, slots=True)
class UsualRest:
    """The person's rest now, and the exercise it is for (None: nothing logged lately)."""

    seconds: int
    exercise: Exercise | None


def _usual_rest(session: Session, user_id: int, now: datetime) -> UsualRest:
    """The person's rest for the last exercise they logged, within ``RECENT``."""
    person = read_person(session, user_id, now)
    key = logbook.last_exercise_key(session, user_id, now - RECENT)
    custom = custom_exercises_of(session, user_id) if key else []
    exercise = load_catalog().by_key(custom).get(key or "")
    seconds = rest_for(exercise.pattern if exercise else None, read_rests(person.rest_seconds))
    return UsualRest(seconds, exercise)


def _rule(ends: datetime) -> Weekly:
    """A weekly rule the schedule table needs; a one-off never uses it (it is paused once
    rung), so any day and time will do: the end's own."""
    at = ends.astimezone(UTC)
    return Weekly(frozenset(range(7)), time(at.hour, at.minute), "UTC")


@dataclass(frozen=True, slots=True)
class Started:
    """A running timer: when it ends (for the bot to wake), how long it is, and the usual
    rest it took when no length was given."""

    ends: datetime
    seconds: int
    usual: UsualRest | None


async def start_timer(store: Store, user_id: int, seconds: int | None, *, now: datetime) -> Started:
    """Start (or restart) the person's timer for ``seconds``, or for their usual rest after
    what they last logged when None."""
    return await store.run(_start_timer, user_id, seconds, now)


def _start_timer(session: Session, user_id: int, seconds: int | None, now: datetime) -> Started:
    usual = None
    if seconds is None:
        usual = _usual_rest(session, user_id, now)
        seconds = usual.seconds
    ends = now + timedelta(seconds=seconds)
    get_person(session, user_id, now)  # the timer's row belongs to a person
    schedules.put_schedule(
        session,
        kind=REST,
        person_id=user_id,
        guild_id=None,
        rule=_rule(ends),
        now=now,
        due_at=ends,
    )
    return Started(ends, seconds, usual)


def _running(session: Session, person_id: int) -> Schedule | None:
    """The person's timer if it has not rung (nor been stopped) yet."""
    rows = schedules.schedules_of(session, person_id, [REST])
    return next((row for row in rows if row.status == schedules.PENDING), None)


async def add_time(store: Store, user_id: int) -> datetime | None:
    """``MORE`` on the person's running timer; returns its new end, None if it is over."""
    return await store.run(_add_time, user_id)


def _add_time(session: Session, user_id: int) -> datetime | None:
    row = _running(session, user_id)
    if row is None:
        return None
    ends = row.next_due_at + MORE
    schedules.reschedule(session, row, ends)
    return ends


async def stop_timer(store: Store, user_id: int) -> None:
    """Stop the person's running timer, if any."""
    await store.run(_stop_timer, user_id)


def _stop_timer(session: Session, user_id: int) -> None:
    row = _running(session, user_id)
    if row is not None:
        schedules.pause(session, row, schedules.BY_PERSON)


def rings(due_at: datetime, now: datetime) -> bool:
    """Whether a timer due at ``due_at`` still rings at ``now``: not once it is stale."""
    return now - due_at <= LATE
