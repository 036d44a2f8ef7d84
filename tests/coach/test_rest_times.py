"""Rest between sets: defaults by pattern, a person's own choices, and how they are kept."""

from __future__ import annotations

import pytest

from coach.rest import FALLBACK, clock_text, read_rests, rest_for, rests_text, usual_rests
from coach.vocabulary import Pattern


@pytest.mark.parametrize(
    ("pattern", "seconds"),
    [
        (Pattern.SQUAT, 180),
        (Pattern.HINGE, 180),
        (Pattern.HORIZONTAL_PUSH, 120),
        (Pattern.ELBOW_FLEXION, 60),
        (Pattern.CORE, 60),
        (None, FALLBACK),
    ],
)
def test_heavy_compounds_rest_longest_small_lifts_shortest(pattern, seconds):
    assert rest_for(pattern, {}) == seconds


def test_a_persons_own_pattern_beats_their_any_which_beats_the_default():
    chosen = read_rests("squat=240,any=90")
    assert rest_for(Pattern.SQUAT, chosen) == 240
    assert rest_for(Pattern.HINGE, chosen) == 90
    assert rest_for(None, chosen) == 90


def test_choices_are_kept_as_text_and_read_back():
    chosen = {"squat": 240, "any": 90}
    assert rests_text(chosen) == "any=90,squat=240"
    assert read_rests(rests_text(chosen)) == chosen
    assert rests_text({}) is None
    assert read_rests(None) == {}


@pytest.mark.parametrize("stored", ["squat=abc", "nonsense=90", "squat=5", "squat=100000", "=,="])
def test_a_part_that_does_not_read_is_skipped_not_fatal(stored):
    assert read_rests(f"{stored},hinge=150") == {"hinge": 150}


@pytest.mark.parametrize(("seconds", "shown"), [(180, "3:00"), (45, "0:45"), (150, "2:30")])
def test_clock_text(seconds, shown):
    assert clock_text(seconds) == shown


@pytest.mark.parametrize("chosen", [{}, {"squat": 240}, {"squat": 240, "core": 45}])
def test_the_usual_rests_shown_are_the_ones_the_timer_uses_for_every_pattern_left(chosen):
    shown = {pattern: seconds for seconds, group in usual_rests(chosen) for pattern in group}
    assert set(shown) == {p for p in Pattern if p.value not in chosen}
    assert shown == {pattern: rest_for(pattern, chosen) for pattern in shown}
    assert [seconds for seconds, _ in usual_rests(chosen)] == [180, 120, 90, 60]


def test_with_any_set_no_usual_rest_is_left():
    assert usual_rests({"any": 90, "squat": 240}) == []
