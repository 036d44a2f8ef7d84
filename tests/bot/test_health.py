"""``legday health``: healthy only while the heartbeat is fresh, every shard connected and
the dispatcher ticking; otherwise exit 1 with one line saying why."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bot.health import check, verdict, write_atomically

INTERVAL = 30.0


def beat(now: float, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "pid": 1,
        "written_at": now - 5,
        "interval": INTERVAL,
        "connected": True,
        "shards": [0, 1],
        "shards_down": [],
        "dispatcher_ticked_at": now - 20,
    }
    return data | changes


def test_a_fresh_beat_from_a_connected_bot_with_a_ticking_dispatcher_is_healthy():
    assert verdict(beat(1000.0), 1000.0) is None


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"written_at": 1000.0 - 61}, "no heartbeat for 61 s"),
        ({"connected": False, "shards_down": [1]}, "not connected to Discord: shard(s) 1 down"),
        ({"connected": False, "shards": []}, "not connected to Discord yet"),
        ({"dispatcher_ticked_at": None}, "the dispatcher has not ticked yet"),
        ({"dispatcher_ticked_at": 1000.0 - 75}, "the dispatcher last ticked 75 s ago"),
    ],
)
def test_each_problem_is_named(changes, reason):
    problem = verdict(beat(1000.0, **changes), 1000.0)
    assert problem is not None
    assert problem.startswith(reason)
    assert "\n" not in problem


def test_a_tick_within_twice_the_interval_is_still_healthy():
    assert verdict(beat(1000.0, dispatcher_ticked_at=1000.0 - 2 * INTERVAL), 1000.0) is None


def test_a_missing_or_broken_file_is_unhealthy(tmp_path: Path):
    healthy, why = check(tmp_path / "nope.json")
    assert not healthy
    assert why.startswith("no heartbeat file at")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert check(broken) == (False, f"cannot read the heartbeat file {broken} (JSONDecodeError)")


def test_the_command_exits_0_or_1_with_one_line(legday, tmp_path: Path):
    path = tmp_path / "data" / "heartbeat.json"
    write_atomically(path, beat(time.time()))

    ran = legday("health")  # LEGDAY_HEARTBEAT_FILE's default, data/heartbeat.json
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout.startswith("healthy: shard(s) 0,1 connected")

    write_atomically(path, beat(time.time(), connected=False, shards_down=[0]))
    ran = legday("health")
    assert ran.returncode == 1
    assert ran.stderr == "not connected to Discord: shard(s) 0 down\n"

    other = tmp_path / "other.json"
    other.write_text(json.dumps(beat(time.time())))
    assert legday("health", LEGDAY_HEARTBEAT_FILE=str(other)).returncode == 0
    assert legday("health", "--file", str(tmp_path / "gone.json")).returncode == 1
