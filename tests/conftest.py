"""Shared fixtures: a bot wired to a fresh store, ready for SimCord."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bot import LegDayBot
from bot.settings import Settings


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'legday.db'}"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(_env_file=None, database_url=database_url, shard_count=1)  # type: ignore[call-arg]


@pytest.fixture
def simcord_bot(settings: Settings) -> LegDayBot:
    return LegDayBot(settings)
