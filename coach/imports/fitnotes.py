"""FitNotes' CSV export: ``Date,Exercise,Category,Weight (kgs)|Weight (lbs)|Weight,
Weight Unit,Reps,Distance,Distance Unit,Time[,Comment]``.

FitNotes keeps dates only, so every set of a day is taken to be at noon that day. It
writes exercise names unquoted even when they hold a comma ("Overhead Press (Each Side,
Dumbbells)"), so a row with more cells than the header has them put back into the name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import time

from coach.imports import cells
from coach.imports.rows import ImportedSet, ImportFileError, Skipped, set_or_skip
from coach.vocabulary import Unit

NAME = "FitNotes"
REQUIRED = ("Date", "Exercise", "Category", "Reps")
TELLS = frozenset({"date", "exercise", "category"})
NOON = time(12)
_WEIGHT_COLUMNS = {"Weight (kgs)": Unit.KG, "Weight (lbs)": Unit.LB, "Weight": None}


def _seconds(line: int, text: str) -> int | None:
    """``Time`` as H:MM:SS or MM:SS."""
    if not text:
        return None
    try:
        parts = [int(p) for p in text.split(":")]
    except ValueError:
        raise ImportFileError(
            f"Row {line}: Time {text!r} is not a duration like 0:01:30."
        ) from None
    total = 0
    for part in parts:
        total = total * 60 + part
    return total


def read(header: Sequence[str], rows: cells.Rows) -> Iterator[ImportedSet | Skipped]:
    columns = cells.Columns(header, REQUIRED)
    weight_column = next((c for c in _WEIGHT_COLUMNS if columns.has(c)), None)
    if weight_column is None:
        raise ImportFileError("The header has no Weight (kgs), Weight (lbs) or Weight column.")
    header_unit = _WEIGHT_COLUMNS[weight_column]
    name_at = [h.casefold() for h in header].index("exercise")
    for line, written in rows:
        row = written
        extra = len(row) - columns.width
        if extra > 0:
            row = [
                *row[:name_at],
                ",".join(row[name_at : name_at + extra + 1]),
                *row[name_at + extra + 1 :],
            ]
        columns.check_width(line, row)
        date = columns.get(row, "Date")
        day = cells.moment(line, "Date", date, ("%Y-%m-%d",))
        yield set_or_skip(
            line,
            day.replace(hour=NOON.hour),
            date,
            cells.text_cell(columns.get(row, "Exercise")),
            weight=cells.number(line, "Weight", columns.get(row, weight_column)),
            unit=header_unit or cells.unit(line, columns.get(row, "Weight Unit")),
            reps=cells.whole(line, "Reps", columns.get(row, "Reps")),
            seconds=_seconds(line, columns.get(row, "Time")),
            distance=cells.positive(cells.number(line, "Distance", columns.get(row, "Distance"))),
            distance_unit=columns.get(row, "Distance Unit") or None,
            rpe=None,
            warmup=False,
            note=cells.note(columns.get(row, "Comment")),
        )
