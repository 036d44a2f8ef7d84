"""The legday command line as a person runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import __version__


def legday(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LEGDAY_")}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=cwd,
        env={**clean, "PYTHONPATH": str(Path(__file__).parents[2]), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_run_without_a_token_explains_how_to_get_one(tmp_path):
    result = legday("run", cwd=tmp_path)
    assert result.returncode == 2
    assert "developers/applications" in result.stderr
    assert "LEGDAY_DISCORD_TOKEN" in result.stderr
    assert "scope=bot+applications.commands" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_setting_is_one_clear_line(tmp_path):
    result = legday("run", cwd=tmp_path, LEGDAY_LOG_LEVEL="chatty")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "LEGDAY_LOG_LEVEL" in result.stderr


def test_db_upgrade_creates_the_database(tmp_path):
    result = legday("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "legday.db").exists()


def test_version(tmp_path):
    result = legday("version", cwd=tmp_path)
    assert result.stdout.strip() == f"legday {__version__}"


@pytest.mark.parametrize("args", [[], ["fly"]])
def test_unknown_commands_show_usage(tmp_path, args):
    result = legday(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "usage: legday" in result.stderr
