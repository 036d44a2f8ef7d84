"""An import whose times have no zone needs the person's: refused without one, and not
written when the zone was cleared between the preview and the confirmation."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from sqlmodel import select

from coach.problems import UserError
from services import data, settings
from storage.store import Store
from storage.tables import LoggedSet, Person
from tests.db import every

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
ALICE = 111
STRONG = (Path(__file__).parents[1] / "fixtures" / "imports" / "strong_comma.csv").read_bytes()


async def preview(store: Store) -> data.Planned:
    return await data.preview(
        store, STRONG, person_id=ALICE, filename="strong.csv", guild_id=None, mapping=None, now=NOW
    )


async def test_wall_times_without_a_zone_are_refused(store: Store) -> None:
    with pytest.raises(UserError, match="have no time zone"):
        await preview(store)
    assert await every(store, select(LoggedSet)) == []


async def test_a_zone_cleared_before_confirming_writes_nothing(store: Store) -> None:
    await settings.set_timezone(store, ALICE, "Europe/Berlin", now=NOW)
    planned = await preview(store)
    assert planned.summary.sets > 0

    def clear(session: Session) -> None:
        session.get_one(Person, ALICE).timezone = None

    await store.run(clear)

    assert await data.write(store, planned, STRONG) is None
    assert await every(store, select(LoggedSet)) == []
