"""`when:` on /log: the words people use for a day, read in their own zone and date order.

SimCord starts on Thursday 2026-01-01 at 00:00 UTC; Alice's zone is UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest


async def logged_day(gym, when: str):
    result = await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg", when=when)
    rows = await gym.sets(gym.alice)
    return result, (rows[-1].local_date if rows else None)


@pytest.mark.parametrize(
    ("when", "day"),
    [
        ("today", date(2026, 1, 1)),
        ("yesterday", date(2025, 12, 31)),
        ("last friday", date(2025, 12, 26)),
        ("3 days ago", date(2025, 12, 29)),
        ("27/11", date(2025, 11, 27)),
        ("nov 27", date(2025, 11, 27)),
    ],
)
async def test_days_people_type_are_read(gym, when, day):
    result, stored = await logged_day(gym, when)
    assert result.response.embeds[0].title.startswith("Logged Back Squat")
    assert stored == day


async def test_tomorrow_is_refused_clearly_and_nothing_is_stored(gym):
    result, stored = await logged_day(gym, "tomorrow")
    assert result.ephemeral
    assert result.response.content.startswith("Tomorrow hasn't happened yet")
    assert stored is None


async def test_a_date_that_reads_two_ways_follows_the_persons_date_order(gym):
    asked, stored = await logged_day(gym, "3/4")
    assert "could be 3 April or March 4" in asked.response.content
    assert "/settings dates" in asked.response.content
    assert stored is None

    settings = await gym.alice.slash(gym.channel, "settings dates", order="day/month")
    assert settings.response.embeds[0].title == "Dates now read as day/month (27/11)"
    _result, stored = await logged_day(gym, "3/4")
    assert stored == date(2025, 4, 3)

    await gym.alice.slash(gym.channel, "settings dates", order="month/day")
    _result, stored = await logged_day(gym, "3/4")
    assert stored == date(2025, 3, 4)


async def test_todays_weekday_means_a_week_ago_and_the_reply_says_so(gym):
    result, stored = await logged_day(gym, "Thursday")
    assert stored == date(2025, 12, 25)
    assert "Today is Thursday, so `Thursday` means last Thursday, a week ago." in (
        result.response.embeds[0].description
    )
    _result, again = await logged_day(gym, "wednesday")
    assert again == date(2025, 12, 31)


async def test_a_time_typed_with_the_day_is_when_the_sets_were_done(gym):
    await gym.alice.slash(gym.channel, "settings timezone", timezone="Europe/Berlin")
    await logged_day(gym, "yesterday at 7pm")
    [row] = {r.performed_at for r in await gym.sets(gym.alice)}
    assert row == datetime(2025, 12, 31, 18, tzinfo=UTC)  # 19:00 in Berlin


STRONG_SHARE = (
    "Lower 1\nMonday, 29 December 2025 at 17:42\n\nLeg Press\n"
    "Set 1: 260 kg × 7 @ 8\nSet 2: 260 kg × 7 @ 9"
)


async def test_a_pasted_app_workout_is_logged_at_its_own_date_and_time(gym):
    await gym.alice.slash(gym.channel, "settings timezone", timezone="UTC")
    # Strong's "share" text: a title, then the date line it copies out.
    await gym.alice.send_dm(STRONG_SHARE)
    rows = await gym.sets(gym.alice)
    assert [(r.local_date, r.performed_at) for r in rows] == [
        (date(2025, 12, 29), datetime(2025, 12, 29, 17, 42, tzinfo=UTC))
    ] * 2


@pytest.mark.parametrize(
    ("when", "says"),
    [
        ("today at 18:00", "18:00 today is still to come: log sets once they're done."),
        (
            "yesterday at 25:00",
            "I couldn't read the time `25:00`. Try `yesterday at 18:30` or `yesterday at 6:30pm`.",
        ),
    ],
)
async def test_a_time_not_yet_come_or_on_no_clock_is_refused(gym, when, says):
    await gym.alice.slash(gym.channel, "settings timezone", timezone="UTC")
    result, stored = await logged_day(gym, when)
    assert result.ephemeral
    assert result.response.content == says
    assert stored is None


async def test_without_a_time_zone_the_day_is_kept_and_the_time_is_said_to_be_left(gym):
    # 16:50 UTC is 17:50 in Berlin: a time read as UTC would be "still to come".
    await gym.env.advance_time(16 * 3600 + 50 * 60)
    await gym.alice.send_dm(
        STRONG_SHARE.replace("Monday, 29 December 2025 at 17:42", "today at 17:30")
    )
    result, _stored = await logged_day(gym, "today at 17:30")

    rows = await gym.sets(gym.alice)
    assert len(rows) == 5  # two from the paste, three from /log: nothing refused
    assert {row.local_date for row in rows} == {date(2026, 1, 1)}
    assert "I kept the day, not the time: set `/settings timezone`" in (
        result.response.embeds[0].description
    )


async def test_a_title_with_a_date_is_the_day_in_the_persons_date_order_not_an_exercise(gym):
    paste = "Push day 12/1\nbench 3x5 100"
    await gym.alice.send_dm(paste)
    asked = gym.alice.user.dm_channel.last_message.content
    assert "`12/1` could be 12 January or December 1" in asked
    assert await gym.sets(gym.alice) == []

    await gym.alice.slash(gym.channel, "settings dates", order="month/day")
    await gym.alice.send_dm(paste)
    rows = await gym.sets(gym.alice)
    assert {(r.exercise_key, r.local_date) for r in rows} == {("bench_press", date(2025, 12, 1))}
    assert len(rows) == 3
