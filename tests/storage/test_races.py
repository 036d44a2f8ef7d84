"""The same first step twice at once, on each back-end: a person's first two commands, two
joins of one challenge, two creations of one name. One row each, no IntegrityError."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coach.challenges import Metric, Window
from storage import challenges
from storage.people import get_person, get_server
from storage.store import Store
from storage.tables import Challenge, ChallengeMember, Person, Server
from tests.db import first

NOW = datetime(2026, 3, 2, 18, tzinfo=UTC)
WINDOW = Window.from_dates(date(2026, 3, 2), date(2026, 3, 15), ZoneInfo("UTC"))
TIMES = 6
_T = TypeVar("_T")


async def at_once(store: Store, work: Callable[[Session], _T]) -> list[_T]:
    """``work`` in TIMES units of work at once, each committing on its own."""
    return await asyncio.gather(*(store.run(work) for _ in range(TIMES)))


async def rows(store: Store, table: type) -> int:
    count: int = await first(store, select(func.count()).select_from(table))
    return count


async def test_a_persons_first_commands_at_once_make_one_row(store: Store) -> None:
    people = await at_once(store, lambda session: get_person(session, 7, NOW))
    servers = await at_once(store, lambda session: get_server(session, 8, NOW))

    assert {p.id for p in people} == {7}
    assert {s.id for s in servers} == {8}
    assert await rows(store, Person) == 1
    assert await rows(store, Server) == 1


def create(session: Session) -> Challenge | None:
    return challenges.add_challenge(
        session,
        guild_id=8,
        channel_id=9,
        name="Leg March",
        metric=Metric.LEG_SETS,
        goal=10,
        team=False,
        window=WINDOW,
        creator_id=7,
        now=NOW,
    )


async def test_one_challenge_created_twice_at_once_is_made_once(store: Store) -> None:
    await store.run(get_person, 7, NOW)

    made = await at_once(store, create)

    assert len([c for c in made if c is not None]) == 1
    assert await rows(store, Challenge) == 1


async def test_joining_twice_at_once_joins_once(store: Store) -> None:
    def unit(session: Session) -> int:
        challenge = create(session)
        assert challenge is not None
        assert challenge.id is not None
        return challenge.id

    challenge_id = await store.run(unit)

    outcomes = await at_once(store, lambda s: challenges.join(s, challenge_id, 7, NOW))

    assert sorted(outcomes) == sorted([challenges.JOINED] + [challenges.ALREADY] * (TIMES - 1))
    assert await rows(store, ChallengeMember) == 1
