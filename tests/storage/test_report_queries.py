"""What a report reads, on each back-end: who takes part and their daily hard-set counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from storage import reports
from storage.people import get_person
from storage.store import Store
from storage.tables import LoggedSet, Person

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
GUILD, OTHER = 1, 2


def logged(person: int, guild: int | None, key: str, days_ago: int, **extra: object) -> LoggedSet:
    at = NOW - timedelta(days=days_ago)
    values: dict[str, object] = {
        "person_id": person,
        "guild_id": guild,
        "performed_at": at,
        "logged_at": at,
        "local_date": at.date(),
        "exercise_key": key,
        "exercise_name": key or "zumba",
        "reps": 5,
        "batch_id": "b",
    }
    return LoggedSet(**{**values, **extra})  # type: ignore[arg-type]


async def fill(store: Store) -> None:
    async with store.session() as session:
        for person in (10, 20, 30, 40):
            await get_person(session, person, NOW)
        await session.execute(update(Person).where(Person.id != 30).values(share_reports=True))
        session.add_all(
            [
                logged(10, GUILD, "back_squat", 1),
                logged(10, GUILD, "back_squat", 1),
                logged(10, None, "bench_press", 1),  # a DM counts for the person
                logged(10, GUILD, "back_squat", 1, warmup=True),  # not a hard set
                logged(10, GUILD, "back_squat", 1, rpe=5.0),  # not a hard set
                logged(10, GUILD, None, 2),  # unclassified: counts nowhere
                logged(20, GUILD, "deadlift", 3),
                logged(30, GUILD, "deadlift", 3),  # did not opt in
                logged(40, OTHER, "deadlift", 3),  # active in another server only
                logged(20, GUILD, "deadlift", 90),  # long ago
            ]
        )


async def test_participants_opted_in_and_active_here(store: Store) -> None:
    await fill(store)
    async with store.session() as session:
        people = await reports.participants(session, GUILD, NOW - timedelta(weeks=8))
    assert people == [10, 20]


async def test_daily_counts_hold_hard_sets_per_day_and_exercise(store: Store) -> None:
    await fill(store)
    async with store.session() as session:
        counts = await reports.daily_counts(session, [10, 20], (NOW - timedelta(weeks=8)).date())

    yesterday = (NOW - timedelta(days=1)).date()
    assert dict(counts[10]) == {yesterday: {"back_squat": 2, "bench_press": 1}}
    assert dict(counts[20]) == {(NOW - timedelta(days=3)).date(): {"deadlift": 1}}


async def test_nobody_means_no_query(store: Store) -> None:
    async with store.session() as session:
        assert await reports.daily_counts(session, [], NOW.date()) == {}
