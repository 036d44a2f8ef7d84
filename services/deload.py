"""Deloads a person logs (/deload): days of lighter training on purpose.

Days are the person's own: "today" is read in their time zone (UTC until they set one).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from coach.deload import Deload, deload_from
from coach.problems import UserError
from coach.when import WhenError
from coach.zones import stored_zone
from storage.deloads import add_deload, end_deloads
from storage.people import get_person, read_person
from storage.store import Store


async def _today(session: AsyncSession, user_id: int, now: datetime) -> date:
    person = await read_person(session, user_id, now)
    return now.astimezone(stored_zone(person.timezone)).date()


async def start(
    store: Store, user_id: int, start: str | None, days: int, *, now: datetime
) -> Deload:
    """Store a deload from ``start`` (as typed; None: today) for ``days`` days."""
    async with store.session() as session:
        today = await _today(session, user_id, now)
        deload = deload_from(start, days, today)
        if isinstance(deload, WhenError):
            raise UserError(deload.message)  # nothing stored: the block rolls back
        await get_person(session, user_id, now)
        await add_deload(session, user_id, deload, now)
    return deload


async def end(store: Store, user_id: int, *, now: datetime) -> date:
    """End the person's deload today; returns today, their first day of usual training."""
    async with store.session() as session:
        today = await _today(session, user_id, now)
        ended = await end_deloads(session, user_id, today)
    if not ended:
        raise UserError("You have no deload going on today. Start one with `/deload start`.")
    return today
