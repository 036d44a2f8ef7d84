"""``legday schedule next``: the next occurrences of a weekly schedule, in UTC."""

from __future__ import annotations

from bot.cli import main


def test_prints_the_next_occurrences_across_a_dst_change(capsys):
    code = main(
        [
            "schedule",
            "next",
            "--days",
            "mon,thu",
            "--time",
            "18:00",
            "--tz",
            "Europe/Berlin",
            "--after",
            "2026-03-20T00:00:00+00:00",
            "--count",
            "4",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "2026-03-23T17:00:00Z",
        "2026-03-26T17:00:00Z",
        "2026-03-30T16:00:00Z",  # CEST from 29 March: still 18:00 in Berlin
        "2026-04-02T16:00:00Z",
    ]


def test_bad_input_is_one_line_and_status_2(capsys):
    code = main(["schedule", "next", "--days", "funday", "--time", "18:00", "--tz", "UTC"])
    assert code == 2
    assert capsys.readouterr().err.strip().startswith("legday: I couldn't read the day `funday`")


def test_an_offset_zone_is_read_as_people_mean_it(capsys):
    code = main(
        [
            *("schedule", "next", "--days", "mon", "--time", "18:00", "--tz", "GMT+5"),
            *("--after", "2026-03-20T00:00:00+00:00", "--count", "1"),
        ]
    )
    assert code == 0
    assert capsys.readouterr().out.splitlines() == ["2026-03-23T13:00:00Z"]


def test_an_abbreviation_is_refused_with_a_suggestion(capsys):
    code = main(["schedule", "next", "--days", "mon", "--time", "18:00", "--tz", "EST"])
    assert code == 2
    assert "`America/New_York`" in capsys.readouterr().err
