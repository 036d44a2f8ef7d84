"""Bests kept in the process between logs, valid while the person's sets stay as they were.

``logbook.standing`` reads a person's whole history of one exercise, twice, and /log asks
it every time: for a lifter with a year of squats that was most of /log's time. What it
answers for a day (the bests so far, the other days' best volume and that day's own)
changes only when the person's sets change, and every change of them, in any process,
moves ``person.sets_version`` on (``storage.sessions.settle``). So an answer is kept with
the ``Version`` it was read at and used only while the version is the same; a log that
was the only change since (the version moved by exactly one) brings its answer up to
date with the sets it added (``Standing.after``). The version includes when the person's
row was made: someone who used ``/data forget`` and came back counts their
changes from 0 again, and must never meet what was kept of their old sets.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import bindparam
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.records import Standing
from storage.tables import Person

KEPT = 4096
"""Answers kept, the least recently used going first: a few per person logging lately."""


class Version(NamedTuple):
    """Which state of a person's sets: when their row was made, and how often their sets
    changed since."""

    made_at: datetime | None
    changes: int

    def next(self) -> Version:
        """The version after one more change."""
        return self._replace(changes=self.changes + 1)


NOBODY = Version(None, 0)
"""Someone with no row: no sets."""


class Known(NamedTuple):
    """Where a person stands on one exercise, for judging more sets of ``day``."""

    person_id: int
    exercise_key: str
    day: date
    standing: Standing


class BestsCache:
    """``Known`` answers by person, exercise and day, each with its ``sets_version``."""

    def __init__(self, size: int = KEPT) -> None:
        self._size = size
        self._known: OrderedDict[tuple[int, str, date], tuple[Version, Known]] = OrderedDict()
        # Units of work read it on worker threads while the loop stores into it: without
        # the lock, a key evicted between a read's get and move_to_end fails that /log.
        self._lock = threading.Lock()

    def get(self, person_id: int, exercise_key: str, day: date, version: Version) -> Known | None:
        key = (person_id, exercise_key, day)
        with self._lock:
            found = self._known.get(key)
            if found is None or found[0] != version:
                return None
            self._known.move_to_end(key)
            return found[1]

    def put(self, known: Known, version: Version) -> None:
        key = (known.person_id, known.exercise_key, known.day)
        with self._lock:
            self._known[key] = (version, known)
            self._known.move_to_end(key)
            while len(self._known) > self._size:
                self._known.popitem(last=False)


_VERSION = select(col(Person.created_at), col(Person.sets_version)).where(
    col(Person.id) == bindparam("person_id")
)


def sets_version(session: Session, person_id: int) -> Version:
    """Which state this person's sets are in (``NOBODY`` for someone not stored)."""
    found = session.connection().execute(_VERSION, {"person_id": person_id}).one_or_none()
    return NOBODY if found is None else Version(*found)
