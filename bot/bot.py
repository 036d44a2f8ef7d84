"""The Leg Day bot: opens the store, loads every cog, starts the clock, syncs commands."""

from __future__ import annotations

import logging
import time
from typing import cast

import discord
from discord.ext import commands

from bot.clock import BotClock, SystemClock
from bot.dispatcher import Dispatcher
from bot.errors import on_app_command_error
from bot.rate_limits import DMS_PER, DMS_RATE, RateLimit
from bot.settings import Settings
from bot.tree import LegDayTree
from storage.store import Store

log = logging.getLogger(__name__)


# Every cog, loaded by module name so that bot/ never imports the cogs package; a new
# cog module goes here (tests/e2e/test_about.py checks that none is missing).
EXTENSIONS = (
    "cogs.about",
    "cogs.balance",
    "cogs.challenges",
    "cogs.checkin",
    "cogs.data",
    "cogs.deload",
    "cogs.exercises",
    "cogs.history",
    "cogs.plates",
    "cogs.records",
    "cogs.reminders",
    "cogs.reports",
    "cogs.rest",
    "cogs.settings",
    "cogs.workouts",
)


class LegDayBot(commands.AutoShardedBot):
    def __init__(self, settings: Settings, *, clock: BotClock | None = None) -> None:
        super().__init__(
            # Slash commands first; mentions keep a prefix without the message-content intent.
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,  # type: ignore[arg-type]  # None means "all of them"
            help_command=None,
            allowed_mentions=discord.AllowedMentions(everyone=False, roles=False),
            tree_cls=LegDayTree,
        )
        self.settings = settings
        # Everything reads now from this clock, and it wakes the dispatcher: the system's
        # time in production, SimCord's simulated time in tests and the console.
        self.clock: BotClock = clock or SystemClock()
        # Per-person limits, on the bot's clock: commands (in the tree) and DM logging.
        cast(LegDayTree, self.tree).clock = self.clock
        self.dm_limit = RateLimit(DMS_RATE, DMS_PER)
        self.store = Store(settings.database_url)
        # Cogs register what each kind of schedule sends as they load.
        self.dispatcher = Dispatcher(
            self.store,
            self.clock,
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,
        )
        self.started_monotonic = time.monotonic()
        self.tree.on_error = on_app_command_error  # type: ignore[method-assign]

    async def setup_hook(self) -> None:
        await self.store.migrate()
        for name in EXTENSIONS:
            await self.load_extension(name)
        self.clock.start()
        self.dispatcher.start(self.clock)
        await self._sync_commands()

    async def _sync_commands(self) -> None:
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to dev guild %s", len(synced), guild.id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d global commands", len(synced))

    async def close(self) -> None:
        self.clock.stop()
        await self.dispatcher.stop()
        try:
            await super().close()
        finally:
            await self.store.close()
            log.info("shut down cleanly")
