"""Plates per side: exact loads, the nearest loadable weights, custom bars and plate sets."""

from __future__ import annotations

import pytest

from coach.plates import PlateError, PlateSet, describe, parse_plates, plan, plate_set
from coach.vocabulary import Unit


@pytest.mark.parametrize(
    ("target", "unit", "bar", "side"),
    [
        (100, Unit.KG, None, (25, 15)),
        (142.5, Unit.KG, None, (25, 25, 10, 1.25)),
        (20, Unit.KG, None, ()),
        (60, Unit.KG, 15, (20, 2.5)),
        (225, Unit.LB, None, (45, 45)),
        (135, Unit.LB, None, (45,)),
        (185, Unit.LB, None, (45, 25)),
        (95, Unit.LB, 35, (25, 5)),
    ],
)
def test_exact_loads_use_the_fewest_plates(target, unit, bar, side):
    result = plan(target, unit, bar=bar)
    assert result.exact is not None
    assert result.exact.per_side == side
    assert result.exact.total == target


def test_a_weight_that_cannot_be_made_gives_the_nearest_either_side():
    result = plan(101, Unit.KG)
    assert result.exact is None
    assert (result.lighter.total, result.heavier.total) == (100, 102.5)


def test_lb_nearest_loads_are_in_five_pound_steps():
    result = plan(227, Unit.LB)
    assert (result.lighter.total, result.heavier.total) == (225, 230)


def test_a_home_plate_set_changes_the_answer():
    home = parse_plates("10 20")
    assert home == (20, 10)
    result = plan(80, Unit.KG, plates=home)
    assert result.exact.per_side == (20, 10)
    nearest = plan(102.5, Unit.KG, plates=home)
    assert nearest.exact is None
    assert (nearest.lighter.total, nearest.heavier.total) == (100, 120)


@pytest.mark.parametrize("typed", ['"20, 10, 5, 2.5"', "“20, 10, 5, 2.5”", "'20 10 5 2.5'"])
def test_a_plate_list_in_quotes_as_readme_writes_it_reads(typed):
    assert parse_plates(typed) == (20, 10, 5, 2.5)


def test_a_quarter_plate_is_stored_as_it_is():
    mine = plate_set("20, 10, 1.25, 0.75", Unit.KG, 15)
    assert mine.text() == "kg:15:20,10,1.25,0.75"
    assert PlateSet.read(mine.text()) == mine
    assert mine.describe() == "20, 10, 1.25, 0.75 kg on a 15 kg bar"


def test_descriptions_read_like_a_spotter_would_say_them():
    assert describe(plan(142.5, Unit.KG).exact, Unit.KG) == "25 + 25 + 10 + 1.25 kg per side"
    assert describe(plan(20, Unit.KG).exact, Unit.KG) == "just the bar"


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: plan(15, Unit.KG), "lighter than the 20 kg bar"),
        (lambda: plan(5000, Unit.KG), "up to 700 kg"),
        (lambda: plan(100, Unit.KG, bar=0), "bar up to 50"),
        (lambda: parse_plates("20, ten"), "`ten` is not a plate weight"),
        (lambda: parse_plates("200"), "plates go from 0.25 to 50"),
        (lambda: parse_plates(" , "), "List your plates"),
    ],
)
def test_bad_questions_get_one_sentence(call, words):
    with pytest.raises(PlateError, match=words):
        call()


def test_a_persons_plate_set_is_kept_as_text_and_read_back():
    mine = plate_set("20, 10 5 2.5", Unit.KG, 15)
    assert mine.text() == "kg:15:20,10,5,2.5"
    assert PlateSet.read(mine.text()) == mine
    assert PlateSet.read("lb::45,25,10") == PlateSet(Unit.LB, (45.0, 25.0, 10.0), None)
    assert mine.describe() == "20, 10, 5, 2.5 kg on a 15 kg bar"


@pytest.mark.parametrize("stored", [None, "", "stone:20:10", "kg:x:20", "kg::"])
def test_a_plate_set_that_does_not_read_is_none(stored):
    assert PlateSet.read(stored) is None


def test_a_plate_set_with_an_odd_bar_is_refused():
    with pytest.raises(PlateError, match="bar is unusual"):
        plate_set("20, 10", Unit.KG, 80)
