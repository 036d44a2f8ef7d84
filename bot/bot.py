"""The Leg Day bot: opens the store, loads every cog, starts the clock, syncs commands.

Every bot counts what it does in ``metrics`` (served only by ``serve_metrics``, which
``legday run`` calls when ``LEGDAY_METRICS_PORT`` is set); ``legday run`` also gives it a
``Heartbeat`` for ``legday health``.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any, cast

import discord
from discord.ext import commands

from bot.clock import BotClock, SystemClock
from bot.dispatcher import Dispatcher
from bot.health import Heartbeat
from bot.offload import Offload
from bot.rate_limits import (
    DMS_PER,
    DMS_RATE,
    HEAVY_PER,
    HEAVY_RATE,
    PersonCooldown,
    by_author,
    by_user_and_command,
)
from bot.settings import Settings
from bot.telemetry import RECEIVED_KINDS, Metrics, component_name
from bot.tree import LegDayTree
from storage.bests_cache import BestsCache
from storage.store import Store

log = logging.getLogger(__name__)


# Every cog, loaded by module name so that bot/ never imports the cogs package; a new
# cog module goes here (tests/e2e/test_about.py checks that none is missing). Each module's
# ``setup(bot)`` adds its cogs. The modules are imported once a process, not loaded as
# discord.py extensions: ``load_extension`` executes a module afresh for every bot, 25 ms
# a bot for the tests, which start hundreds; nothing here unloads or reloads a cog.
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


FollowUp = Callable[[discord.Interaction], Coroutine[Any, Any, None] | None]
"""What a cog has to tell someone after a command of theirs succeeded (a reminder paused,
a report stopped): the work to do, only when there is some."""


class LegDayBot(commands.AutoShardedBot):
    def __init__(
        self,
        settings: Settings,
        *,
        clock: BotClock | None = None,
        heartbeat: Heartbeat | None = None,
    ) -> None:
        metrics = Metrics()
        super().__init__(
            # Slash commands first; mentions keep a prefix without the message-content intent.
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,  # type: ignore[arg-type]  # None means "all of them"
            help_command=None,
            allowed_mentions=discord.AllowedMentions(everyone=False, roles=False),
            tree_cls=LegDayTree,
            http_trace=metrics.trace(),
        )
        self.settings = settings
        self.metrics = metrics
        self.heartbeat = heartbeat
        # Everything reads now from this clock, and it wakes the dispatcher: the system's
        # time in production, SimCord's simulated time in tests and the console.
        self.clock: BotClock = clock or SystemClock()
        # Per-person limits, on the bot's clock: commands (in the tree) and DM logging.
        tree = cast(LegDayTree, self.tree)
        tree.clock, tree.metrics, tree.shard_count = self.clock, metrics, settings.shard_count or 1
        self.dm_cooldown = PersonCooldown(DMS_RATE, DMS_PER, by_author)
        self.dm_notice = PersonCooldown(1, DMS_PER, by_author)  # one "slow down" a window
        self.heavy_cooldown = PersonCooldown(HEAVY_RATE, HEAVY_PER, by_user_and_command)
        self.store = Store(settings.database_url)
        # What /log read of a person's bests, kept while their sets stay the same.
        self.bests = BestsCache()
        # Cogs register what each kind of schedule sends as they load.
        self.dispatcher = Dispatcher(
            self.store,
            self.clock,
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,
            poll_seconds=heartbeat.interval if heartbeat else None,
            observer=metrics,
        )
        self.offload = Offload(settings.render_workers)
        self.started_monotonic = time.monotonic()
        # Cogs add theirs as they load (``follow_up_with``).
        self._follow_ups: list[FollowUp] = []
        self._following_up: set[asyncio.Task[None]] = set()

    async def setup_hook(self) -> None:
        await self.store.migrate()
        for name in EXTENSIONS:
            await importlib.import_module(name).setup(self)
        self.offload.start()
        self.clock.start()
        self.dispatcher.start(self.clock)
        self.metrics.watch(self, lambda: self.store.pool)
        if self.heartbeat is not None:
            self.heartbeat.start(self)
        await self._sync_commands()

    def serve_metrics(self) -> int | None:
        """Serve ``/metrics`` on ``LEGDAY_METRICS_PORT`` if set; the port, or None."""
        if self.settings.metrics_port is None:
            return None
        return self.metrics.serve(self.settings.metrics_port, self.settings.metrics_host)

    # The heartbeat says at once when a shard connects or drops, not at the next beat.
    async def on_shard_ready(self, _shard_id: int) -> None:
        if self.heartbeat is not None:
            self.heartbeat.poke()

    async def on_ready(self) -> None:
        # What is alive once connected (modules, the exercise catalog, discord.py's
        # caches) lives as long as the bot: moved out of the collector's reach, a full
        # collection walks only what commands create. Under load a full collection over
        # a quarter of a million objects stopped every command for up to 0.7 s.
        gc.freeze()
        await self.on_shard_ready(-1)

    on_shard_resumed = on_shard_disconnect = on_shard_ready

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        # Counting an interaction and closing a command's books are done here, at once,
        # rather than in listeners: discord.py starts a task per listener per event, and
        # most commands have nothing to follow up, so most start none.
        super().dispatch(event_name, *args, **kwargs)
        if event_name == "interaction":
            self._received(args[0])
        elif event_name == "app_command_completion":
            self._completed(args[0])

    def _received(self, interaction: discord.Interaction) -> None:
        """Count buttons, menus and forms as they arrive, whether or not anything handles
        them (an expired view's); handled ones count again by outcome (``pressed``), and
        commands in the tree."""
        kind = RECEIVED_KINDS.get(interaction.type)
        if kind is not None:
            data: dict[str, Any] = dict(interaction.data or {})
            custom_id = str(data.get("custom_id", ""))
            self.metrics.interactions.labels(kind, component_name(custom_id), "received").inc()

    def _completed(self, interaction: discord.Interaction) -> None:
        """Time and log the command, then run what any cog has to tell its user."""
        cast(LegDayTree, self.tree).finished(interaction)
        if not interaction.response.is_done():
            return  # nothing to follow up on; their next command will
        for follow_up in self._follow_ups:
            try:
                work = follow_up(interaction)
            except Exception:  # the command itself succeeded: its answer stands
                log.exception("a follow-up after a command failed")
                continue
            if work is not None:
                task = asyncio.get_running_loop().create_task(
                    self._logging_failure(work), name="after-command"
                )
                self._following_up.add(task)  # a task nobody holds may be collected mid-send
                task.add_done_callback(self._following_up.discard)

    @staticmethod
    async def _logging_failure(work: Coroutine[Any, Any, None]) -> None:
        # A listener's failure went to discord.py's on_error; a task's would go unsaid.
        try:
            await work
        except Exception:
            log.exception("a follow-up after a command failed")

    def follow_up_with(self, follow_up: FollowUp) -> None:
        """Run ``follow_up`` after each command that succeeded and was answered."""
        self._follow_ups.append(follow_up)

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
        if self.heartbeat is not None:
            await self.heartbeat.stop()
        try:
            await super().close()
        finally:
            self.offload.stop()
            self.metrics.stop()
            await self.store.close()
            log.info("shut down cleanly")
