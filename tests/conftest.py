# ruff: noqa: E402  (the bytecode setting below must come before the imports)
"""Shared fixtures: databases at the newest schema, and a bot wired to one, ready for SimCord.

Migrating takes far longer than copying a file, so the schema is migrated once per test
process into a template SQLite file and every test gets its own copy.
"""

from __future__ import annotations

import sys

# Every test process (each pytest-xdist worker) imports the bot, SimCord and their
# libraries, so their bytecode is worth keeping even where PYTHONDONTWRITEBYTECODE is set:
# without it each process of each run compiles them all from source again.
sys.dont_write_bytecode = False

import asyncio
import os
import py_compile
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import simcord
from discord import app_commands

from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from bot.errors import explain, user_error
from bot.settings import Settings
from storage.store import Store
from tests.postgres import drop_own_database


async def _migrate(url: str) -> None:
    store = Store(url)
    try:
        await store.migrate()
    finally:
        await store.close()  # the last connection to close folds the WAL into the file


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file at the newest schema, migrated once per test process; never write to it."""
    path = tmp_path_factory.mktemp("template") / "legday.db"
    asyncio.run(_migrate(f"sqlite:///{path}"))
    return path


@pytest.fixture
def database_url(tmp_path: Path, migrated_sqlite: Path) -> str:
    """An SQLite database of this test's own, at the newest schema and empty."""
    copy = tmp_path / migrated_sqlite.name
    shutil.copyfile(migrated_sqlite, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def settings(database_url: str) -> Settings:
    # Charts on a thread: a worker process per test would cost a second each.
    return Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=database_url, shard_count=1, render_workers=0
    )


def is_bug(error: BaseException) -> bool:
    """Whether an error the bot raised is a bug, not a person's mistake.

    SimCord records every error that reaches the command tree's error handler; a person's
    mistake (a ``UserError``, a missing permission) goes there by design, to be answered
    with one sentence.
    """
    answered = isinstance(error, app_commands.AppCommandError) and explain(error) is not None
    return not answered and user_error(error) is None


class LegDayEnv(simcord.Env):
    """SimCord, where a test fails for the bot's bugs but not for people's mistakes."""

    taken = 0

    def take_bugs(self) -> list[BaseException]:
        """The bugs the bot raised since the last call: a test that provokes one on purpose
        takes it (and checks it), and the test fails for any it leaves."""
        found = [error for error in self.errors_since(self.taken) if is_bug(error)]
        self.taken = self.error_cursor
        return found


@pytest.fixture
async def simcord_env(
    simcord_bot: LegDayBot, request: pytest.FixtureRequest
) -> AsyncIterator[LegDayEnv]:
    """SimCord's own fixture (options from ``@pytest.mark.simcord``), with ``LegDayEnv``."""
    marker = request.node.get_closest_marker("simcord")
    env = LegDayEnv(simcord_bot, **(marker.kwargs if marker else {}))
    await env.start()
    try:
        yield env
    finally:
        await env.shutdown()
        bugs = env.take_bugs()
        if env.check_errors and bugs:
            raise ExceptionGroup(f"the bot raised {len(bugs)} error(s) during the test", bugs)


@pytest.fixture
async def simcord_bot(settings: Settings) -> AsyncIterator[LegDayBot]:
    bot = LegDayBot(settings, clock=SimulatedClock())
    yield bot
    # SimCord detaches the bot without closing it; close the store before the loop ends.
    await bot.store.close()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Keep the bytecode of what was imported before this file too (pytest's plugins,
    SimCord, discord.py), so the next run, and each worker, loads instead of compiling."""
    for module in list(sys.modules.values()):
        cached = getattr(module, "__cached__", None)
        source = getattr(module, "__file__", None)
        if cached and source and source.endswith(".py") and not os.path.exists(cached):
            py_compile.compile(source, cfile=cached, quiet=2)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A worker's own PostgreSQL database goes with it (``tests/postgres.py``)."""
    drop_own_database()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """The whole suite (no paths given) runs in two workers a core, on PostgreSQL too (each
    worker has a database of its own); a chosen file or test runs in this one process,
    where starting workers would cost more than they save.

    Two a core, as many tests spend part of their time waiting (on real processes, worker
    threads, lease timers, and SimCord's 50 ms idle polls), when a second worker can use
    the core. Measured on 2 cores, 2,316 tests (2026-12-01): 2 workers 62-64 s, 3 workers
    55-72 s, 4 workers 59-61 s; machines here differ by a quarter from hour to hour.
    """
    if config.args_source is not pytest.Config.ArgsSource.TESTPATHS:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 * (cores or 1)
