"""A logged set's volume, computed by the database with the rule ``coach.entries`` uses.

Load x reps, and both sides of a per-side set (``bss 3x10 each 24kg`` moves 1,440 kg);
a set without reps or with no positive load (an assisted pull-up) moves nothing. A
weighted bodyweight set counts its bodyweight too when the profile had one. Records
and challenges both sum this, so /log, /pr and the lower-volume challenge agree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Float, and_, case, cast, func
from sqlmodel import col

from storage.tables import LoggedSet


def moved_load() -> ColumnElement[Any]:
    """The load a set counts with: bodyweight + added load when stored, else its weight."""
    return func.coalesce(col(LoggedSet.load_kg), col(LoggedSet.weight_kg))


def set_volume() -> ColumnElement[Any]:
    weight, reps = moved_load(), col(LoggedSet.reps)
    sides = case((col(LoggedSet.per_side) == True, 2), else_=1)  # noqa: E712
    return case(
        (and_(weight > 0, reps.is_not(None)), cast(weight, Float) * reps * sides), else_=0.0
    )
