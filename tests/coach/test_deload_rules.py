"""Deloads people log: OVERREACHING's e1RM drop counts only outside them (balance-model.md:
"e1RM <= 95 % of the previous 4 weeks' best on a main lift (same bracket, not in a
deload the person logged)"), and reading ``/deload start`` and the analyze file's field."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from coach.analysis_file import load_analysis_input
from coach.catalog import load_catalog
from coach.deload import Deload, deload_from
from coach.findings import Code, assess
from coach.training import CheckIn, Profile, TrainingSet
from coach.when import WhenError

AS_OF = datetime(2026, 11, 21, 20, tzinfo=UTC)  # a Saturday
TODAY = AS_OF.date()
SQUAT = load_catalog().resolve("squat").exercise


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# A main lift down to 130 / 140 = 93 % (same 1-5 bracket) 6 days ago, and soreness 3 on a
# day legs were due: two signals, so OVERREACHING, unless the drop is a logged deload.
SETS = [
    TrainingSet(AS_OF - timedelta(days=20), SQUAT, "squat", 140, 1),
    TrainingSet(AS_OF - timedelta(days=6), SQUAT, "squat", 130, 1),
]
SORE = [CheckIn(AS_OF - timedelta(days=1), soreness=3)]


@pytest.mark.parametrize(
    ("deloads", "overreaching"),
    [
        ((), True),  # nothing logged: the drop is a sign of fatigue
        ((Deload(days_ago(7), days_ago(1)),), False),  # the low week was a deload
        ((Deload(days_ago(6), days_ago(6)),), False),  # the low day alone was
        ((Deload(days_ago(13), days_ago(7)),), True),  # it ended the day before the drop
        ((Deload(days_ago(5), TODAY),), True),  # it began the day after
        ((Deload(days_ago(22), days_ago(16)),), True),  # only the best weeks were light
        ((Deload(days_ago(30), days_ago(25)), Deload(days_ago(6), days_ago(2))), False),
    ],
)
def test_an_e1rm_drop_in_a_logged_deload_is_no_sign_of_overreaching(
    deloads: tuple[Deload, ...], overreaching: bool
) -> None:
    result = assess(SETS, SORE, Profile(), UTC, AS_OF, deloads)
    found = {f.code for f in result.findings}
    assert (Code.OVERREACHING in found) is overreaching
    assert bool(result.metrics.main_lift_changes) is overreaching


def test_in_a_deload_the_advice_keeps_it_going_and_adds_no_sets() -> None:
    creep = [
        TrainingSet(AS_OF - timedelta(days=9), SQUAT, "squat", 100, 5, rpe=7),
        TrainingSet(AS_OF - timedelta(days=2), SQUAT, "squat", 100, 5, rpe=8.5),
    ]
    nights = [CheckIn(AS_OF - timedelta(days=d), sleep_hours=6) for d in (1, 2, 3)]
    result = assess(creep, nights, Profile(), UTC, AS_OF, (Deload(days_ago(3), days_ago(-3)),))

    (finding,) = [f for f in result.findings if f.code is Code.OVERREACHING]
    assert "keep your deload week going" in finding.advice
    assert result.metrics.deload_now


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (None, 7, Deload(TODAY, TODAY + timedelta(days=6))),
        ("yesterday", 3, Deload(days_ago(1), TODAY + timedelta(days=1))),
        ("monday", 7, Deload(date(2026, 11, 16), date(2026, 11, 22))),
        ("2026-11-08", 1, Deload(date(2026, 11, 8), date(2026, 11, 8))),  # 13 days ago
        ("2026-11-07", 7, Deload(date(2026, 11, 7), date(2026, 11, 13))),  # 14: the last
        ("2026-11-06", 7, "more than 14 days ago"),
        ("2020-01-01", 7, "more than 14 days ago"),  # not "the last year", as for /log
        ("2026-11-23", 7, "first day"),  # the future
        # The future however it is typed: never /log's "log sets once they're done".
        ("tomorrow", 7, "first day"),
        ("dec 25 2026", 7, "first day"),
        ("someday", 7, "couldn't read the day"),
        # Today's own weekday could be today or a week ago: asked, never a deload already over.
        ("saturday", 7, "Today is Saturday: say `today`, or `2026-11-14` for last Saturday."),
        (None, 15, "1 to 14 days"),
        (None, 0, "1 to 14 days"),
    ],
)
def test_reading_deload_start(start: str | None, days: int, expected: Deload | str) -> None:
    found = deload_from(start, days, TODAY)
    if isinstance(expected, str):
        assert isinstance(found, WhenError)
        assert expected in found.message
        assert "log sets" not in found.message.lower()
        assert "when:" not in found.message
    else:
        assert found == expected


def test_the_analyze_file_carries_deloads() -> None:
    given = load_analysis_input(
        {
            "as_of": AS_OF.isoformat(),
            "deloads": [{"first_day": "2026-11-15", "last_day": "2026-11-21"}],
        }
    )
    assert given.deloads == (Deload(date(2026, 11, 15), date(2026, 11, 21)),)


@pytest.mark.parametrize(
    ("deload", "message"),
    [
        ({"first_day": "2026-11-15"}, 'deloads[0] needs "last_day"'),
        ({"first_day": "2026-11-15", "last_day": "15/11"}, "deloads[0].last_day"),
        ({"first_day": "2026-11-15", "last_day": "2026-11-14"}, "deloads[0]: a deload cannot"),
        ({"first_day": "2026-11-15", "last_day": "2026-11-21", "why": 1}, "unknown field"),
    ],
)
def test_a_bad_deload_in_the_file_says_where(deload: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        load_analysis_input({"as_of": AS_OF.isoformat(), "deloads": [deload]})
