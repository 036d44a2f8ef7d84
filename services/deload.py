"""Deloads a person logs (/deload): days of lighter training on purpose.

Days are the person's own: "today" is read in their time zone (UTC until they set one),
and a date like ``3/4`` in their date order (``/settings dates``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from coach.deload import Deload, deload_from
from coach.problems import UserError
from coach.when import WhenError
from coach.zones import stored_zone
from storage.deloads import add_deload, deloads_of, end_deloads
from storage.people import date_order_of, get_person, read_person
from storage.store import Store
from storage.tables import Person


def day_text(day: date) -> str:
    """``Tue 01 Dec``: how /deload names its days."""
    return f"{day:%a %d %b}"


def _today(person: Person, now: datetime) -> date:
    return now.astimezone(stored_zone(person.timezone)).date()


async def start(
    store: Store, user_id: int, start: str | None, days: int, *, now: datetime
) -> Deload:
    """Store a deload from ``start`` (as typed; None: today) for ``days`` days; one that
    would overlap a stored deload is refused, naming it, rather than logged again."""
    return await store.run(_start, user_id, start, days, now)


def _start(session: Session, user_id: int, start: str | None, days: int, now: datetime) -> Deload:
    person = read_person(session, user_id, now)
    today = _today(person, now)
    deload = deload_from(start, days, today, date_order_of(person.date_order))
    if isinstance(deload, WhenError):
        raise UserError(deload.message)  # nothing stored: the unit rolls back
    for other in deloads_of(session, user_id, deload.first_day):
        if other.first_day <= deload.last_day:
            raise UserError(_overlap_text(other, today))
    get_person(session, user_id, now)
    add_deload(session, user_id, deload, now)
    return deload


def _overlap_text(other: Deload, today: date) -> str:
    """Why a second deload is not logged, and the command that makes room for it."""
    span = f"You already have a deload from {day_text(other.first_day)} to "
    span += f"{day_text(other.last_day)}, so nothing changed"
    if other.covers(today):
        return f"{span}: `/deload end` ends it today, then `/deload start` starts a new one."
    after = other.last_day + timedelta(days=1)
    return f"{span}: start the new one after it, like `/deload start start:{after.isoformat()}`."


async def end(store: Store, user_id: int, *, now: datetime) -> date:
    """End the person's deload today; returns today, their first day of usual training."""

    def unit(session: Session) -> tuple[date, list[Deload]]:
        today = _today(read_person(session, user_id, now), now)
        return today, end_deloads(session, user_id, today)

    today, ended = await store.run(unit)
    if not ended:
        raise UserError("You have no deload going on today. Start one with `/deload start`.")
    return today
