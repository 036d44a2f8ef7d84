"""What a server's weekly report reads: who takes part, and their daily hard-set counts.

One aggregate query does the heavy lifting, so a report over a thousand members and a
year of logs never loads individual sets.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import String, cast, func, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from coach.metrics import HARD_RPE
from storage.tables import LoggedSet, Person, Schedule

Counts = dict[int, dict[date, dict[str, int]]]


async def participants(session: AsyncSession, guild_id: int, since: datetime) -> list[int]:
    """People who opted in to reports and logged in this server since ``since``."""
    # Who was active comes from the guild index alone; only then is each person checked,
    # so a busy server's recent rows are never fetched one by one.
    active = (
        select(col(LoggedSet.person_id))
        .where(col(LoggedSet.guild_id) == guild_id, col(LoggedSet.performed_at) >= since)
        .distinct()
    )
    query = select(col(Person.id)).where(col(Person.id).in_(active), col(Person.share_reports))
    return sorted((await session.execute(query)).scalars())


async def daily_counts(session: AsyncSession, people: list[int], since: date) -> Counts:
    """Hard sets (M1) per person, local day and exercise, from ``since`` on.

    Sets logged anywhere count (DMs and other servers too): a person's balance is theirs.
    Each person-day comes back as one row, ``key=sets,key=sets``: turning rows into Python
    objects is what costs at this size, and a day holds only a handful of exercises.
    """
    counts: Counts = {person: defaultdict(dict) for person in people}
    if not people:
        return counts
    per_exercise = (
        select(
            col(LoggedSet.person_id).label("person_id"),
            col(LoggedSet.local_date).label("day"),
            (col(LoggedSet.exercise_key) + "=" + cast(func.count(), String)).label("pair"),
        )
        .where(
            col(LoggedSet.person_id).in_(people),
            col(LoggedSet.local_date) >= since,
            col(LoggedSet.exercise_key).is_not(None),
            col(LoggedSet.warmup).is_(False),
            or_(col(LoggedSet.rpe).is_(None), col(LoggedSet.rpe) >= HARD_RPE),
        )
        .group_by(col(LoggedSet.person_id), col(LoggedSet.local_date), col(LoggedSet.exercise_key))
        .subquery()
    )
    per_day = select(
        per_exercise.c.person_id,
        per_exercise.c.day,
        func.aggregate_strings(per_exercise.c.pair, ","),
    ).group_by(per_exercise.c.person_id, per_exercise.c.day)
    for person, day, pairs in (await session.execute(per_day)).all():
        counts[person][day] = {
            key: int(sets) for key, _, sets in (pair.rpartition("=") for pair in pairs.split(","))
        }
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
