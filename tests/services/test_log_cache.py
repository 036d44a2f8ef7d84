"""/log keeps the bests it read for the person's next log of the same exercise and day
(``storage.bests_cache``), and reads them again once their sets changed: on each back-end."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from services.log import Logged, Request, log_text, undo
from storage import logbook
from storage.bests_cache import BestsCache
from storage.store import Store

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
ALICE, BOB = 111, 222
LOGS = ("squat 3x5 100kg", "squat 1x5 110kg", "squat 2x3 120kg")


async def test_a_second_log_of_the_day_is_answered_from_the_cache_until_an_undo(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[tuple[int, str]] = []
    read_standing = logbook.standing

    def counted(session: Any, person_id: int, key: str, day: Any) -> Any:
        reads.append((person_id, key))
        return read_standing(session, person_id, key, day)

    monkeypatch.setattr(logbook, "standing", counted)
    cache = BestsCache()

    async def log(person: int, text: str, kept: BestsCache, when: str | None = None) -> Logged:
        request = Request(person, None, text, when)
        logged = await log_text(store, request, now=NOW, cache=kept)
        assert isinstance(logged, Logged)
        return logged

    # Yesterday's squats are the bests to beat (a first log keeps nothing: it stores them).
    for person in (ALICE, BOB):
        await log(person, "squat 5x5 100kg", BestsCache(), when="yesterday")
    reads.clear()

    first = await log(ALICE, LOGS[0], cache)
    assert reads == [(ALICE, "back_squat")]
    second = await log(ALICE, LOGS[1], cache)
    assert reads == [(ALICE, "back_squat")]  # kept from the first: not read again

    assert await undo(store, ALICE, second.batch_id)
    third = await log(ALICE, LOGS[2], cache)
    # The undo moved her sets on: what was kept no longer holds.
    assert reads == [(ALICE, "back_squat")] * 2

    # Bob logs the same with nothing kept between logs: what the cache answered is what
    # reading the bests afresh answers.
    bobs = [await log(BOB, text, BestsCache()) for text in LOGS[:2]]
    await undo(store, BOB, bobs[1].batch_id)
    bobs.append(await log(BOB, LOGS[2], BestsCache()))
    assert [logged.records for logged in (first, second, third)] == [
        logged.records for logged in bobs
    ]
    # 110 x 5 beats yesterday's 100 x 5; today's volume (1500 + 720 kg once the 550 kg were
    # undone) stays under yesterday's 2500 kg, where the undone set would have lifted it over.
    assert [[r.kind.value for _, r in logged.records] for logged in (first, second, third)] == [
        [],
        ["e1rm", "weight"],
        ["e1rm"],
    ]
