"""Heavy pure computing (charts, a large server's report) away from the event loop.

A worker thread is not enough: drawing a chart is Python holding the interpreter lock,
so a loop waiting for it gets it back only once a switch interval (5 ms) for as long as
the drawing lasts, and every command waits with it. Worker processes
(``LEGDAY_RENDER_WORKERS``, default 1) have interpreters of their own. With 0 the work
runs on a thread, as the tests and the console do: the same functions, no processes.

Work sent here must be a module-level function of picklable arguments. The pool starts
with the bot and is warmed at once (importing matplotlib takes a second), so the first
chart does not wait for it; a worker that dies is replaced and the work tried once more.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import ParamSpec, TypeVar

log = logging.getLogger(__name__)

_T = TypeVar("_T")
_P = ParamSpec("_P")


def _warm() -> None:
    """Import what the charts need, once per worker, before the first one is asked for."""
    import matplotlib.figure  # noqa: F401


class Offload:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self.workers and self._pool is None:
            # Spawned, not forked: the bot has threads (database drivers), and a fork
            # copies their locks in whatever state they happen to be.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
            for _ in range(self.workers):
                self._pool.submit(_warm)

    async def run(self, work: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
        """``work(*args, **kwargs)`` in a worker process (or a thread without workers)."""
        call = partial(work, *args, **kwargs)
        if self._pool is None:
            return await asyncio.to_thread(call)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool, call)
        except BrokenProcessPool:
            log.warning("a render worker died; starting new ones")
            self.stop()
            self.start()
            return await loop.run_in_executor(self._pool, call)

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
