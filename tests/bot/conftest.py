"""The legday command line run in this process, as from a shell in an empty folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


Legday = Callable[..., Ran]


@pytest.fixture
def legday(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Legday:
    """Run ``legday ARGS`` as from a shell in an empty folder, with only the given settings."""
    for name in os.environ:
        if name.startswith("LEGDAY_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)

    def run(*args: str, **env: str) -> Ran:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        try:
            code = main(args)
        except SystemExit as exit_:  # argparse and settings errors exit like the real command
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run
