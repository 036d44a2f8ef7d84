"""Stored rows as the balance model's inputs: sets, check-ins and the profile.

The model is pure; this is where the database meets it, in one place for every caller
(/balance, /checkin, reminders and reports). Check-ins are loaded one way for all of them,
``counted_checkins``: the last ``STORED_DAYS``, oldest first and by id at the same
instant, and ``coach.care`` picks the ones that count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.care import STORED_DAYS
from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.training import (
    CheckIn,
    Goal,
    LegWeakness,
    Pain,
    Profile,
    RedFlag,
    Sex,
    TrainingSet,
    pain_area,
)
from coach.vocabulary import Unit
from storage.custom_exercises import custom_exercises_of
from storage.tables import CheckInRow, LoggedSet, Person


def profile_of(person: Person) -> Profile:
    return Profile(
        sex=Sex(person.sex) if person.sex else None,
        bodyweight_kg=person.bodyweight_kg,
        days_per_week=person.days_per_week,
        goal=Goal(person.goal),
        unit=Unit(person.unit),
    )


def profiles(session: Session, people: Sequence[int]) -> dict[int, Profile]:
    """The profiles of these people (each must exist)."""
    rows = session.execute(select(Person).where(col(Person.id).in_(people)))
    return {person.id: profile_of(person) for person in rows.scalars() if person.id is not None}


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
            location=pain_area(row.pain_location) if row.pain_location else None,
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
        after_fall=row.after_fall,
        being_treated=row.being_treated,
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
        pain_location=pain.location.value if pain and pain.location else None,
        red_flags=",".join(sorted(checkin.red_flags)),
        after_fall=checkin.after_fall,
        being_treated=checkin.being_treated,
    )


def training_sets(session: Session, person_id: int, since: datetime) -> list[TrainingSet]:
    """This person's sets from ``since`` on, classified through catalog and custom exercises."""
    exercises = load_catalog().by_key(custom_exercises_of(session, person_id))
    rows = session.execute(
        select(LoggedSet)
        .where(col(LoggedSet.person_id) == person_id, col(LoggedSet.performed_at) >= since)
        # Sets logged together share a time: their order of logging tells ramp sets (M1).
        .order_by(col(LoggedSet.performed_at), col(LoggedSet.id))
    )
    return [as_training_set(row, exercises) for row in rows.scalars()]


def counted_checkins(
    session: Session, people: Sequence[int], now: datetime
) -> dict[int, list[CheckIn]]:
    """Each person's check-ins that may count at ``now`` (``coach.care``), oldest first."""
    rows = session.execute(
        select(CheckInRow)
        .where(
            col(CheckInRow.person_id).in_(people),
            col(CheckInRow.at) > now - timedelta(days=STORED_DAYS),
            col(CheckInRow.at) <= now,
        )
        .order_by(col(CheckInRow.at), col(CheckInRow.id))
    )
    found: dict[int, list[CheckIn]] = {person: [] for person in people}
    for row in rows.scalars():
        found[row.person_id].append(as_checkin(row))
    return found


def checkins_of(session: Session, person_id: int, now: datetime) -> list[CheckIn]:
    """One person's ``counted_checkins``."""
    return (counted_checkins(session, [person_id], now))[person_id]


def add_checkin(session: Session, person_id: int, checkin: CheckIn) -> None:
    session.add(checkin_row(person_id, checkin))
    session.flush()
