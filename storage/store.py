"""The store: one per process, migrations on open, and one way in, ``Store.run``.

Every read and write is a unit of work: a plain function over a blocking SQLAlchemy
``Session``, run as one transaction that commits when it returns and rolls back when it
raises. Storage's queries are such functions, and a service runs a few of them together
in a unit of its own. No query runs on the event loop:

- On an SQLite file (the embedded default; a database in memory is refused, as each
  thread would open one of its own) a unit runs whole on a worker thread with a
  blocking connection: one hop a unit. A connection waiting for another writer's lock
  (the busy timeout) waits there. SQLite applies WAL, foreign keys and the busy timeout
  per connection, so every new connection gets them. Python's sqlite3 begins the
  transaction at a unit's first write: reads before it each see the database as it is
  then, so a unit that must read and write one state starts with its write (as the
  dispatcher's do, ``storage.schedules``).
- On PostgreSQL (larger deployments) a unit runs through an async session over asyncpg
  (``AsyncSession.run_sync``): its queries wait on the loop without blocking it.
- ``run_apart`` is for a unit that also computes for long (reading a whole app export):
  on PostgreSQL, a thread with an event loop and a connection of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

SQLITE_BUSY_TIMEOUT_MS = 5000
# Any fixed 64-bit key: the PostgreSQL advisory lock that lets one process migrate at a time.
MIGRATION_LOCK_KEY = 0x6C6567646179  # "legday"

_T = TypeVar("_T")
_P = ParamSpec("_P")


def normalise_url(url: str) -> str:
    """Accept the URLs people paste (``postgres://``, ``sqlite:///``, and the
    ``sqlite+aiosqlite://`` of earlier versions) and pick the drivers the store uses."""
    parsed = make_url(url)
    driver = parsed.drivername
    if driver in {"postgres", "postgresql", "postgresql+psycopg2", "postgresql+psycopg"}:
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif driver in {"sqlite", "sqlite+aiosqlite"}:
        parsed = parsed.set(drivername="sqlite+pysqlite")
    return parsed.render_as_string(hide_password=False)


def _prepare_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Store:
    """Owns the engines and runs units of work; what a unit returns stays readable after
    its commit."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        parsed = make_url(self.url)
        self.backend = "sqlite" if parsed.get_backend_name() == "sqlite" else "postgresql"
        self._engine: AsyncEngine | None = None
        self._units: Engine | None = None
        if self.backend == "sqlite":
            if parsed.database in (None, "", ":memory:"):
                # Each worker thread's connection would open a database of its own.
                raise ValueError("SQLite needs a file here, e.g. sqlite:///./data/legday.db")
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            # Units of work (``run``) run whole on a worker thread with blocking
            # connections: one hop a unit instead of several a statement. Every unit ends in
            # COMMIT or ROLLBACK, so the pool's own rollback on return would be redundant.
            self._units = create_engine(self.url, pool_reset_on_return=None)
            event.listen(self._units, "connect", _prepare_sqlite_connection)
        else:
            # A server connection can drop while pooled: pinged before use.
            self._engine = create_async_engine(self.url, pool_pre_ping=True)
            self._sessions = async_sessionmaker(self._engine, expire_on_commit=False)

    @property
    def engine(self) -> AsyncEngine:
        """PostgreSQL's async engine, for raw access (tests, benchmarks, the CLI's reset)."""
        if self._engine is None:
            raise ValueError("an SQLite store has no async engine: use Store.run")
        return self._engine

    @property
    def pool(self) -> Pool:
        """The connections units of work run on (for the metrics)."""
        return self._units.pool if self._units is not None else self.engine.pool

    async def run(
        self,
        work: Callable[Concatenate[Session, _P], _T],
        *args: _P.args,
        **kwargs: _P.kwargs,
    ) -> _T:
        """Run ``work(session, *args, **kwargs)`` as one transaction and return its result.

        It commits when ``work`` returns and rolls back when it raises (a ``UserError``
        too, so a refusal leaves nothing behind). ``work`` gets a blocking session. On
        SQLite (a file) the whole unit runs on a worker thread with a blocking
        connection: aiosqlite, used before, handed every cursor, execute, fetch and close
        to its thread and back, three or four trips a statement, and under load each trip
        waited for the interpreter lock and a turn of the loop; one trip a unit cut /log's
        CPU by a third and kept it answering at twice the rate. On PostgreSQL it runs through an
        async session (asyncpg, on the loop). Either way it never blocks the event loop
        on the database; it should not do heavy computing of its own (``run_apart``).
        """
        if self._units is not None:
            return await asyncio.to_thread(_run_unit, self._units, work, args, kwargs)
        async with self._sessions() as session, session.begin():
            return await session.run_sync(work, *args, **kwargs)

    async def run_apart(
        self,
        work: Callable[Concatenate[Session, _P], _T],
        *args: _P.args,
        **kwargs: _P.kwargs,
    ) -> _T:
        """``run`` for a unit that computes for long (reading a whole app export): on a
        worker thread with a connection of its own, so the event loop stays free meanwhile
        (on SQLite, what ``run`` does already)."""
        if self._units is not None:
            return await self.run(work, *args, **kwargs)
        return await asyncio.to_thread(partial(run_blocking, self.url, work, *args, **kwargs))

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision.

        Processes that start together on one PostgreSQL database take turns: the first
        migrates while the others wait for its lock, then find nothing left to do. The
        lock belongs to the migration's transaction, so it ends with it, whatever happens.
        On an SQLite file it runs on a worker thread over the units' own engine, like any
        unit of work.
        """
        from storage.migrate import upgrade_connection

        if self._units is not None:
            await asyncio.to_thread(_migrate_blocking, self._units)
            return
        async with self.engine.begin() as connection:
            if self.backend == "postgresql":
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            await connection.run_sync(upgrade_connection)

    async def close(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
        if self._units is not None:
            self._units.dispose()


def _migrate_blocking(engine: Engine) -> None:
    from storage.migrate import upgrade_connection

    with engine.begin() as connection:
        # Python's sqlite3 begins a transaction only before INSERT, UPDATE or DELETE, so
        # each CREATE or DROP would commit alone and a migration failing halfway would
        # leave half a schema. IMMEDIATE also makes a second process migrating the same
        # file wait for this one (busy_timeout), as the advisory lock does on PostgreSQL.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        upgrade_connection(connection)


def _run_unit(
    engine: Engine, work: Callable[..., _T], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> _T:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        return work(session, *args, **kwargs)


def run_blocking(
    url: str,
    work: Callable[Concatenate[Session, _P], _T],
    *args: _P.args,
    **kwargs: _P.kwargs,
) -> _T:
    """``Store.run`` on a store of its own, for code with no event loop: a worker thread
    (``run_apart``) or a render worker's process."""

    async def apart() -> _T:
        store = Store(url)
        try:
            return await store.run(work, *args, **kwargs)
        finally:
            await store.close()

    return asyncio.run(apart())
