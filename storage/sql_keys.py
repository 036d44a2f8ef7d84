"""Which exercises a set is of, in SQL: "its key is one of these", for counting by region
or by the leg-day patterns.

Challenges and the weekly report both count a member's sets this way. The keys are
written into the statement, not bound: PostgreSQL looks a constant list up in a hash
table, but once it reuses a plan (after five runs) it scans a list of parameters key by
key for every set, which made the report benchmark's weeks take 3-4 s instead of 0.25 s.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import BindParameter, ColumnElement, bindparam
from sqlmodel import col

from storage.tables import LoggedSet


def exercise_among(keys: Collection[str], name: str) -> ColumnElement[bool]:
    """The set's exercise is one of ``keys``; ``name`` names the list in the statement."""
    listed: BindParameter[list[str]] = bindparam(
        f"{name}_keys", sorted(keys), expanding=True, literal_execute=True
    )
    return col(LoggedSet.exercise_key).in_(listed)
