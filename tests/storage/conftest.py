"""The store tests run on every back-end: SQLite always, PostgreSQL when CI provides one.

Set ``LEGDAY_TEST_DATABASE_URL`` (e.g. ``postgresql://postgres@127.0.0.1:5432/test``) to add
PostgreSQL; without it those cases are skipped with that reason in the summary.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.store import Store

POSTGRES_URL = os.environ.get("LEGDAY_TEST_DATABASE_URL")


async def reset_postgres(url: str) -> None:
    """Give each test an empty public schema, so tests never see each other's rows."""
    store = Store(url)
    try:
        async with store.engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await store.close()


async def empty_postgres() -> str:
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set LEGDAY_TEST_DATABASE_URL to run these")
    await reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
async def postgres_url() -> str:
    """An empty PostgreSQL database, for what only PostgreSQL does."""
    return await empty_postgres()


@pytest.fixture(params=["sqlite", "postgresql"])
async def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"
    return await empty_postgres()


@pytest.fixture
async def store(backend_url: str) -> AsyncIterator[Store]:
    store = Store(backend_url)
    await store.migrate()
    try:
        yield store
    finally:
        await store.close()
