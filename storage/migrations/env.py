"""Alembic environment: runs on the connection the store hands in, or on LEGDAY_DATABASE_URL."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from storage.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_settings() -> None:
    from bot.settings import load_settings
    from storage.store import Store

    store = Store(load_settings().database_url)
    try:
        async with store.engine.begin() as connection:
            await connection.run_sync(_run)
    finally:
        await store.close()


given = context.config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    # `alembic revision --autogenerate` from a shell, for developers writing migrations.
    asyncio.run(_run_from_settings())
