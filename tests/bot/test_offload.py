"""Charts and large reports are computed in a worker process, not on the bot's loop; a
worker that dies is replaced without losing the work."""

from __future__ import annotations

import os
import signal
from datetime import UTC, datetime

from bot.offload import Offload
from coach.trends import WeekSets
from cogs._charts import balance_chart


async def test_work_runs_in_another_process_and_a_dead_worker_is_replaced():
    offload = Offload(1)
    offload.start()
    try:
        worker = await offload.run(os.getpid)
        assert worker != os.getpid()

        os.kill(worker, signal.SIGKILL)
        replaced = await offload.run(os.getpid)

        assert replaced not in (worker, os.getpid())
    finally:
        offload.stop()


async def test_a_chart_drawn_in_a_worker_is_a_png():
    offload = Offload(1)
    offload.start()
    try:
        weeks = [WeekSets(end=datetime(2026, 3, 2, tzinfo=UTC), lower=10, upper=12, core=2)]
        png = await offload.run(balance_chart, {"quads": 12.0, "chest": 8.0}, {"quads"}, weeks)
    finally:
        offload.stop()
    assert png.startswith(b"\x89PNG")


async def test_without_workers_the_work_runs_on_a_thread_here():
    offload = Offload(0)
    offload.start()
    assert await offload.run(os.getpid) == os.getpid()
