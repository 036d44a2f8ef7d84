"""Stored check-ins on each back-end: old rows survive 0010, and one query loads the ones
that may count, oldest first, for one person or many."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import text

from coach.training import CheckIn, LegWeakness, Pain, PainArea, RedFlag
from storage.coach_data import add_checkin, checkins_of, counted_checkins
from storage.migrate import alembic_config
from storage.people import get_person
from storage.store import Store

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


async def test_a_check_in_stored_before_0010_still_loads(backend_url: str) -> None:
    store = Store(backend_url)

    def upgrade_to(revision: str):
        def run(connection: object) -> None:
            command.upgrade(alembic_config(connection), revision)  # type: ignore[arg-type]

        return run

    try:
        async with store.engine.begin() as connection:
            await connection.run_sync(upgrade_to("0009"))
            await connection.execute(
                text(
                    "INSERT INTO person (id, unit, goal, share_reports, created_at, timezone) "
                    "VALUES (1, 'kg', 'balanced', false, '2026-11-01 10:00:00', 'UTC')"
                )
            )
            await connection.execute(
                text(
                    "INSERT INTO checkin (person_id, at, leg_weakness, pain_score, pain_days, "
                    "pain_worsening, pain_location, red_flags) VALUES "
                    "(1, '2026-11-18 08:00:00', 'mild', 5, 21, false, 'left knee', 'chest_pain')"
                )
            )
        await store.migrate()
        async with store.session() as session:
            (old,) = await checkins_of(session, 1, NOW)
        async with store.engine.connect() as connection:
            typed = (await connection.execute(text("SELECT pain_location FROM checkin"))).scalar()
    finally:
        await store.close()

    assert old.at == datetime(2026, 11, 18, 8, tzinfo=UTC)
    assert old.leg_weakness is LegWeakness.MILD
    assert old.pain == Pain(score=5, days=21, worsening=False, location=PainArea.KNEE)
    assert old.red_flags == {RedFlag.CHEST_PAIN}
    assert (old.after_fall, old.being_treated) == (None, None)  # unknown, not "no"
    assert typed == "left knee"  # the person's own words are kept


async def test_the_check_ins_that_may_count_come_oldest_first_with_every_answer(
    store: Store,
) -> None:
    moment = NOW - timedelta(days=2)
    answers = [
        CheckIn(NOW - timedelta(days=29), sleep_hours=5),  # older than any rule looks
        CheckIn(moment, red_flags=frozenset({RedFlag.CALF_SWOLLEN_WARM}), after_fall=True),
        CheckIn(moment, being_treated=True, pain=Pain(score=4, location=PainArea.SHOULDER)),
        CheckIn(NOW - timedelta(days=27), sleep_hours=6),
        CheckIn(NOW + timedelta(hours=1), sleep_hours=7),  # not known yet at NOW
    ]
    async with store.session() as session:
        for person in (1, 2):
            await get_person(session, person, NOW)
        for answer in answers:
            await add_checkin(session, 1, answer)
        await add_checkin(session, 2, CheckIn(moment, energy=2))

    async with store.session() as session:
        both = await counted_checkins(session, [1, 2, 3], NOW)
        alone = await checkins_of(session, 1, NOW)

    assert both[1] == [answers[3], answers[1], answers[2]]  # same instant: stored order
    assert both[2] == [CheckIn(moment, energy=2)]
    assert both[3] == []
    assert alone == both[1]
