"""A person's own exercises on each back-end: editing moves their sets to a new id, removing
leaves them unclassified, and a claim of a challenge goal post is taken once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
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
from tests.db import every
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
    await store.run(get_person, person, NOW)
    await log(store, person, NOW, count, key=None)


async def keys(store: Store, person: int) -> list[str | None]:
    query = select(col(LoggedSet.exercise_key)).where(col(LoggedSet.person_id) == person)
    return await every(store, query.order_by(col(LoggedSet.id)))


async def test_an_edit_gets_a_new_id_and_takes_the_sets_along(store: Store) -> None:
    await unclassified(store, ALICE, 3)
    await unclassified(store, BOB, 2)

    def add_both(session: Session) -> Exercise:
        first, _ = add_custom(session, ALICE, STONE, normalise_name("sissy squat"), NOW)
        add_custom(session, BOB, STONE, normalise_name("sissy squat"), NOW)
        return first

    def edit_hers(session: Session) -> Exercise:
        row = find_custom(session, ALICE, "SISSY  squats")
        assert row is not None
        assert custom_set_count(session, ALICE, row) == 3
        edited = replace(STONE, name="Stone Load", region=Region.UPPER)
        stored, moved = edit_custom(session, row, edited, "load stone")
        assert moved == 3
        return stored

    first = await store.run(add_both)
    stored = await store.run(edit_hers)

    assert stored.key != first.key
    assert await keys(store, ALICE) == [stored.key] * 3
    assert all(key not in (first.key, stored.key) for key in await keys(store, BOB))
    assert await store.run(find_custom, ALICE, "sissy squat") is None
    found = await store.run(find_custom, ALICE, "stone load")
    assert found is not None
    assert (found.name, found.region) == ("Stone Load", "upper")


async def test_renaming_to_a_name_in_use_changes_nothing(store: Store) -> None:
    def add_two(session: Session) -> None:
        get_person(session, ALICE, NOW)
        add_custom(session, ALICE, STONE, normalise_name("sissy squat"), NOW)
        add_custom(session, ALICE, replace(STONE, name="Yoke"), "yoke", NOW)

    def rename(session: Session) -> None:
        row = find_custom(session, ALICE, "sissy squat")
        assert row is not None
        edit_custom(session, row, replace(STONE, name="Yoke"), "yoke")

    await store.run(add_two)
    with pytest.raises(IntegrityError):
        await store.run(rename)

    assert await store.run(find_custom, ALICE, "sissy squat") is not None


async def test_removing_leaves_the_sets_unclassified_and_only_the_owners(store: Store) -> None:
    await unclassified(store, ALICE, 3)
    mine, _ = await store.run(add_custom, ALICE, STONE, normalise_name("sissy squat"), NOW)
    custom_id = int(mine.key.removeprefix("custom:"))

    assert await store.run(remove_custom, BOB, custom_id) is None
    assert await keys(store, ALICE) == [mine.key] * 3

    assert await store.run(remove_custom, ALICE, custom_id) == 3
    assert await keys(store, ALICE) == [None] * 3
    assert await store.run(remove_custom, ALICE, custom_id) is None


async def test_a_members_goal_post_is_claimed_once_and_only_running_challenges_are_theirs(
    store: Store,
) -> None:
    created = await a_challenge(store)
    assert created.id is not None
    await store.run(challenges.join, created.id, ALICE, MONDAY)
    running = await store.run(challenges.open_challenges_of, [ALICE, BOB], MONDAY)
    assert [(c.id, member) for c, member in running] == [(created.id, ALICE)]
    assert await store.run(challenges.open_challenges_of, [ALICE], created.ends_at) == []
    challenge_id = created.id

    def claimed_once(session: Session) -> None:
        assert challenges.claim_goal_post(session, challenge_id, ALICE, MONDAY)
        assert not challenges.claim_goal_post(session, challenge_id, ALICE, MONDAY)

    await store.run(claimed_once)
