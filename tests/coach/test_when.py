"""Which training day `when:` means, relative to the person's own today."""

from __future__ import annotations

from datetime import date

import pytest

from coach.when import WhenError, resolve_day

SATURDAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", SATURDAY),
        ("today", SATURDAY),
        ("yesterday", date(2026, 11, 20)),
        ("YDAY", date(2026, 11, 20)),
        ("friday", date(2026, 11, 20)),
        ("mon", date(2026, 11, 16)),
        ("Saturday", date(2026, 11, 14)),  # today is the default; a weekday means the last one
        ("sunday", date(2026, 11, 15)),
        ("2026-11-01", date(2026, 11, 1)),
        (" 2025-11-21 ", date(2025, 11, 21)),
    ],
)
def test_days_people_type(typed, expected):
    assert resolve_day(typed, SATURDAY) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("someday", "couldn't read the day"),
        ("mo", "couldn't read the day"),
        ("2026-11-22", "in the future"),
        ("2025-11-20", "more than a year ago"),
        ("2026-13-01", "couldn't read the day"),
    ],
)
def test_refusals_explain(typed, says):
    result = resolve_day(typed, SATURDAY)
    assert isinstance(result, WhenError)
    assert says in result.message
