"""What a report reads, on each back-end: who takes part, their weeks and this week's
sessions, counted by the coach's sessions (M0), hard sets (M1) and leg days (M5)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, update
from sqlalchemy.orm import Session

from coach.catalog import load_catalog
from coach.metrics import HISTORY, LEG_DAY_PATTERNS
from coach.report import SessionSets, Week
from coach.vocabulary import Region
from storage import reports
from storage.people import get_person
from storage.sessions import settle_person
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


async def store_sets(store: Store, *rows: LoggedSet) -> None:
    """Store rows as they are, then work out their sessions as logging would."""

    def unit(session: Session) -> None:
        for person in {row.person_id for row in rows}:
            get_person(session, person, NOW)
        session.add_all(rows)
        session.flush()
        for person in {row.person_id for row in rows}:
            settle_person(session, person)

    await store.run(unit)


async def counts(store: Store, *people: int) -> dict[int, reports.Counts]:
    return await store.run(
        reports.report_counts, list(people), NOW.date(), REGIONS, LEG_DAY_KEYS, NOW - HISTORY
    )


async def fill(store: Store) -> None:
    await store_sets(
        store,
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
    )
    await store.run(
        lambda session: session.execute(
            update(Person).where(Person.id != 30).values(share_reports=True)
        )
    )


async def test_participants_opted_in_and_active_here(store: Store) -> None:
    await fill(store)
    await store_sets(store, logged(50, GUILD, "deadlift", 60))  # opted in, but not here lately
    await store.run(
        lambda session: session.execute(
            update(Person).where(Person.id == 50).values(share_reports=True)
        )
    )
    people = await store.run(reports.participants, GUILD, NOW - timedelta(weeks=8))
    assert people == [10, 20]


async def test_this_weeks_sessions_hold_their_hard_sets_per_exercise(store: Store) -> None:
    await fill(store)
    found = await counts(store, 10, 20)

    yesterday = (NOW - timedelta(days=1)).date()
    assert found[10].sessions == [SessionSets(yesterday, {"back_squat": 2, "bench_press": 1})]
    assert found[20].sessions == [SessionSets((NOW - timedelta(days=3)).date(), {"deadlift": 1})]


async def test_nobody_means_no_query(store: Store) -> None:
    def unit(session: Session) -> tuple[dict[int, reports.Counts], list[str]]:
        sent: list[str] = []
        engine = session.get_bind()

        def seen(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
            sent.append(statement)

        event.listen(engine, "before_cursor_execute", seen)
        try:
            found = reports.report_counts(
                session, [], NOW.date(), REGIONS, LEG_DAY_KEYS, NOW - HISTORY
            )
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        return found, sent

    assert await store.run(unit) == ({}, [])


async def test_weeks_sum_hard_sets_per_region(store: Store) -> None:
    await fill(store)
    found = await counts(store, 10, 20)

    # Warm-ups, RPE 5 and unclassified sets count nowhere; the DM counts.
    assert found[10].weeks == [Week()] * 7 + [Week(lower=2, upper=1)]
    assert found[20].weeks == [Week()] * 7 + [Week(lower=1)]  # the set 90 days ago is too old


async def test_weeks_fall_in_weeks_ending_today(store: Store) -> None:
    await store_sets(
        store,
        *(logged(10, GUILD, "back_squat", 0) for _ in range(3)),  # a leg day
        *(logged(10, GUILD, "back_squat", 6) for _ in range(2)),  # too few for one
        logged(10, GUILD, "bench_press", 7),
        logged(10, GUILD, "custom:7", 14),
        logged(10, GUILD, "custom:8", 14),  # not described: counts nowhere
        logged(10, GUILD, "plank", 55),
        logged(10, GUILD, "plank", 56),  # before the first week
        logged(10, GUILD, "plank", -1),  # a local day after the server's today
    )
    found = await counts(store, 10)

    assert found[10].weeks == [
        Week(core=1),
        *[Week()] * 4,
        Week(lower=1),
        Week(upper=1),
        Week(lower=5, leg_days=1),
    ]
    assert found[10].first_day == (NOW - timedelta(days=55)).date()
    # This week's sessions, which the findings judge: not the bench 7 days ago.
    assert [(s.day, s.sets) for s in found[10].sessions] == [
        ((NOW - timedelta(days=6)).date(), {"back_squat": 2}),
        (NOW.date(), {"back_squat": 3}),
    ]


async def test_a_first_day_before_the_weeks_counts_as_far_back_as_balance_reads(
    store: Store,
) -> None:
    await store_sets(
        store,
        logged(10, GUILD, "back_squat", 0),
        logged(10, GUILD, "back_squat", 70),  # before the weeks, within /balance's 12
        logged(11, GUILD, "back_squat", 0),
        logged(11, GUILD, "back_squat", 90),  # beyond them
        logged(12, GUILD, "back_squat", 0),
        logged(12, GUILD, "back_squat", 20),  # within the weeks: looked no further
        logged(12, GUILD, "back_squat", 70),
        logged(13, GUILD, "back_squat", 6),  # this week's first day
        logged(13, GUILD, "back_squat", 70),
    )
    found = await counts(store, 10, 11, 12, 13)

    assert found[10].first_day == (NOW - timedelta(days=70)).date()
    assert found[11].first_day == NOW.date()
    assert found[12].first_day == (NOW - timedelta(days=20)).date()
    assert found[13].first_day == (NOW - timedelta(days=70)).date()


async def test_calf_raises_alone_never_make_a_leg_day(store: Store) -> None:
    await store_sets(
        store,
        *(logged(10, GUILD, "standing_calf_raise", 1) for _ in range(4)),
        *(logged(10, GUILD, "hip_abduction_machine", 1) for _ in range(3)),
        *(logged(10, GUILD, "romanian_deadlift", 2) for _ in range(3)),
    )
    found = await counts(store, 10)

    assert found[10].weeks[-1] == Week(lower=10, leg_days=1)  # the RDL day only


def at_time(
    person: int, key: str, at: datetime, weight: float | None = None, reps: int = 5
) -> LoggedSet:
    row = logged(person, GUILD, key, 0, weight_kg=weight, reps=reps)
    row.performed_at = row.logged_at = at
    row.local_date = at.date()
    return row


async def test_a_session_across_midnight_is_one_leg_day_on_its_first_day(store: Store) -> None:
    late = datetime(2026, 11, 19, 23, 30, tzinfo=UTC)
    squats = [at_time(10, "back_squat", late + timedelta(minutes=5 * n)) for n in range(2)]
    rdls = [
        at_time(10, "romanian_deadlift", late + timedelta(minutes=50 + 5 * n)) for n in range(2)
    ]
    await store_sets(store, *squats, *rdls)

    found = await counts(store, 10)

    # 2 sets before midnight and 2 after: one session of 4 leg sets, on the 19th.
    assert found[10].weeks[-1] == Week(lower=4, leg_days=1)
    assert found[10].sessions == [
        SessionSets(late.date(), {"back_squat": 2, "romanian_deadlift": 2})
    ]


async def test_ramp_sets_before_the_working_sets_are_no_hard_sets(store: Store) -> None:
    start = datetime(2026, 11, 19, 18, 0, tzinfo=UTC)
    loads = [(20, 10), (60, 5), (80, 3), (100, 5), (100, 5), (100, 5)]  # worked example 13
    await store_sets(
        store,
        *(
            at_time(10, "back_squat", start + timedelta(minutes=3 * n), weight, reps)
            for n, (weight, reps) in enumerate(loads)
        ),
    )

    found = await counts(store, 10)

    assert found[10].weeks[-1] == Week(lower=3, leg_days=1)
    assert found[10].sessions[0].sets == {"back_squat": 3}


@pytest.mark.parametrize(
    ("morning_lift", "evening_lift", "each", "week"),
    [
        # Two sessions of 2 sets: neither is a leg day, though the day has 4 leg sets.
        ("back_squat", "back_squat", 2, Week(lower=4, leg_days=0)),
        # Two leg sessions on one day: one leg day, not two.
        ("back_squat", "romanian_deadlift", 3, Week(lower=6, leg_days=1)),
    ],
)
async def test_two_sessions_on_one_day_make_at_most_one_leg_day(
    store: Store, morning_lift: str, evening_lift: str, each: int, week: Week
) -> None:
    morning = datetime(2026, 11, 19, 7, 0, tzinfo=UTC)
    evening = morning + timedelta(hours=10)
    await store_sets(
        store,
        *(at_time(10, morning_lift, morning + timedelta(minutes=n)) for n in range(each)),
        *(at_time(10, evening_lift, evening + timedelta(minutes=n)) for n in range(each)),
    )

    found = await counts(store, 10)

    assert found[10].weeks[-1] == week
    assert [sum(s.sets.values()) for s in found[10].sessions] == [each, each]


async def test_an_olympic_session_is_a_leg_day_counted_half_lower_half_upper(store: Store) -> None:
    start = datetime(2026, 11, 19, 18, 0, tzinfo=UTC)
    await store_sets(
        store,
        *(at_time(10, "snatch", start + timedelta(minutes=n), 60, 2) for n in range(2)),
        *(
            at_time(10, "clean_and_jerk", start + timedelta(minutes=10 + n), 80, 1)
            for n in range(2)
        ),
    )

    found = await counts(store, 10)

    assert found[10].weeks[-1] == Week(lower=2, upper=2, leg_days=1)
