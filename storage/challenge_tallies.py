"""What a challenge's counting sets add up to, per member and session, added up in SQL.

The database applies every rule for which sets count (see ``coach.challenges``): the
window, joining time, back-dating, hard sets, plausibility limits and moderator
exclusions, and finds each session's local day from the zone's offsets; a board then
reads a few rows per member and session instead of every set. Whether a set is hard (M1,
inferred warm-ups left out) and which session it belongs to (M0) are the coach's own,
kept on each row (``storage.sessions``). The window's rows of one member sit together in
the covering ``person_id, performed_at, ...`` index, so SQLite never reads the table
itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    case,
    func,
    null,
    or_,
)
from sqlalchemy import select as columns
from sqlalchemy.orm import Mapped, Session
from sqlmodel import col, select

from coach.catalog import load_catalog
from coach.challenges import (
    BACKDATE_LIMIT,
    Logged,
    Metric,
    Tally,
    Window,
    could_count,
    is_leg_work,
    utc_offsets,
)
from coach.exercise import Exercise
from coach.notation import MAX_REPS, MAX_SECONDS, MAX_WEIGHT_KG
from coach.strength import e1rm
from coach.vocabulary import Region
from storage.custom_exercises import as_exercise
from storage.sql_keys import exercise_among
from storage.sql_time import DayNumber, at_most_after
from storage.sql_volume import set_volume
from storage.tables import (
    IMPORTED,
    ChallengeExclusion,
    ChallengeMember,
    CustomExercise,
    LoggedSet,
)

_EPOCH = date(1970, 1, 1)


def counting_member(challenge_id: int) -> ColumnElement[bool]:
    """Joins a set to its person's membership, if they take part and are not excluded."""
    return and_(
        col(ChallengeMember.person_id) == col(LoggedSet.person_id),
        col(ChallengeMember.challenge_id) == challenge_id,
        col(ChallengeMember.excluded).is_(False),
    )


def members_exercise(challenge_id: int) -> ColumnElement[bool]:
    """Joins a custom exercise to its person's membership (excluded or not)."""
    return and_(
        col(ChallengeMember.person_id) == col(CustomExercise.person_id),
        col(ChallengeMember.challenge_id) == challenge_id,
    )


def in_window(window: Window) -> list[ColumnElement[bool]]:
    return [col(LoggedSet.performed_at) >= window.start, col(LoggedSet.performed_at) < window.end]


def exercises(session: Session, challenge_id: int) -> dict[str, Exercise]:
    """The catalog plus the members' own exercises (custom keys are unique across people)."""
    custom = select(CustomExercise).join(ChallengeMember, members_exercise(challenge_id))
    return load_catalog().by_key(map(as_exercise, (session.execute(custom)).scalars()))


def _local_day(window: Window, at: Mapped[datetime | None]) -> DayNumber:
    """The window's local day of the instant ``at``: from the zone's offsets over the
    window (an instant before it is read at the window's first offset)."""
    runs = [(until, int(offset.total_seconds())) for until, offset in utc_offsets(window)]
    *changes, (_, last) = runs
    offset = case(*((at < until, seconds) for until, seconds in changes), else_=last)
    return DayNumber(at, offset if changes else last)


def _counting(challenge_id: int, window: Window, keys: Sequence[str]) -> list[ColumnElement[bool]]:
    """The rules of ``coach.challenges`` for a counting member's set, as SQL."""
    performed, logged = col(LoggedSet.performed_at), col(LoggedSet.logged_at)
    weight, reps, seconds = col(LoggedSet.weight_kg), col(LoggedSet.reps), col(LoggedSet.seconds)
    excluded = select(col(ChallengeExclusion.set_id)).where(
        col(ChallengeExclusion.challenge_id) == challenge_id
    )
    return [
        *in_window(window),
        col(LoggedSet.exercise_key).in_(keys),
        performed >= col(ChallengeMember.joined_at),
        logged < window.end,
        at_most_after(logged, performed, int(BACKDATE_LIMIT.total_seconds())),
        # M1, inferred warm-ups included, as the coach worked it out (storage.sessions).
        col(LoggedSet.hard).is_(True),
        or_(weight.is_(None), func.abs(weight) <= MAX_WEIGHT_KG),
        or_(reps.is_(None), reps <= MAX_REPS),
        or_(seconds.is_(None), seconds <= MAX_SECONDS),
        col(LoggedSet.id).not_in(excluded),
        # Only sets logged live count: history imported from another app never does.
        col(LoggedSet.source) != IMPORTED,
    ]


def counting_sets(
    session: Session,
    challenge_id: int,
    window: Window,
    metric: Metric,
    person_id: int,
    *,
    entry: tuple[str, int] | None = None,
    limit: int = 500,
) -> list[LoggedSet]:
    """This member's sets that count in the challenge, newest first: the only sets of
    theirs a moderator may see or exclude (none unless they are a counting member), or of
    one entry (``batch_id, entry_index``) among them."""
    known = exercises(session, challenge_id)
    keys = sorted(key for key, e in known.items() if could_count(metric, e))
    query = (
        select(LoggedSet)
        .join(ChallengeMember, counting_member(challenge_id))
        .where(*_counting(challenge_id, window, keys), col(LoggedSet.person_id) == person_id)
    )
    if entry is not None:
        query = query.where(
            col(LoggedSet.batch_id) == entry[0], col(LoggedSet.entry_index) == entry[1]
        )
    query = query.order_by(col(LoggedSet.performed_at).desc(), col(LoggedSet.id).desc())
    return list((session.execute(query.limit(limit))).scalars())


def _query(
    challenge_id: int,
    window: Window,
    metric: Metric,
    known: Mapping[str, Exercise],
    people: Sequence[int] | None,
    by_call: bool,
) -> Select[Any]:
    """One row per member, session (its local day and start) and whatever else splits the
    tallies: reps and RPE for the squat (whose heaviest load then gives the best e1RM),
    and the logging call when ``by_call``. Each row counts the sets per region (M2) and of
    the leg-day patterns (M5), and sums the volume of lower and Olympic sets."""
    keys = sorted(key for key, e in known.items() if could_count(metric, e))

    def of(region: Region) -> ColumnElement[bool]:
        return exercise_among([k for k in keys if known[k].region is region], region.value)

    squat = metric is Metric.SQUAT_GAIN
    where = _counting(challenge_id, window, keys)
    if people is not None:
        where.append(col(LoggedSet.person_id).in_(people))
    splits: list[ColumnElement[Any]] = []
    if squat:
        splits += [col(LoggedSet.reps).label("reps"), col(LoggedSet.rpe).label("rpe")]
    if by_call:
        splits.append(col(LoggedSet.logged_at).label("logged_at"))
    session_at = col(LoggedSet.session_at)
    weight = col(LoggedSet.weight_kg)
    # The subquery computes each set's day and splits once; grouping by its columns also
    # spares PostgreSQL matching grouped expressions that hold parameters (it cannot).
    sets = (
        columns(
            col(LoggedSet.person_id).label("person_id"),
            _local_day(window, session_at).label("day"),
            session_at.label("session_at"),
            *splits,
            *(of(region).label(region.value) for region in _REGIONS),
            exercise_among([k for k in keys if is_leg_work(known[k])], "leg").label("leg"),
            # Per side and bodyweight-aware, as /log and /pr count it (storage.sql_volume).
            set_volume().label("volume"),
            # e1RM-based figures skip bodyweight sets (M9).
            case((col(LoggedSet.bodyweight), null()), else_=weight).label("load"),
        )
        .join(ChallengeMember, counting_member(challenge_id))
        .where(*where)
        .subquery()
    )
    c = sets.c
    unsplit = {"reps": null(), "rpe": null(), "logged_at": null()}
    return columns(
        c.person_id,
        c.day,
        c.session_at,
        *(c.get(name, constant) for name, constant in unsplit.items()),
        *(func.count().filter(c[region.value]) for region in _REGIONS),
        func.count().filter(c.leg),
        func.coalesce(func.sum(c.volume).filter(c[Region.LOWER.value]), 0.0),
        func.coalesce(func.sum(c.volume).filter(c[Region.FULL.value]), 0.0),
        func.max(c.load),
    ).group_by(c.person_id, c.day, c.session_at, *(c[split.name] for split in splits))


_REGIONS = (Region.LOWER, Region.UPPER, Region.FULL)


def _rows(session: Session, query: Select[Any]) -> Sequence[Row[Any]]:
    # Plain rows through the connection: the ORM's result handling would cost more than
    # the query for a large board.
    return ((session.connection()).execute(query)).all()


def _tally(row: Sequence[Any], squat: bool) -> Tally:
    person_id, day, session_at, reps, rpe, _, lower, upper, full, leg, volume, half, load = row
    # M2: an Olympic set counts half lower and half upper, its volume half lower.
    return Tally(
        person_id=person_id,
        day=_EPOCH + timedelta(days=day),
        lower_sets=lower + full / 2,
        upper_sets=upper + full / 2,
        lower_volume=volume + half / 2,
        squat_e1rm=e1rm(load, reps, rpe) if squat else None,
        leg_sets=leg,
        session=session_at,
    )


def day_tallies(
    session: Session,
    challenge_id: int,
    window: Window,
    metric: Metric,
    known: Mapping[str, Exercise],
    people: Sequence[int] | None = None,
) -> list[Tally]:
    """Per session, the tallies of the counting sets of every counting member, or of
    only these ``people`` among them. ``known``: the exercises by key (``exercises``)."""
    query = _query(challenge_id, window, metric, known, people, by_call=False)
    squat = metric is Metric.SQUAT_GAIN
    return [_tally(row, squat) for row in _rows(session, query)]


def logged_tallies(
    session: Session,
    challenge_id: int,
    window: Window,
    metric: Metric,
    known: Mapping[str, Exercise],
    people: Sequence[int],
) -> list[Logged]:
    """Per session and logging call, the tallies of these counting members' counting
    sets, each with the time it was logged."""
    query = _query(challenge_id, window, metric, known, people, by_call=True)
    squat = metric is Metric.SQUAT_GAIN
    return [(row.logged_at, _tally(row, squat)) for row in _rows(session, query)]
