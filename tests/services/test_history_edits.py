"""/history's edit and removal rules, called directly: what no end-to-end test reaches (an
edit to two exercises, an entry removed meanwhile), on each back-end."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coach.problems import UserError
from coach.vocabulary import Unit
from services.history import (
    StoredEntry,
    edit_entry,
    find_entry,
    open_history,
    remove_entry,
)
from services.log import Request, log_text
from storage.bests_cache import BestsCache
from storage.store import Store

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
ALICE = 111


async def logged_entry(store: Store, text: str = "squat 3x5 100kg") -> StoredEntry:
    await log_text(store, Request(ALICE, None, text), now=NOW, cache=BestsCache())
    opening = await open_history(store, ALICE, days=30, exercise=None, now=NOW)
    return opening.first_page[0]


async def test_an_edit_to_two_exercises_changes_nothing(store: Store) -> None:
    entry = await logged_entry(store)

    with pytest.raises(UserError, match="An entry is one exercise"):
        await edit_entry(store, ALICE, entry.ref, "squat 5x5 90kg; bench 80kg 5", Unit.KG, now=NOW)

    kept = await find_entry(store, ALICE, str(entry.ref))
    assert [(s.reps, s.weight_kg) for s in kept.sets] == [(5, 100.0)] * 3


async def test_an_edit_that_reads_two_ways_asks_for_one_and_changes_nothing(
    store: Store,
) -> None:
    entry = await logged_entry(store)

    with pytest.raises(UserError) as refused:
        await edit_entry(store, ALICE, entry.ref, "squat 135x4x8", Unit.LB, now=NOW)

    assert "8 sets of 4 at 135 lb** or **Back Squat: 4 sets of 8" in str(refused.value)
    assert "An entry is one exercise" not in str(refused.value)
    kept = await find_entry(store, ALICE, str(entry.ref))
    assert [(s.reps, s.weight_kg) for s in kept.sets] == [(5, 100.0)] * 3


async def test_an_entry_removed_meanwhile_is_gone_for_every_action(store: Store) -> None:
    entry = await logged_entry(store)

    assert await remove_entry(store, ALICE, entry.ref) is not None
    assert await remove_entry(store, ALICE, entry.ref) is None
    with pytest.raises(UserError, match="gone already; nothing changed"):
        await edit_entry(store, ALICE, entry.ref, "squat 4x4 105kg", Unit.KG, now=NOW)
    with pytest.raises(UserError, match="gone already"):
        await find_entry(store, ALICE, str(entry.ref))
