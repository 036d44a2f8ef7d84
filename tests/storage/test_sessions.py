"""Each stored set's session and hardness, on each back-end: after any mix of logs, undos,
imports and a custom exercise, what the rows hold is what ``coach.metrics.session_marks``
says of the person's whole history."""

from __future__ import annotations

import asyncio
import io
import random
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.catalog import load_catalog, normalise_name
from coach.entries import Entry, LoggableSet
from coach.exercise import Exercise
from coach.metrics import session_marks
from coach.vocabulary import Muscle, Pattern, Region, Unit
from storage import logbook
from storage.custom_exercises import (
    add_custom,
    custom_exercises_of,
    edit_custom,
    find_custom,
    remove_custom,
)
from storage.imports import ImportRequest, last_import, run_import, undo_import
from storage.logbook import EntryRef, Where
from storage.people import get_person
from storage.sessions import as_lifted, settle, settle_person
from storage.store import Store
from storage.tables import LoggedSet
from tests.db import every

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
ALICE, BOB = 111, 222
NAMES = ["squat", "rdl", "bench", "calf raise", "snatch", "run", "zercher carry"]


def one(
    weight: float | None, reps: int | None, rpe: float | None = None, warmup: bool = False
) -> LoggableSet:
    return LoggableSet(weight, weight, "kg", reps, None, rpe, warmup, False, False, None)


def entry(typed: str, *sets: LoggableSet) -> Entry:
    return Entry(typed, load_catalog().resolve(typed).exercise, (), tuple(sets))


async def log(store: Store, person: int, at: datetime, *entries: Entry) -> str:
    def unit(session: Session) -> str:
        get_person(session, person, at)
        where = Where(person, None, at, at, at.date(), "test")
        return logbook.add_entries(session, where, entries)

    return await store.run(unit)


async def kept_and_expected(store: Store, person: int) -> tuple[list[object], list[object]]:
    """What the rows hold, and what the coach says of all the person's sets, in order."""

    def read(session: Session) -> tuple[list[Exercise], list[LoggedSet]]:
        query = (
            select(LoggedSet)
            .where(col(LoggedSet.person_id) == person)
            .order_by(col(LoggedSet.performed_at), col(LoggedSet.id))
        )
        return custom_exercises_of(session, person), list(session.execute(query).scalars())

    custom, rows = await store.run(read)
    exercises = load_catalog().by_key(custom)
    kept = [(row.session_at, row.hard) for row in rows]
    return kept, list(session_marks([as_lifted(row, exercises) for row in rows]))


async def test_ramp_sets_become_warm_ups_when_the_top_set_comes_and_back_on_undo(
    store: Store,
) -> None:
    start = NOW - timedelta(days=1)
    await log(store, ALICE, start, entry("squat", one(60, 5), one(80, 3)))
    hard = await every(store, select(col(LoggedSet.hard)))
    assert hard == [True, True]  # alone, they are the work

    top = await log(store, ALICE, start + timedelta(minutes=10), entry("squat", one(100, 5)))
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert [h for _, h in kept] == [False, False, True]  # 60 and 80 only warmed up to 100

    await store.run(logbook.delete_batch, ALICE, top)
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected == [(start, True), (start, True)]


async def test_a_set_logged_in_a_gap_joins_two_sessions_and_its_undo_splits_them(
    store: Store,
) -> None:
    first = NOW - timedelta(days=2)
    await log(store, ALICE, first, entry("squat", one(100, 5)))
    await log(store, ALICE, first + timedelta(hours=5), entry("squat", one(100, 5)))
    kept, _ = await kept_and_expected(store, ALICE)
    assert [at for at, _ in kept] == [first, first + timedelta(hours=5)]

    bridge = await log(
        store, ALICE, first + timedelta(hours=2, minutes=30), entry("rdl", one(80, 8))
    )
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert {at for at, _ in kept} == {first}  # one session now

    await store.run(logbook.delete_batch, ALICE, bridge)
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert [at for at, _ in kept] == [first, first + timedelta(hours=5)]


async def test_cardio_is_in_no_session_and_never_hard(store: Store) -> None:
    await log(
        store,
        ALICE,
        NOW,
        entry(
            "run",
            LoggableSet(
                None, None, None, None, 1500, None, False, False, False, None, distance_m=5000
            ),
        ),
    )
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected == [(None, False)]


async def test_describing_an_exercise_works_its_sets_out_again(store: Store) -> None:
    start = NOW - timedelta(days=1)
    # Typed two ways, so two exercises while unclassified: both sets are work.
    await log(store, ALICE, start, entry("zercher thing", one(40, 5)))
    await log(store, ALICE, start + timedelta(minutes=5), entry("Zercher  Thing", one(100, 5)))
    kept, _ = await kept_and_expected(store, ALICE)
    assert [hard for _, hard in kept] == [True, True]

    thing = Exercise("", "Zercher thing", Region.LOWER, Pattern.SQUAT, (Muscle.QUADS,))
    await store.run(add_custom, ALICE, thing, normalise_name("zercher thing"), NOW)

    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert [hard for _, hard in kept] == [False, True]  # one exercise now: 40 warmed up to 100


async def test_an_edited_or_removed_entry_and_exercise_work_their_sessions_out_again(
    store: Store,
) -> None:
    start = NOW - timedelta(days=1)
    ramp = await log(store, ALICE, start, entry("squat", one(60, 5)))
    top = await log(store, ALICE, start + timedelta(minutes=5), entry("squat", one(100, 5)))
    assert [hard for _, hard in (await kept_and_expected(store, ALICE))[0]] == [False, True]

    # /history's Edit: the top set was 50 kg
    await store.run(logbook.replace_entry, ALICE, EntryRef(top, 0), entry("squat", one(50, 5)))
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert [hard for _, hard in kept] == [True, True]  # 60 kg is no warm-up for 50 any more

    await store.run(logbook.delete_entry, ALICE, EntryRef(ramp, 0))  # /history's Remove
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected == [(start + timedelta(minutes=5), True)]

    thing = Exercise("", "Zercher thing", Region.LOWER, Pattern.SQUAT, (Muscle.QUADS,))
    await log(store, ALICE, NOW, entry("zercher thing", one(40, 5)))
    await log(store, ALICE, NOW + timedelta(minutes=5), entry("zercher thing", one(100, 5)))
    await store.run(add_custom, ALICE, thing, normalise_name("zercher thing"), NOW)

    def make_it_cardio(session: Session) -> None:  # /exercise edit: now in no session
        row = find_custom(session, ALICE, "zercher thing")
        assert row is not None
        run = Exercise("", "Zercher thing", Region.CARDIO, Pattern.CARDIO, ())
        edit_custom(session, row, run, normalise_name("zercher thing"))

    await store.run(make_it_cardio)
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert kept[-2:] == [(None, False), (None, False)]

    def remove_it(session: Session) -> None:  # /exercise remove: unclassified again
        row = find_custom(session, ALICE, "zercher thing")
        assert row is not None
        remove_custom(session, ALICE, row.id or 0)

    await store.run(remove_it)
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert [hard for _, hard in kept[-2:]] == [False, True]


async def test_any_mix_of_logs_and_undos_keeps_every_row_as_the_coach_says(store: Store) -> None:
    rng = random.Random(7)
    batches: list[str] = []
    for _ in range(40):
        if batches and rng.random() < 0.25:
            await store.run(logbook.delete_batch, ALICE, batches.pop(rng.randrange(len(batches))))
            continue
        at = NOW - timedelta(minutes=rng.randrange(0, 3 * 24 * 60, 20))
        sets = [
            one(
                rng.choice([None, 20, 60, 80, 100]),
                rng.choice([3, 5, 8]),
                rng.choice([None, None, 5, 8]),
                rng.random() < 0.1,
            )
            for _ in range(rng.randint(1, 3))
        ]
        batches.append(await log(store, ALICE, at, entry(rng.choice(NAMES), *sets)))
        await log(store, BOB, at, entry("squat", one(100, 5)))  # someone else's sets never mix
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert len(kept) > 20
    kept, expected = await kept_and_expected(store, BOB)
    assert kept == expected


async def test_an_import_and_its_undo_keep_every_row_as_the_coach_says(store: Store) -> None:
    strong = (Path(__file__).parents[1] / "fixtures" / "imports" / "strong_comma.csv").read_text()
    request = ImportRequest(ALICE, "export.csv", NOW, zone="Europe/Stockholm", unit=Unit.KG)
    await store.run(run_import, request, io.StringIO(strong), load_catalog(), write=True)
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert {at for at, _ in kept} - {None}  # imported workouts are sessions too

    # A set logged by hand in an imported workout's session, then the import undone.
    first = min(at for at, _ in kept if at is not None)
    await log(store, ALICE, first + timedelta(minutes=1), entry("squat", one(20, 5)))

    def undo_the_import(session: Session) -> None:
        record = last_import(session, ALICE)
        assert record is not None
        assert record.id is not None
        undo_import(session, ALICE, record.id)

    await store.run(undo_the_import)
    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected == [(first + timedelta(minutes=1), True)]


async def test_a_long_span_is_worked_out_in_pieces_with_every_session_whole(
    store: Store,
) -> None:
    # 100 days: a session every other evening, and on each 4-week mark (where a piece of
    # the span ends) a set every 2 hours for a day: one long session across it.
    first = NOW - timedelta(days=100)  # the first set: pieces end 4, 8 and 12 weeks on
    times = [first + timedelta(days=d, minutes=m) for d in range(0, 100, 2) for m in (0, 5)]
    for week in (4, 8, 12):
        mark = first + timedelta(weeks=week, hours=1)
        times += [mark + timedelta(hours=h) for h in range(-12, 13, 2)]

    def add_and_settle(session: Session) -> int:
        get_person(session, ALICE, NOW)
        session.add_all(
            LoggedSet(
                person_id=ALICE,
                performed_at=at,
                logged_at=at,
                local_date=at.date(),
                exercise_key="back_squat",
                exercise_name="squat",
                weight_kg=60.0 if n % 3 == 0 else 100.0,
                reps=5,
                batch_id="b",
            )
            for n, at in enumerate(sorted(times))
        )
        session.flush()
        return settle_person(session, ALICE)

    changed = await store.run(add_and_settle)

    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert changed == sum(1 for mark in expected if mark != (None, False))
    by_time = dict(zip(sorted(times), kept, strict=True))
    for week in (4, 8, 12):
        mark = first + timedelta(weeks=week, hours=1)
        across = {by_time[mark + timedelta(hours=h)][0] for h in range(-12, 13, 2)}
        assert len(across) == 1  # one session across the piece's end


async def test_two_logs_of_one_person_at_once_both_end_in_one_worked_out_session(
    store: Store,
) -> None:
    # Both insert before either works its session out: each must then see the other's
    # sets (PostgreSQL: they take turns on the person's row, never deadlock).
    await store.run(get_person, ALICE, NOW)

    def log_at_once(
        session: Session, n: int, weight: float, inserted: list[threading.Event] | None
    ) -> None:
        where = Where(ALICE, None, NOW + timedelta(minutes=n), NOW, NOW.date(), "test")
        entries = [entry("squat", one(weight, 5))]
        rows = [logbook.set_values(where, f"b{n}", 0, e, s) for e in entries for s in e.sets]
        session.execute(insert(LoggedSet), rows)
        if inserted is not None:  # SQLite has one writer: no such overlap
            inserted[n].set()
            assert inserted[1 - n].wait(timeout=10)
        settle(session, ALICE, [where.performed_at])

    if store.backend == "postgresql":
        # Each on a thread of its own, so that one can wait for the other's insert.
        inserted = [threading.Event(), threading.Event()]
        await asyncio.gather(
            store.run_apart(log_at_once, 0, 60, inserted),
            store.run_apart(log_at_once, 1, 100, inserted),
        )
    else:
        await store.run(log_at_once, 0, 60, None)
        await store.run(log_at_once, 1, 100, None)

    kept, expected = await kept_and_expected(store, ALICE)
    assert kept == expected
    assert [hard for _, hard in kept] == [False, True]  # 60 warmed up to 100
