"""Exercises people describe themselves, and turning their unclassified sets into them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.catalog import normalise_name
from coach.exercise import Exercise
from coach.vocabulary import Muscle, Pattern, Region
from storage.tables import CustomExercise, LoggedSet

KEY_PREFIX = "custom:"


def as_exercise(row: CustomExercise) -> Exercise:
    def muscles(text: str) -> tuple[Muscle, ...]:
        return tuple(Muscle(m) for m in text.split(",") if m)

    return Exercise(
        key=f"{KEY_PREFIX}{row.id}",
        name=row.name,
        region=Region(row.region),
        pattern=Pattern(row.pattern),
        primary=muscles(row.primary),
        secondary=muscles(row.secondary),
        aliases=(row.name,),
    )


def custom_exercises_of(session: Session, *person_ids: int) -> list[Exercise]:
    """The custom exercises of these people (usually one)."""
    query = select(CustomExercise).where(col(CustomExercise.person_id).in_(person_ids))
    return [as_exercise(row) for row in session.execute(query).scalars()]


async def custom_exercises(session: AsyncSession, *person_ids: int) -> list[Exercise]:
    return await session.run_sync(custom_exercises_of, *person_ids)


async def add_custom(
    session: AsyncSession,
    person_id: int,
    exercise: Exercise,
    normalised_name: str,
    now: datetime,
) -> tuple[Exercise, int]:
    """Store a custom exercise and classify this person's sets typed with that name.

    Returns the stored exercise and how many earlier sets now count.
    """
    row = CustomExercise(
        person_id=person_id,
        name=exercise.name,
        normalised_name=normalised_name,
        region=exercise.region.value,
        pattern=exercise.pattern.value,
        primary=",".join(exercise.primary),
        secondary=",".join(exercise.secondary),
        created_at=now,
    )
    session.add(row)
    await session.flush()
    stored = as_exercise(row)
    unclassified = select(
        col(LoggedSet.id), col(LoggedSet.exercise_name), col(LoggedSet.performed_at)
    ).where(
        col(LoggedSet.person_id) == person_id,
        col(LoggedSet.exercise_key).is_(None),
    )
    matching = {
        set_id: at
        for set_id, name, at in (await session.execute(unclassified)).all()
        if normalise_name(name) == normalised_name
    }
    if matching:
        await session.execute(
            update(LoggedSet).where(col(LoggedSet.id).in_(matching)).values(exercise_key=stored.key)
        )
        # Now one exercise, the sets may warm up to each other (M1), or be cardio (no M0).
        # Imported here: storage.sessions reads custom exercises through this module.
        from storage.sessions import settle_async

        await settle_async(session, person_id, matching.values())
    return stored, len(matching)
