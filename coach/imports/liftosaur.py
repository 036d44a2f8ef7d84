"""Liftosaur's history CSV: ``Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,
Required Reps,Completed Reps,Is AMRAP?,Required RPE,Completed RPE,Log RPE?,Required Weight
Value,Required Weight Unit,Completed Weight Value,Completed Weight Unit,Ask Weight?,
Completed Reps Time,Target Muscles,Synergist Muscles,Notes``.

Times are ISO 8601 in UTC. A planned set that was never done has no completed reps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from coach.imports import cells
from coach.imports.rows import NOT_DONE, ImportedSet, Skipped, set_or_skip

NAME = "Liftosaur"
REQUIRED = ("Workout DateTime", "Exercise", "Completed Reps", "Is Warmup Set?")
TELLS = frozenset({"workout datetime", "completed reps"})


def read(header: Sequence[str], rows: cells.Rows) -> Iterator[ImportedSet | Skipped]:
    columns = cells.Columns(header, REQUIRED)
    for line, row in rows:
        columns.check_width(line, row)
        completed = columns.get(row, "Completed Reps")
        if not completed:
            yield Skipped(line, NOT_DONE)
            continue
        start = columns.get(row, "Workout DateTime")
        weight = columns.get(row, "Completed Weight Value") or columns.get(
            row, "Required Weight Value"
        )
        unit = columns.get(row, "Completed Weight Unit") or columns.get(row, "Required Weight Unit")
        yield set_or_skip(
            line,
            cells.moment(line, "Workout DateTime", start, ()),
            f"{start}|{columns.get(row, 'Day Name')}",
            cells.text_cell(columns.get(row, "Exercise")),
            weight=cells.number(line, "Completed Weight Value", weight),
            unit=cells.unit(line, unit),
            reps=cells.whole(line, "Completed Reps", completed),
            seconds=None,
            distance=None,
            rpe=cells.number(line, "Completed RPE", columns.get(row, "Completed RPE")),
            warmup=columns.get(row, "Is Warmup Set?") == "1",
            note=cells.note(columns.get(row, "Notes")),
        )
