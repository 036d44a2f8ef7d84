"""The dispatcher after downtime (late within the grace period, skipped beyond it), under
slow sends, and retrying passing failures."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import dispatcher as dispatcher_module
from bot.dispatcher import GRACE, ONCE_DONE, Dispatcher, Handled, retry_time
from coach.recurrence import Weekly, next_occurrence
from storage import schedules
from storage.store import Store
from storage.tables import Delivery, Person, Schedule
from tests.db import every

MONDAYS = Weekly(frozenset({0}), time(18), "America/New_York")
CREATED = datetime(2026, 3, 1, tzinfo=UTC)
DUE = datetime(2026, 3, 2, 23, tzinfo=UTC)  # Monday 18:00 EST
NEXT = datetime(2026, 3, 9, 22, tzinfo=UTC)  # Monday 18:00 EDT: DST began on 8 March


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


def people_on_mondays(session: Session, people: tuple[int, ...]) -> None:
    """These people, each with a Monday reminder set in DMs."""
    session.add_all(Person(id=i, created_at=CREATED) for i in people)
    session.flush()
    for person in people:
        schedules.put_schedule(
            session, kind="legday", person_id=person, guild_id=None, rule=MONDAYS, now=CREATED
        )


@pytest.fixture
async def store(database_url):
    store = Store(database_url)
    await store.run(people_on_mondays, (1,))
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

    def unit(session: Session) -> tuple[datetime, list[tuple[datetime, str]], str | None]:
        row = session.execute(select(Schedule)).scalar_one()
        done = session.execute(select(Delivery).order_by(Delivery.due_at)).scalars()
        return row.next_due_at, [(d.due_at, d.outcome) for d in done], row.last_error

    return await store.run(unit)


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


async def test_a_kind_with_a_longer_grace_is_still_sent_when_hours_late(store):
    late = DUE + GRACE + timedelta(hours=3)
    handled: list[datetime] = []

    async def record(due, _now):
        handled.append(due.due_at)
        return Handled("sent", sent=True)

    dispatcher = Dispatcher(store, FixedClock(late))
    dispatcher.register("legday", record, grace=timedelta(days=7))
    await dispatcher.drain()

    assert handled == [DUE]
    assert (await state(store))[1] == [(DUE, "sent")]


async def test_a_handler_may_set_the_next_due_time_or_finish_the_schedule(store):
    later = DUE + timedelta(days=3, hours=5)

    async def until_later(_due, _now):
        return Handled("sent", sent=True, next_due_at=later)

    assert await run_at(store, DUE, until_later) == []
    assert (await state(store))[0] == later

    async def last(_due, _now):
        return Handled("sent", sent=True, done=True)

    await run_at(store, later, last)
    row = await store.run(lambda session: session.execute(select(Schedule)).scalar_one())
    assert row.status == schedules.DONE
    # Finished for good: a year on, nothing of it is due.
    assert await run_at(store, later + timedelta(days=365)) == []


@pytest.mark.parametrize("back", [DUE + timedelta(minutes=1), DUE + timedelta(days=10)])
async def test_a_one_off_is_done_once_handled_or_missed(store, back):
    """A one-off kind (a rest timer) is paused after its occurrence, sent or missed."""
    dispatcher = Dispatcher(store, FixedClock(back))
    handled: list[datetime] = []

    async def record(due, _now):
        handled.append(due.due_at)
        return Handled("sent", sent=True)

    dispatcher.register("legday", record, once=True)
    await dispatcher.drain()
    dispatcher.clock = FixedClock(NEXT + timedelta(days=30))
    await dispatcher.drain()

    row = await store.run(lambda session: session.execute(select(Schedule)).scalar_one())
    assert (row.status, row.paused_reason) == (schedules.PAUSED, ONCE_DONE)
    assert handled == ([DUE] if back < DUE + GRACE else [])


async def test_a_failing_handler_is_recorded_and_the_schedule_moves_on(store):
    async def broken(_due, _now):
        raise RuntimeError("boom")

    await run_at(store, DUE, broken)
    next_due, done, error = await state(store)
    assert (next_due, done, error) == (NEXT, [(DUE, "failed")], "RuntimeError: boom")


async def test_a_send_slower_than_the_lease_is_not_taken_by_another_dispatcher(database_url):
    url = database_url
    setup = Store(url)
    await setup.run(people_on_mondays, (1, 2))
    await setup.close()
    handed: list[int] = []
    sent: list[int] = []

    async def slow(due, _now):
        handed.append(due.schedule_id)
        await asyncio.sleep(2.1)  # over twice the lease: only renewal keeps it ours
        sent.append(due.schedule_id)
        return Handled("sent", sent=True)

    # Three, taking a row at a time: two send at once while the third, idle, keeps trying
    # to take their rows (the two slow sends overlap, so the test waits for one, not two).
    stores = [Store(url) for _ in range(3)]
    dispatchers = [
        # A second: longer than a busy machine (tests run on every core) stalls a process.
        Dispatcher(store, FixedClock(DUE), owner=f"d{i}", lease=timedelta(seconds=1.0), batch=1)
        for i, store in enumerate(stores)
    ]
    for dispatcher in dispatchers:
        dispatcher.register("legday", slow)

    async def keep_draining(dispatcher: Dispatcher) -> None:
        # Wake-ups all along, and for a while after both are sent: chances to take a row.
        for _ in range(6):
            while len(sent) < 2:
                await dispatcher.drain()
                await asyncio.sleep(0.05)
            await dispatcher.drain()
            await asyncio.sleep(0.05)

    try:
        # Without renewal the idle one would take both rows once their leases lapsed.
        await asyncio.wait_for(asyncio.gather(*map(keep_draining, dispatchers)), timeout=30)
    finally:
        for store in stores:
            await store.close()

    assert sorted(handed) == [1, 2]


@pytest.mark.parametrize(("slow_on", "claims"), [(None, [[1, 2, 3]]), (1, [[1, 2, 3], [2, 3]])])
async def test_after_a_slow_send_the_rest_of_the_batch_is_given_back(
    database_url, monkeypatch, slow_on, claims
):
    """Other processes may take what is left instead of waiting behind a slow send: the
    rows go back to the table, to be claimed afresh by whichever dispatcher asks first."""
    monkeypatch.setattr(dispatcher_module, "SLOW_SEND_SECONDS", 0.05)
    store = Store(database_url)
    await store.run(people_on_mondays, (1, 2, 3))
    claimed: list[list[int]] = []
    sent: list[int] = []

    class Claims:
        def claimed(self, batch):
            claimed.append(sorted(due.schedule_id for due in batch))

        def finished(self, due, finished, now):
            pass

    async def send(due, _now):
        if due.schedule_id == slow_on:
            await asyncio.sleep(0.1)
        sent.append(due.schedule_id)
        return Handled("sent", sent=True)

    dispatcher = Dispatcher(store, FixedClock(DUE), batch=3, observer=Claims())
    dispatcher.register("legday", send)
    try:
        await dispatcher.drain()
        done = await every(store, select(Delivery.schedule_id))
    finally:
        await store.close()

    assert claimed == claims
    assert sent == [1, 2, 3]
    assert sorted(done) == [1, 2, 3]


class Waker:
    """The bot's clock as the dispatcher uses it: when each one-shot would go off."""

    def __init__(self) -> None:
        self.at: dict[str, datetime] = {}

    def once(self, job_id: str, at: datetime, _wake) -> None:
        self.at[job_id] = at

    def every(self, *_args) -> None:
        pass


async def test_a_schedule_added_while_the_next_wake_up_is_read_is_not_slept_through(
    store, monkeypatch
):
    now = DUE - timedelta(hours=1)
    dispatcher = Dispatcher(store, FixedClock(now), owner="d")
    dispatcher.register("legday", lambda due, now: Handled("sent", sent=True))
    waker = Waker()
    dispatcher.start(waker)  # type: ignore[arg-type]
    await dispatcher.wake()  # nothing due yet: the next wake-up is the Monday reminder
    assert waker.at["d:next"] == DUE
    soon = now + timedelta(minutes=10)
    read = schedules.next_wake

    def read_then_added(session, **options):
        upcoming = read(session, **options)
        # Meanwhile a reminder due sooner is stored, and its writer asks for a wake-up.
        dispatcher.wake_at(soon)
        return upcoming

    monkeypatch.setattr(schedules, "next_wake", read_then_added)
    await dispatcher.wake()

    assert waker.at["d:next"] == soon


async def test_a_failing_read_of_the_next_wake_up_looks_again_in_a_while(store, monkeypatch):
    now = DUE - timedelta(hours=1)
    dispatcher = Dispatcher(store, FixedClock(now), owner="d")  # no poll: nothing else wakes it
    dispatcher.register("legday", lambda due, now: Handled("sent", sent=True))
    waker = Waker()
    dispatcher.start(waker)  # type: ignore[arg-type]

    def unreadable(session, **options):
        raise OSError("disk I/O error")

    monkeypatch.setattr(schedules, "next_wake", unreadable)
    await dispatcher.wake()

    assert waker.at["d:next"] == now + timedelta(seconds=dispatcher_module.POLL_SECONDS)


@pytest.mark.parametrize(
    ("late", "again"),
    [
        (timedelta(0), timedelta(minutes=1)),  # at least a minute
        (timedelta(minutes=10), timedelta(minutes=15)),  # half as long as it is late
        (timedelta(hours=1), timedelta(hours=1, minutes=15)),  # at most 15 minutes
        (GRACE - timedelta(minutes=5), GRACE),  # a last try at the end of the grace period
        (GRACE, None),  # then it is over
    ],
)
def test_retries_back_off_within_the_grace_period(late, again):
    expected = DUE + again if again is not None else None
    assert retry_time(DUE, DUE + late, GRACE) == expected
