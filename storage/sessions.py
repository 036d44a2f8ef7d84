"""Each stored set's session (M0) and whether it is a hard set (M1), kept on its row.

``coach.metrics.session_marks`` decides both, from the person's sets around a change;
this module stores its answer in ``logged_set.session_at`` and ``logged_set.hard``
whenever sets are added, removed or reclassified. Reports and challenge boards then add
up sessions and hard sets in SQL, by exactly the coach's rules, without loading a
thousand members' sets one by one (bench/bench_report.py).

A change can move sets it never touched: a new top set turns the lighter sets before it
into warm-ups, and a removed set can split its session in two. So what is worked out
again is whole sessions: every set from 12 hours before the earliest changed instant to
12 hours after the latest, read further on either side until a gap of more than 3 hours
closes the first and the last session. A person's changes take turns (their ``person``
row is locked on PostgreSQL), so two logs at once never leave a session half worked out.
Every change also moves the person's ``sets_version`` on (``storage.bests_cache``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, update
from sqlalchemy import select as columns
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.metrics import SESSION_GAP, session_marks
from storage.custom_exercises import custom_exercises_of
from storage.tables import LoggedSet, Person
from storage.utc import UTCDateTime

REACH = timedelta(hours=12)
"""How far either side of a change is read at first: a session rarely lasts longer."""
PIECE = timedelta(weeks=4)
"""How much of a long span is worked out at a time."""

_UPDATE = (
    update(LoggedSet)
    .where(col(LoggedSet.id) == bindparam("row_id"))
    .values(session_at=bindparam("start", type_=UTCDateTime()), hard=bindparam("is_hard"))
)


_MOVE_ON = (
    update(Person)
    .where(col(Person.id) == bindparam("person_id"))
    .values(sets_version=col(Person.sets_version) + 1)
)


# SQLAlchemy's select: sqlmodel's is typed for at most four columns. Built once: it is
# read again on every log, and building it anew cost a fifth of the read.
_READ = (
    columns(
        col(LoggedSet.id),
        col(LoggedSet.performed_at),
        col(LoggedSet.exercise_key),
        col(LoggedSet.exercise_name),
        col(LoggedSet.weight_kg),
        col(LoggedSet.reps),
        col(LoggedSet.rpe),
        col(LoggedSet.warmup),
        col(LoggedSet.bodyweight),
        col(LoggedSet.session_at),
        col(LoggedSet.hard),
    )
    .where(
        col(LoggedSet.person_id) == bindparam("person_id"),
        col(LoggedSet.performed_at) >= bindparam("start", type_=UTCDateTime()),
        col(LoggedSet.performed_at) <= bindparam("end", type_=UTCDateTime()),
    )
    # The order sets were logged in tells ramp sets that share a time (M1).
    .order_by(col(LoggedSet.performed_at), col(LoggedSet.id))
)


def _read(session: Session, person_id: int, start: datetime, end: datetime) -> list[Any]:
    # Plain rows through the connection: the ORM's row handling would cost more than the rest.
    params = {"person_id": person_id, "start": start, "end": end}
    return list(session.connection().execute(_READ, params).all())


class StoredLift(NamedTuple):
    """What ``session_marks`` reads of a stored set (``coach.metrics.Lifted``): a tuple,
    as a long session is worked out again on every log."""

    at: datetime
    exercise: Exercise | None
    typed_name: str
    weight_kg: float | None
    reps: int | None
    rpe: float | None
    warmup: bool
    bodyweight: bool


def as_lifted(row: Any, exercises: Mapping[str, Exercise]) -> StoredLift:
    """A ``LoggedSet``, or a row of its columns, as ``session_marks`` reads it."""
    key = row.exercise_key
    return StoredLift(
        row.performed_at,
        exercises.get(key) if key else None,
        row.exercise_name,
        row.weight_kg,
        row.reps,
        row.rpe,
        row.warmup,
        row.bodyweight,
    )


def _exercises(session: Session, person_id: int, rows: Sequence[Any]) -> Mapping[str, Exercise]:
    """The catalog, with the person's own exercises when their sets use any (a custom
    exercise may be cardio, in no session)."""
    catalog = load_catalog()
    if not any(row.exercise_key and catalog.get(row.exercise_key) is None for row in rows):
        return catalog.by_key(())
    return catalog.by_key(custom_exercises_of(session, person_id))


def _open_ends(
    sets: Sequence[StoredLift], marks: Sequence[tuple[datetime | None, bool]]
) -> tuple[datetime, datetime] | None:
    """The first and last instants of sets in a session, if any."""
    timed = [s.at for s, (start, _) in zip(sets, marks, strict=True) if start is not None]
    return (timed[0], timed[-1]) if timed else None


def settle(session: Session, person_id: int, instants: Iterable[datetime]) -> int:
    """Work out again the sessions around these instants, where this person's sets were
    added, removed or reclassified, and store what changed; returns how many rows did.

    A long span (an import of years) is worked out a few weeks at a time, so memory stays
    flat: each piece stores the sessions that begin in it.
    """
    times = sorted(instants)
    if not times:
        return 0
    if session.get_bind().dialect.name == "postgresql":
        # Taking turns per person: a concurrent log waits here, then reads this one's sets.
        # FOR NO KEY UPDATE: the sets just inserted hold a key-share lock on the person's
        # row (their foreign key), which a plain FOR UPDATE would wait for: a deadlock.
        # SQLite needs none: it has one writer at a time.
        lock = (
            select(col(Person.id))
            .where(col(Person.id) == person_id)
            .with_for_update(key_share=True)
        )
        session.execute(lock)
    session.connection().execute(_MOVE_ON, {"person_id": person_id})
    changed = 0
    piece = times[0]
    while True:
        last = piece + PIECE >= times[-1]
        until = times[-1] if last else piece + PIECE
        rows, marks = _worked_out(session, person_id, piece - REACH, until + REACH)
        changes = [
            {"row_id": row.id, "start": mark[0], "is_hard": mark[1]}
            for row, mark in zip(rows, marks, strict=True)
            if (row.session_at, row.hard) != mark
            # Each session once: the piece it begins in stores it (cardio goes with its time).
            and (piece == times[0] or (mark[0] or row.performed_at) >= piece)
            and (last or (mark[0] or row.performed_at) < until)
        ]
        if changes:
            session.connection().execute(_UPDATE, changes)
        changed += len(changes)
        if last:
            return changed
        piece = until


def _worked_out(
    session: Session, person_id: int, start: datetime, end: datetime
) -> tuple[list[Any], list[tuple[datetime | None, bool]]]:
    """The person's sets from ``start`` to ``end``, read further on either side until no
    session is cut, with their marks (``session_marks``)."""
    step = REACH
    while True:
        rows = _read(session, person_id, start, end)
        exercises = _exercises(session, person_id, rows)
        # Unpacked by position: a long session is read again on every log.
        sets = [
            StoredLift(at, exercises.get(key) if key else None, name, kg, reps, rpe, wu, bw)
            for _, at, key, name, kg, reps, rpe, wu, bw, _, _ in rows
        ]
        marks = session_marks(sets)
        ends = _open_ends(sets, marks)
        # A session within 3 h of what was read may go on past it: read further.
        early = ends is not None and ends[0] - start <= SESSION_GAP
        late = ends is not None and end - ends[1] <= SESSION_GAP
        if not early and not late:
            return rows, marks
        step *= 2
        start, end = (start - step if early else start), (end + step if late else end)


def settle_person(session: Session, person_id: int) -> int:
    """Work out every set of this person again (after a bulk load, in tests and benchmarks)."""
    first, last = session.execute(
        select(func.min(col(LoggedSet.performed_at)), func.max(col(LoggedSet.performed_at))).where(
            col(LoggedSet.person_id) == person_id
        )
    ).one()
    return settle(session, person_id, [first, last] if first is not None else [])
