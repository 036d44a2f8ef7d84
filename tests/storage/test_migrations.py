"""Migrations keep existing rows: a database at 0001 with sets upgrades to head intact."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from storage.migrate import alembic_config
from storage.store import Store


async def test_upgrading_a_populated_0001_database_backfills_new_columns(backend_url: str) -> None:
    store = Store(backend_url)

    def upgrade_to(revision: str):
        def run(connection: object) -> None:
            command.upgrade(alembic_config(connection), revision)  # type: ignore[arg-type]

        return run

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


async def test_the_local_date_backfill_ignores_the_servers_time_zone(backend_url: str) -> None:
    """A PostgreSQL session set to UTC+14 computes the same UTC days as one on UTC."""
    if not backend_url.startswith("postgresql"):
        pytest.skip("SQLite has no session time zone")
    store = Store(backend_url)

    def upgrade_to(revision: str):
        def run(connection: object) -> None:
            command.upgrade(alembic_config(connection), revision)  # type: ignore[arg-type]

        return run

    try:
        async with store.engine.begin() as connection:
            await connection.run_sync(upgrade_to("0001"))
            await connection.execute(
                text(
                    "INSERT INTO person (id, unit, goal, share_reports, created_at) "
                    "VALUES (1, 'kg', 'balanced', false, '2026-11-01 10:00:00+00')"
                )
            )
            for n, at in enumerate(("2026-11-02 23:30:00+00", "2026-11-03 00:30:00+00")):
                await connection.execute(
                    text(
                        "INSERT INTO logged_set (person_id, performed_at, logged_at, "
                        "exercise_name, warmup, bodyweight, per_side, batch_id, source) VALUES "
                        f"(1, '{at}', '{at}', 'squat', false, false, false, 'b{n}', 'slash')"
                    )
                )
            await connection.execute(text("SET TIME ZONE 'Pacific/Kiritimati'"))
            await connection.run_sync(upgrade_to("head"))
            days = (
                await connection.execute(
                    text("SELECT local_date FROM logged_set ORDER BY performed_at")
                )
            ).scalars()
            assert [str(day) for day in days] == ["2026-11-02", "2026-11-03"]
    finally:
        await store.close()
