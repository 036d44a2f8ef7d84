"""PostgreSQL for the tests: a database of each test process's own, at the newest schema.

``LEGDAY_TEST_DATABASE_URL`` names a database on a server where its user may create
databases (CI's is ``postgresql://postgres@127.0.0.1:5432/test``). A run in one process (a
chosen file or test) uses that database itself. Under pytest-xdist each worker uses one of
its own on the same server, named after the given one and the worker (``test_gw0``,
``test_gw1``, ...): created through the given database when missing, and dropped when the
worker ends (``drop_own_database``, from ``tests/conftest.py``). So workers never share a
database, and the whole suite runs in parallel with PostgreSQL too.

A process runs its tests one at a time, so whether its database's schema is at the newest
revision is known here. This module is imported once, as ``tests.postgres``, whichever
conftest uses it (a conftest imported by name from a test module is a second copy of
itself), so every test of a process reads the same answer.
"""

from __future__ import annotations

import asyncio
import os

import pytest
from sqlalchemy import URL, make_url, text

from storage.store import Store
from storage.tables import metadata

GIVEN = os.environ.get("LEGDAY_TEST_DATABASE_URL")
NOT_CONFIGURED = "PostgreSQL not configured: set LEGDAY_TEST_DATABASE_URL to run these"
SEQUENCES = (
    "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'"
)


class _Own:
    """This process's database: whether it is known to exist, and its schema's state."""

    ready = False
    at_newest = False


def _own_database() -> URL | None:
    """The given database in one process, a worker's own under pytest-xdist."""
    if not GIVEN:
        return None
    url = make_url(GIVEN)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return url if worker is None else url.set(database=f"{url.database}_{worker}")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def _on_given_database(statement: str, **params: str) -> list[object]:
    """Run ``statement`` on the given database outside a transaction, as CREATE and DROP
    DATABASE must be; its rows."""
    assert GIVEN is not None
    store = Store(GIVEN)
    try:
        autocommit = store.engine.execution_options(isolation_level="AUTOCOMMIT")
        async with autocommit.connect() as connection:
            result = await connection.execute(text(statement), params)
            return list(result.scalars()) if result.returns_rows else []
    finally:
        await store.close()


async def postgres_database() -> str:
    """This process's database URL, created first if it is a worker's and missing; skips
    the test when no PostgreSQL is configured."""
    own = _own_database()
    if own is None:
        pytest.skip(NOT_CONFIGURED)
    assert own.database is not None
    if not _Own.ready and own.database != make_url(GIVEN).database:
        found = await _on_given_database(
            "SELECT 1 FROM pg_database WHERE datname = :name", name=own.database
        )
        if not found:
            await _on_given_database(f"CREATE DATABASE {_quoted(own.database)}")
    _Own.ready = True
    return own.render_as_string(hide_password=False)


def drop_own_database() -> None:
    """Drop the worker's own database, if this process used one; the given one stays."""
    own = _own_database()
    if own is None or not _Own.ready or own.database == make_url(GIVEN).database:
        return
    assert own.database is not None
    # FORCE: a connection a failed test left open must not keep the database alive.
    drop = f"DROP DATABASE IF EXISTS {_quoted(own.database)} WITH (FORCE)"
    asyncio.run(_on_given_database(drop))
    _Own.ready = _Own.at_newest = False


async def reset_postgres(url: str) -> None:
    """Drop every table, so the next test starts from no schema at all."""
    _Own.at_newest = False
    store = Store(url)
    try:
        async with store.engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await store.close()


async def migrated_postgres() -> str:
    """This process's database at the newest revision with every table empty, ids starting
    again at 1."""
    url = await postgres_database()
    if not _Own.at_newest:
        await reset_postgres(url)
        store = Store(url)
        try:
            await store.migrate()
        finally:
            await store.close()
        _Own.at_newest = True
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
