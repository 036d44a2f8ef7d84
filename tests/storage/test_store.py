"""The store on each back-end: round trips, connection settings and migrations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from coach.problems import UserError
from coach.vocabulary import Unit
from storage.logbook import _BY_DAY, _BY_REPS
from storage.store import Store, normalise_url
from storage.tables import LoggedSet, Person, metadata
from tests.db import add, first, get

MONDAY = datetime(2026, 11, 16, 18, 0, tzinfo=UTC)


def a_set(person_id: int, performed_at: datetime, **overrides: object) -> LoggedSet:
    values: dict[str, object] = {
        "person_id": person_id,
        "performed_at": performed_at,
        "logged_at": performed_at,
        "local_date": performed_at.date(),
        "exercise_key": "back_squat",
        "exercise_name": "squat",
        "weight_kg": 100.0,
        "weight_typed": 100.0,
        "unit_typed": Unit.KG,
        "reps": 5,
        "batch_id": "b1",
    }
    values.update(overrides)
    return LoggedSet(**values)  # type: ignore[arg-type]


async def test_person_and_sets_round_trip(store: Store) -> None:
    await add(
        store,
        Person(id=2**62 + 7, unit=Unit.LB, timezone="Europe/Berlin", created_at=MONDAY),
        a_set(2**62 + 7, MONDAY, weight_kg=102.058, weight_typed=225.0, unit_typed="lb"),
    )

    def read(session: Session) -> tuple[Person | None, LoggedSet]:
        return session.get(Person, 2**62 + 7), session.execute(select(LoggedSet)).scalar_one()

    person, row = await store.run(read)

    assert person is not None
    assert person.unit == Unit.LB
    assert person.share_reports is False
    assert row.weight_typed == 225.0
    assert row.unit_typed == "lb"
    assert row.performed_at == MONDAY
    assert row.performed_at.tzinfo is not None


async def test_times_come_back_as_aware_utc(store: Store) -> None:
    berlin_evening = datetime(2026, 11, 16, 19, 0, tzinfo=timezone(timedelta(hours=1)))
    await add(store, Person(id=1, created_at=MONDAY), a_set(1, berlin_evening))

    row = await store.run(lambda session: session.execute(select(LoggedSet)).scalar_one())

    assert row.performed_at.utcoffset() == timedelta(0)
    assert row.performed_at == MONDAY


async def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        await add(store, Person(id=1, created_at=datetime(2026, 11, 16, 18, 0)))


def _add_person(session: Session, person_id: int, fail: bool = False) -> int:
    session.add(Person(id=person_id, created_at=MONDAY))
    session.flush()
    if fail:
        raise RuntimeError("boom")
    return person_id


def _add_then_refuse(session: Session, person_id: int) -> None:
    _add_person(session, person_id)
    raise UserError("No.")


async def test_a_unit_of_work_commits_what_it_returns_from(store: Store) -> None:
    assert await store.run(_add_person, 6) == 6

    assert await get(store, Person, 6) is not None


async def test_a_failed_unit_of_work_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        await store.run(_add_person, 7, fail=True)

    assert await get(store, Person, 7) is None


async def test_a_refusal_raised_in_a_unit_of_work_writes_nothing(store: Store) -> None:
    with pytest.raises(UserError, match="No"):
        await store.run(_add_then_refuse, 5)

    assert await get(store, Person, 5) is None


async def test_what_a_unit_returns_stays_readable_after_its_commit(store: Store) -> None:
    await add(store, Person(id=8, unit=Unit.LB, created_at=MONDAY))

    person = await store.run(lambda session: session.get(Person, 8))
    await store.run(_add_person, 9)

    assert await get(store, Person, 9) is not None
    assert person is not None
    assert person.unit == Unit.LB


async def test_deleting_a_person_deletes_their_sets(store: Store) -> None:
    await add(store, Person(id=9, created_at=MONDAY), a_set(9, MONDAY))

    await store.run(lambda session: session.delete(session.get(Person, 9)))

    assert await first(store, select(LoggedSet)) is None


def _a_few_weeks_of_sets(session: Session) -> None:
    session.add(Person(id=1, created_at=MONDAY))
    session.flush()
    # A few weeks of sets, so PostgreSQL's planner weighs a real table.
    for n in range(300):
        session.add(a_set(1, MONDAY - timedelta(hours=n * 5), fingerprint=f"f{n}"))


def _range_plan(session: Session, backend: str) -> str:
    # The last few days of them: a range narrow enough that the planner's choice does not
    # hang on the index sizes earlier tests' deleted rows left (a quarter of the sets was).
    query = "SELECT * FROM logged_set WHERE person_id = 1 AND performed_at >= '2026-11-14'"
    if backend == "sqlite":
        plan_sql = f"EXPLAIN QUERY PLAN {query}"
    else:
        session.execute(text("ANALYZE logged_set"))
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plan_sql = f"EXPLAIN {query}"
    return " ".join(str(row) for row in session.execute(text(plan_sql)).all())


async def test_range_queries_use_the_indexes(store: Store) -> None:
    await store.run(_a_few_weeks_of_sets)
    plan = await store.run(_range_plan, store.backend)

    # The range is answered by the index itself, not by filtering a person's every set.
    assert "ix_logged_set_person_performed" in plan


def _bests_plans(session: Session) -> list[str]:
    params = {"person_id": 1, "exercise_key": "back_squat", "day": MONDAY.date()}
    connection = session.connection()
    plans = []
    for query in (_BY_REPS, _BY_DAY):
        compiled = query.compile(connection.engine)
        plan = connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {compiled}",
            tuple(compiled.construct_params(params)[key] for key in compiled.positiontup or ()),
        )
        plans.append(str(plan.all()))
    return plans


async def test_a_persons_bests_are_read_from_the_index_alone(store: Store) -> None:
    """/log reads them every time: a table lookup per set of history would grow with it."""
    if store.backend != "sqlite":
        pytest.skip("SQLite says when an index covers a query; PostgreSQL decides by statistics")
    for plan in await store.run(_bests_plans):
        assert "COVERING INDEX ix_logged_set_person_exercise" in plan


def _differences(session: Session) -> list[object]:
    context = MigrationContext.configure(session.connection())
    return list(compare_metadata(context, metadata))


async def test_migrations_leave_nothing_for_autogenerate(store: Store) -> None:
    diff = await store.run(_differences)

    assert diff == []


async def test_upgrading_twice_is_harmless(store: Store) -> None:
    await store.migrate()
    version = await first(store, text("SELECT version_num FROM alembic_version"))
    assert version is not None


PRAGMAS = ("journal_mode", "foreign_keys", "busy_timeout", "wal_autocheckpoint")


def _pragmas(session: Session) -> tuple[object, ...]:
    return tuple(session.execute(text(f"PRAGMA {name}")).scalar() for name in PRAGMAS)


async def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(backend_url: str) -> None:
    store = Store(backend_url)
    if store.backend != "sqlite":
        await store.close()
        pytest.skip("SQLite connection settings only")
    try:
        await store.migrate()  # on a connection of the same pool as the units
        from_units = await store.run(_pragmas)
    finally:
        await store.close()
    # SQLite's own automatic checkpoint (every 1000 pages) keeps the WAL file small.
    assert from_units == ("wal", 1, 5000, 1000)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db:5432/legday", "postgresql+asyncpg://u:p@db:5432/legday"),
        ("postgresql://u@db/legday", "postgresql+asyncpg://u@db/legday"),
        ("sqlite:///data/x.db", "sqlite+pysqlite:///data/x.db"),
        ("sqlite+aiosqlite:///data/x.db", "sqlite+pysqlite:///data/x.db"),
    ],
)
def test_pasted_urls_get_the_stores_drivers(given: str, expected: str) -> None:
    assert normalise_url(given) == expected
