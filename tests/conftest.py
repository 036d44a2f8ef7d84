"""Shared fixtures: a bot wired to a fresh store, ready for SimCord."""

from __future__ import annotations

from collections.abc import AsyncIterator
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
async def simcord_bot(settings: Settings) -> AsyncIterator[LegDayBot]:
    bot = LegDayBot(settings)
    yield bot
    # SimCord detaches the bot without closing it; close the store before the loop ends.
    await bot.store.close()
