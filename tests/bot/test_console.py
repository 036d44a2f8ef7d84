"""`legday console`: typed commands reach the real cogs and replies come back as text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def console(script: str, cwd: Path) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LEGDAY_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "console"],
        input=script,
        cwd=cwd,
        env={**clean, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_log_history_and_records_in_the_terminal(tmp_path):
    out = console(
        "/log squat 3x5 100kg @8\n/history\n/pr squat\nwait 1d\n/log squat 3x5 110kg @8\nquit\n",
        tmp_path,
    )
    assert "== Logged Back Squat: 3 x 5 at 100 kg @8 ==" in out
    assert "[Undo]" in out
    assert "== Your history ==" in out
    assert "Best e1RM: **123.3 kg**" in out
    assert "best e1RM 135.6 kg (was 123.3 kg)" in out
    assert (tmp_path / "data" / "console.db").exists()


def test_buttons_menus_and_forms(tmp_path):
    out = console(
        "/log squat 3x5 100kg\n/history\npick 1\nclick Edit\ntype squat 2x2 120kg\n/history\n",
        tmp_path,
    )
    assert "[form: Edit entry]" in out
    assert "Saved: squat 2 x 2 at 120 kg" in out


def test_plain_text_is_a_dm_and_mistakes_are_explained(tmp_path):
    out = console("bench 80kg 5,5,4\n/log squat 3x5 100kg 🍌\n/nosuch\n", tmp_path)
    assert "== Logged Bench Press" in out
    assert "Nothing was logged." in out
    assert "Unknown command" in out


def test_what_discord_would_refuse_is_explained_not_a_crash(tmp_path):
    out = console(
        "/history days:0\n/history days:abc\n/log squat 3x5 100kg\nclick Nope\n", tmp_path
    )
    assert "Discord would not send that: Option 'days' of 'history' must be ≥ 1" in out
    assert "`days` takes a number, e.g. `days:30`." in out
    assert (
        "Discord would not send that:" in out.split("click Nope")[-1]
        or out.count("Discord would not send that:") == 2
    )


def test_an_ambiguous_line_asks_with_buttons_in_the_console(tmp_path):
    out = console('curl 14 x 12\nclick "Barbell Curl: 1 set of 12 at 14 kg"\n', tmp_path)
    assert "more than one way" in out
    assert "[Barbell Curl: 14 sets of 12]" in out
    assert "== Logged Barbell Curl: 14 kg x 12" in out
