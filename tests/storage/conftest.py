"""The store tests run on every back-end: SQLite always, PostgreSQL when CI provides one.

Set ``LEGDAY_TEST_DATABASE_URL`` (e.g. ``postgresql://postgres@127.0.0.1:5432/test``) to add
PostgreSQL; without it those cases are skipped with that reason in the summary.

Each test gets a database at the newest schema with no rows: on SQLite a copy of the file
migrated once per run (``database_url`` in ``tests/conftest.py``); on PostgreSQL the test
process's own database (``tests/postgres.py``), migrated when it is not known to be at the
newest revision and otherwise emptied, its id sequences starting again at 1.
Migration tests ask for ``empty_backend_url`` instead: no schema at all.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.store import Store
from tests.postgres import migrated_postgres, postgres_database, reset_postgres


@pytest.fixture
async def postgres_url() -> str:
    """An empty PostgreSQL database (no schema), for what only PostgreSQL does."""
    url = await postgres_database()
    await reset_postgres(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
async def backend_url(request: pytest.FixtureRequest, database_url: str) -> str:
    """A database at the newest schema with no rows, on each back-end."""
    if request.param == "sqlite":
        return database_url
    return await migrated_postgres()


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no schema at all, on each back-end, for migration tests."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    url = await postgres_database()
    await reset_postgres(url)
    return url


@pytest.fixture
async def store(backend_url: str) -> AsyncIterator[Store]:
    store = Store(backend_url)
    try:
        yield store
    finally:
        await store.close()
