"""/history's rules: a person's entries of the last days, a page at a time, and editing or
removing one of them.

An entry is one exercise of one logging call (``storage.logbook``). Editing reads the new
text the way /log does, as exactly one entry, and keeps when and where it was logged.
Whoever calls tells listeners (the live challenge boards) that the person's sets changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from coach.catalog import load_catalog
from coach.entries import read_entries
from coach.exercise import Exercise
from coach.problems import UserError
from coach.text import clean_text, counted
from coach.vocabulary import Unit
from coach.zones import stored_zone
from storage import logbook
from storage.custom_exercises import custom_exercises_of
from storage.logbook import EntryRef, StoredEntry
from storage.people import read_person, readings_of
from storage.store import Store

PER_PAGE = 10


@dataclass(frozen=True, slots=True)
class Reader:
    """How the person reads their history: their unit, zone and own exercises."""

    unit: Unit
    zone: ZoneInfo
    custom: tuple[Exercise, ...] = ()


@dataclass(frozen=True, slots=True)
class Query:
    """Which entries: those since a moment, of one exercise or of all."""

    since: datetime
    exercise_key: str | None = None


@dataclass(frozen=True, slots=True)
class Opening:
    """What /history opens on: how the person reads it, and the first page."""

    query: Query
    reader: Reader
    total: int
    first_page: list[StoredEntry]

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PER_PAGE))


def _opening(session: Session, user_id: int, query: Query, now: datetime) -> Opening:
    """What /history opens with (the person, their own exercises, the count and the first
    page), read in one unit of work."""
    person = read_person(session, user_id, now)
    custom = tuple(custom_exercises_of(session, user_id))
    reader = Reader(Unit(person.unit), stored_zone(person.timezone), custom)
    since, key = query.since, query.exercise_key
    total = logbook.count_entries(session, user_id, since, key)
    first = (
        logbook.entries_page(session, user_id, since, exercise_key=key, per_page=PER_PAGE)
        if total
        else []
    )
    return Opening(query, reader, total, first)


async def open_history(
    store: Store, user_id: int, *, days: int, exercise: Exercise | None, now: datetime
) -> Opening:
    """The person's entries of the last ``days`` (of ``exercise`` only, if given): the first
    page and how many there are. A ``UserError`` when there are none."""
    query = Query(now - timedelta(days=days), None if exercise is None else exercise.key)
    opening = await store.run(_opening, user_id, query, now)
    if opening.total == 0:
        raise UserError(
            f"Nothing logged in the last {counted(days, 'day')}"
            + (f" for {exercise.name}" if exercise else "")
            + ". Log with `/log squat 3x5 100kg`."
        )
    return opening


async def history_page(store: Store, user_id: int, query: Query, page: int) -> list[StoredEntry]:
    """Page ``page`` (from 0) of the entries ``query`` asks for, read again, newest first."""
    return await store.run(
        logbook.entries_page,
        user_id,
        query.since,
        exercise_key=query.exercise_key,
        page=page,
        per_page=PER_PAGE,
    )


async def find_entry(store: Store, owner_id: int, ref: str) -> StoredEntry:
    """The entry ``ref`` (``str(entry.ref)``) names; a ``UserError`` when it is gone."""
    parsed = EntryRef.parse(ref)
    entry = await store.run(logbook.get_entry, owner_id, parsed)
    if entry is None:
        raise UserError("That entry is gone already.")
    return entry


async def remove_entry(store: Store, owner_id: int, ref: EntryRef) -> StoredEntry | None:
    """Delete an entry: what was deleted, or None when it was gone already."""
    return await store.run(logbook.delete_entry, owner_id, ref)


def _edit_entry(
    session: Session, owner_id: int, ref: EntryRef, text: str, unit: Unit, now: datetime
) -> StoredEntry | None:
    """Read ``text`` as one entry and put its sets in place of ``ref``'s; None when the
    entry is gone."""
    custom = custom_exercises_of(session, owner_id)
    person = read_person(session, owner_id, now)
    read = read_entries(
        clean_text(text),
        unit,
        load_catalog(),
        custom,
        bodyweight_kg=person.bodyweight_kg,
        choices=readings_of(person),
    )
    if read.questions:
        question = read.questions[0]
        line = question.line.replace("`", "'")[:100]
        readings = " or ".join(f"**{option.label}**" for option in question.options)
        raise UserError(
            f"Nothing was changed. I can read `{line}` as {readings}: write the "
            "sets and the weight apart, e.g. `squat 4x8 135lb`."
        )
    if read.errors or len(read.entries) != 1:
        problem = read.errors[0] if read.errors else "An entry is one exercise."
        raise UserError(f"Nothing was changed. {problem} Example: `squat 3x5 100kg @8`.")
    return logbook.replace_entry(session, owner_id, ref, read.entries[0])


async def edit_entry(
    store: Store, owner_id: int, ref: EntryRef, text: str, unit: Unit, *, now: datetime
) -> StoredEntry:
    """Replace an entry's sets with those ``text`` reads as, in ``unit``: the entry as
    stored now. A ``UserError`` (and nothing changed) when the text is not one entry or
    the entry is gone."""
    new = await store.run(_edit_entry, owner_id, ref, text, unit, now)
    if new is None:
        raise UserError("That entry is gone already; nothing changed.")
    return new
