"""Benchmark: /log through the real cog with 1,000,000 sets already stored (SQLite).

Compares handling `/log squat 3x5 100kg @8` against a no-op slash command that travels
the same simulated-Discord path in the same run, and prints the median and p99 of both
and the ratio of the medians. Targets: /log median under 5 ms, ratio under 3.

The clock runs from the moment discord.py's command tree accepts the interaction to its
`app_command_completion` event, so it covers the command, the database and the reply,
but not the simulator's own bookkeeping between actions. The person logging already has
a thousand sets of history among the million.

    python -m uv run --locked python bench/bench_log.py [--sets 1000000] [--calls 300]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.bot import LegDayBot
from bot.settings import Settings
from cogs._common import VIEW_TIMEOUT_S
from storage.store import Store

PEOPLE = 1000
WARM_UP = 20
EXERCISES = ["back_squat", "bench_press", "deadlift", "romanian_deadlift", "barbell_row", "pull_up"]


def populate(path: Path, total: int, person_ids: list[int]) -> None:
    """Two years of sets for many people, written with plain sqlite3 for speed."""
    rng = random.Random(7)
    start = datetime(2024, 11, 21, tzinfo=UTC)
    connection = sqlite3.connect(path)
    connection.executemany(
        "INSERT INTO person (id, unit, goal, share_reports, created_at) "
        "VALUES (?, 'kg', 'balanced', 0, ?)",
        [(pid, "2024-11-01 00:00:00.000000") for pid in person_ids],
    )
    batch = []
    for n in range(total):
        at = start + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        stamp = at.strftime("%Y-%m-%d %H:%M:%S.%f")
        weight = rng.choice([60.0, 80.0, 100.0, 120.0])
        reps = rng.randint(3, 10)
        batch.append(
            (
                person_ids[n % len(person_ids)],
                stamp,
                stamp,
                at.date().isoformat(),
                rng.choice(EXERCISES),
                "lift",
                weight,
                weight,
                "kg",
                reps,
                weight * (1 + reps / 30),
                f"b{n // 3}",
                n % 3,
            )
        )
        if len(batch) == 50_000:
            _insert(connection, batch)
            batch.clear()
    _insert(connection, batch)
    connection.commit()
    connection.close()


def _insert(connection: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    connection.executemany(
        "INSERT INTO logged_set (person_id, performed_at, logged_at, local_date, exercise_key, "
        "exercise_name, weight_kg, weight_typed, unit_typed, reps, e1rm_kg, batch_id, entry_index, "
        "warmup, bodyweight, per_side, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 'bench')",
        rows,
    )


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def measure(database: Path, total: int, calls: int) -> tuple[list[float], list[float]]:
    import simcord

    settings = Settings(
        _env_file=None, database_url=f"sqlite+aiosqlite:///{database}", shard_count=1
    )  # type: ignore[call-arg]
    bot = LegDayBot(settings)

    @bot.tree.command(name="noop", description="Benchmark baseline: answers and does nothing.")
    async def noop(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok", ephemeral=True)

    started: dict[int, float] = {}
    elapsed: dict[str, list[float]] = {"log": [], "noop": []}

    async def accept(interaction: discord.Interaction) -> bool:
        started[interaction.id] = time.perf_counter()
        return True

    async def completed(interaction: discord.Interaction, command: object) -> None:
        took = time.perf_counter() - started.pop(interaction.id)
        elapsed[interaction.command.name if interaction.command else "?"].append(took * 1000)

    bot.tree.interaction_check = accept  # type: ignore[method-assign]
    bot.add_listener(completed, "on_app_command_completion")

    async with simcord.run(bot, shard_count=1) as env:
        guild = env.create_guild()
        channel = guild.create_text_channel("gym")
        member = guild.add_member(env.create_user("lifter"))
        populate(database, total, [*range(10_000, 10_000 + PEOPLE - 1), member.id])
        for n in range(calls + WARM_UP):
            await member.slash(channel, "noop")
            result = await member.slash(channel, "log", entry=f"squat 3x5 {100 + n % 40}kg @8")
            assert result.response.embeds, result.response.content
            if n % 10 == 9:
                # Undo buttons expire after ten minutes, as they would between real sets;
                # otherwise the simulator's pile of pending timers slows every call.
                await env.advance_time(VIEW_TIMEOUT_S + 1)
    # The first calls pay for caches, first queries and imports.
    return elapsed["log"][WARM_UP:], elapsed["noop"][WARM_UP:]


async def prepare(database: Path) -> None:
    store = Store(f"sqlite+aiosqlite:///{database}")
    await store.migrate()
    await store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        asyncio.run(prepare(database))
        log_times, noop_times = asyncio.run(measure(database, args.sets, args.calls))
        print(f"stored {args.sets:,} sets across {PEOPLE} people; timed {args.calls} calls each")
    log_median, noop_median = statistics.median(log_times), statistics.median(noop_times)
    ratio = log_median / noop_median
    print(f"/log   median {log_median:6.2f} ms   p99 {percentile(log_times, 0.99):6.2f} ms")
    print(f"no-op  median {noop_median:6.2f} ms   p99 {percentile(noop_times, 0.99):6.2f} ms")
    print(f"ratio  {ratio:.2f}")
    ok = log_median < 5 and ratio < 3
    print(f"target (median < 5 ms, ratio < 3): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
