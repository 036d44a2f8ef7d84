"""Deloads on each back-end: stored per person, read by the days they cover, ended early."""

from __future__ import annotations

from datetime import UTC, date, datetime

from coach.deload import Deload
from storage.deloads import add_deload, deloads_of, end_deloads
from storage.people import get_person
from storage.store import Store

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
ALICE, BOB = 111, 222


async def test_deloads_are_read_by_the_days_they_cover_and_per_person(store: Store) -> None:
    async with store.session() as session:
        for person in (ALICE, BOB):
            await get_person(session, person, NOW)
        await add_deload(session, ALICE, Deload(date(2026, 10, 1), date(2026, 10, 7)), NOW)
        await add_deload(session, ALICE, Deload(date(2026, 11, 16), date(2026, 11, 22)), NOW)
        await add_deload(session, BOB, Deload(date(2026, 11, 20), date(2026, 11, 20)), NOW)
    async with store.session() as session:
        mine = await deloads_of(session, ALICE, date(2026, 11, 14))
        everything = await deloads_of(session, ALICE, date(2026, 1, 1))
    assert mine == [Deload(date(2026, 11, 16), date(2026, 11, 22))]
    assert len(everything) == 2


async def test_ending_a_deload_keeps_the_days_before_today(store: Store) -> None:
    today = date(2026, 11, 21)
    async with store.session() as session:
        await get_person(session, ALICE, NOW)
        await add_deload(session, ALICE, Deload(date(2026, 11, 16), date(2026, 11, 22)), NOW)
        await add_deload(session, ALICE, Deload(today, date(2026, 11, 27)), NOW)
    async with store.session() as session:
        ended = await end_deloads(session, ALICE, today)
    async with store.session() as session:
        left = await deloads_of(session, ALICE, date(2026, 1, 1))
        again = await end_deloads(session, ALICE, today)
    assert len(ended) == 2
    assert left == [Deload(date(2026, 11, 16), date(2026, 11, 20))]  # the one from today is gone
    assert again == []
