"""What a server's weekly report reads: who takes part, and their hard-set counts.

Aggregate queries do the heavy lifting, so a report over a thousand members and a year
of logs never loads individual sets: the database sums the report's weeks per member,
and hands over sets per day and exercise only for this week, which the findings judge.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from datetime import date, datetime

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    bindparam,
    case,
    cast,
    exists,
    func,
    or_,
)
from sqlalchemy import select as columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from coach.metrics import HARD_RPE, LEG_DAY_SETS
from coach.report import Week, week_starts
from coach.vocabulary import Region
from storage.tables import LoggedSet, Person, Schedule

Counts = dict[int, dict[date, dict[str, int]]]


async def participants(session: AsyncSession, guild_id: int, since: datetime) -> list[int]:
    """People who opted in to reports and logged in this server since ``since``."""
    # Asked per person: one index probe each (server, person, time), where listing who was
    # active first made a busy server scan every recent set. The database may still start
    # from the server's sets when it has fewer of them than there are people opted in.
    active_here = exists().where(
        col(LoggedSet.person_id) == col(Person.id),
        col(LoggedSet.guild_id) == guild_id,
        col(LoggedSet.performed_at) >= since,
    )
    query = select(col(Person.id)).where(col(Person.share_reports), active_here)
    return sorted((await session.execute(query)).scalars())


def _hard_sets(people: list[int], since: date) -> tuple[ColumnElement[bool], ...]:
    """These people's classified hard sets (M1) from ``since`` on.

    Sets logged anywhere count (DMs and other servers too): a person's balance is theirs.
    """
    return (
        col(LoggedSet.person_id).in_(people),
        col(LoggedSet.local_date) >= since,
        col(LoggedSet.exercise_key).is_not(None),
        col(LoggedSet.warmup).is_(False),
        or_(col(LoggedSet.rpe).is_(None), col(LoggedSet.rpe) >= HARD_RPE),
    )


def _in_region(regions: Mapping[str, Region], region: Region) -> ColumnElement[bool]:
    return _among(sorted(key for key, each in regions.items() if each is region), region.value)


def _among(keys: list[str], name: str) -> ColumnElement[bool]:
    # Inline, not bound: PostgreSQL looks a constant list up in a hash table, but once it
    # reuses a plan (after five runs) it scans a list of parameters key by key for every
    # set, which made the benchmark's weeks take 3-4 s instead of 0.25 s.
    listed: BindParameter[list[str]] = bindparam(
        f"{name}_keys", keys, expanding=True, literal_execute=True
    )
    return col(LoggedSet.exercise_key).in_(listed)


async def weekly_counts(
    session: AsyncSession,
    people: list[int],
    today: date,
    regions: Mapping[str, Region],
    leg_day_keys: Collection[str],
) -> dict[int, list[Week]]:
    """Each person's hard sets per region and leg days in the report's weeks, oldest first.

    ``regions`` places exercise keys (catalog and custom); sets of other keys count
    nowhere. A leg day is a local day with enough hard sets of ``leg_day_keys`` (M5's
    patterns: calf raises alone never make one). The weeks are ``week_starts(today)``;
    days after ``today`` are left out.
    """
    starts = week_starts(today)
    weeks = {person: [Week()] * len(starts) for person in people}
    if not people:
        return weeks
    day = col(LoggedSet.local_date)
    per_day = (
        columns(
            col(LoggedSet.person_id).label("person_id"),
            # The latest week starting on or before the day; the first one takes the rest.
            case(
                *((day >= start, n) for n, start in reversed(list(enumerate(starts)))), else_=0
            ).label("week"),
            *(func.count().filter(_in_region(regions, r)).label(r.value) for r in Region),
            func.count().filter(_among(sorted(leg_day_keys), "leg_day")).label("leg_day"),
        )
        .where(*_hard_sets(people, starts[0]), day <= today)
        .group_by(col(LoggedSet.person_id), day)
        .subquery()
    )

    def total(region: Region) -> ColumnElement[int]:
        return cast(func.sum(per_day.c[region.value]), Integer)

    # SQLAlchemy's select: sqlmodel's is typed for at most four columns.
    per_week = columns(
        per_day.c.person_id,
        per_day.c.week,
        total(Region.LOWER),
        total(Region.UPPER),
        total(Region.CORE),
        func.count().filter(per_day.c.leg_day >= LEG_DAY_SETS),
    ).group_by(per_day.c.person_id, per_day.c.week)
    for person, n, lower, upper, core, leg_days in (await session.execute(per_week)).all():
        weeks[person][n] = Week(lower, upper, core, leg_days)
    return weeks


async def daily_counts(session: AsyncSession, people: list[int], since: date) -> Counts:
    """Hard sets (M1) per person, local day and exercise, from ``since`` on.

    Each person-day comes back as one row listing its sets' exercise keys, counted here:
    turning rows into Python objects is what costs at this size, and a day holds only a
    few dozen sets.
    """
    counts: Counts = {person: defaultdict(dict) for person in people}
    if not people:
        return counts
    per_day = (
        select(
            col(LoggedSet.person_id),
            col(LoggedSet.local_date),
            func.aggregate_strings(col(LoggedSet.exercise_key), ","),
        )
        .where(*_hard_sets(people, since))
        .group_by(col(LoggedSet.person_id), col(LoggedSet.local_date))
    )
    for person, day, keys in (await session.execute(per_day)).all():
        counts[person][day] = Counter(keys.split(","))
    return counts


REPORT = "report"


async def report_schedule(session: AsyncSession, guild_id: int) -> Schedule | None:
    """The server's weekly report schedule, if it has one."""
    query = select(Schedule).where(
        col(Schedule.kind) == REPORT,
        col(Schedule.guild_id) == guild_id,
        col(Schedule.person_id).is_(None),
    )
    return (await session.execute(query)).scalar_one_or_none()
