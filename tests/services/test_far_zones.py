"""A set logged late at night, in the zones furthest from UTC, on half- and quarter-hour
offsets and in a week whose clocks change: /history, /balance and the calendar week
(Monday first) all go by the person's local day, on each back-end."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.metrics import week_start
from services import balance, settings
from services.history import open_history
from services.log import Request, log_text
from storage.bests_cache import BestsCache
from storage.store import Store

ALICE = 111
SUNDAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("zone", "sunday"),
    [
        ("Pacific/Kiritimati", SUNDAY),  # UTC+14
        ("Pacific/Pago_Pago", SUNDAY),  # UTC-11
        ("Asia/Kolkata", SUNDAY),  # UTC+5:30
        ("Asia/Kathmandu", SUNDAY),  # UTC+5:45
        ("Europe/Berlin", date(2026, 10, 25)),  # summer time ended at 03:00 that Sunday
        ("America/New_York", date(2026, 3, 8)),  # summer time began at 02:00 that Sunday
    ],
)
async def test_a_late_sunday_set_is_sunday_and_last_week_by_monday_morning(
    store: Store, zone: str, sunday: date
) -> None:
    tz = ZoneInfo(zone)
    late = datetime.combine(sunday, time(23, 50), tz)
    monday = datetime.combine(sunday + timedelta(days=1), time(0, 10), tz)
    if sunday != SUNDAY:  # the premise: the clocks changed in this local week
        assert (late - timedelta(days=6)).utcoffset() != late.utcoffset()
    # The premise: twenty minutes apart, on one UTC day, so UTC would say "today".
    assert late.astimezone(UTC).date() == monday.astimezone(UTC).date()
    await settings.set_timezone(store, ALICE, zone, now=late)
    await log_text(store, Request(ALICE, None, "squat 3x5 100kg @8"), now=late, cache=BestsCache())

    # /history puts it under Sunday.
    opening = await open_history(store, ALICE, days=30, exercise=None, now=monday)
    assert [e.first.local_date for e in opening.first_page] == [sunday]

    m = (await store.run(balance.judge, ALICE, monday)).assessment.metrics
    assert m.leg_days == 1
    assert m.days_since_legs == 1  # /balance: "Since legs: 1 day", not "today"
    # This week is the person's: it began at midnight, and Sunday's best is last week's.
    assert m.current_week == monday.date()
    weeks = [best.week for bests in m.weekly_best.values() for best in bests]
    assert weeks
    assert set(weeks) == {week_start(sunday)}
    assert week_start(sunday) == sunday - timedelta(days=6)
