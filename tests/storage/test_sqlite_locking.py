"""An SQLite file another writer holds: units of work wait for it without stalling the bot."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from storage.store import Store
from storage.tables import Person

NOW = datetime(2026, 11, 16, 18, 0, tzinfo=UTC)


def _add_person(session: Session, person_id: int) -> None:
    session.add(Person(id=person_id, created_at=NOW))
    session.flush()


def _people(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Person)).scalar_one()


async def test_a_locked_database_makes_the_unit_wait_off_the_loop_and_write_once(
    database_url: str,
) -> None:
    holder = sqlite3.connect(make_url(database_url).database or "", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    store = Store(database_url)
    try:
        unit = asyncio.create_task(store.run(_add_person, 2))
        ticks = 0
        while ticks < 10:  # the loop keeps running while the unit waits for the lock
            await asyncio.sleep(0.01)
            ticks += 1
        assert not unit.done()
        holder.execute("COMMIT")
        await asyncio.wait_for(unit, timeout=5)
        assert await store.run(_people) == 1
    finally:
        holder.close()
        await store.close()


async def test_a_unit_that_fails_runs_once(database_url: str) -> None:
    attempts: list[None] = []

    def broken(session: Session) -> None:
        attempts.append(None)
        session.execute(text("SELECT * FROM no_such_table"))

    store = Store(database_url)
    try:
        with pytest.raises(OperationalError, match="no_such_table"):
            await store.run(broken)
    finally:
        await store.close()
    assert len(attempts) == 1
