"""Everything Leg Day holds about one person: found from the schema, exported, forgotten.

Which tables hold a person is read from the metadata, so a table added later is covered
without touching this module: a column that references ``person.id`` makes its rows the
person's own (exported, and deleted when they ask to be forgotten); a column named like
``creator_id`` or ``excluded_by`` only records that they did something to a shared row
(a server's challenge, another member's exclusion), so forgetting blanks it instead of
deleting what others still use.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Column, Table, delete, update
from sqlalchemy import select as rows_of
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.imports.cells import metres, spreadsheet_safe
from coach.imports.plan import is_per_side_name
from coach.units import format_number
from coach.vocabulary import Unit
from storage.tables import Challenge, ChallengeMember, LoggedSet, Person, metadata

# Columns that name the person who did something to a row that belongs to others.
ACTOR_COLUMNS = frozenset(
    {
        "creator_id",
        "excluded_by",
        "user_id",
        "owner_id",
        "author_id",
        "member_id",
        "by_id",
        "report_set_by",
    }
)
FORMER_MEMBER = 0
"""Stands in for a forgotten person where a shared row needs someone (a challenge's creator)."""

# Strong's semicolon layout, the one of its two that names each row's weight and distance
# unit: the comma layout leaves them to the reader's unit, so an export read back after
# /settings unit changed would turn 225 lb into 225 kg.
STRONG_HEADER = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes"
)
_UNIT_NAMES = {Unit.KG: "kg", Unit.LB: "lbs"}
WORKOUT_NAME = "Leg Day"


@dataclass(frozen=True, slots=True)
class PersonColumn:
    table: Table
    column: Column[Any]
    owns: bool
    """True: the row is the person's own; False: the row only mentions them."""


def person_columns() -> list[PersonColumn]:
    """Every column that can hold a person's id, children's tables first."""
    found = []
    for table in reversed(metadata.sorted_tables):
        for column in table.columns:
            is_person = table.name == "person" and column.name == "id"
            references = any(fk.column.table.name == "person" for fk in column.foreign_keys)
            if is_person or references or column.name == "person_id":
                found.append(PersonColumn(table, column, owns=True))
            elif column.name in ACTOR_COLUMNS:
                found.append(PersonColumn(table, column, owns=False))
    return found


def _count(result: object) -> int:
    # A DML result is a CursorResult, whose rowcount the Session's typing does not show.
    return int(getattr(result, "rowcount", 0) or 0)


def forget(session: Session, person_id: int) -> dict[str, int]:
    """Delete every row that is this person's and blank their id where others' rows name
    them; returns the rows touched per table."""
    touched: dict[str, int] = {}
    for found in person_columns():
        if found.owns:
            continue
        blank = None if found.column.nullable else FORMER_MEMBER
        result = session.execute(
            update(found.table).where(found.column == person_id).values({found.column.name: blank})
        )
        touched[found.table.name] = touched.get(found.table.name, 0) + _count(result)
    for found in person_columns():
        if not found.owns:
            continue
        result = session.execute(delete(found.table).where(found.column == person_id))
        touched[found.table.name] = touched.get(found.table.name, 0) + _count(result)
    session.flush()
    return {table: count for table, count in touched.items() if count}


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def everything_about(session: Session, person_id: int) -> dict[str, Any]:
    """The person's own rows in every table, and the names of the challenges they joined."""
    tables: dict[str, list[dict[str, object]]] = {}
    for found in person_columns():
        if not found.owns:
            continue
        rows = session.execute(
            rows_of(found.table).where(found.column == person_id).order_by(*found.table.primary_key)
        ).mappings()
        tables.setdefault(found.table.name, []).extend(
            {key: _json_value(value) for key, value in row.items()} for row in rows
        )
    joined = select(col(Challenge.id), col(Challenge.name), col(Challenge.guild_id)).join(
        ChallengeMember, col(ChallengeMember.challenge_id) == col(Challenge.id)
    )
    challenges = session.execute(
        joined.where(col(ChallengeMember.person_id) == person_id).order_by(col(Challenge.id))
    ).all()
    return {
        "person_id": person_id,
        "tables": tables,
        "challenges_joined": [
            {"id": cid, "name": name, "guild_id": guild} for cid, name, guild in challenges
        ],
    }


def _sets(session: Session, person_id: int) -> Iterator[LoggedSet]:
    query = (
        select(LoggedSet)
        .where(col(LoggedSet.person_id) == person_id)
        .order_by(col(LoggedSet.performed_at), col(LoggedSet.id))
        .execution_options(yield_per=1000)
    )
    yield from session.execute(query).scalars()


def _weight(row: LoggedSet) -> tuple[str, str]:
    """The weight as it was typed, in the unit it was typed in, so it reads back to the
    same kilograms; kilograms when nothing was typed (a bodyweight set's 0)."""
    if row.weight_kg is None:
        return "", ""
    if row.weight_typed is not None and row.unit_typed is not None:
        return repr(row.weight_typed), _UNIT_NAMES[Unit(row.unit_typed)]
    return repr(row.weight_kg), _UNIT_NAMES[Unit.KG]


def _exported_name(row: LoggedSet) -> str:
    """A per-side set says so in its name, as FitNotes does, so it imports back per side."""
    if row.per_side and not is_per_side_name(row.exercise_name):
        return f"{row.exercise_name} (Each Side)"
    return row.exercise_name


def _distance(row: LoggedSet, unit: Unit) -> tuple[str, str]:
    """In km with kg, miles with lb, to as many decimals as it takes to read back to the
    same metres; in metres when no decimal does."""
    if row.distance_m is None:
        return "", ""
    for name in ("km" if unit is Unit.KG else "mi", "m"):
        per = metres(0, 1.0, name, name) or 1.0
        for digits in range(4, 18):
            text = f"{row.distance_m / per:.{digits}f}".rstrip("0").rstrip(".")
            if metres(0, float(text), name, name) == row.distance_m:
                return text, name
    return repr(row.distance_m), "m"


def strong_csv(session: Session, person_id: int) -> str:
    """The person's sets in Strong's semicolon layout, each weight and distance with its
    unit, times in their zone; text cells a spreadsheet would run are quoted."""
    person = session.get(Person, person_id)
    unit = Unit(person.unit) if person else Unit.KG
    zone = ZoneInfo(person.timezone) if person and person.timezone else ZoneInfo("UTC")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(STRONG_HEADER.split(";"))
    workout: str | None = None
    numbers: dict[str, int] = {}
    for row in _sets(session, person_id):
        when = row.performed_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
        if when != workout:
            workout, numbers = when, {}
        if row.warmup:
            order = "W"
        else:
            numbers[row.exercise_name] = numbers.get(row.exercise_name, 0) + 1
            order = str(numbers[row.exercise_name])
        writer.writerow(
            [
                when,
                WORKOUT_NAME,
                spreadsheet_safe(_exported_name(row)),
                order,
                *_weight(row),
                row.reps if row.reps is not None else "",
                format_number(row.rpe) if row.rpe is not None else "",
                *_distance(row, unit),
                row.seconds or 0,
                spreadsheet_safe(row.note or ""),
                "",
            ]
        )
    return out.getvalue()
