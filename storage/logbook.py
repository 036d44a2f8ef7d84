"""The logbook: writing entries, undoing batches, paging history, editing, and bests.

An *entry* is one exercise of one logging call: the rows sharing ``batch_id`` and
``entry_index``. Every query here is scoped to one person, so nobody can read or change
another person's sets through it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    Date,
    Executable,
    bindparam,
    case,
    delete,
    func,
    insert,
)
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.entries import Entry, LoggableSet
from coach.records import REP_RECORD_RANGE, Bests, Standing
from storage.sessions import settle
from storage.sql_volume import moved_load, set_volume
from storage.tables import IMPORTED, LoggedSet

MAX_ENTRY_INDEX = 2**31 - 1
"""The largest ``entry_index`` the column holds (a 32-bit integer)."""


@dataclass(frozen=True, slots=True)
class EntryRef:
    """Which entry, as carried in a button or select value: ``batch:index``."""

    batch_id: str
    index: int

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.index}"

    @classmethod
    def parse(cls, text: str) -> EntryRef:
        """ValueError for anything no entry could have, such as an index past the column's
        range (which PostgreSQL would refuse to compare)."""
        batch_id, _, index = text.partition(":")
        number = int(index)
        if not 0 <= number <= MAX_ENTRY_INDEX:
            raise ValueError(f"no entry has index {index}")
        return cls(batch_id, number)


@dataclass(frozen=True, slots=True)
class StoredEntry:
    ref: EntryRef
    sets: tuple[LoggedSet, ...]

    @property
    def first(self) -> LoggedSet:
        return self.sets[0]


@dataclass(frozen=True, slots=True)
class Where:
    """Who logged, where and when: the same for every row of one logging call."""

    person_id: int
    guild_id: int | None
    performed_at: datetime
    logged_at: datetime
    local_date: date
    source: str
    note: str | None = None

    @classmethod
    def of(cls, row: LoggedSet) -> Where:
        """Where a stored set was logged: each field here is a logged_set column."""
        return cls(**{field.name: getattr(row, field.name) for field in fields(cls)})


def set_values(
    where: Where, batch_id: str, index: int, entry: Entry, s: LoggableSet
) -> dict[str, object]:
    """One logged_set row as column values: inserted in bulk, with no objects to track.

    Imports build their rows with it too (``storage.imports``), adding their own columns.
    """
    return {
        "person_id": where.person_id,
        "guild_id": where.guild_id,
        "performed_at": where.performed_at,
        "logged_at": where.logged_at,
        "local_date": where.local_date,
        "exercise_key": entry.exercise.key if entry.exercise else None,
        "exercise_name": entry.typed[:100],
        "weight_kg": s.weight_kg,
        "weight_typed": s.weight_typed,
        "unit_typed": s.unit_typed,
        "reps": s.reps,
        "seconds": s.seconds,
        "distance_m": s.distance_m,
        "rpe": s.rpe,
        "warmup": s.warmup,
        "bodyweight": s.bodyweight,
        "per_side": s.per_side,
        "e1rm_kg": s.e1rm_kg,
        "load_kg": s.load_kg,
        "note": "; ".join(note for note in (where.note, entry.note) if note)[:200] or None,
        "batch_id": batch_id,
        "entry_index": index,
        "source": where.source,
    }


# Built once: /log inserts on every call, and a new statement is hashed anew each time.
_INSERT_SETS = insert(LoggedSet)


def add_entries(session: Session, where: Where, entries: Sequence[Entry]) -> str:
    """Store every set of ``entries`` as one batch; returns the batch id for undo."""
    batch_id = uuid.uuid4().hex
    rows = [
        set_values(where, batch_id, index, entry, s)
        for index, entry in enumerate(entries)
        for s in entry.sets
    ]
    session.connection().execute(_INSERT_SETS, rows)
    if rows:
        settle(session, where.person_id, [where.performed_at])
    return batch_id


def _mine(person_id: int) -> ColumnElement[bool]:
    return col(LoggedSet.person_id) == person_id


def last_batch_id(session: Session, person_id: int) -> str | None:
    """The person's last log; an import is undone with ``/data import undo``, not here."""
    query = (
        select(col(LoggedSet.batch_id))
        .where(_mine(person_id), col(LoggedSet.source) != IMPORTED)
        .order_by(col(LoggedSet.logged_at).desc(), col(LoggedSet.id).desc())
        .limit(1)
    )
    return (session.execute(query)).scalar_one_or_none()


def first_set_at(session: Session, person_id: int) -> datetime | None:
    """When the person's earliest set was done; None before any (one index probe)."""
    return session.scalar(select(func.min(col(LoggedSet.performed_at))).where(_mine(person_id)))


def last_exercise_key(session: Session, person_id: int, since: datetime) -> str | None:
    """The exercise of the last set the person logged since ``since`` (imports aside)."""
    query = (
        select(col(LoggedSet.exercise_key))
        .where(
            _mine(person_id),
            col(LoggedSet.source) != IMPORTED,
            col(LoggedSet.logged_at) >= since,
        )
        .order_by(col(LoggedSet.logged_at).desc(), col(LoggedSet.id).desc())
        .limit(1)
    )
    return (session.execute(query)).scalar_one_or_none()


def batch_sets(session: Session, person_id: int, batch_id: str) -> list[LoggedSet]:
    query = (
        select(LoggedSet)
        .where(_mine(person_id), col(LoggedSet.batch_id) == batch_id)
        .order_by(col(LoggedSet.entry_index), col(LoggedSet.id))
    )
    return list((session.execute(query)).scalars())


def delete_batch(session: Session, person_id: int, batch_id: str) -> list[LoggedSet]:
    """Remove a batch of this person's; returns what was removed (empty if none)."""
    rows = batch_sets(session, person_id, batch_id)
    if rows:
        session.execute(
            delete(LoggedSet).where(_mine(person_id), col(LoggedSet.batch_id) == batch_id)
        )
        settle(session, person_id, [row.performed_at for row in rows])
    return rows


def _history_filter(
    person_id: int, since: datetime, exercise_key: str | None
) -> list[ColumnElement[bool]]:
    conditions = [_mine(person_id), col(LoggedSet.performed_at) >= since]
    if exercise_key is not None:
        conditions.append(col(LoggedSet.exercise_key) == exercise_key)
    return conditions


def count_entries(
    session: Session, person_id: int, since: datetime, exercise_key: str | None = None
) -> int:
    groups = (
        select(col(LoggedSet.batch_id), col(LoggedSet.entry_index))
        .where(*_history_filter(person_id, since, exercise_key))
        .group_by(col(LoggedSet.batch_id), col(LoggedSet.entry_index))
        .subquery()
    )
    return session.execute(select(func.count()).select_from(groups)).scalar_one()


def entries_page(
    session: Session,
    person_id: int,
    since: datetime,
    *,
    exercise_key: str | None = None,
    page: int = 0,
    per_page: int = 10,
) -> list[StoredEntry]:
    """One page of this person's entries, newest first."""
    conditions = _history_filter(person_id, since, exercise_key)
    newest = func.max(col(LoggedSet.performed_at))
    keys = (
        select(col(LoggedSet.batch_id), col(LoggedSet.entry_index))
        .where(*conditions)
        .group_by(col(LoggedSet.batch_id), col(LoggedSet.entry_index))
        .order_by(newest.desc(), func.max(col(LoggedSet.id)).desc())
        .offset(page * per_page)
        .limit(per_page)
    )
    refs = [EntryRef(batch, index) for batch, index in session.execute(keys).all()]
    if not refs:
        return []
    rows = session.execute(
        select(LoggedSet)
        .where(_mine(person_id), col(LoggedSet.batch_id).in_({r.batch_id for r in refs}))
        .order_by(col(LoggedSet.id))
    ).scalars()
    grouped: dict[EntryRef, list[LoggedSet]] = {ref: [] for ref in refs}
    for row in rows:
        ref = EntryRef(row.batch_id, row.entry_index)
        if ref in grouped:
            grouped[ref].append(row)
    return [StoredEntry(ref, tuple(grouped[ref])) for ref in refs]


def get_entry(session: Session, person_id: int, ref: EntryRef) -> StoredEntry | None:
    query = (
        select(LoggedSet)
        .where(
            _mine(person_id),
            col(LoggedSet.batch_id) == ref.batch_id,
            col(LoggedSet.entry_index) == ref.index,
        )
        .order_by(col(LoggedSet.id))
    )
    rows = tuple((session.execute(query)).scalars())
    return StoredEntry(ref, rows) if rows else None


def delete_entry(session: Session, person_id: int, ref: EntryRef) -> StoredEntry | None:
    entry = get_entry(session, person_id, ref)
    if entry is not None:
        for row in entry.sets:
            session.delete(row)
        session.flush()
        settle(session, person_id, [entry.first.performed_at])
    return entry


def replace_entry(
    session: Session, person_id: int, ref: EntryRef, replacement: Entry
) -> StoredEntry | None:
    """Swap an entry's sets for ``replacement``, keeping when and where it was logged.

    The new rows go in before the old ones go out: SQLite would otherwise hand the
    deleted ids of the newest rows out again, and an edit must be new rows (new ids) for
    anything that watches the ids, such as a challenge board's version, to notice it.
    """
    old = get_entry(session, person_id, ref)
    if old is None:
        return None
    first = old.first
    where = Where.of(first)
    rows = [set_values(where, ref.batch_id, ref.index, replacement, s) for s in replacement.sets]
    session.execute(_INSERT_SETS, rows)
    for row in old.sets:
        session.delete(row)
    session.flush()
    settle(session, person_id, [first.performed_at])
    return get_entry(session, person_id, ref)


def _bests_queries() -> tuple[Executable, Executable]:
    """Best load and e1RM per rep count over every day, and the best volume of the days
    other than one, with that day's own.

    Built once with bound parameters: /log runs them every time, and building them anew
    cost more than SQLite took to answer them.
    """
    day = bindparam("day", type_=Date)
    working = (
        col(LoggedSet.person_id) == bindparam("person_id"),
        col(LoggedSet.exercise_key) == bindparam("exercise_key"),
        # LoggableSet.counts_for_records, as SQL.
        col(LoggedSet.warmup) == False,  # noqa: E712
        moved_load() > 0,
    )
    # e1RM exists only for 1-12 reps (M9), so grouping by those reps loses none of it.
    by_reps = (
        select(
            col(LoggedSet.reps),
            func.max(moved_load()),
            func.max(col(LoggedSet.e1rm_kg)),
        )
        .where(
            *working,
            col(LoggedSet.reps).between(REP_RECORD_RANGE.start, REP_RECORD_RANGE.stop - 1),
        )
        .group_by(col(LoggedSet.reps))
    )
    # The same sum as coach.entries.Entry.volume_kg, done by the database.
    volume = func.sum(set_volume())
    days = (
        select(col(LoggedSet.local_date).label("day"), volume.label("volume"))
        .where(*working)
        .group_by(col(LoggedSet.local_date))
        .subquery()
    )
    by_day = select(
        func.max(case((days.c.day.is_distinct_from(day), days.c.volume))),
        func.max(case((days.c.day.is_not_distinct_from(day), days.c.volume))),
    )
    return by_reps, by_day


_BY_REPS, _BY_DAY = _bests_queries()


def bests(session: Session, person_id: int, exercise_key: str) -> Bests:
    """Best e1RM, best load per rep count and best day's volume on one exercise."""
    return standing(session, person_id, exercise_key, None).bests


def standing(session: Session, person_id: int, exercise_key: str, day: date | None) -> Standing:
    """The bests of every set of one exercise, ``day``'s included, with the best volume of
    the other days and ``day``'s own, for judging more sets of that day.

    Both queries are answered from ``ix_logged_set_person_exercise`` alone.
    """
    connection = session.connection()
    params = {"person_id": person_id, "exercise_key": exercise_key, "day": day}
    weights: dict[int, float] = {}
    best_e1rm: float | None = None
    for reps, weight, estimate in connection.execute(_BY_REPS, params):
        weights[reps] = weight
        if estimate is not None and (best_e1rm is None or estimate > best_e1rm):
            best_e1rm = estimate
    other_day, that_day = connection.execute(_BY_DAY, params).one()
    other = None if other_day is None else float(other_day)
    volumes = [float(v) for v in (other_day, that_day) if v is not None]
    bests = Bests(
        e1rm_kg=best_e1rm, weight_by_reps=weights, day_volume_kg=max(volumes, default=None)
    )
    return Standing(bests, other, float(that_day or 0.0))


def logged_exercise_keys(session: Session, person_id: int) -> list[str]:
    """The exercises this person has logged, most used first (for autocomplete)."""
    query = (
        select(col(LoggedSet.exercise_key))
        .where(_mine(person_id), col(LoggedSet.exercise_key).is_not(None))
        .group_by(col(LoggedSet.exercise_key))
        .order_by(func.count().desc())
        .limit(25)
    )
    return [key for key in session.execute(query).scalars() if key is not None]


def exercise_keys_by_recency(session: Session, person_id: int) -> list[str]:
    """Every exercise this person logged, the most recently done first, ties by key."""
    query = (
        select(col(LoggedSet.exercise_key))
        .where(_mine(person_id), col(LoggedSet.exercise_key).is_not(None))
        .group_by(col(LoggedSet.exercise_key))
        .order_by(func.max(col(LoggedSet.performed_at)).desc(), col(LoggedSet.exercise_key))
    )
    return [key for key in session.execute(query).scalars() if key is not None]
