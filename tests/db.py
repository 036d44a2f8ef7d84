"""What tests put in the store and read back, each as one unit of work (``Store.run``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from storage.store import Store


async def add(store: Store, *rows: Any) -> None:
    """Store these rows, in the order given, in one transaction."""

    def unit(session: Session) -> None:
        for row in rows:
            session.add(row)
            session.flush()  # in order: a later row may refer to an earlier one

    await store.run(unit)


async def every(store: Store, query: Any) -> list[Any]:
    """Every row (or first column) the query selects."""
    return await store.run(lambda session: list(session.execute(query).scalars()))


async def first(store: Store, query: Any) -> Any:
    """The one row (or value) the query selects, or None."""
    return await store.run(lambda session: session.execute(query).scalars().first())


async def get(store: Store, kind: type, key: Any) -> Any:
    """The row of this table with this primary key, or None."""
    return await store.run(lambda session: session.get(kind, key))
