"""Hevy's CSV export: ``title,start_time,end_time,description,exercise_title,superset_id,
exercise_notes,set_index,set_type,weight_kg|weight_lbs,reps,distance_km|distance_miles,
duration_seconds,rpe``; the weight column's name gives the unit, ``set_type`` is warmup,
normal, failure or dropset.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from coach.imports import cells
from coach.imports.rows import ImportedSet, ImportFileError, Skipped, set_or_skip
from coach.vocabulary import Unit

NAME = "Hevy"
REQUIRED = ("title", "start_time", "exercise_title", "set_type", "reps")
TELLS = frozenset({"exercise_title", "set_type"})
_TIMES = ("%d %b %Y, %H:%M", "%b %d, %Y, %I:%M %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M")
_SET_TYPES = {"warmup", "normal", "failure", "dropset"}


def read(header: Sequence[str], rows: cells.Rows) -> Iterator[ImportedSet | Skipped]:
    columns = cells.Columns(header, REQUIRED)
    if columns.has("weight_kg"):
        weight_column, unit = "weight_kg", Unit.KG
    elif columns.has("weight_lbs"):
        weight_column, unit = "weight_lbs", Unit.LB
    else:
        raise ImportFileError("The header has no weight_kg or weight_lbs column.")
    distance_unit = "km" if columns.has("distance_km") else "mi"
    for line, row in rows:
        columns.check_width(line, row)
        set_type = columns.get(row, "set_type").casefold()
        if set_type not in _SET_TYPES:
            raise ImportFileError(
                f"Row {line}: set_type {set_type!r} is not warmup, normal, failure or dropset."
            )
        start = columns.get(row, "start_time")
        distance = columns.get(row, "distance_km") or columns.get(row, "distance_miles")
        seconds = cells.number(line, "duration_seconds", columns.get(row, "duration_seconds"))
        yield set_or_skip(
            line,
            cells.moment(line, "start_time", start, _TIMES),
            f"{start}|{columns.get(row, 'title')}",
            cells.text_cell(columns.get(row, "exercise_title")),
            weight=cells.number(line, weight_column, columns.get(row, weight_column)),
            unit=unit,
            reps=cells.whole(line, "reps", columns.get(row, "reps")),
            seconds=round(seconds) if seconds else None,
            distance=cells.positive(cells.number(line, "distance", distance)),
            distance_unit=distance_unit,
            rpe=cells.number(line, "rpe", columns.get(row, "rpe")),
            warmup=set_type == "warmup",
            note=cells.note(columns.get(row, "exercise_notes")),
        )
