"""Migrations keep existing rows: a database at 0001 with sets upgrades to head intact,
and 0011 merges duplicate schedules before making them unique."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from storage.migrate import alembic_config
from storage.store import Store


def upgrade_to(revision: str):
    def run(connection: object) -> None:
        command.upgrade(alembic_config(connection), revision)  # type: ignore[arg-type]

    return run


async def test_upgrading_a_populated_0001_database_backfills_new_columns(backend_url: str) -> None:
    store = Store(backend_url)

    try:
        async with store.engine.begin() as connection:
            await connection.run_sync(upgrade_to("0001"))
            await connection.execute(
                text(
                    "INSERT INTO person (id, unit, goal, share_reports, created_at) "
                    "VALUES (1, 'kg', 'balanced', false, '2026-11-01 10:00:00')"
                )
            )
            await connection.execute(
                text(
                    "INSERT INTO logged_set (person_id, performed_at, logged_at, exercise_name, "
                    "warmup, bodyweight, per_side, batch_id, source) VALUES "
                    "(1, '2026-11-02 23:30:00', '2026-11-02 23:31:00', 'squat', "
                    "false, false, false, 'b', 'slash')"
                )
            )
        await store.migrate()
        async with store.engine.connect() as connection:
            row = (
                await connection.execute(text("SELECT local_date, entry_index FROM logged_set"))
            ).one()
    finally:
        await store.close()

    assert str(row.local_date) == "2026-11-02"
    assert row.entry_index == 0


async def test_0011_merges_duplicate_schedules_keeping_the_newest(backend_url: str) -> None:
    store = Store(backend_url)

    schedule = (
        "INSERT INTO schedule (id, kind, person_id, guild_id, weekdays, local_time, timezone, "
        "next_due_at, status, attempts, created_at) VALUES "
        "({id}, '{kind}', {person}, 5, '0', '{at}', 'UTC', '2026-11-02 18:00:00', 'pending', 0, "
        "'2026-11-01 10:00:00')"
    )
    try:
        async with store.engine.begin() as connection:
            await connection.run_sync(upgrade_to("0009"))
            await connection.execute(
                text(
                    "INSERT INTO person (id, unit, goal, share_reports, created_at) "
                    "VALUES (1, 'kg', 'balanced', false, '2026-11-01 10:00:00')"
                )
            )
            for row in [
                (1, "legday", "1", "17:00"),
                (2, "legday", "1", "18:00"),  # set twice at once: this one came last
                (3, "checkin", "1", "19:00"),
                (4, "report", "NULL", "08:00"),
                (5, "report", "NULL", "09:00"),
            ]:
                schedule_id, kind, person, at = row
                await connection.execute(
                    text(schedule.format(id=schedule_id, kind=kind, person=person, at=at))
                )
            await connection.execute(
                text(
                    "INSERT INTO delivery (schedule_id, due_at, outcome, at) VALUES "
                    "(1, '2026-10-26 17:00:00', 'sent', '2026-10-26 17:00:00'), "
                    "(2, '2026-10-26 18:00:00', 'sent', '2026-10-26 18:00:00')"
                )
            )
        await store.migrate()
        async with store.engine.connect() as connection:
            kept = (
                await connection.execute(
                    text("SELECT id, kind, local_time FROM schedule ORDER BY id")
                )
            ).all()
            delivered = (await connection.execute(text("SELECT schedule_id FROM delivery"))).all()
    finally:
        await store.close()

    assert [tuple(row) for row in kept] == [
        (2, "legday", "18:00"),
        (3, "checkin", "19:00"),
        (5, "report", "09:00"),
    ]
    assert [tuple(row) for row in delivered] == [(2,)]
