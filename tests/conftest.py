"""Shared fixtures: databases at the newest schema, and a bot wired to one, ready for SimCord.

Migrating takes far longer than copying a file, so the schema is migrated once per run into
a template SQLite file and every test gets its own copy.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.bot import LegDayBot
from bot.settings import Settings
from storage.store import Store


async def _migrate(url: str) -> None:
    store = Store(url)
    try:
        await store.migrate()
    finally:
        await store.close()  # the last connection to close folds the WAL into the file


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file at the newest schema, migrated once per run; never write to it."""
    path = tmp_path_factory.mktemp("template") / "legday.db"
    asyncio.run(_migrate(f"sqlite:///{path}"))
    return path


@pytest.fixture
def database_url(tmp_path: Path, migrated_sqlite: Path) -> str:
    """An SQLite database of this test's own, at the newest schema and empty."""
    copy = tmp_path / migrated_sqlite.name
    shutil.copyfile(migrated_sqlite, copy)
    return f"sqlite+aiosqlite:///{copy}"


@pytest.fixture
def settings(database_url: str) -> Settings:
    # Charts on a thread: a worker process per test would cost a second each.
    return Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=database_url, shard_count=1, render_workers=0
    )


@pytest.fixture
async def simcord_bot(settings: Settings) -> AsyncIterator[LegDayBot]:
    bot = LegDayBot(settings)
    yield bot
    # SimCord detaches the bot without closing it; close the store before the loop ends.
    await bot.store.close()
