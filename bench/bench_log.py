"""Benchmark: /log through the real cog with 1,000,000 sets already stored (SQLite).

Compares handling `/log squat 3x5 100kg @8` against a no-op slash command that travels
the same simulated-Discord path in the same run, and prints the median and p99 of both
and the ratio of the medians. Target: /log median under 5 ms (the ratio is for
information; it used to be a target).

For information it also times a third command that sends /log's kind of reply (the same
embed and Undo button) without reading, judging or storing anything, so the output shows
how much of the ratio is the reply itself and how much the logging work.

The clock runs from the moment discord.py's command tree accepts the interaction to its
`app_command_completion` event, so it covers the command, the database and the reply,
but not the simulator's own bookkeeping between actions. The person logging already has
a thousand sets of history among the million.

Every /log works out again the session it joins (storage.sessions), so its cost grows with
that session: by default the calls follow one another without a 3-hour gap, one session
of some 960 sets; ``--session-calls 8`` starts a new session (the next day) every 8 calls,
as a lifter logging one exercise at a time would.

    python -m uv run --locked python bench/bench_log.py [--sets 1000000] [--calls 300]
        [--session-calls N]
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
from bot.clock import SimulatedClock
from bot.settings import Settings
from coach.catalog import load_catalog
from coach.entries import read_entries
from coach.vocabulary import Unit
from cogs._common import VIEW_TIMEOUT_S
from cogs._log_reply import UndoView
from cogs._render import logged_embed
from services.log import Logged
from storage.store import Store

PEOPLE = 1000
DAY_S = 24 * 3600
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
    batch: list[tuple[object, ...]] = []
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


def canned_outcome() -> Logged:
    """What /log answers for the benchmark's entry, made without the database."""
    entries = read_entries("squat 3x5 100kg @8", Unit.KG, load_catalog()).loggable
    return Logged(
        batch_id="bench",
        entries=entries,
        records=(),
        unit=Unit.KG,
        performed_at=datetime.now(UTC),
        zone_known=False,
        shares=False,
    )


Samples = dict[str, list[float]]


async def measure(
    database: Path, total: int, calls: int, session_calls: int = 0
) -> dict[str, Samples]:
    """Milliseconds per command, by phase: /log with the no-op, then the reply with it."""
    import simcord

    settings = Settings(_env_file=None, database_url=f"sqlite:///{database}", shard_count=1)  # type: ignore[call-arg]
    bot = LegDayBot(settings, clock=SimulatedClock())

    @bot.tree.command(name="noop", description="Benchmark baseline: answers and does nothing.")
    async def noop(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok", ephemeral=True)

    outcome = canned_outcome()

    @bot.tree.command(name="reply", description="Benchmark: /log's reply with no work behind it.")
    async def reply(interaction: discord.Interaction) -> None:
        view = UndoView(bot, interaction.user.id, outcome.batch_id, outcome.unit)
        await interaction.response.send_message(
            embed=logged_embed(outcome), view=view, ephemeral=True
        )
        view.origin = interaction

    started: dict[int, float] = {}
    phases: dict[str, Samples] = {
        "log": {"log": [], "noop": []},
        "reply": {"reply": [], "noop": []},
    }
    phase = phases["log"]

    async def accept(interaction: discord.Interaction) -> bool:
        started[interaction.id] = time.perf_counter()
        return True

    async def completed(interaction: discord.Interaction, command: object) -> None:
        took = time.perf_counter() - started.pop(interaction.id)
        phase[interaction.command.name if interaction.command else "?"].append(took * 1000)

    bot.tree.interaction_check = accept  # type: ignore[method-assign]
    bot.add_listener(completed, "on_app_command_completion")

    async with simcord.run(bot, shard_count=1) as env:
        guild = env.create_guild()
        channel = guild.create_text_channel("gym")
        member = guild.add_member(env.create_user("lifter"))
        populate(database, total, [*range(10_000, 10_000 + PEOPLE - 1), member.id])
        # Separate phases, so the reply's own Undo buttons never slow the timed /log phase.
        for name, phase in phases.items():  # noqa: B007 (`completed` files samples under it)
            for n in range(calls + WARM_UP):
                await member.slash(channel, "noop")
                options = {"entry": f"squat 3x5 {100 + n % 40}kg @8"} if name == "log" else {}
                result = await member.slash(channel, name, **options)
                if result.response is None or not result.response.embeds:
                    raise RuntimeError(f"/{name} did not answer with its embed: {result.response}")
                if n % 10 == 9:
                    # Undo buttons expire after ten minutes, as they would between real sets;
                    # otherwise the simulator's pile of pending timers slows every call.
                    await env.advance_time(VIEW_TIMEOUT_S + 1)
                if session_calls and n % session_calls == session_calls - 1:
                    await env.advance_time(DAY_S)  # the next session
    # The first calls pay for caches, first queries and imports.
    return {
        name: {command: times[WARM_UP:] for command, times in samples.items()}
        for name, samples in phases.items()
    }


async def prepare(database: Path) -> None:
    store = Store(f"sqlite:///{database}")
    await store.migrate()
    await store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument(
        "--session-calls", type=int, default=0, help="start a new session every N calls"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        asyncio.run(prepare(database))
        phases = asyncio.run(measure(database, args.sets, args.calls, args.session_calls))
        print(f"stored {args.sets:,} sets across {PEOPLE} people; timed {args.calls} calls each")
    timed, reply = phases["log"], phases["reply"]
    log_median, noop_median = statistics.median(timed["log"]), statistics.median(timed["noop"])
    ratio = log_median / noop_median
    print(f"/log   median {log_median:6.2f} ms   p99 {percentile(timed['log'], 0.99):6.2f} ms")
    print(f"no-op  median {noop_median:6.2f} ms   p99 {percentile(timed['noop'], 0.99):6.2f} ms")
    print(f"ratio  {ratio:.2f}")
    reply_ratio = statistics.median(reply["reply"]) / statistics.median(reply["noop"])
    print(
        f"for information, in a phase of its own: /log's reply alone is {reply_ratio:.2f} "
        "times the no-op, with nothing read or stored"
    )
    ok = log_median < 5
    print(f"target (median < 5 ms): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
