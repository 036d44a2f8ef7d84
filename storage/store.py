"""The async store: one store per process, sessions on demand, migrations on open.

SQLite is the embedded default; every SQLite connection gets WAL and foreign keys, and all
but the event loop's own get a busy timeout, because SQLite applies those per connection
rather than per database.
PostgreSQL (asyncpg) is used for larger deployments.

Hot paths that run several statements (``/log``) use ``Store.run``: one plain function over
a blocking session, as one transaction. On SQLite the async driver pays a thread hop per
driver call, several per statement. ``run`` instead runs the whole unit on the event loop's
own connection, because an embedded query is a function call that costs less than any hop.
That connection never waits: it has no busy timeout, so if another connection holds the
write lock SQLite says so at once, the unit is rolled back and run again on the store's
thread, which may wait. It never checkpoints either (writing and syncing the database file
can take long); the store's thread does that after every ``CHECKPOINT_EVERY`` units.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000
# About SQLite's own automatic checkpoint interval: a /log commit writes a handful of pages.
CHECKPOINT_EVERY = 100

log = logging.getLogger(__name__)

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


def _sqlite_pragmas(*, busy_timeout_ms: int, autocheckpoint: bool) -> Callable[[Any, Any], None]:
    def prepare(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if not autocheckpoint:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    return prepare


_prepare_sqlite_connection = _sqlite_pragmas(
    busy_timeout_ms=SQLITE_BUSY_TIMEOUT_MS, autocheckpoint=True
)
_prepare_loop_connection = _sqlite_pragmas(busy_timeout_ms=0, autocheckpoint=False)


def _is_busy(error: OperationalError) -> bool:
    """SQLITE_BUSY in any of its extended forms: another connection holds a lock."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_BUSY


def _in_one_transaction(
    sessions: sessionmaker[Session], work: Callable[..., _T], args: Any, kwargs: Any
) -> _T:
    with sessions() as session, session.begin():
        return work(session, *args, **kwargs)


def _blocking_sqlite(
    url: str, prepare: Callable[[Any, Any], None]
) -> tuple[Engine, sessionmaker[Session]]:
    engine = create_engine(url, pool_reset_on_return=None)
    event.listen(engine, "connect", prepare)
    return engine, sessionmaker(engine, expire_on_commit=False)


def _checkpoint(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")


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
        self._embedded: _EmbeddedUnits | None = None
        if sqlite and parsed.database not in (None, "", ":memory:"):
            self._embedded = _EmbeddedUnits(
                parsed.set(drivername="sqlite").render_as_string(hide_password=False)
            )

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
        ``work`` must touch nothing but its session: on SQLite a unit that finds the
        database locked is rolled back and run again. Keep it to a few indexed statements,
        since on SQLite it runs on the event loop; long reads belong in ``session()``.
        """
        if self._embedded is None:
            async with self.session() as session:
                return await session.run_sync(work, *args, **kwargs)
        return await self._embedded.run(work, args, kwargs)

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        from storage.migrate import upgrade_connection

        async with self.engine.begin() as connection:
            await connection.run_sync(upgrade_connection)

    async def close(self) -> None:
        if self._embedded is not None:
            self._embedded.close()
        await self.engine.dispose()


class _EmbeddedUnits:
    """Units of work on an SQLite file: on the loop's connection, or on the store's thread.

    ``work`` may run twice, so it must touch nothing but its session: when the loop's
    connection finds the database locked, the first attempt is rolled back and the unit
    starts again on the thread.
    """

    def __init__(self, url: str) -> None:
        self._loop_engine, self._loop_sessions = _blocking_sqlite(url, _prepare_loop_connection)
        self._thread_engine, self._thread_sessions = _blocking_sqlite(
            url, _prepare_sqlite_connection
        )
        # One thread: units never wait on each other's write lock, and its one
        # connection keeps a warm page cache.
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="legday-db")
        self._units_since_checkpoint = 0

    async def run(self, work: Callable[..., _T], args: Any, kwargs: Any) -> _T:
        try:
            return self._on_loop(work, args, kwargs)
        except OperationalError as error:
            if not _is_busy(error):
                raise
        log.debug("database busy; running %s on the store thread", getattr(work, "__name__", work))
        return await asyncio.get_running_loop().run_in_executor(
            self._thread, _in_one_transaction, self._thread_sessions, work, args, kwargs
        )

    def _on_loop(self, work: Callable[..., _T], args: Any, kwargs: Any) -> _T:
        result = _in_one_transaction(self._loop_sessions, work, args, kwargs)
        self._units_since_checkpoint += 1
        if self._units_since_checkpoint >= CHECKPOINT_EVERY:
            self._units_since_checkpoint = 0
            self._thread.submit(_checkpoint, self._thread_engine).add_done_callback(
                _log_checkpoint_failure
            )
        return result

    def close(self) -> None:
        self._thread.shutdown()
        self._thread_engine.dispose()
        self._loop_engine.dispose()


def _log_checkpoint_failure(done: Future[None]) -> None:
    if (error := done.exception()) is not None:
        log.warning("WAL checkpoint failed: %s", error)
