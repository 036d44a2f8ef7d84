"""Exercises people describe themselves, and turning their unclassified sets into them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, update
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


def add_custom(
    session: Session,
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
    session.flush()
    stored = as_exercise(row)
    unclassified = select(
        col(LoggedSet.id), col(LoggedSet.exercise_name), col(LoggedSet.performed_at)
    ).where(
        col(LoggedSet.person_id) == person_id,
        col(LoggedSet.exercise_key).is_(None),
    )
    matching = {
        set_id: at
        for set_id, name, at in (session.execute(unclassified)).all()
        if normalise_name(name) == normalised_name
    }
    if matching:
        session.execute(
            update(LoggedSet).where(col(LoggedSet.id).in_(matching)).values(exercise_key=stored.key)
        )
        # Now one exercise, the sets may warm up to each other (M1), or be cardio (no M0).
        # Imported here: storage.sessions reads custom exercises through this module.
        from storage.sessions import settle

        settle(session, person_id, matching.values())
    return stored, len(matching)


def find_custom(session: Session, person_id: int, name: str) -> CustomExercise | None:
    """This person's custom exercise of that name (compared as names are matched)."""
    query = select(CustomExercise).where(
        col(CustomExercise.person_id) == person_id,
        col(CustomExercise.normalised_name) == normalise_name(name),
    )
    return (session.execute(query)).scalars().first()


def custom_set_count(session: Session, person_id: int, row: CustomExercise) -> int:
    """How many of this person's sets were logged as this custom exercise."""
    query = select(func.count()).where(
        col(LoggedSet.person_id) == person_id,
        col(LoggedSet.exercise_key) == f"{KEY_PREFIX}{row.id}",
    )
    return (session.execute(query)).scalar_one()


def _reclassify(session: Session, person_id: int, old_key: str, new_key: str | None) -> int:
    """Move this person's sets of ``old_key`` to ``new_key`` and work their sessions out
    again: a different region or pattern, or none, can change a warm-up or a session
    (M0, M1). Returns how many sets moved."""
    mine = (col(LoggedSet.person_id) == person_id, col(LoggedSet.exercise_key) == old_key)
    instants = (session.execute(select(col(LoggedSet.performed_at)).where(*mine))).scalars()
    times = list(instants)
    if times:
        session.execute(update(LoggedSet).where(*mine).values(exercise_key=new_key))
        # Imported here: storage.sessions reads custom exercises through this module.
        from storage.sessions import settle

        settle(session, person_id, times)
    return len(times)


def remove_custom(session: Session, person_id: int, custom_id: int) -> int | None:
    """Delete this person's custom exercise; its sets stay, unclassified (as before it was
    added, so adding it again classifies them again). None if it was gone already;
    otherwise how many sets it leaves unclassified."""
    row = session.get(CustomExercise, custom_id)
    if row is None or row.person_id != person_id:
        return None
    kept = _reclassify(session, person_id, f"{KEY_PREFIX}{custom_id}", None)
    session.delete(row)
    return kept


def edit_custom(
    session: Session, row: CustomExercise, edited: Exercise, normalised_name: str
) -> tuple[Exercise, int]:
    """Store ``edited`` in place of ``row``, with its sets: they count as edited from now.
    Returns the stored exercise and how many sets it has.

    The edit gets a new id, its sets moving to it: challenge boards notice a member's own
    exercises changing by their ids. The new row goes in before the old one goes out, as
    SQLite would otherwise hand the old id out again; a renamed exercise whose name the
    person already uses raises ``IntegrityError``.
    """
    old_key = f"{KEY_PREFIX}{row.id}"
    new = CustomExercise(
        person_id=row.person_id,
        name=edited.name,
        normalised_name=f"#{row.id}",  # no real name has a #: free until the old row goes
        region=edited.region.value,
        pattern=edited.pattern.value,
        primary=",".join(edited.primary),
        secondary=",".join(edited.secondary),
        created_at=row.created_at,
    )
    session.add(new)
    session.flush()
    stored = as_exercise(new)
    moved = _reclassify(session, row.person_id, old_key, stored.key)
    session.delete(row)
    session.flush()
    new.normalised_name = normalised_name
    session.flush()
    return stored, moved
