"""The bot's two clocks wake it when asked, once or repeatedly, and never after a cancel.

``SystemClock`` is APScheduler on the system's time, so its test waits a few tenths of a
second of real time; ``SimulatedClock`` follows whatever time it is given and wakes on
event-loop timers.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.clock import SimulatedClock, SystemClock


async def test_the_system_clock_wakes_once_at_the_time_asked_and_not_after_a_cancel():
    clock = SystemClock()
    woken: list[str] = []

    async def wake(name: str) -> None:
        woken.append(name)

    clock.start()
    try:
        asked = clock.now()
        clock.once("soon", asked + timedelta(seconds=0.1), lambda: wake("soon"))
        clock.once("never", asked + timedelta(seconds=0.1), lambda: wake("never"))
        clock.cancel("never")
        await asyncio.sleep(0.4)
    finally:
        clock.stop()
    await asyncio.sleep(0.01)  # APScheduler shuts down on the loop's next turn

    assert woken == ["soon"]
    assert not clock.running


async def test_a_new_one_shot_of_the_same_id_replaces_the_old_one():
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    clock = SimulatedClock(lambda: moment)
    woken: list[str] = []

    async def wake(name: str) -> None:
        woken.append(name)

    clock.start()
    clock.once("next", moment + timedelta(seconds=0.05), lambda: wake("first"))
    clock.once("next", moment + timedelta(seconds=0.1), lambda: wake("second"))
    await asyncio.sleep(0.3)
    clock.stop()

    assert woken == ["second"]


async def test_jobs_wait_for_start_and_stop_with_stop():
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    clock = SimulatedClock(lambda: moment)
    woken: list[str] = []

    async def wake() -> None:
        woken.append("tick")

    clock.every("poll", 0.05, wake)
    await asyncio.sleep(0.15)
    assert woken == []  # not started yet

    clock.start()
    await asyncio.sleep(0.18)
    clock.stop()
    ticks = len(woken)
    await asyncio.sleep(0.15)

    assert ticks >= 2
    assert len(woken) == ticks


async def test_a_slow_wake_up_is_not_run_twice_at_once():
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    clock = SimulatedClock(lambda: moment)
    running, most = 0, 0

    async def slow() -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.12)
        running -= 1

    clock.start()
    clock.every("poll", 0.03, slow)
    await asyncio.sleep(0.3)
    clock.stop()

    assert most == 1
