"""What a report reads, on each back-end: who takes part, their weeks and this week's sets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from coach.catalog import load_catalog
from coach.metrics import LEG_DAY_PATTERNS
from coach.report import Week
from coach.vocabulary import Region
from storage import reports
from storage.people import get_person
from storage.store import Store
from storage.tables import LoggedSet, Person

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
GUILD, OTHER = 1, 2
REGIONS = {**{e.key: e.region for e in load_catalog().exercises}, "custom:7": Region.LOWER}
LEG_DAY_KEYS = [e.key for e in load_catalog().exercises if e.pattern in LEG_DAY_PATTERNS]


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
        await get_person(session, 50, NOW)
        await session.execute(update(Person).where(Person.id == 50).values(share_reports=True))
        session.add(logged(50, GUILD, "deadlift", 60))  # opted in, but not here lately
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


async def test_weekly_counts_sum_hard_sets_per_region(store: Store) -> None:
    await fill(store)
    async with store.session() as session:
        weeks = await reports.weekly_counts(session, [10, 20], NOW.date(), REGIONS, LEG_DAY_KEYS)

    # Warm-ups, RPE 5 and unclassified sets count nowhere; the DM counts.
    assert weeks[10] == [Week()] * 7 + [Week(lower=2, upper=1)]
    assert weeks[20] == [Week()] * 7 + [Week(lower=1)]  # the set 90 days ago is too old


async def test_weekly_counts_fall_in_weeks_ending_today(store: Store) -> None:
    async with store.session() as session:
        await get_person(session, 10, NOW)
        session.add_all(
            [
                *(logged(10, GUILD, "back_squat", 0) for _ in range(3)),  # a leg day
                *(logged(10, GUILD, "back_squat", 6) for _ in range(2)),  # too few for one
                logged(10, GUILD, "bench_press", 7),
                logged(10, GUILD, "custom:7", 14),
                logged(10, GUILD, "custom:8", 14),  # not described: counts nowhere
                logged(10, GUILD, "plank", 55),
                logged(10, GUILD, "plank", 56),  # before the first week
                logged(10, GUILD, "plank", -1),  # a local day after the server's today
            ]
        )
    async with store.session() as session:
        weeks = await reports.weekly_counts(session, [10], NOW.date(), REGIONS, LEG_DAY_KEYS)

    assert weeks[10] == [
        Week(core=1),
        *[Week()] * 4,
        Week(lower=1),
        Week(upper=1),
        Week(lower=5, leg_days=1),
    ]


async def test_calf_raises_alone_never_make_a_leg_day(store: Store) -> None:
    async with store.session() as session:
        await get_person(session, 10, NOW)
        session.add_all(
            [
                *(logged(10, GUILD, "standing_calf_raise", 1) for _ in range(4)),
                *(logged(10, GUILD, "hip_abduction_machine", 1) for _ in range(3)),
                *(logged(10, GUILD, "romanian_deadlift", 2) for _ in range(3)),
            ]
        )
    async with store.session() as session:
        weeks = await reports.weekly_counts(session, [10], NOW.date(), REGIONS, LEG_DAY_KEYS)

    assert weeks[10][-1] == Week(lower=10, leg_days=1)  # the RDL day only
