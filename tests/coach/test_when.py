"""Which training day `when:` means, relative to the person's own today."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from coach.when import DateOrder, WhenError, local_moment, read_coming_day, read_day

SATURDAY = date(2026, 11, 21)
DMY, MDY = DateOrder.DAY_MONTH, DateOrder.MONTH_DAY


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", SATURDAY),
        ("today", SATURDAY),
        ("Today", SATURDAY),
        ("yesterday", date(2026, 11, 20)),
        ("YDAY", date(2026, 11, 20)),
        ("friday", date(2026, 11, 20)),
        ("mon", date(2026, 11, 16)),
        ("Saturday", date(2026, 11, 14)),  # today is the default; a weekday means the last one
        ("sunday", date(2026, 11, 15)),
        ("last friday", date(2026, 11, 20)),
        ("last Saturday", date(2026, 11, 14)),
        ("3 days ago", date(2026, 11, 18)),
        ("1 day ago", date(2026, 11, 20)),
        ("2d ago", date(2026, 11, 19)),
        ("a week ago", date(2026, 11, 14)),
        ("2 weeks ago", date(2026, 11, 7)),
        ("day before yesterday", date(2026, 11, 19)),
        ("2026-11-01", date(2026, 11, 1)),
        (" 2025-11-21 ", date(2025, 11, 21)),
        ("27/11", date(2025, 11, 27)),  # no year: the latest 27 November not after today
        ("11/27", date(2025, 11, 27)),
        ("20/11", date(2026, 11, 20)),
        ("20.11.2026", date(2026, 11, 20)),
        ("20/11/26", date(2026, 11, 20)),
        ("5/5", date(2026, 5, 5)),
        ("nov 20", date(2026, 11, 20)),
        ("20th November", date(2026, 11, 20)),
        ("November 20, 2026", date(2026, 11, 20)),
        ("Fri 20/11", date(2026, 11, 20)),
        ("Friday, 20 November 2026 at 08:30", date(2026, 11, 20)),
    ],
)
def test_days_people_type(typed, expected):
    assert read_day(typed, SATURDAY).day == expected


@pytest.mark.parametrize(
    ("typed", "order", "expected"),
    [
        ("3/4", DMY, date(2026, 4, 3)),
        ("3/4", MDY, date(2026, 3, 4)),
        ("27/11", MDY, date(2025, 11, 27)),  # 27 is no month, whatever the order
        ("11/12/2025", DMY, date(2025, 12, 11)),
        ("12/11/2025", MDY, date(2025, 12, 11)),
    ],
)
def test_two_number_dates_follow_the_persons_order(typed, order, expected):
    assert read_day(typed, SATURDAY, order).day == expected


def test_the_same_weekday_as_today_means_a_week_ago_and_says_so():
    read = read_day("Saturday", SATURDAY)
    assert read.day == date(2026, 11, 14)
    assert read.note == "Today is Saturday, so `Saturday` means last Saturday, a week ago."
    assert read_day("friday", SATURDAY).note is None


@pytest.mark.parametrize(
    ("typed", "day", "at"),
    [
        ("yesterday", date(2026, 11, 20), None),
        ("yesterday at 7pm", date(2026, 11, 20), time(19)),
        ("Yesterday at 6:30 PM", date(2026, 11, 20), time(18, 30)),
        ("today at 12am", SATURDAY, time(0)),
        ("today at 12pm", SATURDAY, time(12)),
        ("2026-11-20 at 18:05", date(2026, 11, 20), time(18, 5)),
        ("Friday, 20 November 2026 at 08:30", date(2026, 11, 20), time(8, 30)),
        ("2026-11-20 at 08", date(2026, 11, 20), time(8)),
        ("yesterday at 0:30", date(2026, 11, 20), time(0, 30)),
        ("yesterday at 12:15", date(2026, 11, 20), time(12, 15)),
        ("tonight at 8", SATURDAY, time(20)),  # the words say which half of the day
        ("this evening at 6:30", SATURDAY, time(18, 30)),
        ("this morning at 7", SATURDAY, time(7)),
    ],
)
def test_a_time_of_day_after_at_is_kept(typed, day, at):
    read = read_day(typed, SATURDAY)
    assert not isinstance(read, WhenError)
    assert (read.day, read.at) == (day, at)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("yesterday at 25:00", "I couldn't read the time `25:00`"),
        ("yesterday at 7:60", "I couldn't read the time"),
        ("yesterday at 13pm", "I couldn't read the time"),
        ("yesterday at 0am", "I couldn't read the time"),
        (
            "yesterday at 7",
            "`at 7` could be 07:00 or 19:00: add am or pm (`at 7pm`), or write it as `19:00`.",
        ),
        (
            "Monday, 16 November 2026 at 6:30",
            "`at 6:30` could be 06:30 or 18:30: add am or pm (`at 6:30pm`), or write it as "
            "`18:30`.",
        ),
        ("someday", "couldn't read the day"),
        ("mo", "couldn't read the day"),
        ("tomorrow", "Tomorrow hasn't happened yet"),
        ("2026-11-22", "in the future"),
        ("2025-11-20", "more than a year ago"),
        ("2026-13-01", "not a date in the calendar"),
        ("31/02", "not a date in the calendar"),
        ("0/5", "not a date in the calendar"),
        ("400 days ago", "more than a year ago"),
        ("3/4", "could be 3 April or March 4"),
        ("smarch 3", "couldn't read the day"),
    ],
)
def test_refusals_explain(typed, says):
    result = read_day(typed, SATURDAY)
    assert isinstance(result, WhenError)
    assert says in result.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", SATURDAY),
        ("Tomorrow", date(2026, 11, 22)),
        ("monday", date(2026, 11, 23)),  # the coming one
        ("Fri", date(2026, 11, 27)),
        ("2026-12-07", date(2026, 12, 7)),
        ("2026-11-01", date(2026, 11, 1)),  # in the past: the caller says what is wrong
    ],
)
def test_days_to_come_people_type(typed, expected):
    assert read_coming_day(typed, SATURDAY) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("saturday", "Today is Saturday: say `today`, or `2026-11-28` for next Saturday."),
        ("2026-02-30", "`2026-02-30` is not a date in the calendar: use `today`, `tomorrow`"),
        ("01/02/2026", "I couldn't read the day `01/02/2026`: use `today`, `tomorrow`"),
        ("next monday", "I couldn't read the day `next monday`"),
    ],
)
def test_a_day_to_come_that_is_unclear_or_no_day_is_refused(typed, says):
    result = read_coming_day(typed, SATURDAY)
    assert isinstance(result, WhenError)
    assert result.message.startswith(says)


BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("day", "at", "utc"),
    [
        (date(2026, 3, 29), time(1, 30), datetime(2026, 3, 29, 0, 30, tzinfo=UTC)),
        (date(2026, 3, 29), time(3, 30), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        (date(2026, 10, 25), time(3, 30), datetime(2026, 10, 25, 2, 30, tzinfo=UTC)),
    ],
)
def test_a_local_time_is_the_instant_the_clocks_showed(day, at, utc):
    assert local_moment(day, at, BERLIN) == utc


@pytest.mark.parametrize(
    ("day", "says"),
    [
        (date(2026, 3, 29), "02:30 was skipped on 2026-03-29 where you are"),
        (date(2026, 10, 25), "02:30 came twice on 2026-10-25 where you are"),
    ],
)
def test_a_time_the_clocks_skipped_or_showed_twice_is_refused_not_guessed(day, says):
    result = local_moment(day, time(2, 30), BERLIN)
    assert isinstance(result, WhenError)
    assert result.message.startswith(says)
