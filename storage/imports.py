"""Importing another app's export into a person's logbook, previewing it, and undoing it.

``run_import`` reads the file once, in chunks: the person's sets in each chunk's time span
are read in one query, and (when writing) the chunk's new sets go in with one insert that
skips any set the person already has. A set is already there when its fingerprint is
(imported before) or, for sets logged live, when one just like it was done at that second
(our own export, imported back). Reading and writing happen in the caller's transaction, so a file
that turns out broken halfway leaves nothing behind.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from typing import IO
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func
from sqlalchemy import select as columns
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.catalog import Catalog
from coach.entries import Entry
from coach.imports.detect import read_export
from coach.imports.plan import (
    Options,
    PlannedSet,
    Planner,
    Summary,
    read_mapping,
    without_per_side,
)
from coach.vocabulary import Unit
from storage import logbook
from storage.custom_exercises import custom_exercises_of
from storage.people import get_person
from storage.sessions import settle
from storage.tables import IMPORTED, DataImport, LoggedSet, Person

CHUNK = 2000


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """Whose file it is and how to read what it leaves open."""

    person_id: int
    filename: str
    now: datetime
    guild_id: int | None = None
    unit: Unit | None = None
    """Overrides the person's unit for weights the file gives without one."""
    zone: str | None = None
    """Overrides the person's zone for times the file gives without one."""
    mapping: str | None = None
    """Names the catalog does not match, each with the exercise to count it as."""


def _chunks(planned: Iterable[PlannedSet]) -> Iterator[list[PlannedSet]]:
    items = iter(planned)
    while chunk := list(islice(items, CHUNK)):
        yield chunk


Content = tuple[str, str, float, int | None, int | None, bool, bool]


def _content(
    at: datetime,
    name: str,
    kg: float | None,
    reps: int | None,
    s: int | None,
    warmup: bool,
    per_side: bool,
) -> Content:
    """What a set is, to the second and the gram: how a set logged live (which has no
    fingerprint) is recognised in our own export when that is imported back, where a
    per-side set's name carries "(Each Side)"."""
    return (
        at.strftime("%Y-%m-%dT%H:%M:%S"),
        without_per_side(name).casefold(),
        round(kg or 0.0, 3),
        reps,
        s,
        warmup,
        per_side,
    )


class _Known:
    """The person's sets in the time span of one chunk: their fingerprints and contents."""

    def __init__(self, session: Session, person_id: int, chunk: list[PlannedSet]) -> None:
        first = min(p.performed_at for p in chunk)
        last = max(p.performed_at for p in chunk) + timedelta(seconds=1)
        query = columns(
            col(LoggedSet.fingerprint),
            col(LoggedSet.performed_at),
            col(LoggedSet.exercise_name),
            col(LoggedSet.weight_kg),
            col(LoggedSet.reps),
            col(LoggedSet.seconds),
            col(LoggedSet.warmup),
            col(LoggedSet.per_side),
        ).where(
            col(LoggedSet.person_id) == person_id,
            col(LoggedSet.performed_at) >= first,
            col(LoggedSet.performed_at) < last,
        )
        self.fingerprints: set[str] = set()
        self.contents: Counter[Content] = Counter()
        for fp, at, name, kg, reps, seconds, warmup, per_side in session.execute(query).all():
            if fp is not None:
                self.fingerprints.add(fp)
            self.contents[_content(at, name, kg, reps, seconds, warmup, per_side)] += 1

    def has(self, p: PlannedSet) -> bool:
        """Whether the set is already there; each stored set vouches for one set only."""
        s = p.loggable
        content = _content(
            p.performed_at, p.name, s.weight_kg, s.reps, s.seconds, s.warmup, s.per_side
        )
        if p.fingerprint in self.fingerprints:
            self.contents[content] -= 1
            return True
        if self.contents[content] > 0:
            self.contents[content] -= 1
            return True
        self.fingerprints.add(p.fingerprint)
        return False


def _insert_new(session: Session, rows: list[dict[str, object]]) -> None:
    dialect = session.get_bind().dialect.name
    statement = (postgresql if dialect == "postgresql" else sqlite).insert(LoggedSet)
    # A set stored meanwhile by another import of the same file is skipped, not an error.
    # Through the connection: one executemany, where the ORM would insert row by row.
    session.connection().execute(
        statement.on_conflict_do_nothing(index_elements=["person_id", "fingerprint"]), rows
    )


def _row(request: ImportRequest, import_id: int, batch: str, p: PlannedSet) -> dict[str, object]:
    where = logbook.Where(
        person_id=request.person_id,
        guild_id=request.guild_id,
        performed_at=p.performed_at,
        logged_at=request.now,
        local_date=p.local_date,
        source=IMPORTED,
        note=p.note,
    )
    entry = Entry(typed=p.name, exercise=p.exercise, suggestions=(), sets=(p.loggable,))
    # One batch per workout, so history shows each workout's exercises as entries.
    row = logbook.set_values(where, f"{batch}{p.workout_no:012x}", p.entry_index, entry, p.loggable)
    row["fingerprint"] = p.fingerprint
    row["import_id"] = import_id
    return row


def run_import(
    session: Session,
    request: ImportRequest,
    stream: IO[str],
    catalog: Catalog,
    *,
    write: bool,
) -> Summary:
    """Read ``stream`` and count what it would add; with ``write``, add it too.

    Raises ``ImportFileError`` for a file that cannot be read and ``ZoneNeeded`` when its
    times have no zone and neither the request nor the person gives one.
    """
    # A preview writes nothing, not even a first-time person: their defaults are read.
    person = (
        get_person(session, request.person_id, request.now)
        if write
        else session.get(Person, request.person_id)
        or Person(id=request.person_id, created_at=request.now)
    )
    zone_name = request.zone or person.timezone
    custom = custom_exercises_of(session, request.person_id)
    options = Options(
        unit=request.unit or Unit(person.unit),
        zone=ZoneInfo(zone_name) if zone_name else None,
        catalog=catalog,
        custom=custom,
        mapped=read_mapping(request.mapping, catalog, custom) if request.mapping else {},
    )
    export = read_export(stream)
    planner = Planner(export.format, options)
    summary = planner.summary
    record: DataImport | None = None
    if write:
        record = DataImport(
            person_id=request.person_id,
            format=export.format,
            filename=request.filename[:100],
            at=request.now,
        )
        session.add(record)
        session.flush()
    batch = uuid.uuid4().hex[:20]
    added: list[datetime] = []
    for chunk in _chunks(planner.plan(export.items)):
        known = _Known(session, request.person_id, chunk)
        new: list[PlannedSet] = []
        for planned in chunk:
            if known.has(planned):
                summary.already_there += 1
                continue
            summary.add_new(planned)
            new.append(planned)
        if record is not None and record.id is not None and new:
            _insert_new(session, [_row(request, record.id, batch, p) for p in new])
            added += (min(p.performed_at for p in new), max(p.performed_at for p in new))
    settle(session, request.person_id, added)
    if record is not None:
        if summary.sets:
            record.sets = summary.sets
        else:
            # Nothing new: no import to undo later.
            session.delete(record)
        session.flush()
    return summary


def last_import(session: Session, person_id: int) -> DataImport | None:
    query = (
        select(DataImport)
        .where(col(DataImport.person_id) == person_id)
        .order_by(col(DataImport.at).desc(), col(DataImport.id).desc())
        .limit(1)
    )
    return session.execute(query).scalars().first()


def undo_import(session: Session, person_id: int, import_id: int) -> int:
    """Remove one of this person's imports and every set it added; returns how many."""
    record = session.get(DataImport, import_id)
    if record is None or record.person_id != person_id:
        return 0
    mine = (col(LoggedSet.person_id) == person_id, col(LoggedSet.import_id) == import_id)
    removed, first, last = session.execute(
        columns(
            func.count(),
            func.min(col(LoggedSet.performed_at)),
            func.max(col(LoggedSet.performed_at)),
        ).where(*mine)
    ).one()
    session.execute(delete(LoggedSet).where(*mine))
    session.delete(record)
    session.flush()
    settle(session, person_id, [at for at in (first, last) if at is not None])
    return int(removed)
