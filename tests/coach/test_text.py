"""Names as people type them: one pair of quotes around a name is no part of it."""

from __future__ import annotations

import pytest

from coach.text import unquoted


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ('"Squat Off"', "Squat Off"),
        ("“Squat Off”", "Squat Off"),
        ("”Squat Off”", "Squat Off"),  # a phone's closing quote at both ends
        ("'Squat Off'", "Squat Off"),
        ("‘Squat Off’", "Squat Off"),
        (' " Squat Off " ', "Squat Off"),
        ("\"'Squat Off'\"", "'Squat Off'"),  # one pair only
        ('"Squat Off', '"Squat Off'),  # no pair
        ('The "Big" Squat', 'The "Big" Squat'),
        ("Joe's Squat", "Joe's Squat"),
        ("\"Squat Off'", "\"Squat Off'"),  # a double and a single are no pair
        ('"', '"'),
        ('""', ""),
    ],
)
def test_one_pair_of_quotes_around_a_name_is_taken_off(typed, name):
    assert unquoted(typed) == name
