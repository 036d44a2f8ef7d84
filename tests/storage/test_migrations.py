"""Migrations keep existing rows, and processes starting together migrate only once."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import event, text

from storage.migrate import alembic_config
from storage.store import Store


async def test_upgrading_a_populated_0001_database_backfills_new_columns(
    empty_backend_url: str,
) -> None:
    store = Store(empty_backend_url)

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
