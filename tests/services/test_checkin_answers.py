"""The pain typed in the check-in form: only a score 0-10, a number of days and yes or no
for worse are read; anything else is refused, so nothing is stored."""

from __future__ import annotations

import pytest

from coach.problems import UserError
from coach.training import Pain, PainArea
from services.checkins import pain


def test_pain_as_typed_is_read() -> None:
    assert pain(" 10 ", "21", "Yes", "knee") == Pain(
        score=10, days=21, worsening=True, location=PainArea.KNEE
    )
    assert pain("0", "0", "no", None) == Pain(score=0, days=0, worsening=False, location=None)


@pytest.mark.parametrize(
    ("score", "days", "worse"),
    [
        ("11", "3", "no"),  # above the scale
        ("5", "3", ""),  # worse left blank is not "no"
        ("5", "3", "maybe"),
        ("-1", "3", "no"),
        ("5", "", "no"),
    ],
)
def test_anything_else_is_refused(score: str, days: str, worse: str) -> None:
    with pytest.raises(UserError, match="Nothing was saved"):
        pain(score, days, worse, None)
