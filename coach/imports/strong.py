"""Strong's CSV export, in both layouts.

The comma layout: ``Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,
Distance,Seconds[,Notes,Workout Notes][,RPE]``, weights in the app's unit (not written).
The semicolon layout adds ``Weight Unit`` and ``Distance Unit`` columns and ``Workout
Duration``. ``Set Order`` is the set number, ``W`` for a warm-up, ``D`` for a drop set,
``F`` for a set to failure; rest timers are rows of their own, marked "Rest Timer" in
``Set Order`` or ``Exercise Name``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from coach.imports import cells
from coach.imports.rows import REST_TIMER, ImportedSet, ImportFileError, Skipped, set_or_skip

NAME = "Strong"
REQUIRED = ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Reps")
TELLS = frozenset({"exercise name", "set order"})
_TIMES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d")
_WORKING_MARKS = {"d": "drop set", "f": "to failure"}


def read(header: Sequence[str], rows: cells.Rows) -> Iterator[ImportedSet | Skipped]:
    columns = cells.Columns(header, REQUIRED)
    for line, row in rows:
        # One search over the joined row first: only rest timers hold those words at all.
        if REST_TIMER in "\x1f".join(row).casefold() and any(
            cell.strip().casefold() == REST_TIMER for cell in row
        ):
            yield Skipped(line, REST_TIMER)
            continue
        columns.check_width(line, row)
        order = columns.get(row, "Set Order")
        mark = order.casefold()
        if not (order.isdigit() or mark in _WORKING_MARKS or mark == "w"):
            raise ImportFileError(
                f"Row {line}: Set Order {order!r} is not a set number, W, D or F."
            )
        date = columns.get(row, "Date")
        distance = cells.positive(cells.number(line, "Distance", columns.get(row, "Distance")))
        seconds = cells.positive(cells.number(line, "Seconds", columns.get(row, "Seconds")))
        yield set_or_skip(
            line,
            cells.moment(line, "Date", date, _TIMES),
            f"{date}|{columns.get(row, 'Workout Name')}",
            cells.text_cell(columns.get(row, "Exercise Name")),
            weight=cells.number(line, "Weight", columns.get(row, "Weight")),
            unit=cells.unit(line, columns.get(row, "Weight Unit")),
            reps=cells.whole(line, "Reps", columns.get(row, "Reps")),
            seconds=round(seconds) if seconds else None,
            distance=distance,
            distance_unit=columns.get(row, "Distance Unit") or None,
            rpe=cells.number(line, "RPE", columns.get(row, "RPE")),
            warmup=mark == "w",
            note=cells.note(columns.get(row, "Notes"), columns.get(row, "Workout Notes")),
        )
