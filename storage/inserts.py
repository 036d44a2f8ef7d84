"""Inserting a row only if its key is new, decided by the database in one statement.

A read followed by an insert races: two first commands of one person at once both read
"nobody" and the second insert fails on the unique key. ``INSERT ... ON CONFLICT DO
NOTHING`` (both SQLite and PostgreSQL) lets the database pick the one that inserts; the
other sees the winner's row when it reads afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import SQLModel


def insert_if_new(session: Session, row: SQLModel, keys: Sequence[str]) -> Any:
    """The statement inserting ``row`` unless a row with the same ``keys`` exists; it
    returns the new row's id, or nothing when the key was taken."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    table = type(row).__table__  # type: ignore[attr-defined]
    values = {name: value for name, value in row.model_dump().items() if value is not None}
    return (
        dialect.insert(table)
        .values(values)
        .on_conflict_do_nothing(index_elements=list(keys))
        .returning(table.c.id)
    )
