"""Migrations keep existing rows (a database at 0001 with sets, or at 0009 with a check-in,
upgrades to head intact; 0011 merges duplicate schedules before making them unique), and
processes starting together migrate only once; 0022 gives running challenges their
schedule row)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, bindparam, event, text
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.training import LegWeakness, Pain, PainArea, RedFlag
from storage.coach_data import checkins_of
from storage.migrate import alembic_config
from storage.store import Store
from storage.tables import LoggedSet, Schedule
from storage.utc import UTCDateTime
from tests.db import every

ROOT = Path(__file__).resolve().parents[2]


def upgrade_to(revision: str):
    def run(connection: object) -> None:
        command.upgrade(alembic_config(connection), revision)  # type: ignore[arg-type]

    return run


PERSON = (
    "INSERT INTO person (id, unit, goal, share_reports, created_at) "
    "VALUES (1, 'kg', 'balanced', false, '2026-11-01 10:00:00')"
)


def at_revision(session: Session, revision: str, *rows: str) -> Connection:
    """The unit's connection, its schema brought to ``revision``, with these rows inserted."""
    connection = session.connection()
    upgrade_to(revision)(connection)
    for row in rows:
        connection.execute(text(row))
    return connection


async def test_upgrading_a_populated_0001_database_backfills_new_columns(
    empty_backend_url: str,
) -> None:
    store = Store(empty_backend_url)

    def populate(session: Session) -> None:
        at_revision(
            session,
            "0001",
            PERSON,
            (
                "INSERT INTO logged_set (person_id, performed_at, logged_at, exercise_name, "
                "warmup, bodyweight, per_side, batch_id, source) VALUES "
                "(1, '2026-11-02 23:30:00', '2026-11-02 23:31:00', 'squat', "
                "false, false, false, 'b', 'slash')"
            ),
        )

    try:
        await store.run(populate)
        await store.migrate()
        row = await store.run(
            lambda session: session.execute(
                text("SELECT local_date, entry_index FROM logged_set")
            ).one()
        )
    finally:
        await store.close()

    assert str(row.local_date) == "2026-11-02"
    assert row.entry_index == 0


async def test_a_check_in_stored_before_0010_still_loads(empty_backend_url: str) -> None:
    store = Store(empty_backend_url)

    def populate(session: Session) -> None:
        at_revision(
            session,
            "0009",
            "INSERT INTO person (id, unit, goal, share_reports, created_at, timezone) "
            "VALUES (1, 'kg', 'balanced', false, '2026-11-01 10:00:00', 'UTC')",
            "INSERT INTO checkin (person_id, at, leg_weakness, pain_score, pain_days, "
            "pain_worsening, pain_location, red_flags) VALUES "
            "(1, '2026-11-18 08:00:00', 'mild', 5, 21, false, 'left knee', 'chest_pain')",
        )

    try:
        await store.run(populate)
        await store.migrate()
        (old,) = await store.run(checkins_of, 1, datetime(2026, 11, 20, 12, tzinfo=UTC))
        typed = await store.run(
            lambda session: session.execute(text("SELECT pain_location FROM checkin")).scalar()
        )
    finally:
        await store.close()

    assert old.at == datetime(2026, 11, 18, 8, tzinfo=UTC)
    assert old.leg_weakness is LegWeakness.MILD
    assert old.pain == Pain(score=5, days=21, worsening=False, location=PainArea.KNEE)
    assert old.red_flags == {RedFlag.CHEST_PAIN}
    assert (old.after_fall, old.being_treated) == (None, None)  # unknown, not "no"
    assert typed == "left knee"  # the person's own words are kept


async def test_processes_starting_together_migrate_once(postgres_url: str) -> None:
    stores = [Store(postgres_url) for _ in range(4)]
    created: list[str] = []
    for store in stores:
        event.listen(
            store.engine.sync_engine,
            "before_cursor_execute",
            lambda _c, _cur, statement, *_: (
                created.append(statement)
                if statement.lstrip().startswith("CREATE TABLE person")
                else None
            ),
        )
    try:
        # Interleaved migrations hang or fail; the timeout turns a hang into a failure.
        await asyncio.wait_for(asyncio.gather(*(store.migrate() for store in stores)), 30)
        async with stores[0].engine.connect() as connection:
            versions = (
                await connection.execute(text("SELECT version_num FROM alembic_version"))
            ).all()
    finally:
        for store in stores:
            await store.close()

    assert len(created) == 1
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert [row.version_num for row in versions] == [head]


async def test_the_local_date_backfill_ignores_the_servers_time_zone(
    empty_backend_url: str,
) -> None:
    """A PostgreSQL session set to UTC+14 computes the same UTC days as one on UTC."""
    if not empty_backend_url.startswith("postgresql"):
        pytest.skip("SQLite has no session time zone")
    store = Store(empty_backend_url)

    def upgrade_at_utc_plus_14(session: Session) -> list[str]:
        connection = session.connection()
        upgrade_to("0001")(connection)
        connection.execute(
            text(
                "INSERT INTO person (id, unit, goal, share_reports, created_at) "
                "VALUES (1, 'kg', 'balanced', false, '2026-11-01 10:00:00+00')"
            )
        )
        for n, at in enumerate(("2026-11-02 23:30:00+00", "2026-11-03 00:30:00+00")):
            connection.execute(
                text(
                    "INSERT INTO logged_set (person_id, performed_at, logged_at, "
                    "exercise_name, warmup, bodyweight, per_side, batch_id, source) VALUES "
                    f"(1, '{at}', '{at}', 'squat', false, false, false, 'b{n}', 'slash')"
                )
            )
        connection.execute(text("SET TIME ZONE 'Pacific/Kiritimati'"))
        upgrade_to("head")(connection)
        days = connection.execute(text("SELECT local_date FROM logged_set ORDER BY performed_at"))
        return [str(day) for day in days.scalars()]

    try:
        days = await store.run(upgrade_at_utc_plus_14)
    finally:
        await store.close()

    assert days == ["2026-11-02", "2026-11-03"]


async def test_0011_merges_duplicate_schedules_keeping_the_newest(
    empty_backend_url: str,
) -> None:
    store = Store(empty_backend_url)

    schedule = (
        "INSERT INTO schedule (id, kind, person_id, guild_id, weekdays, local_time, timezone, "
        "next_due_at, status, attempts, created_at) VALUES "
        "({id}, '{kind}', {person}, 5, '0', '{at}', 'UTC', '2026-11-02 18:00:00', 'pending', 0, "
        "'2026-11-01 10:00:00')"
    )

    def populate(session: Session) -> None:
        connection = at_revision(session, "0009", PERSON)
        for row in [
            (1, "legday", "1", "17:00"),
            (2, "legday", "1", "18:00"),  # set twice at once: this one came last
            (3, "checkin", "1", "19:00"),
            (4, "report", "NULL", "08:00"),
            (5, "report", "NULL", "09:00"),
        ]:
            schedule_id, kind, person, at = row
            connection.execute(
                text(schedule.format(id=schedule_id, kind=kind, person=person, at=at))
            )
        connection.execute(
            text(
                "INSERT INTO delivery (schedule_id, due_at, outcome, at) VALUES "
                "(1, '2026-10-26 17:00:00', 'sent', '2026-10-26 17:00:00'), "
                "(2, '2026-10-26 18:00:00', 'sent', '2026-10-26 18:00:00')"
            )
        )

    try:
        await store.run(populate)
        await store.migrate()
        kept, delivered = await store.run(
            lambda session: (
                session.execute(
                    text("SELECT id, kind, local_time FROM schedule ORDER BY id")
                ).all(),
                session.execute(text("SELECT schedule_id FROM delivery")).all(),
            )
        )
    finally:
        await store.close()

    assert [tuple(row) for row in kept] == [
        (2, "legday", "18:00"),
        (3, "checkin", "19:00"),
        (5, "report", "09:00"),
    ]
    assert [tuple(row) for row in delivered] == [(2,)]


async def test_0021_works_out_every_stored_sets_session_and_warm_ups(
    empty_backend_url: str,
) -> None:
    # Worked example 13 at 23:50, across midnight, then a run the next evening.
    sets = [
        ("2026-11-02 23:50:00", "back_squat", 20, 10),
        ("2026-11-02 23:55:00", "back_squat", 60, 5),
        ("2026-11-03 00:00:00", "back_squat", 80, 3),
        ("2026-11-03 00:05:00", "back_squat", 100, 5),
        ("2026-11-03 00:10:00", "back_squat", 100, 5),
        ("2026-11-03 00:15:00", "back_squat", 100, 5),
        ("2026-11-03 19:00:00", "running", None, None),
    ]
    store = Store(empty_backend_url)

    def populate(session: Session) -> None:
        connection = at_revision(session, "0011", PERSON)
        for at, key, kg, reps in sets:
            connection.execute(
                text(
                    "INSERT INTO logged_set (person_id, performed_at, logged_at, local_date, "
                    "exercise_key, exercise_name, weight_kg, reps, warmup, bodyweight, "
                    "per_side, batch_id, entry_index, source) VALUES (1, :at, :at, "
                    "'2026-11-02', :key, :key, :kg, :reps, false, false, false, 'b', 0, "
                    "'slash')"
                ).bindparams(bindparam("at", type_=UTCDateTime())),
                {
                    "at": datetime.fromisoformat(at).replace(tzinfo=UTC),
                    "key": key,
                    "kg": kg,
                    "reps": reps,
                },
            )

    try:
        await store.run(populate)
        await store.migrate()
        rows = await every(store, select(LoggedSet).order_by(col(LoggedSet.performed_at)))
    finally:
        await store.close()

    start = datetime(2026, 11, 2, 23, 50, tzinfo=UTC)
    assert [(row.session_at, row.hard) for row in rows] == [
        *[(start, False)] * 3,  # ramp sets: warm-ups
        *[(start, True)] * 3,  # one session across midnight
        (None, False),  # cardio: in no session
    ]


async def test_0022_gives_each_running_challenge_a_schedule_due_now(
    empty_backend_url: str,
) -> None:
    store = Store(empty_backend_url)
    challenge = (
        "INSERT INTO challenge (id, guild_id, channel_id, name, name_key, metric, goal, team, "
        "timezone, starts_at, ends_at, creator_id, created_at) VALUES ({id}, 5, 6, '{name}', "
        "'{name}', 'leg_sets', 6, false, 'Europe/Berlin', '2026-10-31 23:00:00', "
        "'2026-11-14 23:00:00', 7, '2026-10-30 10:00:00')"
    )
    before = datetime.now(UTC)

    def populate(session: Session) -> None:
        at_revision(
            session,
            "0021",
            challenge.format(id=1, name="running"),
            challenge.format(id=2, name="over"),
            "INSERT INTO challenge_announcement (challenge_id, kind, week, at) VALUES "
            "(2, 'end', 0, '2026-11-14 23:00:00')",
        )

    try:
        await store.run(populate)
        await store.migrate()
        rows = await every(store, select(Schedule))
    finally:
        await store.close()

    [row] = rows
    assert (row.kind, row.challenge_id, row.guild_id, row.person_id) == ("challenge", 1, 5, None)
    # Started on Sunday 1 November in Berlin: its weeks begin at midnight on Sundays there.
    assert (row.weekdays, row.local_time, row.timezone) == ("6", "00:00", "Europe/Berlin")
    assert before <= row.next_due_at <= datetime.now(UTC)
    assert row.status == "pending"


async def test_an_sqlite_upgrade_failing_halfway_leaves_the_file_as_it_was(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_then_fail(config, revision: str) -> None:
        connection = config.attributes["connection"]
        connection.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("the machine went down")

    store = Store(f"sqlite:///{tmp_path / 'legday.db'}")
    monkeypatch.setattr("storage.migrate.command.upgrade", half_then_fail)
    try:
        with pytest.raises(RuntimeError, match="went down"):
            await store.migrate()
        tables = await store.run(
            lambda session: session.execute(text("SELECT name FROM sqlite_master")).all()
        )
    finally:
        await store.close()

    assert tables == []


async def test_alembic_from_a_shell_compares_the_tables_on_the_url_given(
    backend_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `alembic check` (and `revision --autogenerate`) as a developer runs them: no
    # connection handed in, the URL from LEGDAY_DATABASE_URL.
    store = Store(backend_url)
    try:
        await store.migrate()
    finally:
        await store.close()
    monkeypatch.setenv("LEGDAY_DATABASE_URL", backend_url)

    await asyncio.to_thread(command.check, Config(str(ROOT / "alembic.ini")))  # raises on a diff
