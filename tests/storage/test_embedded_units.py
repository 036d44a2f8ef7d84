"""Units of work on an SQLite file: on the event loop when free, on the store's thread when not."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import storage.store
from storage.store import Store
from storage.tables import Person

NOW = datetime(2026, 11, 16, 18, 0, tzinfo=UTC)


@pytest.fixture
async def database(tmp_path: Path) -> Path:
    path = tmp_path / "legday.db"
    store = Store(f"sqlite:///{path}")
    await store.migrate()
    await store.close()
    return path


def _add_person(session: Session, person_id: int) -> int:
    session.add(Person(id=person_id, created_at=NOW))
    session.flush()
    return threading.get_ident()


def _people(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Person)).scalar_one()


async def test_a_unit_runs_on_the_event_loop_when_the_database_is_free(database: Path) -> None:
    store = Store(f"sqlite:///{database}")
    try:
        ran_on = await store.run(_add_person, 1)
        assert await store.run(_people) == 1
    finally:
        await store.close()
    assert ran_on == threading.get_ident()


async def test_a_locked_database_makes_the_unit_wait_off_the_loop_and_write_once(
    database: Path,
) -> None:
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    store = Store(f"sqlite:///{database}")
    try:
        unit = asyncio.create_task(store.run(_add_person, 2))
        ticks = 0
        while ticks < 10:  # the loop keeps running while the unit waits for the lock
            await asyncio.sleep(0.01)
            ticks += 1
        assert not unit.done()
        holder.execute("COMMIT")
        ran_on = await asyncio.wait_for(unit, timeout=5)
        assert await store.run(_people) == 1
    finally:
        holder.close()
        await store.close()
    assert ran_on != threading.get_ident()


def _in_database_file_alone(database: Path, copy: Path) -> int:
    """People in the main file without its WAL: only what a checkpoint has copied there."""
    shutil.copyfile(database, copy)
    with sqlite3.connect(copy) as connection:
        return int(connection.execute("SELECT count(*) FROM person").fetchone()[0])


@pytest.mark.parametrize("units_between_checkpoints", [3, 1000])
async def test_the_store_thread_checkpoints_what_the_loop_wrote(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, units_between_checkpoints: int
) -> None:
    monkeypatch.setattr(storage.store, "CHECKPOINT_EVERY", units_between_checkpoints)
    store = Store(f"sqlite:///{database}")
    try:
        for person_id in (11, 12, 13):
            await store.run(_add_person, person_id)
        seen = 0
        for _ in range(100):
            seen = _in_database_file_alone(database, tmp_path / "copy.db")
            if seen == 3 or units_between_checkpoints > 3:
                break
            await asyncio.sleep(0.02)
    finally:
        await store.close()
    assert seen == (3 if units_between_checkpoints == 3 else 0)


async def test_a_unit_that_fails_for_another_reason_fails_once(database: Path) -> None:
    attempts: list[int] = []

    def broken(session: Session) -> None:
        attempts.append(threading.get_ident())
        session.execute(text("SELECT * FROM no_such_table"))

    store = Store(f"sqlite:///{database}")
    try:
        with pytest.raises(OperationalError, match="no_such_table"):
            await store.run(broken)
    finally:
        await store.close()
    assert attempts == [threading.get_ident()]
