"""Exercises by name (the catalog's and a person's own) and those a person describes
themselves (/exercise add, edit, remove).

A person's own exercises are theirs only: finding, suggesting and changing one never
looks at anybody else's. Adding, editing or removing one reclassifies the sets logged
with it (``storage.custom_exercises``), in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coach.catalog import load_catalog, normalise_name
from coach.exercise import Exercise
from coach.problems import UserError
from coach.text import clip, visible_name
from coach.vocabulary import Muscle, Pattern, Region
from storage import logbook
from storage.custom_exercises import (
    add_custom,
    as_exercise,
    custom_exercises_of,
    custom_set_count,
    edit_custom,
    find_custom,
    remove_custom,
)
from storage.people import get_person
from storage.store import Store
from storage.tables import CustomExercise


async def find_exercise(store: Store, user_id: int, text: str) -> Exercise:
    """The exercise meant by ``text``; a ``UserError`` says it is unknown."""
    custom = await store.run(custom_exercises_of, user_id)
    resolution = load_catalog().resolve(text, custom)
    if resolution.exercise is not None:
        return resolution.exercise
    guesses = ", ".join(f"`{e.name}`" for e in resolution.suggestions)
    hint = f" Did you mean {guesses}?" if guesses else " Try a name like `squat` or `bench`."
    raise UserError(f"I don't know the exercise `{text}`.{hint}")


def exercise_named(key: str, custom: list[Exercise]) -> Exercise | None:
    """The catalog's exercise with this key, else one of ``custom``."""
    return load_catalog().get(key) or next((e for e in custom if e.key == key), None)


def _own_exercises(
    session: Session, user_id: int, *, with_used: bool
) -> tuple[list[Exercise], list[str]]:
    """Their custom exercises, and (``with_used``) the keys they log most."""
    used = logbook.logged_exercise_keys(session, user_id) if with_used else []
    return custom_exercises_of(session, user_id), used


async def suggestions(store: Store, user_id: int, current: str) -> list[Exercise]:
    """Exercises to offer for ``current`` as typed, best first (a name may repeat): with
    nothing typed, those the person logs most; then their own that match; then the
    catalog's."""
    custom, used = await store.run(_own_exercises, user_id, with_used=not current)
    known = [e for key in used if (e := exercise_named(key, custom)) is not None]
    return [*known, *_named_like(custom, current), *load_catalog().search(current, limit=25)]


def _named_like(exercises: list[Exercise], current: str) -> list[Exercise]:
    """Those whose names hold ``current`` as typed, in any case."""
    typed = current.lower()
    return [e for e in exercises if typed in e.name.lower()]


def checked_name(name: str) -> tuple[str, str]:
    """A custom exercise's name as shown and as compared; a ``UserError`` says why it
    cannot be one."""
    shown_name = visible_name(name)
    normalised = normalise_name(shown_name or "")
    if shown_name is None or not normalised:
        # Nothing to read, or nothing a logged line could match (only symbols).
        raise UserError("The name needs letters or digits, e.g. `atlas stone`.")
    known = load_catalog().resolve(shown_name)
    if known.exercise is not None and known.how in ("exact", "normalised"):
        raise UserError(
            f"`{shown_name}` is already known as **{known.exercise.name}**; log it by that name."
        )
    return shown_name.strip(), normalised


def not_yours(name: str) -> str:
    return (
        f"You have no exercise of your own called `{clip(name, 60)}`. `/exercise mine` lists them."
    )


@dataclass(frozen=True, slots=True)
class Changed:
    """An exercise as stored, and how many of the person's sets count as it."""

    exercise: Exercise
    sets: int


def _add(
    session: Session, user_id: int, exercise: Exercise, normalised: str, now: datetime
) -> tuple[Exercise, int]:
    """Store the exercise (making the person's row first) and count their sets of it."""
    get_person(session, user_id, now)
    return add_custom(session, user_id, exercise, normalised, now)


async def add(
    store: Store,
    user_id: int,
    name: str,
    *,
    region: Region,
    pattern: Pattern,
    primary: Muscle,
    secondary: Muscle | None,
    now: datetime,
) -> Changed:
    """Describe a new exercise; ``sets`` are those logged by its name before, now counted."""
    name, normalised = checked_name(name)
    exercise = Exercise(
        key="",
        name=name,
        region=region,
        pattern=pattern,
        primary=(primary,),
        secondary=(secondary,) if secondary is not None and secondary != primary else (),
    )
    try:
        stored, retagged = await store.run(_add, user_id, exercise, normalised, now)
    except IntegrityError:
        raise UserError(f"You already have an exercise called `{name}`.") from None
    return Changed(stored, retagged)


def _edit(
    session: Session,
    user_id: int,
    name: str,
    new_name: tuple[str, str] | None,
    *,
    region: Region | None,
    pattern: Pattern | None,
    primary: Muscle | None,
    secondary: Muscle | None,
) -> Changed:
    """Store the edit of the person's exercise ``name``; a ``UserError`` when it is not theirs."""
    row = find_custom(session, user_id, name)
    if row is None:
        raise UserError(not_yours(name))
    old = as_exercise(row)
    main = primary if primary is not None else old.primary[0]
    also = secondary if secondary is not None else next(iter(old.secondary), None)
    edited = replace(
        old,
        name=new_name[0] if new_name else old.name,
        region=region if region is not None else old.region,
        pattern=pattern if pattern is not None else old.pattern,
        primary=(main,),
        secondary=(also,) if also is not None and also != main else (),
    )
    stored, sets = edit_custom(
        session, row, edited, new_name[1] if new_name else row.normalised_name
    )
    return Changed(stored, sets)


async def edit(
    store: Store,
    user_id: int,
    name: str,
    *,
    rename: str | None,
    region: Region | None,
    pattern: Pattern | None,
    primary: Muscle | None,
    secondary: Muscle | None,
) -> Changed:
    """Change what is given (None: as it is) of the person's exercise called ``name``; a
    ``secondary`` equal to the main muscle means none. ``sets`` count as the edit now."""
    if all(v is None for v in (rename, region, pattern, primary, secondary)):
        raise UserError("Say what to change, e.g. `/exercise edit name:atlas stone pattern:hinge`.")
    new_name = None
    if rename is not None:
        new_name = checked_name(rename)
    try:
        return await store.run(
            _edit,
            user_id,
            name,
            new_name,
            region=region,
            pattern=pattern,
            primary=primary,
            secondary=secondary,
        )
    except IntegrityError:
        raise UserError(f"You already have an exercise called `{rename}`.") from None


@dataclass(frozen=True, slots=True)
class Removable:
    """One of the person's exercises, about to be removed once they confirm."""

    custom_id: int
    name: str
    sets: int
    """Sets logged with it: they stay, but count nowhere once it is gone."""


def _removable(session: Session, user_id: int, name: str) -> tuple[CustomExercise | None, int]:
    """The person's exercise called ``name``, if any, and how many sets were logged as it."""
    row = find_custom(session, user_id, name)
    return row, custom_set_count(session, user_id, row) if row else 0


async def removable(store: Store, user_id: int, name: str) -> Removable:
    """The person's exercise called ``name``; a ``UserError`` when they have none."""
    row, sets = await store.run(_removable, user_id, name)
    if row is None or row.id is None:
        raise UserError(not_yours(name))
    return Removable(row.id, row.name, sets)


async def remove(store: Store, user_id: int, custom_id: int) -> bool:
    """Remove the person's exercise; False if it was gone already."""
    left = await store.run(remove_custom, user_id, custom_id)
    return left is not None


async def own_exercises(store: Store, user_id: int, current: str = "") -> list[Exercise]:
    """The person's own exercises whose names hold ``current`` (as typed, any case)."""
    return _named_like(await store.run(custom_exercises_of, user_id), current)


async def mine(store: Store, user_id: int) -> list[Exercise]:
    """The person's own exercises; a ``UserError`` when they have none."""
    custom = await own_exercises(store, user_id)
    if not custom:
        raise UserError(
            "You haven't added any. Example: "
            "`/exercise add name:atlas stone region:lower pattern:hinge primary:glutes`."
        )
    return custom
