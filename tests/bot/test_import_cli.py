"""legday import and legday forget, as an operator runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.catalog import load_catalog

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
HEVY = str(FIXTURES / "hevy_kg.csv")


@pytest.mark.parametrize(
    "name",
    ["strong_comma", "strong_semicolon", "hevy_kg", "hevy_lbs", "fitnotes", "liftosaur"],
)
def test_real_exports_resolve_at_least_95_percent_of_their_sets(legday, name):
    summary = json.loads(
        legday(
            "import", str(FIXTURES / f"{name}.csv"), "--user", "7", "--zone", "UTC", "--json"
        ).stdout
    )
    assert summary["resolved_sets"] >= 0.95 * summary["sets"] > 0, summary["unresolved"]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Preacher Curl, Leverage Machine", "machine_preacher_curl"),
        ("Triceps Extension, Cable", "cable_overhead_triceps_extension"),
        ("Squat, Barbell", "back_squat"),
    ],
)
def test_liftosaur_equipment_after_a_comma_is_read_as_equipment(name, key):
    resolved = load_catalog().resolve(name)
    assert resolved.exercise is not None
    if key is not None:
        assert resolved.exercise.key == key


def test_a_loaded_lift_on_equipment_the_catalog_has_no_variant_for_is_offered_not_counted():
    # No machine RDL in the catalog: the barbell RDL's records are not the machine's.
    resolved = load_catalog().resolve("Romanian Deadlift, Leverage Machine")

    assert resolved.exercise is None
    assert "romanian_deadlift" in [e.key for e in resolved.suggestions]


def test_json_preview_has_exactly_the_documented_keys_and_writes_nothing(legday):
    preview = legday("import", HEVY, "--user", "7", "--zone", "Europe/Lisbon", "--json")
    assert preview.returncode == 0, preview.stderr
    summary = json.loads(preview.stdout)

    assert list(summary) == [
        "format",
        "rows",
        "sets",
        "already_there",
        "resolved_sets",
        "unresolved",
        "skipped",
    ]
    assert (summary["format"], summary["rows"], summary["sets"]) == ("Hevy", 31, 31)
    assert summary["skipped"] == {}
    assert summary["resolved_sets"] + sum(summary["unresolved"].values()) == 31
    again = legday("import", HEVY, "--user", "7", "--zone", "Europe/Lisbon", "--json")
    assert json.loads(again.stdout)["already_there"] == 0


def test_yes_writes_once_and_forget_removes_it(legday):
    args = ("import", HEVY, "--user", "7", "--zone", "Europe/Lisbon", "--yes", "--json")
    first = json.loads(legday(*args).stdout)
    second = json.loads(legday(*args).stdout)

    assert (first["sets"], first["already_there"]) == (31, 0)
    assert (second["sets"], second["already_there"]) == (0, 31)
    forgot = legday("forget", "--user", "7")
    assert forgot.returncode == 0, forgot.stderr
    assert "logged_set 31" in forgot.stdout


def test_the_preview_in_words_says_nothing_was_written(legday):
    result = legday("import", HEVY, "--user", "7", "--zone", "UTC")

    assert result.returncode == 0, result.stderr
    assert "Hevy export, 31 rows." in result.stdout
    assert "Left out" not in result.stdout  # cardio rows are kept as cardio
    assert result.stdout.strip().endswith("run again with --yes to import.")


def test_bad_files_and_missing_zones_are_one_line_and_exit_2(legday, tmp_path):
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    cases = {
        str(binary): "That file is binary",
        str(FIXTURES / "SOURCES"): "I don't know a file whose header starts",
        str(FIXTURES / "strong_comma.csv"): "pass --zone",
    }
    for path, message in cases.items():
        result = legday("import", path, "--user", "7", "--yes")
        assert result.returncode == 2
        assert message in result.stderr
        assert result.stderr.strip().count("\n") == 0
        assert "Traceback" not in result.stderr


def test_map_counts_an_unmatched_name_as_a_catalog_exercise(legday, tmp_path):
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(
        (FIXTURES / "hevy_kg.csv").read_bytes().replace(b"Overhead Squat", b"Snow Angel Squat")
    )
    args = ("import", str(renamed), "--user", "7", "--zone", "UTC", "--json")

    before = json.loads(legday(*args).stdout)
    after = json.loads(legday(*args, "--map", "Snow Angel Squat = overhead squat").stdout)

    assert "Snow Angel Squat" in before["unresolved"]
    assert after["unresolved"] == {}
    assert after["resolved_sets"] == after["sets"]
