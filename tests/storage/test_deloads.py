"""Deloads on each back-end: stored per person, read by the days they cover, ended early."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from coach.deload import Deload
from storage.deloads import add_deload, deloads_of, end_deloads
from storage.people import get_person
from storage.store import Store

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
ALICE, BOB = 111, 222


async def test_deloads_are_read_by_the_days_they_cover_and_per_person(store: Store) -> None:
    def record(session: Session) -> None:
        for person in (ALICE, BOB):
            get_person(session, person, NOW)
        add_deload(session, ALICE, Deload(date(2026, 10, 1), date(2026, 10, 7)), NOW)
        add_deload(session, ALICE, Deload(date(2026, 11, 16), date(2026, 11, 22)), NOW)
        add_deload(session, BOB, Deload(date(2026, 11, 20), date(2026, 11, 20)), NOW)

    await store.run(record)

    def read(session: Session) -> tuple[list[Deload], list[Deload]]:
        return (
            deloads_of(session, ALICE, date(2026, 11, 14)),
            deloads_of(session, ALICE, date(2026, 1, 1)),
        )

    mine, everything = await store.run(read)
    assert mine == [Deload(date(2026, 11, 16), date(2026, 11, 22))]
    assert len(everything) == 2


async def test_ending_a_deload_keeps_the_days_before_today(store: Store) -> None:
    today = date(2026, 11, 21)

    def record(session: Session) -> None:
        get_person(session, ALICE, NOW)
        add_deload(session, ALICE, Deload(date(2026, 11, 16), date(2026, 11, 22)), NOW)
        add_deload(session, ALICE, Deload(today, date(2026, 11, 27)), NOW)

    await store.run(record)
    ended = await store.run(end_deloads, ALICE, today)

    def read_and_end_again(session: Session) -> tuple[list[Deload], list[Deload]]:
        return deloads_of(session, ALICE, date(2026, 1, 1)), end_deloads(session, ALICE, today)

    left, again = await store.run(read_and_end_again)
    assert len(ended) == 2
    assert left == [Deload(date(2026, 11, 16), date(2026, 11, 20))]  # the one from today is gone
    assert again == []
