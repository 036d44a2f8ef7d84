"""The body map: every muscle drawn, classes against the 10-20 band, numbers in the alt text."""

from __future__ import annotations

import io

import pytest
from matplotlib.image import imread

from coach.vocabulary import Muscle
from cogs._body_map import _BACK, _FRONT, alt_text, body_map, muscle_class


def test_every_muscle_of_the_spec_is_drawn():
    assert {m.value for m in Muscle} == set(_FRONT) | set(_BACK)


@pytest.mark.parametrize(
    ("sets", "label"), [(0, 0), (0.5, 1), (9.5, 1), (10, 2), (20, 2), (20.5, 3)]
)
def test_classes_follow_the_weekly_band(sets, label):
    assert muscle_class(sets) == label


def test_alt_text_lists_every_muscle_with_its_number_by_class():
    text = alt_text({"quads": 0.0, "chest": 12.0, "glutes": 4.5, "lats": 22.25}, "your")
    assert text == (
        "Body map of your sets per muscle this week. 0 sets: quads 0; under 10: glutes 4.5; "
        "10-20: chest 12; over 20: lats 22.2."
    )


def test_the_map_is_a_phone_sized_png():
    png = body_map({m.value: 12.0 for m in Muscle}, "Your muscles")
    height, width, _ = imread(io.BytesIO(png)).shape
    assert 400 <= width <= 800
    assert height > width
