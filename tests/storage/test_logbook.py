"""The logbook queries on each back-end: batches, pages, edits, bests, ownership."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.catalog import load_catalog
from coach.entries import Entry, LoggableSet
from storage import logbook
from storage.imports import ImportRequest, last_import, run_import, undo_import
from storage.logbook import EntryRef, StoredEntry, Where
from storage.people import get_person
from storage.store import Store
from storage.tables import LoggedSet, Person

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
ALICE, BOB = 111, 222


def sets(
    weight: float, reps: int, count: int = 1, e1rm: float | None = None
) -> tuple[LoggableSet, ...]:
    one = LoggableSet(weight, weight, "kg", reps, None, None, False, False, False, e1rm)
    return (one,) * count


def entry(typed: str, *loggable: LoggableSet) -> Entry:
    return Entry(typed, load_catalog().resolve(typed).exercise, (), tuple(loggable))


def count_sets(session: Session, person_id: int) -> int:
    query = select(func.count()).select_from(LoggedSet).where(col(LoggedSet.person_id) == person_id)
    return session.execute(query).scalar_one()


async def log(store: Store, person: int, at: datetime, *entries: Entry) -> str:
    def unit(session: Session) -> str:
        get_person(session, person, at)
        where = Where(person, None, at, at, at.date(), "test")
        return logbook.add_entries(session, where, entries)

    return await store.run(unit)


async def test_undo_removes_only_the_last_batch_of_that_person(store: Store) -> None:
    await log(store, ALICE, NOW - timedelta(hours=1), entry("squat", *sets(100, 5, 3)))
    last = await log(store, ALICE, NOW, entry("bench", *sets(80, 5, 3)))
    await log(store, BOB, NOW + timedelta(minutes=1), entry("squat", *sets(60, 5)))

    def unit(session: Session) -> None:
        assert logbook.last_batch_id(session, ALICE) == last
        removed = logbook.delete_batch(session, ALICE, last)
        assert len(removed) == 3
        assert logbook.delete_batch(session, BOB, last) == []
        assert count_sets(session, ALICE) == 3
        assert count_sets(session, BOB) == 1

    await store.run(unit)


async def test_pages_are_newest_first_and_grouped_by_entry(store: Store) -> None:
    for n in range(12):
        await log(store, ALICE, NOW - timedelta(hours=12 - n), entry("squat", *sets(100 + n, 5, 2)))

    since = NOW - timedelta(days=30)
    total = await store.run(logbook.count_entries, ALICE, since)
    first = await store.run(logbook.entries_page, ALICE, since, page=0)
    second = await store.run(logbook.entries_page, ALICE, since, page=1)

    assert total == 12
    assert [e.first.weight_kg for e in first] == [111.0 - n for n in range(10)]
    assert [e.first.weight_kg for e in second] == [101.0, 100.0]
    assert all(len(e.sets) == 2 for e in first + second)


async def test_another_persons_entry_cannot_be_read_edited_or_deleted(store: Store) -> None:
    batch = await log(store, ALICE, NOW, entry("squat", *sets(100, 5, 3)))
    ref = EntryRef(batch, 0)

    def unit(session: Session) -> None:
        assert logbook.get_entry(session, BOB, ref) is None
        assert logbook.delete_entry(session, BOB, ref) is None
        assert logbook.replace_entry(session, BOB, ref, entry("squat", *sets(1, 1))) is None
        assert count_sets(session, ALICE) == 3

    await store.run(unit)


async def test_replacing_an_entry_keeps_when_and_where_it_was_logged(store: Store) -> None:
    yesterday = NOW - timedelta(days=1)
    where = Where(ALICE, 999, yesterday, NOW, yesterday.date(), "dm", "felt slow")

    def add(session: Session) -> str:
        get_person(session, ALICE, NOW)
        squat, bench = entry("squat", *sets(100, 5, 3)), entry("bench", *sets(80, 5))
        return logbook.add_entries(session, where, [squat, bench])

    batch = await store.run(add)

    def replace(session: Session) -> tuple[StoredEntry | None, StoredEntry | None]:
        new = logbook.replace_entry(
            session, ALICE, EntryRef(batch, 0), entry("squat", *sets(105, 4, 4))
        )
        return new, logbook.get_entry(session, ALICE, EntryRef(batch, 1))

    new, untouched = await store.run(replace)

    assert new is not None
    assert [(s.weight_kg, s.reps) for s in new.sets] == [(105.0, 4)] * 4
    kept = {
        (s.guild_id, s.performed_at, s.logged_at, s.local_date, s.source, s.note) for s in new.sets
    }
    assert kept == {(999, yesterday, NOW, yesterday.date(), "dm", "felt slow")}
    assert untouched is not None
    assert len(untouched.sets) == 1


async def test_every_change_to_the_sets_moves_that_persons_sets_version_on_by_one(
    store: Store,
) -> None:
    """The bests cache trusts an answer while ``sets_version`` stays (storage.bests_cache):
    a change that did not move it on would leave /log answering from stale bests."""

    def versions(session: Session) -> tuple[int, int]:
        alice, bob = session.get(Person, ALICE), session.get(Person, BOB)
        assert alice is not None
        assert bob is not None
        return alice.sets_version, bob.sets_version

    await log(store, BOB, NOW, entry("squat", *sets(60, 5)))
    await store.run(get_person, ALICE, NOW)
    alice, bob = await store.run(versions)
    seen = [alice]

    async def moved_on() -> None:
        now, bobs = await store.run(versions)
        seen.append(now)
        assert bobs == bob  # another person's changes leave his version be
        assert now == seen[-2] + 1, seen

    await log(store, ALICE, NOW - timedelta(hours=1), entry("squat", *sets(100, 5, 3)))
    await moved_on()
    batch = await log(store, ALICE, NOW, entry("bench", *sets(80, 5)))
    await moved_on()
    await store.run(logbook.delete_batch, ALICE, batch)  # /undo
    await moved_on()
    first = await store.run(logbook.last_batch_id, ALICE)
    assert first is not None
    edit = entry("squat", *sets(105, 4))
    assert await store.run(logbook.replace_entry, ALICE, EntryRef(first, 0), edit) is not None
    await moved_on()
    assert await store.run(logbook.delete_entry, ALICE, EntryRef(first, 0)) is not None
    await moved_on()
    export = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds\n"
    export += "2026-11-01 10:00:00,Legs,1h,Squat (Barbell),1,100,5,0,0\n"
    request = ImportRequest(ALICE, "strong.csv", NOW, zone="UTC")
    summary = await store.run(run_import, request, io.StringIO(export), load_catalog(), write=True)
    assert summary.sets == 1
    await moved_on()
    record = await store.run(last_import, ALICE)
    assert record is not None
    assert record.id is not None
    assert await store.run(undo_import, ALICE, record.id) == 1
    await moved_on()


async def test_standing_keeps_the_days_sets_in_the_bests_and_its_volume_apart(
    store: Store,
) -> None:
    await log(store, ALICE, NOW - timedelta(days=2), entry("squat", *sets(100, 5, 3, e1rm=116.7)))
    await log(store, ALICE, NOW, entry("squat", *sets(110, 3, 2, e1rm=121.0)))

    everything = await store.run(logbook.bests, ALICE, "back_squat")
    today = await store.run(logbook.standing, ALICE, "back_squat", NOW.date())

    assert everything.e1rm_kg == 121.0
    assert dict(everything.weight_by_reps) == {5: 100.0, 3: 110.0}
    assert everything.day_volume_kg == 1500.0
    # A set logged later today has today's 110 x 3 to beat too.
    assert today.bests == everything
    assert today.other_days_volume_kg == 1500.0
    assert today.day_volume_kg == 660.0


async def test_exercises_by_recency_break_ties_by_key_on_every_backend(store: Store) -> None:
    await log(store, ALICE, NOW - timedelta(days=9), entry("deadlift", *sets(140, 5)))
    # Logged at the same instant: the order must not depend on the database.
    await log(store, ALICE, NOW, entry("squat", *sets(100, 5)), entry("bench", *sets(80, 5)))
    await log(store, ALICE, NOW - timedelta(days=1), entry("curls", *sets(15, 10, 12)))
    await log(store, BOB, NOW + timedelta(days=1), entry("row", *sets(60, 8)))

    keys = await store.run(logbook.exercise_keys_by_recency, ALICE)

    assert keys == ["back_squat", "bench_press", "barbell_curl", "deadlift"]
