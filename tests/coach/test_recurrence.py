"""Next occurrences across daylight-saving changes, both ways, in five zones.

Expected instants are worked out by hand from each zone's 2026 transitions (noted per
zone), not by running the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest

from coach.recurrence import (
    RecurrenceError,
    Weekly,
    next_occurrence,
    occurrences,
    on_day,
    parse_days,
    parse_time,
    previous_occurrence,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def rule(zone: str, days: set[int], at: str) -> Weekly:
    return Weekly(frozenset(days), time.fromisoformat(at), zone)


CASES = [
    # Europe/Berlin: 29 Mar 02:00 CET -> 03:00 CEST; 25 Oct 03:00 CEST -> 02:00 CET.
    ("Europe/Berlin", {SUN}, "02:30", "2026-03-28T00:00", ["2026-03-29T01:30", "2026-04-05T00:30"]),
    ("Europe/Berlin", {SUN}, "02:30", "2026-10-24T00:00", ["2026-10-25T00:30", "2026-11-01T01:30"]),
    (
        "Europe/Berlin",
        {MON, THU},
        "18:00",
        "2026-03-26T17:00",  # Thu 18:00 CET, just sent
        ["2026-03-30T16:00", "2026-04-02T16:00"],
    ),
    (
        "Europe/Berlin",
        {MON, THU},
        "18:00",
        "2026-10-22T16:00",
        ["2026-10-26T17:00", "2026-10-29T17:00"],
    ),
    # America/New_York: 8 Mar 02:00 EST -> 03:00 EDT; 1 Nov 02:00 EDT -> 01:00 EST.
    (
        "America/New_York",
        {SUN},
        "02:15",
        "2026-03-07T00:00",
        ["2026-03-08T07:15", "2026-03-15T06:15"],
    ),
    (
        "America/New_York",
        {SUN},
        "01:30",
        "2026-10-31T00:00",
        ["2026-11-01T05:30", "2026-11-08T06:30"],
    ),
    (
        "America/New_York",
        {FRI},
        "07:00",
        "2026-03-01T00:00",
        ["2026-03-06T12:00", "2026-03-13T11:00"],
    ),
    # Australia/Sydney: 5 Apr 03:00 AEDT -> 02:00 AEST; 4 Oct 02:00 AEST -> 03:00 AEDT.
    (
        "Australia/Sydney",
        {SUN},
        "02:30",
        "2026-04-04T00:00",
        ["2026-04-04T15:30", "2026-04-11T16:30"],
    ),
    (
        "Australia/Sydney",
        {SUN},
        "02:30",
        "2026-10-03T00:00",
        ["2026-10-03T16:30", "2026-10-10T15:30"],
    ),
    (
        "Australia/Sydney",
        {TUE},
        "06:00",
        "2026-03-30T00:00",
        ["2026-03-30T19:00", "2026-04-06T20:00"],
    ),
    # Australia/Adelaide, half-hour offset: same local transition times, +10:30 <-> +9:30.
    (
        "Australia/Adelaide",
        {SUN},
        "02:30",
        "2026-04-04T00:00",
        ["2026-04-04T16:00", "2026-04-11T17:00"],
    ),
    (
        "Australia/Adelaide",
        {SUN},
        "02:30",
        "2026-10-03T00:00",
        ["2026-10-03T17:00", "2026-10-10T16:00"],
    ),
    (
        "Australia/Adelaide",
        {WED},
        "18:00",
        "2026-03-31T00:00",
        ["2026-04-01T07:30", "2026-04-08T08:30"],
    ),
    # America/Santiago: 4 Apr 24:00 -03 -> 23:00 -04 (Saturday 23:xx twice);
    # 6 Sep 00:00 -04 -> 01:00 -03 (Sunday 00:xx missing).
    (
        "America/Santiago",
        {SAT},
        "23:30",
        "2026-04-04T00:00",
        ["2026-04-05T02:30", "2026-04-12T03:30"],
    ),
    (
        "America/Santiago",
        {SUN},
        "00:30",
        "2026-09-05T00:00",
        ["2026-09-06T04:30", "2026-09-13T03:30"],
    ),
]


@pytest.mark.parametrize(("zone", "days", "at", "after", "expected"), CASES)
def test_next_occurrences_across_dst(zone, days, at, after, expected):
    assert occurrences(rule(zone, days, at), utc(after), 2) == [utc(e) for e in expected]


@pytest.mark.parametrize(("zone", "days", "at", "after", "expected"), CASES)
def test_previous_occurrence_mirrors_next(zone, days, at, after, expected):
    weekly = rule(zone, days, at)
    first, second = (utc(e) for e in expected)
    assert previous_occurrence(weekly, second) == first
    assert next_occurrence(weekly, previous_occurrence(weekly, second)) == second


@pytest.mark.parametrize(
    "zone",
    [
        "Europe/Berlin",
        "America/New_York",
        "Australia/Sydney",
        "Australia/Adelaide",
        "America/Santiago",
    ],
)
@pytest.mark.parametrize("at", ["00:30", "02:30", "18:00", "23:30"])
def test_a_year_fires_once_per_matching_day_at_the_wall_time(zone, at):
    weekly = rule(zone, {MON, THU, SUN}, at)
    fired = occurrences(weekly, utc("2026-01-01T00:00"), 3 * 52)
    local = [moment.astimezone(weekly.tz) for moment in fired]
    days = [moment.date() for moment in local]
    assert len(set(days)) == len(days)  # overlap: once; gap: not dropped
    assert all(day.weekday() in weekly.weekdays for day in days)
    assert all(b - a <= timedelta(days=4) for a, b in pairwise(days))
    # Off the wall time only inside a gap, and then by at most the gap (1 h here).
    late = [m for m in local if m.time() != weekly.at]
    assert len(late) <= 1
    assert all(
        timedelta(0)
        < datetime.combine(m.date(), m.time()) - datetime.combine(m.date(), weekly.at)
        <= timedelta(hours=1)
        for m in late
    )


def test_never_seven_times_24_hours():
    weekly = rule("Europe/Berlin", {MON}, "18:00")
    before, after = on_day(weekly, date(2026, 3, 23)), on_day(weekly, date(2026, 3, 30))
    assert after - before == timedelta(days=7, hours=-1)


def test_strictly_after():
    weekly = rule("Europe/Berlin", {MON}, "18:00")
    monday = utc("2026-03-02T17:00")
    assert next_occurrence(weekly, monday - timedelta(seconds=1)) == monday
    assert next_occurrence(weekly, monday) == monday + timedelta(days=7)


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("mon,thu", {MON, THU}),
        ("Mon Thu", {MON, THU}),
        ("monday / thursday", {MON, THU}),
        ("tu, sa", {TUE, SAT}),
        ("mon and fri", {MON, FRI}),
        ("weekdays", {MON, TUE, WED, THU, FRI}),
        ("daily", set(range(7))),
        ("Every day", set(range(7))),
        ("weekends", {SAT, SUN}),
    ],
)
def test_days_are_read_leniently(typed, days):
    assert parse_days(typed) == frozenset(days)


@pytest.mark.parametrize(
    ("typed", "at"),
    [
        ("18:00", "18:00"),
        ("6pm", "18:00"),
        ("6:30 pm", "18:30"),
        ("7 a.m.", "07:00"),
        ("12am", "00:00"),
        ("12pm", "12:00"),
        ("18.30", "18:30"),
        ("18h", "18:00"),
        ("0630", "06:30"),
    ],
)
def test_times_are_read_leniently(typed, at):
    assert parse_time(typed) == time.fromisoformat(at)


@pytest.mark.parametrize("typed", ["t", "xyz", "", "mon,funday"])
def test_unreadable_days_say_what_works(typed):
    with pytest.raises(RecurrenceError, match="mon,thu"):
        parse_days(typed)


@pytest.mark.parametrize("typed", ["25:00", "13pm", "noon", "6:3", "18:60"])
def test_unreadable_times_say_what_works(typed):
    with pytest.raises(RecurrenceError, match="18:00"):
        parse_time(typed)


def test_unknown_zone_is_refused():
    with pytest.raises(RecurrenceError, match="Europe/Berlin"):
        rule("Mars/Olympus", {MON}, "18:00")
