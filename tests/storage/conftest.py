"""The store tests run on every back-end: SQLite always, PostgreSQL when CI provides one.

Set ``LEGDAY_TEST_DATABASE_URL`` (e.g. ``postgresql://postgres@127.0.0.1:5432/test``) to add
PostgreSQL; without it those cases are skipped with that reason in the summary.

Each test gets a database at the newest schema with no rows: on SQLite a copy of the file
migrated once per run (``database_url`` in ``tests/conftest.py``); on PostgreSQL the one
schema, migrated when it is not known to be at the newest revision and otherwise emptied,
its id sequences starting again at 1.
Migration tests ask for ``empty_backend_url`` instead: no schema at all.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.store import Store
from storage.tables import metadata

POSTGRES_URL = os.environ.get("LEGDAY_TEST_DATABASE_URL")
SEQUENCES = (
    "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'"
)


class _PostgresSchema:
    """Whether the PostgreSQL schema is known to be migrated; tests run one at a time."""

    at_newest = False


def _postgres_url() -> str:
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set LEGDAY_TEST_DATABASE_URL to run these")
    return POSTGRES_URL


async def reset_postgres(url: str) -> None:
    """Drop every table, so the next test starts from no schema at all."""
    _PostgresSchema.at_newest = False
    store = Store(url)
    try:
        async with store.engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await store.close()


async def migrated_postgres(url: str) -> str:
    """The schema at the newest revision with every table empty, ids starting again at 1."""
    if not _PostgresSchema.at_newest:
        await reset_postgres(url)
        store = Store(url)
        try:
            await store.migrate()
        finally:
            await store.close()
        _PostgresSchema.at_newest = True
        return url
    store = Store(url)
    try:
        # Faster than TRUNCATE on tables this small, which rewrites every table's files.
        async with store.engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                await connection.execute(table.delete())
            for name in (await connection.execute(text(SEQUENCES))).scalars():
                await connection.execute(text(f'ALTER SEQUENCE "{name}" RESTART'))
    finally:
        await store.close()
    return url


@pytest.fixture
async def postgres_url() -> str:
    """An empty PostgreSQL database (no schema), for what only PostgreSQL does."""
    url = _postgres_url()
    await reset_postgres(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
async def backend_url(request: pytest.FixtureRequest, database_url: str) -> str:
    """A database at the newest schema with no rows, on each back-end."""
    if request.param == "sqlite":
        return database_url
    return await migrated_postgres(_postgres_url())


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no schema at all, on each back-end, for migration tests."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    url = _postgres_url()
    await reset_postgres(url)
    return url


@pytest.fixture
async def store(backend_url: str) -> AsyncIterator[Store]:
    store = Store(backend_url)
    try:
        yield store
    finally:
        await store.close()
