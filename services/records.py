"""/pr's rules: which of a person's personal records to show.

Records come from ``logbook.bests`` (weighted working sets); one exercise's, or for an
overview ten exercises', the main lifts first, then the most recently done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from coach.exercise import Exercise
from coach.problems import UserError
from coach.records import Bests, overview_order
from coach.vocabulary import Unit
from storage import logbook
from storage.custom_exercises import custom_exercises_of
from storage.people import logging_settings
from storage.store import Store

OVERVIEW = 10
"""Exercises in the overview."""


@dataclass(frozen=True, slots=True)
class Records:
    """The person's unit and own exercises (to name what they logged), their non-empty
    bests by exercise key, and how many logged exercises the overview left out unread."""

    unit: Unit
    custom: list[Exercise]
    bests: list[tuple[str, Bests]]
    left_out: int = 0


def _records(session: Session, user_id: int, keys: list[str], *, now: datetime) -> Records:
    unit = logging_settings(session, user_id, now).unit
    custom = custom_exercises_of(session, user_id)
    keys = keys or overview_order(logbook.exercise_keys_by_recency(session, user_id))
    found = ((key, logbook.bests(session, user_id, key)) for key in keys)
    # Only as many exercises are read as are shown; the rest are counted, not read.
    shown, looked = [], 0
    for key, bests in found:
        looked += 1
        if not bests.empty:
            shown.append((key, bests))
            if len(shown) == OVERVIEW:
                break
    return Records(unit, custom, shown, len(keys) - looked)


async def personal_records(
    store: Store, user_id: int, exercise: Exercise | None, *, now: datetime
) -> Records:
    """The person's records on ``exercise``, or an overview; a ``UserError`` when there are
    none yet."""
    keys = [] if exercise is None else [exercise.key]
    found = await store.run(_records, user_id, keys, now=now)
    if not found.bests:
        what = f"for {exercise.name} " if exercise else ""
        raise UserError(
            f"No records {what}yet: they come from weighted working sets. "
            f"Log one with `/log {_weighted_example(exercise)}`."
        )
    return found


def _weighted_example(exercise: Exercise | None) -> str:
    """A weighted set of the exercise asked about: added load on a bodyweight one."""
    if exercise is None:
        return "squat 3x5 100kg"
    return f"{exercise.name.lower()} 3x5 {'+10kg' if exercise.bodyweight else '100kg'}"
