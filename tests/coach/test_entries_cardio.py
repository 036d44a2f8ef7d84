"""Cardio logs through the one path every way of logging takes: a log, never a set."""

from __future__ import annotations

import pytest

from coach.catalog import load_catalog
from coach.describe import describe_cardio
from coach.entries import read_entries
from coach.notation import parse_cardio
from coach.vocabulary import Unit

CATALOG = load_catalog()


@pytest.mark.parametrize(
    ("text", "key", "seconds", "metres"),
    [
        ("run 5km 25min", "running", 1500, 5000.0),
        ("bike 45min", "cycling", 2700, None),
        ("bike 90min", "cycling", 5400, None),  # longer than any timed set
        ("row erg 2000m 7:30", "row_erg", 450, 2000.0),
    ],
)
def test_a_cardio_line_is_one_cardio_log(
    text: str, key: str, seconds: int | None, metres: float | None
) -> None:
    read = read_entries(text, Unit.KG, CATALOG)
    assert read.errors == ()
    (entry,) = read.entries
    assert entry.exercise is not None
    assert entry.exercise.key == key
    (logged,) = entry.sets
    assert (logged.seconds, logged.distance_m, logged.reps, logged.weight_kg) == (
        seconds,
        metres,
        None,
        None,
    )


def test_a_timed_set_of_a_lift_stays_a_set() -> None:
    (entry,) = read_entries("plank 3x60s", Unit.KG, CATALOG).entries
    assert len(entry.sets) == 3
    assert entry.sets[0].distance_m is None


def test_an_unknown_name_with_a_distance_is_still_an_error() -> None:
    read = read_entries("zorbing 5km", Unit.KG, CATALOG)
    assert read.entries == ()
    assert len(read.errors) == 1


def test_cardio_reads_back_as_written() -> None:
    text = describe_cardio(1500, 5000.0)
    assert text == "5 km in 25:00"
    assert parse_cardio(f"run {text}") == parse_cardio("run 5km 25min")
    assert describe_cardio(4200, None) == "1:10:00"
