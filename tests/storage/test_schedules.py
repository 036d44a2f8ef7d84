"""Claiming and recording schedules on SQLite and PostgreSQL: once per occurrence, always."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coach.recurrence import Weekly, next_occurrence
from storage import schedules
from storage.schedules import Finished
from storage.store import Store
from storage.tables import Delivery, Person, Schedule
from tests.db import add, every, get

START = datetime(2026, 3, 2, 12, tzinfo=UTC)  # a Monday
DAILY = Weekly(frozenset(range(7)), time(18), "Europe/Berlin")
DUE = next_occurrence(DAILY, START)  # 17:00 UTC that day
KINDS = {"legday"}
LEASE = timedelta(minutes=5)
SHARD_ON_1 = 1 << 22  # (id >> 22) % 2 == 1


async def add_people_and_schedules(store: Store, count: int, **columns: int | None) -> list[int]:

    def unit(session: Session) -> list[Schedule]:
        session.add_all(Person(id=1000 + i, created_at=START) for i in range(count))
        session.flush()
        return [
            schedules.put_schedule(
                session,
                kind="legday",
                person_id=columns.get("person_id", 1000 + i),
                guild_id=columns.get("guild_id"),
                rule=DAILY,
                now=START,
            )
            for i in range(count)
        ]

    rows = await store.run(unit)
    return [row.id for row in rows if row.id is not None]


def sent(due: schedules.Due, now: datetime) -> Finished:
    return Finished(due.schedule_id, due.due_at, "sent", next_occurrence(due.rule, now), sent=True)


async def claim(store: Store, owner: str, now: datetime, limit: int = 50, lease=LEASE, **shards):
    return await store.run(
        schedules.claim, owner=owner, now=now, lease=lease, limit=limit, kinds=KINDS, **shards
    )


async def finish(store: Store, owner: str, done: list[Finished], now: datetime) -> list[int]:
    return await store.run(schedules.finish, owner=owner, done=done, now=now)


async def deliveries(store: Store) -> list[Delivery]:
    return await every(store, select(Delivery))


async def test_a_schedule_is_claimed_when_due_and_recorded_once(store):
    [schedule_id] = await add_people_and_schedules(store, 1)

    assert await claim(store, "a", DUE - timedelta(seconds=1)) == []
    [due] = await claim(store, "a", DUE)
    assert (due.schedule_id, due.due_at, due.person_id) == (schedule_id, DUE, 1000)
    assert await claim(store, "b", DUE + timedelta(minutes=1)) == []  # leased to a

    assert await finish(store, "a", [sent(due, DUE)], DUE) == [schedule_id]
    row = await get(store, Schedule, schedule_id)
    assert row is not None
    assert (row.status, row.lease_owner, row.last_sent_at) == ("pending", None, DUE)
    assert row.next_due_at == DUE + timedelta(days=1)
    [delivery] = await deliveries(store)
    assert (delivery.schedule_id, delivery.due_at, delivery.outcome) == (schedule_id, DUE, "sent")


async def test_one_occurrence_is_never_recorded_twice(store):
    await add_people_and_schedules(store, 1)
    [due] = await claim(store, "a", DUE)
    await finish(store, "a", [sent(due, DUE)], DUE)

    # Forge a second claim of the same occurrence, as a bug or a clock jump might.
    def forge(session: Session) -> None:
        row = session.get(Schedule, due.schedule_id)
        assert row is not None
        row.status, row.lease_owner, row.next_due_at = "claimed", "b", DUE

    await store.run(forge)

    assert await finish(store, "b", [sent(due, DUE)], DUE) == []
    assert len(await deliveries(store)) == 1


async def test_several_claimers_at_once_deliver_each_occurrence_once(backend_url, store):
    await add_people_and_schedules(store, 300)
    stores = [Store(backend_url) for _ in range(6)]
    handed: Counter[tuple[int, datetime]] = Counter()

    async def dispatcher(index: int, worker: Store) -> None:
        owner = f"dispatcher-{index}"
        while claimed := await claim(worker, owner, DUE, limit=20):
            handed.update((due.schedule_id, due.due_at) for due in claimed)
            await asyncio.sleep(0)  # let the others interleave between claim and mark
            await finish(worker, owner, [sent(due, DUE) for due in claimed], DUE)

    try:
        await asyncio.gather(*(dispatcher(i, worker) for i, worker in enumerate(stores)))
    finally:
        for worker in stores:
            await worker.close()

    assert len(handed) == 300
    assert set(handed.values()) == {1}
    assert len(await deliveries(store)) == 300


async def test_a_dispatcher_killed_between_claim_and_mark(store):
    [schedule_id] = await add_people_and_schedules(store, 1)
    short = timedelta(seconds=0.4)
    [lost] = await claim(store, "killed", DUE, lease=short)  # ...and it never marks it

    assert await claim(store, "survivor", DUE) == []
    await asyncio.sleep(0.5)  # leases run in the database's time
    [due] = await claim(store, "survivor", DUE)
    assert (due.schedule_id, due.due_at) == (schedule_id, DUE)
    assert await finish(store, "survivor", [sent(due, DUE)], DUE) == [schedule_id]
    # The killed one comes back to life and tries to mark its stale claim: ignored.
    assert await finish(store, "killed", [sent(lost, DUE)], DUE) == []

    assert [(d.schedule_id, d.due_at) for d in await deliveries(store)] == [(schedule_id, DUE)]
    assert await claim(store, "survivor", DUE + LEASE) == []


async def test_a_clock_far_ahead_cannot_take_a_live_lease(store):
    await add_people_and_schedules(store, 1)
    [held] = await claim(store, "a", DUE)

    for ahead in (timedelta(minutes=10), timedelta(days=1)):
        assert await claim(store, "skewed", DUE + ahead) == []
    wake = await store.run(schedules.next_wake, now=DUE, kinds=KINDS)
    # When the lease lapses, told in the caller's own clock: about a lease from now.
    assert wake is not None
    assert DUE + LEASE - timedelta(seconds=30) < wake <= DUE + LEASE
    assert await finish(store, "a", [sent(held, DUE)], DUE) == [held.schedule_id]


async def test_renewing_keeps_a_slow_send_from_being_taken(store):
    [schedule_id, other_id] = await add_people_and_schedules(store, 2)
    short = timedelta(seconds=0.4)
    claimed = await claim(store, "slow", DUE, lease=short)

    def pause_other(session: Session) -> None:
        row = session.get(Schedule, other_id)
        assert row is not None
        schedules.pause(session, row, schedules.BY_PERSON)

    await store.run(pause_other)

    for _ in range(4):  # a send of about a second, three leases long
        await asyncio.sleep(0.25)
        held = await store.run(
            schedules.renew, owner="slow", ids={d.schedule_id for d in claimed}, lease=short
        )
        assert held == {schedule_id}  # the paused one is no longer ours to send
        assert await claim(store, "other", DUE) == []

    await asyncio.sleep(0.5)  # the slow one died: now its row is due again
    assert [d.schedule_id for d in await claim(store, "other", DUE)] == [schedule_id]


async def test_a_retried_occurrence_keeps_its_due_time_and_is_recorded_once(store):
    [schedule_id] = await add_people_and_schedules(store, 1)
    [_due] = await claim(store, "a", DUE)
    again = DUE + timedelta(minutes=1)
    failing = Finished(
        schedule_id, DUE, "failed", DUE + timedelta(days=1), attempts=3, retry_at=again
    )
    assert await finish(store, "a", [failing], DUE) == []
    assert await deliveries(store) == []

    assert await claim(store, "a", again - timedelta(seconds=1)) == []
    [retry] = await claim(store, "a", again)
    assert (retry.due_at, retry.attempts) == (DUE, 3)
    assert await finish(store, "a", [sent(retry, again)], again) == [schedule_id]
    assert [(d.due_at, d.outcome) for d in await deliveries(store)] == [(DUE, "sent")]
    [fresh] = await claim(store, "a", DUE + timedelta(days=1))
    assert (fresh.due_at, fresh.attempts) == (DUE + timedelta(days=1), 0)


async def test_one_schedule_per_person_and_server_even_when_set_at_once(backend_url, store):
    await add(store, Person(id=7, created_at=START))
    stores = [Store(backend_url) for _ in range(4)]

    async def put(worker: Store, person_id: int | None, hour: int) -> None:
        await worker.run(
            schedules.put_schedule,
            kind="legday" if person_id else "report",
            person_id=person_id,
            guild_id=SHARD_ON_1,
            rule=Weekly(DAILY.weekdays, time(hour), DAILY.zone),
            now=START,
        )

    try:
        await asyncio.gather(
            *(
                put(worker, person, 18 + i)
                for i, worker in enumerate(stores)
                for person in (7, None)
            )
        )
    finally:
        for worker in stores:
            await worker.close()

    rows = await every(store, select(Schedule))
    assert sorted((row.kind, row.person_id) for row in rows) == [("legday", 7), ("report", None)]


async def test_each_schedule_is_claimed_only_by_the_process_of_its_shard(store):
    # Personal ones set in a server on each shard, and in DMs (shard 0, as Discord routes
    # DMs); a server's own on each shard.
    set_in = {1: SHARD_ON_1 * 2, 2: SHARD_ON_1 * 2, 3: SHARD_ON_1 * 3, 4: SHARD_ON_1 * 3, 5: None}

    def unit(session: Session) -> tuple[dict[int, Schedule], list[Schedule]]:
        session.add_all(Person(id=person, created_at=START) for person in set_in)
        session.flush()
        personal = {
            person: schedules.put_schedule(
                session, kind="legday", person_id=person, guild_id=guild, rule=DAILY, now=START
            )
            for person, guild in set_in.items()
        }
        server_rows = [
            schedules.put_schedule(
                session, kind="legday", person_id=None, guild_id=guild, rule=DAILY, now=START
            )
            for guild in (SHARD_ON_1 * 2, SHARD_ON_1 * 3)  # shard 0, shard 1
        ]
        return personal, server_rows

    personal, server_rows = await store.run(unit)
    on_0, on_1 = [personal[1].id, personal[2].id], [personal[3].id, personal[4].id]
    by_dm = personal[5]
    shard_one = {"shard_count": 2, "shard_ids": [1]}
    shard_zero = {"shard_count": 2, "shard_ids": [0]}

    first = await claim(store, "shard-1", DUE, **shard_one)
    second = await claim(store, "shard-0", DUE, **shard_zero)

    assert {d.schedule_id for d in first} == {*on_1, server_rows[1].id}
    assert {d.schedule_id for d in second} == {*on_0, by_dm.id, server_rows[0].id}
    wake = await store.run(schedules.next_wake, now=DUE, kinds=KINDS, **shard_zero)
    assert wake is not None
    assert DUE < wake <= DUE + LEASE  # only its own leases, lapsing


async def test_a_process_running_every_shard_claims_everything(store):
    await add_people_and_schedules(store, 3, guild_id=SHARD_ON_1)
    every_shard = {"shard_count": 2, "shard_ids": [0, 1]}
    assert len(await claim(store, "all", DUE, **every_shard)) == 3


async def test_a_schedule_paused_while_sending_stays_paused(store):
    [schedule_id] = await add_people_and_schedules(store, 1)
    [due] = await claim(store, "a", DUE)

    def pause_it(session: Session) -> None:
        row = session.get(Schedule, schedule_id)
        assert row is not None
        schedules.pause(session, row, schedules.BY_PERSON)

    await store.run(pause_it)

    assert await finish(store, "a", [sent(due, DUE)], DUE) == []

    def check(session: Session) -> None:
        row = session.get(Schedule, schedule_id)
        assert row is not None
        assert (row.status, row.paused_reason) == ("paused", "person")
        assert schedules.next_wake(session, now=DUE, kinds=KINDS) is None

    await store.run(check)


async def test_other_kinds_are_left_to_processes_that_handle_them(store):
    await add_people_and_schedules(store, 1)
    claimed = await store.run(
        schedules.claim, owner="a", now=DUE, lease=LEASE, limit=10, kinds={"report"}
    )
    assert claimed == []

    def check(session: Session) -> None:
        assert schedules.next_wake(session, now=DUE, kinds={"report"}) is None
        count = session.execute(select(func.count()).select_from(Schedule))
        assert count.scalar_one() == 1

    await store.run(check)


async def test_a_move_to_another_zone_keeps_the_local_time_a_skip_and_a_pause(store):
    [skipped, paused] = await add_people_and_schedules(store, 2)
    next_week = DUE + timedelta(days=7)

    def unit(session: Session) -> list[tuple[str, datetime]]:
        row = session.get(Schedule, skipped)
        schedules.reschedule(session, row, next_week)  # a skip
        row.attempts, row.retry_at = 2, DUE + timedelta(minutes=10)  # and a retry pending
        schedules.pause(session, session.get(Schedule, paused), schedules.BY_PERSON)
        moved = [
            *schedules.move_to_zone(session, 1000, KINDS, "America/New_York", START),
            *schedules.move_to_zone(session, 1001, KINDS, "America/New_York", START),
        ]
        return [(row.timezone, row.next_due_at) for row in moved]

    [(zone, due), (paused_zone, paused_due)] = await store.run(unit)
    # Monday 9 March 18:00 in New York (EDT since the 8th), the day the skip left it on.
    assert (zone, due) == ("America/New_York", datetime(2026, 3, 9, 22, tzinfo=UTC))
    assert (paused_zone, paused_due) == ("America/New_York", DUE)  # resumes from its next
    # The old time's retry does not send the moved occurrence early.
    row = await get(store, Schedule, skipped)
    assert (row.attempts, row.retry_at) == (0, None)
