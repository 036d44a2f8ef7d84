"""The async store: one engine per process, sessions on demand, migrations on open.

SQLite is the embedded default; every SQLite connection gets WAL, foreign keys and a busy
timeout, because SQLite applies those per connection rather than per database.
PostgreSQL (asyncpg) is used for larger deployments.

Hot paths that run several statements (``/log``) use ``Store.run``: one plain function over
a blocking session, as one transaction. On SQLite the async driver pays a thread hop per
driver call, several per statement; ``run`` pays one hop for the whole unit, on the store's
own thread, so a busy lock waits there and never on the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000

_T = TypeVar("_T")
_P = ParamSpec("_P")


def normalise_url(url: str) -> str:
    """Accept the URLs people paste (``postgres://``, ``sqlite:///``) and pick async drivers."""
    parsed = make_url(url)
    driver = parsed.drivername
    if driver in {"postgres", "postgresql", "postgresql+psycopg2", "postgresql+psycopg"}:
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif driver == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    return parsed.render_as_string(hide_password=False)


def _prepare_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Store:
    """Owns the engine; hands out sessions whose objects stay readable after commit."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        parsed = make_url(self.url)
        self.backend = "sqlite" if parsed.get_backend_name() == "sqlite" else "postgresql"
        if self.backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # A server connection can drop while pooled; an embedded file cannot, and a ping
        # would cost every SQLite session an extra round trip to the driver thread.
        sqlite = self.backend == "sqlite"
        self.engine: AsyncEngine = create_async_engine(
            self.url,
            pool_pre_ping=not sqlite,
            # Every session here ends in COMMIT or ROLLBACK (Store.session), so the pool's
            # own rollback on return is redundant; on SQLite it is one more driver-thread hop.
            pool_reset_on_return=None if sqlite else "rollback",
        )
        if sqlite:
            event.listen(self.engine.sync_engine, "connect", _prepare_sqlite_connection)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # An in-memory database lives in one connection, so a second engine would see
        # another, empty one: it runs units through the async engine instead.
        self._blocking: tuple[Engine, ThreadPoolExecutor] | None = None
        if sqlite and parsed.database not in (None, "", ":memory:"):
            blocking = create_engine(
                parsed.set(drivername="sqlite").render_as_string(hide_password=False),
                pool_reset_on_return=None,
            )
            event.listen(blocking, "connect", _prepare_sqlite_connection)
            # One thread: units never wait on each other's write lock, and its one
            # connection keeps a warm page cache.
            self._blocking = (blocking, ThreadPoolExecutor(1, thread_name_prefix="legday-db"))
            self._blocking_sessions = sessionmaker(blocking, expire_on_commit=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session that commits when the block succeeds and rolls back when it raises."""
        async with self._sessions() as session, session.begin():
            yield session

    async def run(
        self,
        work: Callable[Concatenate[Session, _P], _T],
        *args: _P.args,
        **kwargs: _P.kwargs,
    ) -> _T:
        """Run ``work(session, *args, **kwargs)`` as one transaction and return its result.

        It commits when ``work`` returns and rolls back when it raises, like ``session()``.
        """
        if self._blocking is None:
            async with self.session() as session:
                return await session.run_sync(work, *args, **kwargs)

        def unit() -> _T:
            with self._blocking_sessions() as session, session.begin():
                return work(session, *args, **kwargs)

        return await asyncio.get_running_loop().run_in_executor(self._blocking[1], unit)

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        from storage.migrate import upgrade_connection

        async with self.engine.begin() as connection:
            await connection.run_sync(upgrade_connection)

    async def close(self) -> None:
        if self._blocking is not None:
            engine, thread = self._blocking
            thread.shutdown()
            engine.dispose()
        await self.engine.dispose()
