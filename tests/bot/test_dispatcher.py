"""The dispatcher after downtime: late within the grace period, skipped beyond it."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from bot.dispatcher import GRACE, Dispatcher, Handled
from coach.recurrence import Weekly, next_occurrence
from storage import schedules
from storage.store import Store
from storage.tables import Delivery, Person, Schedule

MONDAYS = Weekly(frozenset({0}), time(18), "America/New_York")
CREATED = datetime(2026, 3, 1, tzinfo=UTC)
DUE = datetime(2026, 3, 2, 23, tzinfo=UTC)  # Monday 18:00 EST
NEXT = datetime(2026, 3, 9, 22, tzinfo=UTC)  # Monday 18:00 EDT: DST began on 8 March


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


@pytest.fixture
async def store(tmp_path):
    store = Store(f"sqlite+aiosqlite:///{tmp_path / 'dispatch.db'}")
    await store.migrate()
    async with store.session() as session:
        session.add(Person(id=1, created_at=CREATED))
        await session.flush()
        await schedules.put_schedule(
            session, kind="legday", person_id=1, guild_id=None, rule=MONDAYS, now=CREATED
        )
    yield store
    await store.close()


async def run_at(store: Store, now: datetime, handler=None) -> list[datetime]:
    handled: list[datetime] = []

    async def record(due, _now):
        handled.append(due.due_at)
        return Handled("sent", sent=True)

    dispatcher = Dispatcher(store, FixedClock(now))
    dispatcher.register("legday", handler or record)
    await dispatcher.drain()
    return handled


async def state(store: Store) -> tuple[datetime, list[tuple[datetime, str]], str | None]:
    async with store.session() as session:
        row = (await session.execute(select(Schedule))).scalar_one()
        done = (await session.execute(select(Delivery).order_by(Delivery.due_at))).scalars()
        return row.next_due_at, [(d.due_at, d.outcome) for d in done], row.last_error


async def test_missed_by_less_than_the_grace_period_is_sent_once_late(store):
    late = DUE + GRACE - timedelta(minutes=1)
    assert await run_at(store, late) == [DUE]
    assert await run_at(store, late + timedelta(minutes=1)) == []
    assert await state(store) == (NEXT, [(DUE, "sent")], None)


async def test_after_long_downtime_nothing_old_is_sent_and_no_burst(store):
    back = DUE + timedelta(days=10)  # two Mondays missed
    assert await run_at(store, back) == []
    next_due, done, _ = await state(store)
    assert done == [(DUE, "missed")]
    assert next_due == next_occurrence(MONDAYS, back) > back


async def test_a_failing_handler_is_recorded_and_the_schedule_moves_on(store):
    async def broken(_due, _now):
        raise RuntimeError("boom")

    await run_at(store, DUE, broken)
    next_due, done, error = await state(store)
    assert (next_due, done, error) == (NEXT, [(DUE, "failed")], "RuntimeError: boom")
