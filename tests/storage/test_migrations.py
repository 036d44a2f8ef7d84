"""Migrations keep existing rows: a database at 0001 with sets, or at 0009 with a check-in,
upgrades to head intact."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import text

from coach.training import LegWeakness, Pain, PainArea, RedFlag
from storage.coach_data import checkins_of
from storage.migrate import alembic_config
from storage.store import Store


def upgrade_to(revision: str):
    def run(connection: object) -> None:
        command.upgrade(alembic_config(connection), revision)  # type: ignore[arg-type]

    return run


async def test_upgrading_a_populated_0001_database_backfills_new_columns(backend_url: str) -> None:
    store = Store(backend_url)
    try:
        async with store.engine.begin() as connection:
            await connection.run_sync(upgrade_to("0001"))
            await connection.execute(
                text(
                    "INSERT INTO person (id, unit, goal, share_reports, created_at) "
                    "VALUES (1, 'kg', 'balanced', false, '2026-11-01 10:00:00')"
                )
            )
            await connection.execute(
                text(
                    "INSERT INTO logged_set (person_id, performed_at, logged_at, exercise_name, "
                    "warmup, bodyweight, per_side, batch_id, source) VALUES "
                    "(1, '2026-11-02 23:30:00', '2026-11-02 23:31:00', 'squat', "
                    "false, false, false, 'b', 'slash')"
                )
            )
        await store.migrate()
        async with store.engine.connect() as connection:
            row = (
                await connection.execute(text("SELECT local_date, entry_index FROM logged_set"))
            ).one()
    finally:
        await store.close()

    assert str(row.local_date) == "2026-11-02"
    assert row.entry_index == 0


async def test_a_check_in_stored_before_0010_still_loads(backend_url: str) -> None:
    store = Store(backend_url)
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
            (old,) = await checkins_of(session, 1, datetime(2026, 11, 20, 12, tzinfo=UTC))
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
