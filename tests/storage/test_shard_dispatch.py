"""Dispatchers split by shard range on one database: every occurrence is handled once, by
the process running its server's shard (shard 0 for schedules set in DMs), however many
processes run and whenever more are added."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.dispatcher import Dispatcher, Handled
from coach.recurrence import Weekly, next_occurrence
from storage import schedules
from storage.schedules import shard_of
from storage.store import Store
from storage.tables import Delivery, Person

START = datetime(2026, 3, 2, 12, tzinfo=UTC)
DAILY = Weekly(frozenset(range(7)), time(18), "UTC")
SHARDS = 4
PEOPLE = 40


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


def guild_on(shard: int, n: int) -> int:
    """A server id on ``shard`` of ``SHARDS`` (its top bits are a timestamp)."""
    return ((1000 + n) * SHARDS + shard) << 22


async def add_schedules(store: Store) -> dict[int, int]:
    """Personal schedules spread over every shard, a tenth set in DMs; their shard by id."""

    def unit(session: Session) -> dict[int, int]:
        shard_by_id: dict[int, int] = {}
        session.add_all(Person(id=person, created_at=START) for person in range(1, PEOPLE + 1))
        session.flush()
        for person in range(1, PEOPLE + 1):
            guild = None if person % 10 == 0 else guild_on(person % SHARDS, person)
            row = schedules.put_schedule(
                session, kind="legday", person_id=person, guild_id=guild, rule=DAILY, now=START
            )
            assert row.id is not None
            shard_by_id[row.id] = shard_of(guild, SHARDS)
        return shard_by_id

    return await store.run(unit)


async def drain_all(store: Store, ranges: list[list[int]], now: datetime) -> list[tuple[int, int]]:
    """One dispatcher per shard range, draining at once; (schedule, range index) handled."""
    handled: list[tuple[int, int]] = []

    def handler_for(index: int):
        async def handle(due, _now):
            handled.append((due.schedule_id, index))
            await asyncio.sleep(0)  # let the others claim meanwhile
            return Handled("sent", sent=True)

        return handle

    dispatchers = []
    for index, shard_ids in enumerate(ranges):
        dispatcher = Dispatcher(
            store, FixedClock(now), shard_count=SHARDS, shard_ids=shard_ids, batch=5
        )
        dispatcher.register("legday", handler_for(index))
        dispatchers.append(dispatcher)
    await asyncio.gather(*(d.drain() for d in dispatchers))
    return handled


async def test_adding_processes_splits_the_work_and_never_sends_twice(store):
    shard_by_id = await add_schedules(store)
    first_due = next_occurrence(DAILY, START)
    layouts = [[[0, 1, 2, 3]], [[0, 1], [2, 3]], [[0], [1], [2], [3]]]

    for day, ranges in enumerate(layouts):
        handled = await drain_all(store, ranges, first_due + timedelta(days=day, minutes=1))

        assert sorted(schedule for schedule, _ in handled) == sorted(shard_by_id)
        for schedule, index in handled:
            assert shard_by_id[schedule] in ranges[index]
        assert set(Counter(index for _, index in handled)) == set(range(len(ranges)))

    def unit(session: Session) -> list[int]:
        per_occurrence = session.execute(
            select(Delivery.schedule_id, Delivery.due_at, func.count()).group_by(
                Delivery.schedule_id, Delivery.due_at
            )
        )
        return [count for _, _, count in per_occurrence]

    counts = await store.run(unit)
    assert len(counts) == 3 * PEOPLE
    assert set(counts) == {1}


async def test_a_process_leaves_other_shards_alone_even_when_they_are_overdue(store):
    shard_by_id = await add_schedules(store)
    due = next_occurrence(DAILY, START)

    handled = await drain_all(store, [[1]], due + timedelta(minutes=30))

    assert {schedule for schedule, _ in handled} == {
        schedule for schedule, shard in shard_by_id.items() if shard == 1
    }
