"""The legday command line as a person runs it, in this process for speed."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp
import discord
import pytest

from bot import __version__
from bot.cli import main


def test_run_without_a_token_explains_how_to_get_one(legday):
    result = legday("run")
    assert result.returncode == 2
    assert "developers/applications" in result.stderr
    assert "LEGDAY_DISCORD_TOKEN" in result.stderr
    assert "scope=bot+applications.commands" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_setting_is_one_clear_line(legday):
    result = legday("run", LEGDAY_LOG_LEVEL="chatty")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "LEGDAY_LOG_LEVEL" in result.stderr


def test_db_upgrade_creates_the_database(legday, tmp_path):
    result = legday("db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "legday.db").exists()


def test_version(legday):
    result = legday("version")
    assert result.stdout.strip() == f"legday {__version__}"


@pytest.mark.parametrize("args", [[], ["fly"]])
def test_unknown_commands_show_usage(legday, args):
    result = legday(*args)
    assert result.returncode == 2
    assert "usage: legday" in result.stderr


def test_parse_prints_what_would_be_logged(legday):
    result = legday("parse", "squat 3x5 100kg @8")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == []
    (entry,) = report["entries"]
    assert entry["exercise"] == {
        "key": "back_squat",
        "name": "Back Squat",
        "region": "lower",
        "pattern": "squat",
    }
    assert (
        entry["sets"]
        == [
            {
                "weight_kg": 100.0,
                "reps": 5,
                "seconds": None,
                "rpe": 8.0,
                "warmup": False,
                "bodyweight": False,
                "per_side": False,
            }
        ]
        * 3
    )


def test_parse_in_pounds_and_bodyweight(legday):
    result = legday("parse", "--unit", "lb", "bench 3x5 225; pullups 3x10 +20")

    bench, pullups = json.loads(result.stdout)["entries"]
    assert bench["sets"][0]["weight_kg"] == 102.058
    assert pullups["exercise"]["key"] == "pull_up"
    assert pullups["sets"][0]["bodyweight"] is True
    assert pullups["sets"][0]["weight_kg"] == 9.072


def test_parse_unclassified_name_has_null_classification(legday):
    result = legday("parse", "zumba with friends 3x10")

    exercise = json.loads(result.stdout)["entries"][0]["exercise"]
    assert exercise["key"] is None
    assert exercise["region"] is None
    assert exercise["pattern"] is None


def test_parse_exits_1_when_nothing_can_be_logged(legday):
    result = legday("parse", "squat 3x5 100kg 🍌")

    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["entries"] == []
    assert "🍌" in report["errors"][0]["message"]


def write_analysis(tmp_path: Path, **data: object) -> Path:
    base: dict[str, object] = {"as_of": "2026-11-21T20:00:00+00:00", "timezone": "Europe/Berlin"}
    path = tmp_path / "week.json"
    path.write_text(json.dumps({**base, **data}))
    return path


def upper_week() -> list[dict[str, object]]:
    plan = [("bench", 8), ("barbell row", 6), ("pull-up", 6), ("overhead press", 6)]
    return [
        {"at": f"2026-11-{17 + n % 3}T18:00:00+00:00", "exercise": name, "weight_kg": 50, "reps": 8}
        for name, count in plan
        for n in range(count)
    ]


def test_analyze_judges_a_file_like_the_bot(legday, tmp_path):
    result = legday("analyze", str(write_analysis(tmp_path, sets=upper_week())))

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    codes = {(f["code"], f["severity"]) for f in report["findings"]}
    assert ("LEGS_SKIPPED", "high") in codes
    assert report["metrics"]["lower_sets"] == 0
    assert report["metrics"]["upper_sets"] == 26


def test_analyze_red_flag_suppresses_training_findings(legday, tmp_path):
    checkin = {
        "at": "2026-11-21T07:00:00+00:00",
        "leg_weakness": "marked",
        "numbness_tingling": True,
        "red_flags": ["sudden_weakness"],
    }
    path = write_analysis(tmp_path, sets=upper_week(), checkins=[checkin])

    report = json.loads(legday("analyze", str(path)).stdout)

    assert [f["code"] for f in report["findings"]] == ["SAFETY_URGENT"]


@pytest.mark.parametrize(
    ("content", "says"),
    [("{not json", "week.json"), ('{"sets": []}', "as_of"), ('{"as_of": "2026-11-21"}', "offset")],
)
def test_analyze_explains_a_bad_file(legday, tmp_path, content, says):
    path = tmp_path / "week.json"
    path.write_text(content)

    result = legday("analyze", str(path))

    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (
            '{"as_of": "2026-11-21T20:00:00+00:00", "sets": [{"at": "2026-11-20T18:00:00+00:00",'
            f' "exercise": "squat", "weight_kg": 1{"0" * 400}, "reps": 5}}]}}',
            "sets[0].weight_kg must be from -1000 to 1000",
        ),
        ('{"as_of": "0001-01-01T00:00:00+05:00"}', "year must be from 1900"),
        ('{"as_of": "9999-12-31T23:59:59-05:00"}', "year must be from 1900"),
        (
            '{"as_of": "2026-11-21T20:00:00+00:00", "profile": {"bodyweight_kg": Infinity}}',
            "Infinity is not a number JSON allows",
        ),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_analyze_refuses_numbers_and_years_out_of_range_in_one_line(
    legday, tmp_path, content, says
):
    path = tmp_path / "week.json"
    path.write_text(content)

    result = legday("analyze", str(path))

    assert result.returncode == 2
    assert says in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("command", "url", "says"),
    [
        (["run"], "not a url", "LEGDAY_DATABASE_URL: not a database URL"),
        (["db", "upgrade"], "mysql://u:secret@host/db", "LEGDAY_DATABASE_URL: mysql is not"),
        (
            ["db", "upgrade"],
            "postgresql://u:secret@127.0.0.1:1/db",
            "cannot open the database in LEGDAY_DATABASE_URL",
        ),
        (["run"], "sqlite:///./a-file/legday.db", "cannot open the database in"),
    ],
)
def test_a_database_that_cannot_be_used_is_one_line_naming_the_variable(
    legday, tmp_path, command, url, says
):
    (tmp_path / "a-file").write_text("a file where a directory would be")
    result = legday(*command, LEGDAY_DATABASE_URL=url, LEGDAY_DISCORD_TOKEN="not.a.token")

    assert result.returncode == 2
    assert says in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "secret" not in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_discord_is_one_line(tmp_path, monkeypatch, capsys):
    async def unreachable(*_args: object, **_kwargs: object) -> None:
        raise aiohttp.ClientConnectionError("Cannot connect to host discord.com:443")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LEGDAY_DISCORD_TOKEN", "not.a.token")
    monkeypatch.setattr(discord.Client, "login", unreachable)
    monkeypatch.setattr("bot.logs.configure_logging", lambda *_args, **_kwargs: None)

    with pytest.raises(SystemExit) as exited:
        main(["run"])

    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "legday: cannot reach Discord (ClientConnectionError: Cannot connect to host "
        "discord.com:443). Check the network, or https://discordstatus.com, and run "
        "`legday run` again."
    )


def test_analyze_help_points_to_the_coach_docs(legday):
    result = legday("analyze", "--help")

    assert result.returncode == 0
    assert "docs/coach.md" in result.stdout


def test_parse_shows_the_day_and_time_a_pasted_header_gives(legday):
    result = legday("parse", "Lower 1\nMonday, 30 November 2026 at 17:42\nsquat 3x5 100kg")

    report = json.loads(result.stdout)
    assert report["day"] == "2026-11-30 at 17:42"
    assert json.loads(legday("parse", "squat 3x5 100kg").stdout)["day"] is None


def test_parse_lists_ambiguous_lines_with_their_readings(legday, tmp_path):
    result = legday("parse", "--unit", "lb", "row 135x4x8\nsquat 3x5 225")

    report = json.loads(result.stdout)
    assert [e["exercise"]["key"] for e in report["entries"]] == ["back_squat"]
    assert report["ambiguous"] == [
        {
            "line": "row 135x4x8",
            "readings": [
                "Barbell Row: 8 sets of 4 at 135 lb",
                "Barbell Row: 4 sets of 8 at 135 lb",
            ],
        }
    ]


def test_parse_batch_reads_json_lines_one_result_each(legday, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"text": "squat 3x5 225", "unit": "lb"})
        + "\n"
        + json.dumps({"text": "curl 14 x 12", "unit": "kg"})
        + "\n\n"
        + json.dumps({"text": "bench -100x5", "unit": "kg"})
        + "\n"
    )

    result = legday("parse", "--batch", str(cases))

    assert result.returncode == 0, result.stderr
    first, second, third = map(json.loads, result.stdout.splitlines())
    assert first["entries"][0]["sets"][0]["weight_kg"] == 102.058
    assert [len(a["readings"]) for a in second["ambiguous"]] == [2]
    assert third["entries"] == []
    assert "bodyweight exercise" in third["errors"][0]["message"]
