"""Heavy units of work (an app export being read) run apart: the bot's loop stays free."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from storage.store import Store
from storage.tables import Person
from tests.db import get

NOW = datetime(2026, 11, 16, 18, 0, tzinfo=UTC)


def _add_once_the_loop_has_ticked(session: Session, ticked: threading.Event) -> bool:
    # Blocks like a long computation; it can only see the tick if it is not on the loop.
    seen = ticked.wait(timeout=5)
    session.add(Person(id=7, created_at=NOW))
    session.flush()
    return seen


async def test_a_unit_run_apart_leaves_the_loop_running_and_commits(backend_url: str) -> None:
    store = Store(backend_url)
    ticked = threading.Event()
    try:
        unit = asyncio.create_task(store.run_apart(_add_once_the_loop_has_ticked, ticked))
        await asyncio.sleep(0.05)
        ticked.set()  # the loop got here while the unit was computing
        assert await unit is True
        assert await get(store, Person, 7) is not None
    finally:
        await store.close()
