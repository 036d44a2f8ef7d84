"""Dispatcher processes killed with SIGKILL mid-send: nothing lost, and nothing sent twice
beyond the sends the killed process had in flight. Real OS processes, on each database,
driven by the fault harness (``bench/bench_dispatch_faults.py``) at a small size."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HARNESS = Path(__file__).resolve().parents[2] / "bench" / "bench_dispatch_faults.py"
_spec = importlib.util.spec_from_file_location("bench_dispatch_faults", HARNESS)
assert _spec is not None
assert _spec.loader is not None
faults = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)  # for its dataclasses
_spec.loader.exec_module(faults)


async def test_killed_dispatchers_lose_nothing_and_repeat_only_sends_in_flight(backend_url):
    scenario = faults.Scenario(
        "kill", rows=40, spread=2.0, sends=(0.05,), lease=1.0, kill_every=0.4, kills=2
    )

    result = await faults.run(backend_url, scenario, processes=2)

    assert result.in_flight_at_kills  # at least one process was killed mid-run
    assert (result.sent, result.lost) == (40, 0)
    assert result.duplicated <= sum(result.in_flight_at_kills)
