"""Dispatcher processes killed with SIGKILL mid-send: nothing lost, and nothing sent twice
beyond the sends the killed process had not recorded. Real OS processes, on each database,
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


async def test_killed_dispatchers_lose_nothing_and_repeat_only_unrecorded_sends(backend_url):
    scenario = faults.Scenario(
        "kill", rows=40, spread=0.5, sends=(0.05,), lease=1.0, kill_every=0.4, kills=2
    )

    # Three, so that after a kill two still run and the next kill need not wait for the
    # killed one's replacement, which takes seconds to start on a busy machine.
    result = await faults.run(backend_url, scenario, processes=3)

    # Both kills landed mid-send, so each left an occurrence claimed and not recorded,
    # which only another process taking it once the lease lapsed could deliver.
    assert result.mid_send == 2
    assert result.late_beyond_lease >= 2
    assert (result.sent, result.lost) == (40, 0)
    # Records are written as sends return: a send that finished and was not recorded at
    # a kill had only just finished.
    assert all(kill.waited < faults.RECORD_WAIT for kill in result.kills), result.kills
    assert result.duplicated <= sum(kill.unrecorded for kill in result.kills)
