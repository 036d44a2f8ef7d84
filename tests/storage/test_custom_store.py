"""A person's own exercises on each back-end: editing moves their sets to a new id, removing
leaves them unclassified, and a claim of a challenge goal post is taken once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from coach.catalog import normalise_name
from coach.exercise import Exercise
from coach.vocabulary import Muscle, Pattern, Region
from storage import challenges
from storage.custom_exercises import (
    add_custom,
    custom_set_count,
    edit_custom,
    find_custom,
    remove_custom,
)
from storage.people import get_person
from storage.store import Store
from storage.tables import LoggedSet
from tests.storage.test_challenge_store import MONDAY, a_challenge, log

ALICE, BOB = 1, 2
NOW = datetime(2026, 3, 2, 18, tzinfo=UTC)
STONE = Exercise(
    key="",
    name="Sissy Squat",
    region=Region.LOWER,
    pattern=Pattern.OTHER,
    primary=(Muscle.QUADS,),
)


async def unclassified(store: Store, person: int, count: int) -> None:
    """``count`` sets of a sissy squat the catalog left unclassified."""
    async with store.session() as session:
        await get_person(session, person, NOW)
    await log(store, person, NOW, count, key=None)


async def keys(store: Store, person: int) -> list[str | None]:
    async with store.session() as session:
        query = select(col(LoggedSet.exercise_key)).where(col(LoggedSet.person_id) == person)
        return list((await session.execute(query.order_by(col(LoggedSet.id)))).scalars())


async def test_an_edit_gets_a_new_id_and_takes_the_sets_along(store: Store) -> None:
    await unclassified(store, ALICE, 3)
    await unclassified(store, BOB, 2)
    async with store.session() as session:
        first, _ = await add_custom(session, ALICE, STONE, normalise_name("sissy squat"), NOW)
        await add_custom(session, BOB, STONE, normalise_name("sissy squat"), NOW)

    async with store.session() as session:
        row = await find_custom(session, ALICE, "SISSY  squats")
        assert row is not None
        assert await custom_set_count(session, ALICE, row) == 3
        edited = replace(STONE, name="Stone Load", region=Region.UPPER)
        stored = await edit_custom(session, row, edited, "load stone")

    assert stored.key != first.key
    assert await keys(store, ALICE) == [stored.key] * 3
    assert all(key not in (first.key, stored.key) for key in await keys(store, BOB))
    async with store.session() as session:
        assert await find_custom(session, ALICE, "sissy squat") is None
        found = await find_custom(session, ALICE, "stone load")
        assert found is not None
        assert (found.name, found.region) == ("Stone Load", "upper")


async def test_renaming_to_a_name_in_use_changes_nothing(store: Store) -> None:
    async with store.session() as session:
        await get_person(session, ALICE, NOW)
        await add_custom(session, ALICE, STONE, normalise_name("sissy squat"), NOW)
        await add_custom(session, ALICE, replace(STONE, name="Yoke"), "yoke", NOW)

    with pytest.raises(IntegrityError):
        async with store.session() as session:
            row = await find_custom(session, ALICE, "sissy squat")
            assert row is not None
            await edit_custom(session, row, replace(STONE, name="Yoke"), "yoke")

    async with store.session() as session:
        assert await find_custom(session, ALICE, "sissy squat") is not None


async def test_removing_leaves_the_sets_unclassified_and_only_the_owners(store: Store) -> None:
    await unclassified(store, ALICE, 3)
    async with store.session() as session:
        mine, _ = await add_custom(session, ALICE, STONE, normalise_name("sissy squat"), NOW)
        custom_id = int(mine.key.removeprefix("custom:"))

    async with store.session() as session:
        assert await remove_custom(session, BOB, custom_id) is None
    assert await keys(store, ALICE) == [mine.key] * 3

    async with store.session() as session:
        assert await remove_custom(session, ALICE, custom_id) == 3
    assert await keys(store, ALICE) == [None] * 3
    async with store.session() as session:
        assert await remove_custom(session, ALICE, custom_id) is None


async def test_a_members_goal_post_is_claimed_once_and_only_running_challenges_are_theirs(
    store: Store,
) -> None:
    created = await a_challenge(store)
    assert created.id is not None
    async with store.session() as session:
        await challenges.join(session, created.id, ALICE, MONDAY)
    running = await store.run(challenges.open_challenges_of, [ALICE, BOB], MONDAY)
    assert [(c.id, member) for c, member in running] == [(created.id, ALICE)]
    assert await store.run(challenges.open_challenges_of, [ALICE], created.ends_at) == []
    async with store.session() as session:
        assert await challenges.claim_goal_post(session, created.id, ALICE, MONDAY)
        assert not await challenges.claim_goal_post(session, created.id, ALICE, MONDAY)
