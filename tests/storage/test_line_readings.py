"""Each person's reading of ambiguous line shapes: saved, read back with logging settings."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from coach.notation import Order, Shape
from storage.people import get_person, logging_settings, readings_of, set_reading
from storage.store import Store

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


async def test_a_new_person_has_no_readings_and_asks(store: Store) -> None:
    settings = await store.run(logging_settings, 7, NOW)
    assert settings.readings == {}


async def test_a_saved_reading_comes_back_with_the_logging_settings(store: Store) -> None:
    def pick(session: Session, user_id: int) -> None:
        set_reading(get_person(session, user_id, NOW), Shape.SMALL_PAIR, Order.WEIGHT_REPS)

    await store.run(pick, 7)
    settings = await store.run(logging_settings, 7, NOW)
    other = await store.run(logging_settings, 8, NOW)

    assert settings.readings == {Shape.SMALL_PAIR: Order.WEIGHT_REPS}
    assert other.readings == {}


async def test_a_reading_set_back_to_ask_me_is_forgotten(store: Store) -> None:
    def pick(session: Session) -> None:
        person = get_person(session, 7, NOW)
        set_reading(person, Shape.WEIGHT_THEN_TWO, Order.SETS_REPS)

    def forget(session: Session) -> None:
        person = get_person(session, 7, NOW)
        assert readings_of(person) == {Shape.WEIGHT_THEN_TWO: Order.SETS_REPS}
        set_reading(person, Shape.WEIGHT_THEN_TWO, None)

    await store.run(pick)
    await store.run(forget)
    settings = await store.run(logging_settings, 7, NOW)
    assert settings.readings == {}
