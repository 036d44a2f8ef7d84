"""How the weekly report's posts went: failures in a row tell whoever set it up once and
pause it at the third; a post that goes out, or setting the report up again, starts the
count again."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from services import reports

GUILD = 1
NOW = datetime(2026, 3, 5, 18, tzinfo=UTC)
WEEK = timedelta(weeks=1)
MISSING = "missing Attach Files in #reports"


async def failed(store, week: int, error: str = MISSING) -> reports.Recorded:
    return await reports.record_post(
        store, GUILD, sent=False, passing=False, error=error, now=NOW + week * WEEK
    )


async def test_a_post_that_goes_out_starts_the_failures_in_a_row_again(store):
    first = await failed(store, 0)
    assert (first.tell, first.pause_reason) == (True, None)
    await reports.record_post(store, GUILD, sent=True, passing=False, error=None, now=NOW + WEEK)

    again = [await failed(store, week) for week in (2, 3)]

    # Told again, as the first failure since a post went out; two in a row pause nothing.
    assert [(r.tell, r.pause_reason) for r in again] == [(True, None), (False, None)]
    third = await failed(store, 4)
    assert (third.tell, third.pause_reason) == (False, reports.FAILING)


async def test_a_passing_failure_counts_for_nothing(store):
    for week in range(3):
        passing = await reports.record_post(
            store, GUILD, sent=False, passing=True, error="503", now=NOW + week * WEEK
        )
        assert (passing.tell, passing.pause_reason) == (False, None)

    first = await failed(store, 3)
    assert (first.tell, first.pause_reason) == (True, None)
    # Discord trouble after a lasting failure: nobody is told a second time.
    trouble = await reports.record_post(
        store, GUILD, sent=False, passing=True, error="503", now=NOW + 4 * WEEK
    )
    assert (trouble.tell, trouble.pause_reason) == (False, None)


async def test_setting_the_report_up_again_starts_the_failures_again(store):
    await failed(store, 0)
    await failed(store, 1)
    await reports.set_up(store, GUILD, 7, 8, 3, time(18), "UTC", now=NOW + WEEK)

    after = await failed(store, 2)

    assert (after.tell, after.pause_reason) == (True, None)
