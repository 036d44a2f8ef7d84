"""Fault harness: scheduled reminders under kill -9, slow sends, a skewed clock and an outage.

N real OS processes (default 4), each running the real ``bot.dispatcher.Dispatcher`` on
one database, send to a stub that appends a line to a shared file for every send it
starts and every send that reaches "Discord" (``O_APPEND`` writes of one short line,
which the kernel never interleaves). Nothing a process believes about itself is
trusted: the file says what was sent, the database what was recorded.

Scenarios (times are shortened so the whole run stays near a minute; each says how):
- ``kill``: reminders come due over six seconds while a running process is killed with
  SIGKILL mid-send about every 0.7 s (six times) and started again: the victim is one
  whose stub has begun a send it has not finished. At each kill it counts the sends the
  process was in the middle of (begun, not finished: at most one) and those it had not
  recorded (that one, and any that finished while a record was being written, none a
  second or more before the kill); duplicates must not exceed the sum of the
  unrecorded.
- ``slow``: every send takes 1 s or 2.5 s, which is 4 s and 10 s at a quarter of the
  time, with a lease of 1.5 s: sends outlast their lease, so only renewal prevents
  another process from taking the row.
- ``skew``: one process's clock is 10 minutes ahead (not scaled), with sends in flight
  at the others all the while.
- ``outage``: Discord answers 503 to everything for 30 minutes. The processes' clocks
  run 120 times faster than real time (a minute in half a second) so retries, backing
  off from 1 to 15 minutes within the 2-hour grace period, fit in ~20 s; leases and
  sends stay real-time.

Per scenario it prints: due, sent (distinct occurrences), lost, duplicated, sends in
flight and unrecorded at each kill, the longest a finished send had waited for its
record at a kill, late beyond the lease (occurrences a killed process had claimed and
not recorded: they wait for its lease to lapse), early (sent before due, by the true
clock) and the slowest send after its due time, in real seconds (a busy machine shows
here). Targets: 0 lost, duplicates 0 (``kill``: at most the unrecorded total, every kill
mid-send, no record waited for a second); exit status 1 otherwise.

Runs on SQLite, and on PostgreSQL when ``--postgres URL`` or ``LEGDAY_TEST_DATABASE_URL``
is given (the database's public schema is dropped and recreated).

    python -m uv run --locked python bench/bench_dispatch_faults.py [--scenarios kill,slow]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from sqlmodel import col

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # when imported by the tests

import discord
from bench_reminders import fresh_store

from bot.dispatcher import Dispatcher, Handled
from bot.sending import failed
from storage import schedules
from storage.schedules import Due
from storage.store import Store
from storage.tables import Delivery, Person, Schedule

PROCESSES = 4
RECORD_WAIT = 1.0  # seconds a finished send may wait for its record, on a busy machine
POLL = 0.05  # seconds between a worker's drains: the interval wake-up, shortened


@dataclass(frozen=True)
class Scenario:
    """One run's settings; workers get it as JSON."""

    name: str
    rows: int
    spread: float = 0.0  # seconds over which the rows come due, from the start
    sends: tuple[float, ...] = (0.02,)  # seconds a send takes, taken in turn
    lease: float = 1.5
    kill_every: float | None = None  # seconds between kills, on average
    kills: int = 0  # how many mid-send, each of a worker sending while another one runs
    skew: float = 0.0  # seconds worker 0's clock is ahead
    speed: float = 1.0  # simulated seconds per real second, for every worker's clock
    outage: float = 0.0  # simulated seconds from the start when Discord answers 503
    timeout: float = 40.0


SCENARIOS = {
    "kill": Scenario("kill", rows=200, spread=6.0, kill_every=0.7, kills=6),
    "slow": Scenario("slow", rows=16, spread=5.0, sends=(1.0, 2.5)),
    "skew": Scenario("skew", rows=100, sends=(0.1,), skew=600.0),
    "outage": Scenario("outage", rows=100, speed=120.0, outage=1800.0, timeout=60.0),
}


@dataclass(frozen=True)
class Kill:
    """What a killed process left: read from the stub's log and the table once it is dead."""

    sending: int
    """Sends it had begun and not finished: the kill landed mid-send when 1."""
    unrecorded: int
    """Sends it had begun and not recorded: those may go out again."""
    waited: float
    """How long before the kill the earliest finished, unrecorded send had finished: its
    record was still being written (0 when there is none)."""
    held: int
    """Occurrences it had claimed and not recorded: they wait for its lease to lapse."""


@dataclass
class Result:
    scenario: str
    due: int
    sent: int
    lost: int
    duplicated: int
    kills: list[Kill] = field(default_factory=list)
    kills_wanted: int = 0
    slowest: float = 0.0
    early: int = 0
    seconds: float = 0.0

    @property
    def late_beyond_lease(self) -> int:
        return sum(kill.held for kill in self.kills)

    @property
    def mid_send(self) -> int:
        """Kills that landed in the middle of a send (a send may finish between choosing
        the victim and killing it: that kill is not counted, and another one follows)."""
        return sum(kill.sending for kill in self.kills)

    @property
    def ok(self) -> bool:
        allowed = sum(kill.unrecorded for kill in self.kills)
        # Records are written as sends return (bot.dispatcher): none waits long.
        kept_up = all(kill.waited < RECORD_WAIT for kill in self.kills)
        return (
            self.lost == 0
            and self.duplicated <= allowed
            and self.mid_send >= self.kills_wanted
            and kept_up
        )


class ScaledClock:
    """The worker's notion of now: real time, moved ahead and run faster as configured."""

    def __init__(self, origin: float, speed: float, skew: float) -> None:
        self.origin, self.speed, self.skew = origin, speed, skew

    def now(self) -> datetime:
        real = time.time()
        return datetime.fromtimestamp(
            self.origin + (real - self.origin) * self.speed + self.skew, UTC
        )


async def until(check: Callable[[], bool]) -> None:
    """Wait for another process to do something; files have no event to await."""
    while not check():  # noqa: ASYNC110
        await asyncio.sleep(0.02)


def _line(log: int, event: str, due: Due) -> None:
    stamp = int(due.due_at.timestamp() * 1_000_000)
    os.write(log, f"{event} {due.schedule_id} {stamp} {os.getpid()} {time.time():.6f}\n".encode())


async def worker(url: str, log_path: str, index: int, scenario: Scenario) -> None:
    """One dispatcher process: says it is ready, waits for the start, then drains, pauses
    and drains until it is killed."""
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.write(log, f"ready - 0 {os.getpid()} {time.time():.6f}\n".encode())
    start = Path(log_path).with_suffix(".start")
    await until(start.exists)
    origin = float(start.read_text())
    clock = ScaledClock(origin, scenario.speed, scenario.skew if index == 0 else 0.0)
    outage_ends = datetime.fromtimestamp(origin + scenario.outage, UTC)
    sends = iter(range(10**9))

    async def stub(due: Due, now: datetime) -> Handled:
        if now < outage_ends:
            error = discord.DiscordServerError(SimpleNamespace(status=503, reason="x"), "outage")
            return failed(error)
        _line(log, "begin", due)
        await asyncio.sleep(scenario.sends[next(sends) % len(scenario.sends)])
        _line(log, "sent", due)
        return Handled("sent", sent=True)

    claim = schedules.claim

    def logged_claim(*args: Any, **kwargs: Any) -> list[Due]:
        claimed = claim(*args, **kwargs)
        for due in claimed:
            _line(log, "claim", due)
        return claimed

    schedules.claim = logged_claim  # the dispatcher's only claim, seen from here

    store = Store(url)
    dispatcher = Dispatcher(
        store, clock, owner=f"w{index}:{os.getpid()}", lease=timedelta(seconds=scenario.lease)
    )
    dispatcher.register("legday", stub)
    while True:
        await dispatcher.drain()
        await asyncio.sleep(POLL)


async def insert_due(store: Store, scenario: Scenario, origin: float) -> dict[int, float]:
    """The scenario's reminders, due over its spread; returns each one's due time by id."""
    start = datetime.fromtimestamp(origin, UTC)
    due = {
        i: origin + scenario.spread * i / max(scenario.rows - 1, 1) for i in range(scenario.rows)
    }

    def unit(session: Session) -> dict[int, float]:
        session.execute(insert(Person), [{"id": 10_000 + i, "created_at": start} for i in due])
        session.execute(
            insert(Schedule),
            [
                {
                    "kind": "legday",
                    "person_id": 10_000 + i,
                    "weekdays": "0",
                    "local_time": "18:00",
                    "timezone": "UTC",
                    "next_due_at": datetime.fromtimestamp(at, UTC),
                    "status": "pending",
                    "attempts": 0,
                    "created_at": start,
                }
                for i, at in due.items()
            ],
        )
        rows = session.execute(select(col(Schedule.id), col(Schedule.next_due_at)))
        return {schedule_id: at.timestamp() for schedule_id, at in rows if schedule_id is not None}

    return await store.run(unit)


def _spawn(url: str, log: Path, index: int, scenario: Scenario) -> subprocess.Popen[bytes]:
    config = json.dumps({"url": url, "log": str(log), "index": index, **asdict(scenario)})
    return subprocess.Popen([sys.executable, __file__, "--worker", config])


def _events(log: Path) -> list[tuple[str, tuple[int, int], int, float]]:
    if not log.exists():
        return []
    events = []
    for line in log.read_text().splitlines():
        event, schedule_id, due, pid, at = line.split()
        if event != "ready":
            events.append((event, (int(schedule_id), int(due)), int(pid), float(at)))
    return events


def _ready(log: Path) -> set[int]:
    if not log.exists():
        return set()
    return {int(line.split()[3]) for line in log.read_text().splitlines() if line[:5] == "ready"}


async def _recorded(store: Store) -> set[tuple[int, int]]:
    def unit(session: Session) -> set[tuple[int, int]]:
        rows = session.execute(select(col(Delivery.schedule_id), col(Delivery.due_at)))
        return {(sid, int(at.timestamp() * 1_000_000)) for sid, at in rows}

    return await store.run(unit)


async def _count_recorded(store: Store) -> int:
    def unit(session: Session) -> int:
        return int(session.execute(select(func.count()).select_from(Delivery)).scalar_one())

    return await store.run(unit)


async def run(url: str, scenario: Scenario, processes: int = PROCESSES, seed: int = 13) -> Result:
    """Run one scenario on a fresh database; returns what the log and the table show."""
    chance = random.Random(seed)
    store = await fresh_store(url)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "sends.log"
        workers = [_spawn(url, log, i, scenario) for i in range(processes)]
        kills: list[Kill] = []
        try:
            # Starting a Python process with discord.py takes seconds on a busy machine:
            # the clock starts once all are up, and only running workers are killed.
            await until(lambda: len(_ready(log)) == processes)
            origin = time.time() + 0.2
            due = await insert_due(store, scenario, origin)
            log.with_suffix(".start").write_text(repr(origin))
            started = time.monotonic()
            next_kill = started + (scenario.kill_every or 0) * chance.uniform(0.5, 1.5)
            while time.monotonic() - started < scenario.timeout:
                if await _count_recorded(store) >= scenario.rows:
                    break
                running = [i for i, w in enumerate(workers) if w.pid in _ready(log)]
                # Only a process in the middle of a send: a kill between sends, or of one
                # that holds nothing, would test neither loss nor repetition.
                sending = [i for i in running if _sending(log, workers[i].pid)]
                if (
                    sum(kill.sending for kill in kills) < scenario.kills
                    and len(running) > 1
                    and sending
                    and time.monotonic() >= next_kill
                ):
                    victim = chance.choice(sending)
                    kills.append(await _kill(store, log, workers[victim]))
                    workers[victim] = _spawn(url, log, victim, scenario)
                    next_kill = time.monotonic() + (scenario.kill_every or 0) * chance.uniform(
                        0.5, 1.5
                    )
                await asyncio.sleep(0.05)
            elapsed = time.monotonic() - started
        finally:
            for process in workers:
                process.kill()
                process.wait()
        events = _events(log)
    await store.close()
    return _tally(scenario, due, events, kills, elapsed)


def _sends(log: Path, pid: int) -> tuple[set[tuple[int, int]], dict[tuple[int, int], float]]:
    """The sends this process began, and those it finished with when."""
    ours = [(event, key, at) for event, key, of, at in _events(log) if of == pid]
    begun = {key for event, key, _ in ours if event == "begin"}
    return begun, {key: at for event, key, at in ours if event == "sent"}


def _sending(log: Path, pid: int) -> bool:
    begun, finished = _sends(log, pid)
    return bool(begun - finished.keys())


async def _kill(store: Store, log: Path, process: subprocess.Popen[bytes]) -> Kill:
    """SIGKILL one worker, and say what it left."""
    killed_at = time.time()
    process.send_signal(signal.SIGKILL)
    process.wait()
    recorded = await _recorded(store)
    begun, finished = _sends(log, process.pid)
    waiting = [at for key, at in finished.items() if key not in recorded]
    held = {key for event, key, pid, _ in _events(log) if pid == process.pid and event == "claim"}
    return Kill(
        sending=len(begun - finished.keys()),
        unrecorded=len(begun - recorded),
        waited=killed_at - min(waiting, default=killed_at),
        held=len(held - recorded),
    )


def _tally(
    scenario: Scenario,
    due: dict[int, float],
    events: list[tuple[str, tuple[int, int], int, float]],
    kills: list[Kill],
    elapsed: float,
) -> Result:
    sent_at: dict[int, list[float]] = {}
    for event, (schedule_id, _due), _pid, at in events:
        if event == "sent":
            sent_at.setdefault(schedule_id, []).append(at)
    copies = Counter({key: len(times) for key, times in sent_at.items()})
    first = {key: min(times) for key, times in sent_at.items()}
    # Lateness in real seconds from when it was due (scaled clocks: simulated due times).
    origin = min(due.values())
    real_due = {key: origin + (at - origin) / scenario.speed for key, at in due.items()}
    late = [first[key] - real_due[key] for key in first]
    return Result(
        scenario=scenario.name,
        due=scenario.rows,
        sent=len(first),
        lost=scenario.rows - len(first),
        duplicated=sum(n - 1 for n in copies.values()),
        kills=kills,
        kills_wanted=scenario.kills,
        early=sum(1 for x in late if x < 0),
        slowest=max(late, default=0.0),
        seconds=elapsed,
    )


def report(database: str, result: Result) -> str:
    kills = ",".join(f"{kill.sending}/{kill.unrecorded}" for kill in result.kills) or "-"
    waited = max((kill.waited for kill in result.kills), default=0.0)
    return (
        f"{database:<10} {result.scenario:<7} due {result.due:>4}  sent {result.sent:>4}  "
        f"lost {result.lost}  duplicated {result.duplicated}  "
        f"sending/unrecorded at kills [{kills}]  longest wait for a record {waited:.2f}s  "
        f"late beyond lease {result.late_beyond_lease}  early {result.early}  "
        f"slowest {result.slowest:.1f}s  "
        f"{result.seconds:.1f}s  {'OK' if result.ok else 'FAIL'}"
    )


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--processes", type=int, default=PROCESSES)
    parser.add_argument("--postgres", default=os.environ.get("LEGDAY_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    chosen = [SCENARIOS[name] for name in args.scenarios.split(",")]
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        databases = [] if args.no_sqlite else [("SQLite", f"sqlite:///{folder}/")]
        if args.postgres:
            databases.append(("PostgreSQL", args.postgres))
        for name, url in databases:
            for scenario in chosen:
                # A file per scenario on SQLite; PostgreSQL's schema is recreated each time.
                where = f"{url}{scenario.name}.db" if url.endswith("/") else url
                result = await run(where, scenario, args.processes)
                print(report(name, result), flush=True)
                ok &= result.ok
    return 0 if ok else 1


def work(config: str) -> None:
    settings = json.loads(config)
    url, log, index = (settings.pop(key) for key in ("url", "log", "index"))
    settings["sends"] = tuple(settings["sends"])
    asyncio.run(worker(url, log, index, Scenario(**settings)))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        work(sys.argv[2])
    else:
        sys.exit(asyncio.run(main()))
