"""Stored rows as the balance model's inputs: sets, check-ins and the profile.

The model is pure; this is where the database meets it, in one place for every caller
(/balance, /checkin, reminders and reports).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.training import CheckIn, Goal, LegWeakness, Pain, Profile, RedFlag, Sex, TrainingSet
from coach.vocabulary import Unit
from storage.custom_exercises import custom_exercises
from storage.tables import CheckInRow, LoggedSet, Person


def profile_of(person: Person) -> Profile:
    return Profile(
        sex=Sex(person.sex) if person.sex else None,
        bodyweight_kg=person.bodyweight_kg,
        days_per_week=person.days_per_week,
        goal=Goal(person.goal),
        unit=Unit(person.unit),
    )


def as_training_set(row: LoggedSet, exercises: dict[str, Exercise]) -> TrainingSet:
    return TrainingSet(
        at=row.performed_at,
        exercise=exercises.get(row.exercise_key) if row.exercise_key else None,
        typed_name=row.exercise_name,
        weight_kg=row.weight_kg,
        reps=row.reps,
        seconds=row.seconds,
        distance_m=row.distance_m,
        rpe=row.rpe,
        warmup=row.warmup,
        bodyweight=row.bodyweight,
    )


def as_checkin(row: CheckInRow) -> CheckIn:
    pain = None
    if row.pain_score is not None:
        pain = Pain(
            score=row.pain_score,
            days=row.pain_days,
            worsening=row.pain_worsening,
            location=row.pain_location,
        )
    return CheckIn(
        at=row.at,
        sleep_hours=row.sleep_hours,
        soreness=row.soreness,
        energy=row.energy,
        leg_weakness=LegWeakness(row.leg_weakness) if row.leg_weakness else None,
        numbness_tingling=row.numbness_tingling,
        pain=pain,
        red_flags=frozenset(RedFlag(flag) for flag in row.red_flags.split(",") if flag),
    )


def checkin_row(person_id: int, checkin: CheckIn) -> CheckInRow:
    pain = checkin.pain
    return CheckInRow(
        person_id=person_id,
        at=checkin.at,
        sleep_hours=checkin.sleep_hours,
        soreness=checkin.soreness,
        energy=checkin.energy,
        leg_weakness=checkin.leg_weakness.value if checkin.leg_weakness else None,
        numbness_tingling=checkin.numbness_tingling,
        pain_score=pain.score if pain else None,
        pain_days=pain.days if pain else None,
        pain_worsening=pain.worsening if pain else None,
        pain_location=pain.location if pain else None,
        red_flags=",".join(sorted(checkin.red_flags)),
    )


async def training_sets(
    session: AsyncSession, person_id: int, since: datetime
) -> list[TrainingSet]:
    """This person's sets from ``since`` on, classified through catalog and custom exercises."""
    exercises = load_catalog().by_key(await custom_exercises(session, person_id))
    rows = await session.execute(
        select(LoggedSet)
        .where(col(LoggedSet.person_id) == person_id, col(LoggedSet.performed_at) >= since)
        # Sets logged together share a time: their order of logging tells ramp sets (M1).
        .order_by(col(LoggedSet.performed_at), col(LoggedSet.id))
    )
    return [as_training_set(row, exercises) for row in rows.scalars()]


async def checkins(session: AsyncSession, person_id: int, since: datetime) -> list[CheckIn]:
    rows = await session.execute(
        select(CheckInRow)
        .where(col(CheckInRow.person_id) == person_id, col(CheckInRow.at) >= since)
        .order_by(col(CheckInRow.at))
    )
    return [as_checkin(row) for row in rows.scalars()]


async def latest_checkin(session: AsyncSession, person_id: int) -> CheckIn | None:
    row = (
        await session.execute(
            select(CheckInRow)
            .where(col(CheckInRow.person_id) == person_id)
            .order_by(col(CheckInRow.at).desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    return as_checkin(row) if row else None


async def add_checkin(session: AsyncSession, person_id: int, checkin: CheckIn) -> None:
    session.add(checkin_row(person_id, checkin))
    await session.flush()
