"""What a server's weekly report reads: who takes part, and their hard-set counts.

Aggregate queries do the heavy lifting, so a report over a thousand members and a year
of logs never loads individual sets: every set carries its session (M0) and whether it
is a hard set (M1), as ``coach.metrics.session_marks`` worked them out
(``storage.sessions``), so the database adds up each member's sessions, their days and
weeks, and hands over this week's hard sets per session and exercise, which the
findings judge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Subquery,
    and_,
    case,
    cast,
    exists,
    func,
    text,
)
from sqlalchemy import select as columns
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.metrics import LEG_DAY_SETS
from coach.report import SessionSets, Week, week_starts
from coach.vocabulary import Region
from storage.sql_keys import exercise_among
from storage.tables import LoggedSet, Person, Schedule

# A session's day is its member's local date, which lies within 14 hours of UTC's: the
# sessions read start up to a day either side of the report's days.
ZONE_MARGIN = timedelta(days=1)


@dataclass(slots=True)
class Counts:
    """What the report reads of one member."""

    weeks: list[Week]
    """One per ``week_starts``, oldest first."""
    sessions: list[SessionSets] = field(default_factory=list)
    """This week's sessions, in time order, with their hard sets per exercise key."""
    first_day: date | None = None
    """Their first local day with a session in the report's weeks or, with none before
    this week, with a set since ``history_since``."""


def participants(session: Session, guild_id: int, since: datetime) -> list[int]:
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
    return sorted((session.execute(query)).scalars())


def _hard_among(keys: Collection[str], name: str) -> ColumnElement[bool]:
    """A hard set (M1) of one of ``keys``. Sets logged anywhere count (DMs and other
    servers too): a person's balance is theirs."""
    return and_(col(LoggedSet.hard), exercise_among(keys, name))


def _sessions(people: list[int], first: date, last: date, *counted: ColumnElement[Any]) -> Subquery:
    """These people's sessions (M0) that start within a day of ``first``..``last``: each
    with its day, the local date of its first set, and ``counted``."""
    since = datetime.combine(first, time(), UTC) - ZONE_MARGIN
    until = datetime.combine(last + timedelta(days=1), time(), UTC) + ZONE_MARGIN
    return (
        columns(
            col(LoggedSet.person_id).label("person_id"),
            col(LoggedSet.session_at).label("session_at"),
            func.min(col(LoggedSet.local_date)).label("day"),
            *counted,
        )
        .where(
            col(LoggedSet.person_id).in_(people),
            col(LoggedSet.session_at) >= since,
            col(LoggedSet.session_at) < until,
        )
        .group_by(col(LoggedSet.person_id), col(LoggedSet.session_at))
        .subquery()
    )


def report_counts(
    session: Session,
    people: list[int],
    today: date,
    regions: Mapping[str, Region],
    leg_day_keys: Collection[str],
    history_since: datetime,
) -> dict[int, Counts]:
    """Each person's weeks (hard sets per region, leg days), this week's sessions and
    their first day.

    ``regions`` places exercise keys (catalog and custom); sets of other keys count
    nowhere. A leg day is a local day with a session of at least LEG_DAY_SETS hard sets
    of ``leg_day_keys`` (M5's patterns: calf raises alone never make one). The weeks are
    ``week_starts(today)``; sessions whose day is after ``today`` are left out.
    ``history_since`` is as far back as ``/balance`` reads sets.
    """
    starts = week_starts(today)
    counts = {person: Counts([Week()] * len(starts)) for person in people}
    if not people:
        return counts
    _weeks(session, people, starts, today, regions, leg_day_keys, counts)
    _this_week(session, people, starts[-1], today, counts)
    _earlier_first_days(session, starts[-1], history_since, counts)
    return counts


def _earlier_first_days(
    session: Session, this_week: date, since: datetime, counts: dict[int, Counts]
) -> None:
    """Whether a member has history (``coach.metrics.Metrics.has_history``) is judged as
    ``/balance`` judges it: a member with no session before this week in the report's
    weeks may have logged before them, as far back as ``/balance`` reads."""
    unsure = [
        person
        for person, mine in counts.items()
        if mine.first_day is None or mine.first_day >= this_week
    ]
    if not unsure:
        return
    # SQLAlchemy's select: sqlmodel's is typed for at most four columns.
    query = (
        columns(col(LoggedSet.person_id), func.min(col(LoggedSet.local_date)))
        .where(col(LoggedSet.person_id).in_(unsure), col(LoggedSet.performed_at) >= since)
        .group_by(col(LoggedSet.person_id))
    )
    for person, first in (session.connection()).execute(query).all():
        mine = counts[person]
        mine.first_day = first if mine.first_day is None else min(mine.first_day, first)


def _weeks(
    session: Session,
    people: list[int],
    starts: tuple[date, ...],
    today: date,
    regions: Mapping[str, Region],
    leg_day_keys: Collection[str],
    counts: dict[int, Counts],
) -> None:
    def hard_in(region: Region) -> ColumnElement[int]:
        keys = [key for key, each in regions.items() if each is region]
        return func.count().filter(_hard_among(keys, region.value)).label(region.value)

    summed = (Region.LOWER, Region.UPPER, Region.CORE, Region.FULL)
    per_session = _sessions(
        people,
        starts[0],
        today,
        *map(hard_in, summed),
        func.count().filter(_hard_among(leg_day_keys, "leg_day")).label("leg_day"),
    )
    day = per_session.c.day

    def total(c: ColumnElement[int]) -> ColumnElement[int]:
        return cast(func.sum(c), Integer)

    # SQLAlchemy's select: sqlmodel's is typed for at most four columns.
    per_week = (
        columns(
            per_session.c.person_id,
            # The latest week starting on or before the session's day.
            case(
                *((day >= start, n) for n, start in reversed(list(enumerate(starts)))), else_=0
            ).label("week"),
            *(total(per_session.c[r.value]) for r in summed),
            # Two leg sessions on one day are one leg day.
            func.count(func.distinct(case((per_session.c.leg_day >= LEG_DAY_SETS, day)))),
            func.min(day),
        )
        .where(day >= starts[0], day <= today)
        .group_by(per_session.c.person_id, text("week"))
    )
    rows = ((session.connection()).execute(per_week)).all()
    for person, n, lower, upper, core, full, leg_days, first in rows:
        # M2: an Olympic set counts half lower and half upper.
        mine = counts[person]
        mine.weeks[n] = Week(lower + full / 2, upper + full / 2, core, leg_days)
        mine.first_day = first if mine.first_day is None else min(mine.first_day, first)


def _this_week(
    session: Session, people: list[int], first: date, today: date, counts: dict[int, Counts]
) -> None:
    """This week's sessions, each as one row listing its hard sets' exercise keys, counted
    here: turning rows into Python objects is what costs at this size, and a session holds
    only a few dozen sets."""
    hard_key = case((col(LoggedSet.hard), col(LoggedSet.exercise_key)))
    per_session = _sessions(
        people, first, today, func.aggregate_strings(hard_key, ",").label("hard_keys")
    )
    query = (
        columns(per_session.c.person_id, per_session.c.day, per_session.c.hard_keys)
        .where(per_session.c.day >= first, per_session.c.day <= today)
        # In time order: a day's sessions take its slots in that order (coach.report).
        .order_by(per_session.c.person_id, per_session.c.session_at)
    )
    # Plain rows through the connection: the ORM's result handling costs more here.
    for person, day, keys in ((session.connection()).execute(query)).all():
        if keys:  # a session of warm-ups or unclassified sets adds nothing to judge
            counts[person].sessions.append(SessionSets(day, Counter(keys.split(","))))


REPORT = "report"


def servers_paused_for(session: Session, reason: str) -> set[int]:
    """The servers whose weekly report is paused for ``reason``."""
    rows = session.execute(
        select(col(Schedule.guild_id)).where(
            col(Schedule.kind) == REPORT, col(Schedule.paused_reason) == reason
        )
    )
    return {guild for guild in rows.scalars() if guild is not None}


def report_schedule(session: Session, guild_id: int) -> Schedule | None:
    """The server's weekly report schedule, if it has one."""
    query = select(Schedule).where(
        col(Schedule.kind) == REPORT,
        col(Schedule.guild_id) == guild_id,
        col(Schedule.person_id).is_(None),
    )
    return (session.execute(query)).scalar_one_or_none()
