"""Weights shown in the person's unit, as they typed them where possible."""

from __future__ import annotations

import pytest

from coach.units import format_number, format_weight, from_kg, to_kg
from coach.vocabulary import Unit


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (100.0, "100"),
        (102.5, "102.5"),
        (0.04, "0"),
        (116.66667, "116.7"),
        (60.0000001, "60"),
        (142.49999999, "142.5"),
    ],
)
def test_numbers_have_one_decimal_at_most(value, shown):
    assert format_number(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1.25, "1.25"), (0.75, "0.75"), (24.75, "24.75"), (102.25, "102.25"), (1.2500000001, "1.25")],
)
def test_a_plates_quarter_step_keeps_both_decimals(value, shown):
    assert format_number(value) == shown


def test_pounds_round_trip():
    assert to_kg(225, Unit.LB) == pytest.approx(102.058, abs=1e-3)
    assert from_kg(to_kg(225, Unit.LB), Unit.LB) == pytest.approx(225)


@pytest.mark.parametrize(
    ("kg", "unit", "typed", "shown"),
    [
        (100.0, Unit.KG, None, "100 kg"),
        (100.0, Unit.LB, None, "220.5 lb"),
        (102.058, Unit.LB, (225.0, Unit.LB), "225 lb"),
        (102.058, Unit.KG, (225.0, Unit.LB), "102.1 kg"),
        (100.0, Unit.KG, (100.0, None), "100 kg"),
        (24.75, Unit.KG, (24.75, Unit.KG), "24.75 kg"),
        (to_kg(55, Unit.LB), Unit.KG, (55.0, Unit.LB), "24.9 kg"),
    ],
)
def test_weights_prefer_what_was_typed_in_the_same_unit(kg, unit, typed, shown):
    assert format_weight(kg, unit, typed) == shown
