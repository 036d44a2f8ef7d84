"""Instants in SQL, alike on SQLite and PostgreSQL: day numbers and "at most so long after".

SQLite keeps instants as UTC text, ``YYYY-MM-DD HH:MM:SS.ffffff`` (``storage.utc``), and
has neither time zones nor intervals; PostgreSQL has ``timestamptz``. Each construct
compiles to exact SQL for both, so a query can find local days and apply a time limit in
the database. SQLite's date functions round fractions to milliseconds, which could move
an instant just before midnight to the next day, so they only ever see whole seconds.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Boolean, Float, Integer, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from storage.utc import UTCDateTime

DAY_SECONDS = 86_400


class DayNumber(FunctionElement[int]):
    """``DayNumber(at, seconds)``: days from 1970-01-01 to the UTC date of ``at + seconds``.

    With a zone's UTC offset as ``seconds`` that is the local day (after 1970).
    """

    type = Integer()
    inherit_cache = True


class AtMostAfter(FunctionElement[bool]):
    """``AtMostAfter(later, earlier, seconds)``: ``later <= earlier + seconds``, for a
    limit of at least a day (SQLite takes a shortcut that is only right for those)."""

    type = Boolean()
    inherit_cache = True


def _arguments(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(clause, **kw) for clause in element.clauses]


@compiles(DayNumber, "sqlite")
def _day_number_sqlite(element: DayNumber, compiler: SQLCompiler, **kw: Any) -> str:
    at, seconds = _arguments(element, compiler, **kw)
    epoch = f"CAST(strftime('%s', substr({at}, 1, 19)) AS INTEGER)"
    return f"(({epoch} + {seconds}) / {DAY_SECONDS})"


@compiles(DayNumber, "postgresql")
def _day_number_postgresql(element: DayNumber, compiler: SQLCompiler, **kw: Any) -> str:
    at, seconds = _arguments(element, compiler, **kw)
    utc = f"timezone('UTC', {at}) + {seconds} * INTERVAL '1 second'"
    return f"(CAST({utc} AS DATE) - DATE '1970-01-01')"


@compiles(AtMostAfter, "sqlite")
def _at_most_after_sqlite(element: AtMostAfter, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier, seconds = _arguments(element, compiler, **kw)
    # Text compares like time. Most rows are settled by the date alone (no later UTC date
    # is less than a day after), so only the rest pay for the date arithmetic.
    shifted = (
        f"datetime(substr({earlier}, 1, 19), {seconds} || ' seconds') || substr({earlier}, 20)"
    )
    return f"(substr({later}, 1, 10) <= substr({earlier}, 1, 10) OR {later} <= {shifted})"


@compiles(AtMostAfter, "postgresql")
def _at_most_after_postgresql(element: AtMostAfter, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier, seconds = _arguments(element, compiler, **kw)
    return f"({later} <= {earlier} + {seconds} * INTERVAL '1 second')"


def at_most_after(later: Mapped[datetime], earlier: Mapped[datetime], seconds: int) -> AtMostAfter:
    if seconds < DAY_SECONDS:
        raise ValueError(f"AtMostAfter is only exact for a day or more, not {seconds} s")
    return AtMostAfter(later, earlier, seconds)


class DatabaseNow(FunctionElement[datetime]):
    """``DatabaseNow(seconds)``: the database server's current instant plus ``seconds``.

    Leases are stamped and compared with this, never with a process's clock, so a
    process whose clock is off cannot take a row another process still holds. SQLite's
    ``'now'`` has milliseconds; padding them to six digits keeps it comparable, as text,
    with the instants ``storage.utc`` writes.
    """

    type = UTCDateTime()
    inherit_cache = True


@compiles(DatabaseNow, "sqlite")
def _database_now_sqlite(element: DatabaseNow, compiler: SQLCompiler, **kw: Any) -> str:
    [seconds] = _arguments(element, compiler, **kw)
    return f"(strftime('%Y-%m-%d %H:%M:%f', 'now', {seconds} || ' seconds') || '000')"


@compiles(DatabaseNow, "postgresql")
def _database_now_postgresql(element: DatabaseNow, compiler: SQLCompiler, **kw: Any) -> str:
    [seconds] = _arguments(element, compiler, **kw)
    return f"(now() + {seconds} * INTERVAL '1 second')"


def database_now(after: timedelta = timedelta(0)) -> DatabaseNow:
    return DatabaseNow(literal(after.total_seconds(), Float()))
