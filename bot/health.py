"""The heartbeat the running bot writes, and the verdict ``legday health`` reads from it.

``legday run`` writes a small JSON file (``LEGDAY_HEARTBEAT_FILE``) every half interval
and whenever a shard connects or drops: when it was written, whether every shard of this
process is connected, and when the dispatcher last asked the database for work. The
dispatcher ticks every interval (``LEGDAY_HEARTBEAT_SECONDS``) even with nothing due, so
a tick older than twice the interval means it is stuck (or the database is down); a file
older than that means the process or its event loop is. A file on local disk, not a
database row: the health check runs next to the process (Docker's ``HEALTHCHECK``), must
work when the database does not, and each process of a sharded deployment has its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.bot import LegDayBot

log = logging.getLogger(__name__)


def snapshot(bot: LegDayBot, interval: float, now: float) -> dict[str, Any]:
    """What the heartbeat says about ``bot`` right now."""
    shards = dict(bot.shards)
    down = sorted(shard_id for shard_id, shard in shards.items() if shard.is_closed())
    return {
        "pid": os.getpid(),
        "written_at": now,
        "interval": interval,
        "connected": bot.is_ready() and not bot.is_closed() and bool(shards) and not down,
        "shards": sorted(shards),
        "shards_down": down,
        "dispatcher_ticked_at": bot.dispatcher.ticked_at,
    }


def write_atomically(path: Path, data: dict[str, Any]) -> None:
    """Replace ``path`` in one step, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".heartbeat-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def verdict(data: dict[str, Any], now: float) -> str | None:
    """Why the bot that wrote ``data`` is unhealthy at ``now``, or None if it is healthy."""
    interval = float(data["interval"])
    since_written = now - float(data["written_at"])
    if since_written > 2 * interval:
        return (
            f"no heartbeat for {since_written:.0f} s (expected every {interval / 2:g} s): "
            "the bot has stopped or its event loop is stuck"
        )
    if not data["connected"]:
        down = data.get("shards_down") or []
        if down:
            return "not connected to Discord: shard(s) " + ", ".join(map(str, down)) + " down"
        return "not connected to Discord yet"
    ticked = data.get("dispatcher_ticked_at")
    if ticked is None:
        return "the dispatcher has not ticked yet"
    since_tick = now - float(ticked)
    if since_tick > 2 * interval:
        return (
            f"the dispatcher last ticked {since_tick:.0f} s ago (every {interval:g} s expected): "
            "it is stuck or cannot reach the database"
        )
    return None


def check(path: Path, now: float | None = None) -> tuple[bool, str]:
    """``legday health``: healthy or not, and one line saying why."""
    now = time.time() if now is None else now
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        problem = verdict(data, now)
    except FileNotFoundError:
        return False, f"no heartbeat file at {path}: is `legday run` running here?"
    except (OSError, ValueError, KeyError, TypeError) as error:
        return False, f"cannot read the heartbeat file {path} ({type(error).__name__})"
    if problem is not None:
        return False, problem
    shards = ",".join(map(str, data["shards"]))
    since_tick = now - float(data["dispatcher_ticked_at"])
    return True, f"healthy: shard(s) {shards} connected, dispatcher ticked {since_tick:.0f} s ago"


class Heartbeat:
    """Writes the heartbeat for one bot every half ``interval``, and at once when poked."""

    def __init__(self, path: Path, interval: float) -> None:
        self.path, self.interval = path, interval
        self._bot: LegDayBot | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, bot: LegDayBot) -> None:
        self._bot = bot
        self._spawn(self._run(), "heartbeat")

    def poke(self) -> None:
        """Write now (a shard connected or dropped) rather than at the next beat."""
        if self._bot is not None:
            self._spawn(self.write(), "heartbeat-now")

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.get_running_loop().create_task(work, name=name)
        self._tasks.add(task)  # a reference, so the task is not collected mid-write
        task.add_done_callback(self._tasks.discard)

    async def write(self) -> None:
        if self._bot is None:
            return
        data = snapshot(self._bot, self.interval, time.time())
        try:
            # Off the loop: a slow disk must not stall the bot.
            await asyncio.to_thread(write_atomically, self.path, data)
        except OSError:
            log.exception("cannot write the heartbeat to %s", self.path)

    async def _run(self) -> None:
        while True:
            await self.write()
            await asyncio.sleep(self.interval / 2)

    async def stop(self) -> None:
        """Stop beating and remove the file: a stopped bot has no heartbeat."""
        self._bot = None
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        with contextlib.suppress(OSError):
            self.path.unlink()
