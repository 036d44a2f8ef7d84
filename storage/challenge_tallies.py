"""What a challenge's counting sets add up to, per member and local day, added up in SQL.

The database applies every rule for which sets count (see ``coach.challenges``): the
window, joining time, back-dating, hard sets, plausibility limits and moderator
exclusions, and finds each set's local day from the zone's offsets; a board then reads a
few rows per member and day instead of every set. The window's rows of one member sit
together in the covering ``person_id, performed_at, ...`` index, so SQLite never reads
the table itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FunctionElement,
    Over,
    Row,
    Select,
    Subquery,
    and_,
    case,
    func,
    not_,
    null,
    or_,
    true,
)
from sqlalchemy import select as columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from coach.catalog import load_catalog
from coach.challenges import (
    BACKDATE_LIMIT,
    Logged,
    Metric,
    Tally,
    Window,
    could_count,
    counts_as_lower,
    utc_offsets,
)
from coach.exercise import Exercise
from coach.metrics import HARD_RPE, WARMUP_SHARE
from coach.notation import MAX_REPS, MAX_SECONDS, MAX_WEIGHT_KG
from coach.strength import e1rm
from storage.custom_exercises import as_exercise
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


async def exercises(session: AsyncSession, challenge_id: int) -> dict[str, Exercise]:
    """The catalog plus the members' own exercises (custom keys are unique across people)."""
    custom = select(CustomExercise).join(ChallengeMember, members_exercise(challenge_id))
    return load_catalog().by_key(map(as_exercise, (await session.execute(custom)).scalars()))


def _local_day(window: Window) -> DayNumber:
    performed = col(LoggedSet.performed_at)
    runs = [(until, int(offset.total_seconds())) for until, offset in utc_offsets(window)]
    *changes, (_, last) = runs
    offset = case(*((performed < until, seconds) for until, seconds in changes), else_=last)
    return DayNumber(performed, offset if changes else last)


def _counting(challenge_id: int, window: Window, keys: Sequence[str]) -> list[ColumnElement[bool]]:
    """The rules of ``coach.challenges`` for a counting member's set, as SQL."""
    performed, logged = col(LoggedSet.performed_at), col(LoggedSet.logged_at)
    weight, reps, seconds = col(LoggedSet.weight_kg), col(LoggedSet.reps), col(LoggedSet.seconds)
    rpe = col(LoggedSet.rpe)
    excluded = select(col(ChallengeExclusion.set_id)).where(
        col(ChallengeExclusion.challenge_id) == challenge_id
    )
    return [
        *in_window(window),
        col(LoggedSet.exercise_key).in_(keys),
        performed >= col(ChallengeMember.joined_at),
        logged < window.end,
        at_most_after(logged, performed, int(BACKDATE_LIMIT.total_seconds())),
        col(LoggedSet.warmup).is_(False),
        or_(rpe.is_(None), rpe >= HARD_RPE),
        or_(weight.is_(None), func.abs(weight) <= MAX_WEIGHT_KG),
        or_(reps.is_(None), reps <= MAX_REPS),
        or_(seconds.is_(None), seconds <= MAX_SECONDS),
        col(LoggedSet.id).not_in(excluded),
        # Only sets logged live count: history imported from another app never does.
        col(LoggedSet.source) != IMPORTED,
    ]


async def counting_sets(
    session: AsyncSession,
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
    known = await exercises(session, challenge_id)
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
    return list((await session.execute(query.limit(limit))).scalars())


def _query(
    challenge_id: int,
    window: Window,
    metric: Metric,
    known: Mapping[str, Exercise],
    people: Sequence[int] | None,
    by_call: bool,
) -> Select[Any]:
    """One row per member, local day and whatever else splits the tallies: lower or upper
    body when the metric counts both, reps and RPE for the squat (whose heaviest load then
    gives the best e1RM), and the logging call when ``by_call``."""
    keys = sorted(key for key, e in known.items() if could_count(metric, e))
    lower = [key for key in keys if counts_as_lower(metric, known[key])]
    squat = metric is Metric.SQUAT_GAIN
    where = _counting(challenge_id, window, keys)
    if people is not None:
        where.append(col(LoggedSet.person_id).in_(people))
    splits: list[ColumnElement[Any]] = []
    if len(lower) < len(keys):
        splits.append(col(LoggedSet.exercise_key).in_(lower).label("lower"))
    if squat:
        splits += [col(LoggedSet.reps).label("reps"), col(LoggedSet.rpe).label("rpe")]
    if by_call:
        splits.append(col(LoggedSet.logged_at).label("logged_at"))
    counted = _without_ramps(_with_top_sets(challenge_id, window, where, splits))
    weight = counted.c.weight_kg
    # The subquery computes each set's day and splits once; grouping by its columns also
    # spares PostgreSQL matching grouped expressions that hold parameters (it cannot).
    sets = columns(
        counted.c.person_id,
        counted.c.day,
        *(counted.c[split.name] for split in splits),
        # Bodyweight sets carry only their added load; assisted (negative) ones add nothing.
        counted.c.set_volume.label("volume"),
        # e1RM-based figures skip bodyweight sets (M9).
        case((counted.c.bodyweight, null()), else_=weight).label("load"),
    ).subquery()
    grouped = [sets.c.person_id, sets.c.day, *(sets.c[split.name] for split in splits)]
    unsplit = {"lower": true(), "reps": null(), "rpe": null(), "logged_at": null()}
    return columns(
        sets.c.person_id,
        sets.c.day,
        *(sets.c.get(name, constant) for name, constant in unsplit.items()),
        func.count(),
        func.sum(sets.c.volume),
        func.max(sets.c.load),
    ).group_by(*grouped)


def _with_top_sets(
    challenge_id: int,
    window: Window,
    where: Sequence[ColumnElement[bool]],
    splits: Sequence[ColumnElement[Any]],
) -> Subquery:
    """The counting sets, each beside its day's top set of the same exercise (M1's
    heaviest weighted set, the first of equals in logging order)."""
    weight = col(LoggedSet.weight_kg)
    weighted = and_(weight > 0, col(LoggedSet.bodyweight).is_(False))
    day = _local_day(window)
    top = over(
        partition_by=[col(LoggedSet.person_id), day, col(LoggedSet.exercise_key)],
        order_by=[
            case((weighted, weight), else_=-1.0).desc(),
            col(LoggedSet.performed_at),
            col(LoggedSet.id),
        ],
    )
    return (
        columns(
            col(LoggedSet.person_id).label("person_id"),
            day.label("day"),
            *splits,
            col(LoggedSet.id).label("id"),
            col(LoggedSet.performed_at).label("performed_at"),
            weight.label("weight_kg"),
            col(LoggedSet.reps).label("set_reps"),
            col(LoggedSet.rpe).label("set_rpe"),
            col(LoggedSet.bodyweight).label("bodyweight"),
            # Per side and bodyweight-aware, as /log and /pr count it (storage.sql_volume).
            set_volume().label("set_volume"),
            weighted.label("weighted"),
            top(func.first_value(weight)).label("top_weight"),
            top(func.first_value(col(LoggedSet.reps))).label("top_reps"),
            top(func.first_value(col(LoggedSet.performed_at))).label("top_at"),
            top(func.first_value(col(LoggedSet.id))).label("top_id"),
        )
        .join(ChallengeMember, counting_member(challenge_id))
        .where(*where)
        .subquery()
    )


def _without_ramps(ranked: Subquery) -> Subquery:
    """``ranked`` without inferred warm-ups (M1, ``coach.metrics``): a weighted set
    without RPE before the day's top set, at most 60 % of its load, or lighter and fewer
    reps. Counting sets carry no RPE under 6, so "no RPE >= 6" is "no RPE" here."""
    c = ranked.c
    before = or_(c.performed_at < c.top_at, and_(c.performed_at == c.top_at, c.id < c.top_id))
    easier = or_(
        c.weight_kg <= WARMUP_SHARE * c.top_weight,
        and_(c.weight_kg < c.top_weight, c.set_reps < c.top_reps),
    )
    ramp = and_(c.weighted, c.set_rpe.is_(None), before, easier)
    return columns(ranked).where(not_(func.coalesce(ramp, False))).subquery()


def over(
    partition_by: Sequence[Any], order_by: Sequence[Any]
) -> Callable[[FunctionElement[Any]], Over[Any]]:
    """A window over ``partition_by`` in ``order_by`` order, to apply to functions."""
    return lambda function: function.over(partition_by=partition_by, order_by=order_by)


async def _rows(session: AsyncSession, query: Select[Any]) -> Sequence[Row[Any]]:
    # Plain rows through the connection: the ORM's result handling would cost more than
    # the query for a large board.
    return (await (await session.connection()).execute(query)).all()


def _tally(row: Sequence[Any], squat: bool) -> Tally:
    person_id, day, lower, reps, rpe, _, sets, volume, load = row
    return Tally(
        person_id=person_id,
        day=_EPOCH + timedelta(days=day),
        lower_sets=sets if lower else 0,
        upper_sets=0 if lower else sets,
        lower_volume=volume if lower else 0.0,
        squat_e1rm=e1rm(load, reps, rpe) if squat else None,
    )


async def day_tallies(
    session: AsyncSession,
    challenge_id: int,
    window: Window,
    metric: Metric,
    known: Mapping[str, Exercise],
    people: Sequence[int] | None = None,
) -> list[Tally]:
    """Per local day, the tallies of the counting sets of every counting member, or of
    only these ``people`` among them. ``known``: the exercises by key (``exercises``)."""
    query = _query(challenge_id, window, metric, known, people, by_call=False)
    squat = metric is Metric.SQUAT_GAIN
    return [_tally(row, squat) for row in await _rows(session, query)]


async def logged_tallies(
    session: AsyncSession,
    challenge_id: int,
    window: Window,
    metric: Metric,
    known: Mapping[str, Exercise],
    people: Sequence[int],
) -> list[Logged]:
    """Per local day and logging call, the tallies of these counting members' counting
    sets, each with the time it was logged."""
    query = _query(challenge_id, window, metric, known, people, by_call=True)
    squat = metric is Metric.SQUAT_GAIN
    return [(row.logged_at, _tally(row, squat)) for row in await _rows(session, query)]
