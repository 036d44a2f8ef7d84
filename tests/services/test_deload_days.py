"""Deloads through /deload and /balance's services, on each back-end: the local day decides
which sets a deload covers, from its first day to its last, whenever it started and
wherever the person lives; the same sets without a deload are a drop."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from coach.metrics import Metrics
from services import balance, deload, settings
from services.log import Request, log_text
from storage.bests_cache import BestsCache
from storage.store import Store

ALICE, BOB = 111, 222  # Alice logs the deload, Bob trains the same without one


async def _log(store: Store, person: int, text: str, at: datetime) -> None:
    await log_text(store, Request(person, None, text), now=at, cache=BestsCache())


async def _both(store: Store, zone: str | None, heavy_at: datetime, light_at: datetime) -> None:
    """A heavy single, then the same lift 7 % lighter (a drop), for Alice and Bob."""
    for person in (ALICE, BOB):
        if zone is not None:
            await settings.set_timezone(store, person, zone, now=heavy_at)
        await _log(store, person, "squat 1x1 140kg", heavy_at)
        await _log(store, person, "squat 1x1 130kg", light_at)


async def _metrics(store: Store, person: int, now: datetime) -> Metrics:
    judged = await store.run(balance.judge, person, now)
    return judged.assessment.metrics


async def _drop_only_without_the_deload(store: Store, now: datetime) -> None:
    bob = await _metrics(store, BOB, now)
    assert [c.previous_kg for c in bob.main_lift_changes] == [140]  # the premise: a drop
    alice = await _metrics(store, ALICE, now)
    assert alice.main_lift_changes == ()


async def test_a_deload_that_ended_before_utc_today_still_covers_the_window_far_west(
    store: Store,
) -> None:
    # Pago Pago is UTC-11. At 05:00 UTC on the 21st the 7-day window opens at 18:00 local
    # on the 13th: the light set at 20:00 local that day is in it, on the deload's last day
    # (9th-13th), though UTC says the 14th. The deloads read must reach back that far.
    now = datetime(2026, 11, 21, 5, 0, tzinfo=UTC)
    light_at = datetime(2026, 11, 14, 7, 0, tzinfo=UTC)  # 20:00 on the 13th in Pago Pago
    await _both(store, "Pacific/Pago_Pago", now - timedelta(days=20), light_at)
    started = await deload.start(store, ALICE, "2026-11-09", 5, now=now)
    assert started.last_day == date(2026, 11, 13)

    await _drop_only_without_the_deload(store, now)
    assert not (await _metrics(store, ALICE, now)).deload_now  # it is over


async def test_a_deload_that_started_two_weeks_ago_still_counts_while_it_lasts(
    store: Store,
) -> None:
    now = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
    await _both(store, None, now - timedelta(days=20), now - timedelta(days=2))
    # 14 days from the 8th: it began before any window the balance looks at.
    started = await deload.start(store, ALICE, "2026-11-08", 14, now=now)
    assert (started.first_day, started.last_day) == (date(2026, 11, 8), date(2026, 11, 21))

    await _drop_only_without_the_deload(store, now)
    assert (await _metrics(store, ALICE, now)).deload_now
    assert not (await _metrics(store, ALICE, now + timedelta(days=1))).deload_now


async def test_a_one_day_deload_far_east_is_the_persons_own_day(store: Store) -> None:
    # Kiritimati is UTC+14: 11:00 UTC on Saturday the 21st is 01:00 on Sunday the 22nd.
    now = datetime(2026, 11, 21, 11, 0, tzinfo=UTC)
    await _both(store, "Pacific/Kiritimati", now - timedelta(days=20), now)
    started = await deload.start(store, ALICE, None, 1, now=now)
    assert (started.first_day, started.last_day) == (date(2026, 11, 22), date(2026, 11, 22))

    await _drop_only_without_the_deload(store, now)
    # Its last local minute is in it, the next local day is not (both the 22nd in UTC).
    last_minute = datetime(2026, 11, 22, 23, 59) - timedelta(hours=14)
    assert (await _metrics(store, ALICE, last_minute.replace(tzinfo=UTC))).deload_now
    day_after = last_minute.replace(tzinfo=UTC) + timedelta(minutes=2)
    assert day_after.date() == date(2026, 11, 22)  # the premise: still the 22nd in UTC
    assert not (await _metrics(store, ALICE, day_after)).deload_now
    # The light set stays out of the comparison after the deload, while it is in the window.
    await _drop_only_without_the_deload(store, day_after)
