"""Benchmark: 1, 2 and 4 bot processes on one PostgreSQL, each with its own shard range.

Every process is the real bot with its own simulated Discord (``bench_load``'s world:
its own servers on its own shards, its own members, reminders falling due), started
at the same moment on an empty database, so that they all try to migrate it at once.
The shards (4) are split into contiguous ranges (``LEGDAY_SHARD_IDS``). Then, step by
step, the parent asks every process for its share of a total /log rate with
``bench_load``'s mix, all at once, and prints per process count:

- the total /log throughput (answered a second) and the p99 of all /log answers
  together, the errors, the loop lag and CPU of the busiest process, and how busy the
  whole machine was (every core) and PostgreSQL's share of that;
- the dispatcher: occurrences due, sent, duplicated (sent by two processes, or
  recorded twice) and lost (due in a step, still not recorded 150 s after the last);
- the migration: how many processes ran an upgrade (one should) and how long each
  waited for the lock.

The throughput of a process count is the highest total rate whose pooled /log p99
stays under 100 ms with 0 errors; the answered rate at the top step shows how far it
carries past that. Targets: 2 processes give at least 1.7x one process's throughput on
a 2-core machine; 4 processes run with 0 errors, 0 duplicates and one migration.

    python -m uv run --locked python bench/bench_processes.py --postgres URL
        [--rates 40,80,120,160] [--seconds 15] [--processes 1,2,4]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_load as load
from bench_reminders import reset_database
from sqlalchemy.orm import Session
from sqlmodel import col, select

from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from storage.store import Store
from storage.tables import Delivery, Schedule

SHARDS = 4
P99_TARGET_S = 0.100
LATE_S = 150.0


def shard_ranges(processes: int) -> list[list[int]]:
    """``SHARDS`` split into ``processes`` contiguous ranges: 0-1 and 2-3 for two."""
    size = SHARDS // processes
    return [list(range(n * size, (n + 1) * size)) for n in range(processes)]


def machine_cpu() -> tuple[float, float, float]:
    """CPU seconds so far: the whole machine busy, PostgreSQL's server processes, and
    the wall seconds the machine's cores had (busy or not), from /proc. PostgreSQL's
    count includes its ended connections' (the server's waited-for children)."""
    tick = os.sysconf("SC_CLK_TCK")
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    postgres = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            text = stat.read_text()
            if text.split("(", 1)[1].split(")", 1)[0] != "postgres":
                continue
            after = text.rsplit(")", 1)[1].split()  # state, ppid, ...: utime is [11]
            postgres += int(after[11]) + int(after[12]) + int(after[13]) + int(after[14])
    return (sum(fields) - idle) / tick, postgres / tick, sum(fields) / tick


# -- one process of the fleet --


class _Upgrades(logging.Handler):
    """Counts the migrations this process ran itself."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Running upgrade"):
            self.count += 1


def _say(message: dict[str, Any]) -> None:
    print(json.dumps(message), flush=True)


async def worker(spec: dict[str, Any]) -> None:
    """Runs the bot on its shards; answers each ``{"rate": r}`` line with that step."""
    load.quiet_logs()
    upgrades = _Upgrades()
    logging.getLogger("alembic").addHandler(upgrades)
    logging.getLogger("alembic").setLevel(logging.INFO)
    settings = load.settings_for(spec["url"], SHARDS, spec["shards"])
    bot = LegDayBot(settings, clock=SimulatedClock())
    load.add_noop(bot)  # warmed up with the rest, as in bench_load
    began = time.perf_counter()
    world = await load.build_world(
        bot,
        spec["servers"],
        spec["members"],
        spec["shards"],
        epoch_offset=3600.0 * spec["index"],
        big_server=spec["index"] == 0,
    )
    started = time.perf_counter() - began
    try:
        await load.seed(world)
        load.go_real_time(world)
        import gc

        gc.freeze()  # as bench_load does: the simulator's own objects
        driver, scheduled = load.Driver(world), load.Scheduled(bot)
        await load.warm_up(world, driver)
        _say({"ready": True, "upgrades": upgrades.count, "start_s": started})
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            order = json.loads(line or '{"stop": true}')
            if order.get("stop"):
                # What was sent since the last step's answer, while the parent waited.
                _say({"handled": scheduled.handled})
                break
            step = await load.run_step(
                world,
                driver,
                scheduled,
                order["rate"],
                spec["seconds"],
                spec["reminders"],
                baseline=False,
            )
            logs = sorted(x for kind in load.LOG_KINDS for x in step.latency.get(kind, []))
            _say(
                {
                    "log": logs,
                    "errors": load.errors_of(step),
                    "failed": {load.LABELS[kind]: n for kind, n in step.errors.items() if n},
                    "why": dict(step.why),
                    "lag_p99": load.percentile(sorted(step.lag), 0.99),
                    "cpu": step.cpu,
                    "armed": [(s, due.isoformat()) for s, due in step.armed],
                    "handled": scheduled.handled,
                    "limited": step.limited,
                }
            )
            scheduled.handled = []  # reported; what follows goes in the next answer
    finally:
        await bot.close()
        await world.env.shutdown()


# -- the parent: start the fleet, step the rate, check the dispatcher --


@dataclass
class Fleet:
    processes: list[subprocess.Popen[str]]
    logs: list[Path]

    def ask(self, order: dict[str, Any]) -> list[dict[str, Any]]:
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.write(json.dumps(order) + "\n")
            process.stdin.flush()
        return [self.answer(n) for n in range(len(self.processes))]

    def answer(self, n: int) -> dict[str, Any]:
        process = self.processes[n]
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            tail = self.logs[n].read_text()[-3000:]
            raise RuntimeError(f"process {n} ended:\n{tail}")
        return dict(json.loads(line))

    def stop(self) -> list[dict[str, Any]]:
        """Stop every process; the last answers of those that were still running."""
        running = [n for n, p in enumerate(self.processes) if p.poll() is None]
        for n in running:
            stdin = self.processes[n].stdin
            if stdin is not None:
                stdin.write('{"stop": true}\n')
                stdin.flush()
        last = []
        for n in running:
            # One that had already failed answers nothing; its log says why.
            with contextlib.suppress(RuntimeError, ValueError):
                last.append(self.answer(n))
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        return last


def start_fleet(url: str, count: int, args: argparse.Namespace, folder: Path) -> Fleet:
    processes, logs = [], []
    for index, shards in enumerate(shard_ranges(count)):
        spec = {
            "url": url,
            "index": index,
            "shards": shards,
            "servers": max(1, args.servers // count),
            "members": args.members,
            "seconds": args.seconds,
            "reminders": args.reminders / count,
        }
        log = folder / f"process-{count}-{index}.log"
        logs.append(log)
        processes.append(
            subprocess.Popen(
                [sys.executable, __file__, "--worker", json.dumps(spec)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log.open("w"),
                text=True,
            )
        )
    return Fleet(processes, logs)


async def deliveries(url: str) -> Counter[tuple[int, float]]:
    """How many times each (schedule, due time) was recorded."""
    store = Store(url)
    try:

        def unit(session: Session) -> Counter[tuple[int, float]]:
            rows = session.execute(select(col(Delivery.schedule_id), col(Delivery.due_at)))
            return Counter((row[0], round(row[1].timestamp(), 3)) for row in rows)

        return await store.run(unit)
    finally:
        await store.close()


async def rows_of(url: str, missing: list[tuple[int, float]]) -> list[str]:
    """Where each lost occurrence's schedule row stands, to tell why it was not sent."""
    store = Store(url)
    try:

        def unit(session: Session) -> list[str]:
            lines = []
            for schedule_id, due in missing:
                row = session.get(Schedule, schedule_id)
                lines.append(
                    f"schedule {schedule_id} due {datetime.fromtimestamp(due, UTC):%H:%M:%S.%f}: "
                    + (
                        "gone"
                        if row is None
                        else f"{row.status}, next due {row.next_due_at:%H:%M:%S.%f}, "
                        f"lease {row.lease_owner} to {row.lease_expires_at}, "
                        f"retry {row.retry_at}, attempts {row.attempts}, {row.last_error}"
                    )
                )
            return lines

        return await store.run(unit)
    finally:
        await store.close()


def occurrence(schedule_id: int, due: str) -> tuple[int, float]:
    return schedule_id, round(datetime.fromisoformat(due).timestamp(), 3)


@dataclass
class Outcome:
    processes: int
    best: float  # highest total rate meeting the p99 target with 0 errors
    answered: float  # /log answered a second at the top step
    errors: int
    duplicates: int
    lost: int
    due: int
    upgrades: list[int]


def run_fleet(url: str, count: int, args: argparse.Namespace, folder: Path) -> Outcome:
    asyncio.run(reset_database(url))
    began = time.perf_counter()
    fleet = start_fleet(url, count, args, folder)
    armed: list[tuple[int, float]] = []
    handled: Counter[tuple[int, float]] = Counter()
    best, answered, errors = 0.0, 0.0, 0
    try:
        ready = [fleet.answer(n) for n in range(count)]
        upgrades = [int(r["upgrades"]) for r in ready]
        print(
            f"\n{count} process(es), shards {shard_ranges(count)}: ready in "
            f"{time.perf_counter() - began:.0f} s; migrations run per process {upgrades}"
        )
        print(
            f"  {'total /log/s':>12}{'answered/s':>12}{'p99 ms':>9}{'errors':>8}"
            f"{'lag p99 ms':>12}{'CPU max':>9}{'machine':>9}{'of it PG':>9}"
        )
        for rate in args.rates:
            busy, postgres, cores = machine_cpu()
            steps = fleet.ask({"rate": rate / count})
            after = machine_cpu()
            # Shares of the whole machine (every core) while the step ran.
            machine = (after[0] - busy) / max(after[2] - cores, 1e-9)
            database = (after[1] - postgres) / max(after[2] - cores, 1e-9)
            logs = sorted(x for step in steps for x in step["log"])
            p99 = load.percentile(logs, 0.99)
            step_errors = sum(int(step["errors"]) for step in steps)
            errors += step_errors
            answered = len(logs) / args.seconds
            for step in steps:
                armed += [occurrence(s, due) for s, due in step["armed"]]
                handled.update(occurrence(s, due) for s, due in step["handled"])
            print(
                f"  {rate:>12.0f}{answered:>12.0f}{1000 * p99:>9.1f}{step_errors:>8}"
                f"{1000 * max(s['lag_p99'] for s in steps):>12.1f}"
                f"{100 * max(s['cpu'] for s in steps):>8.0f}%"
                f"{100 * machine:>8.0f}%{100 * database:>8.0f}%"
            )
            failed: Counter[str] = Counter()
            why: Counter[str] = Counter()
            for step in steps:
                failed.update(step["failed"])
                why.update(step["why"])
            if failed:
                print(
                    "    errors by command: "
                    + ", ".join(f"{what} {n}" for what, n in failed.most_common())
                    + "; "
                    + ", ".join(f"{n} {what}" for what, n in why.most_common())
                )
            if p99 < P99_TARGET_S and step_errors == 0:
                best = rate
            if p99 > args.stop_p99:
                break
        # Late is not lost: the fleet keeps running until every occurrence due in the
        # steps is recorded, or LATE_S pass (a minute's poll and a minute's lease: what
        # an overloaded dispatcher may take); what is missing then is lost.
        deadline = time.perf_counter() + LATE_S
        recorded = asyncio.run(deliveries(url))
        while any(key not in recorded for key in armed) and time.perf_counter() < deadline:
            time.sleep(2)
            recorded = asyncio.run(deliveries(url))
    finally:
        for last in fleet.stop():
            handled.update(occurrence(s, due) for s, due in last.get("handled", []))
    duplicates = sum(n - 1 for n in recorded.values() if n > 1)
    duplicates += sum(n - 1 for n in handled.values() if n > 1)
    missing = [key for key in armed if key not in recorded]
    lost = len(missing)
    for line in asyncio.run(rows_of(url, missing)):
        print(f"  lost: {line}")
    print(
        f"  dispatcher: {len(armed)} due, {sum(handled.values())} sent, "
        f"{duplicates} duplicated, {lost} lost"
    )
    failures = Counter(
        line.split("] ", 1)[-1].split(" guild=")[0]
        for log in fleet.logs
        for line in log.read_text().splitlines()
        if line.startswith("command failed")
    )
    for what, times in failures.most_common(3):
        print(f"  {times} failed: {what} (tracebacks in the processes' logs: --logs DIR)")
    return Outcome(count, best, answered, errors, duplicates, lost, len(armed), upgrades)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--postgres", help="the PostgreSQL URL (its public schema is reset)")
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--rates", default="40,80,120,160,200")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--servers", type=int, default=40, help="in total, split")
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--reminders", type=float, default=10.0, help="due a second in total")
    parser.add_argument("--stop-p99", type=float, default=1.0, help="seconds")
    parser.add_argument("--logs", help="keep each process's log (its tracebacks) in this folder")
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker(json.loads(args.worker)))
        return 0
    url = args.postgres or os.environ.get("LEGDAY_TEST_DATABASE_URL")
    if not url:
        parser.error("give --postgres URL (several processes need PostgreSQL)")
    args.rates = [float(r) for r in args.rates.split(",")]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    outcomes = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(args.logs or temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for count in (int(n) for n in args.processes.split(",")):
            outcomes.append(run_fleet(url, count, args, folder))
    print(f"\nload average now {os.getloadavg()[0]:.2f}")
    by_count = {o.processes: o for o in outcomes}
    ok = True
    if 1 in by_count and 2 in by_count:
        one, two = by_count[1], by_count[2]
        ratio = two.best / one.best if one.best else 0.0
        carried = two.answered / one.answered if one.answered else 0.0
        scaled = ratio >= 1.7
        ok &= scaled
        print(
            f"2 processes: {two.best:.0f} /log a second at p99 < 100 ms against "
            f"{one.best:.0f} for one ({ratio:.2f}x; at the top step {carried:.2f}x as many "
            f"answered); target >= 1.7x: {'PASS' if scaled else 'FAIL'}"
        )
    if 4 in by_count:
        four = by_count[4]
        one_migration = sum(1 for n in four.upgrades if n) == 1
        clean = four.errors == 0 and four.duplicates == 0 and four.lost == 0 and one_migration
        ok &= clean
        print(
            f"4 processes: {four.errors} errors, {four.duplicates} duplicates, {four.lost} "
            f"lost of {four.due}, migrations by {sum(1 for n in four.upgrades if n)} "
            f"process(es); target 0, 0, 0 and 1: {'PASS' if clean else 'FAIL'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
