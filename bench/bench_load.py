"""Benchmark: the real bot under load from many members in many servers, open-loop.

Drives the real ``LegDayBot`` (every cog, the command tree, discord.py's gateway parsing,
the store) through SimCord's simulated Discord. Arrivals are open-loop: each command is
sent at its own time from a Poisson process, whether or not earlier ones were answered,
and its latency runs from that time to the end of the command (the reply sent), so a
backed-up bot shows as latency, never as a politely slower driver. The mix, per second
at a /log rate of R: R /log (85 % slash commands in servers with varied notations, 5 %
slash commands in DMs, 10 % plain DMs; a process without shard 0, where Discord sends
every DM, sends that share in servers), 0.10 R /history, 0.05 R /pr, 0.03 R
/challenge board, and one /balance with its two charts; meanwhile reminders fall due
(--reminders a second, each a DM), and one weekly report for the 1,000-member server is
built and posted a third of the way into each step.

Each step first runs, as the baseline in the same run, a no-op slash command at the
step's total command rate through the same path; then the mix. It prints, per command,
count, p50, p99, max and errors; the event loop's lag (a ticker task asking for 10 ms
sleeps: p50, p99, max of the oversleep); CPU (this process, all threads, and the render
workers) and peak memory. Steps go up until /log's p99 passes a second; the answer is the
highest rate whose /log p99 stays under 100 ms. Targets: at least 300 /log a second at
p99 under 100 ms, loop lag p99 under 25 ms, 0 errors, on SQLite and PostgreSQL.

SimCord is built for tests: it tracks every task and timer of the bot and moves a
virtual clock only when the bot has settled, which a bot under constant load never does.
So the world is built with SimCord as in the tests (servers, members, /report setup,
/challenge create), and then SimCord's loop hooks are handed back and its clock follows
the wall clock: from then on timers run in real time, the gateway events and the HTTP
answers are still SimCord's. An error is a command that failed (SimCord enforces
Discord's 3 s window for a first answer: a command answering later fails) or never
finished; a deferred command (/balance) may take longer, and its latency says so.

    python -m uv run --locked python bench/bench_load.py [--postgres URL] [--rates 100,200,300]
        [--seconds 20] [--servers 40] [--members 50]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import logging
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import discord

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_reminders import insert_rows, reset_database
from sqlalchemy import text, update
from sqlalchemy.orm import Session

from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from bot.settings import Settings
from bot.tree import LegDayTree
from coach.recurrence import Weekly
from storage import challenges, schedules
from storage.tables import LoggedSet, Person, Schedule

BIG_SERVER = 1000
"""Members of the server whose weekly report is built during each step."""
WINDOW_S = 3.0
"""Discord drops an interaction not answered within 3 s."""
TICK_S = 0.010
EXERCISES = [
    ("back_squat", "squat", "lower"),
    ("romanian_deadlift", "rdl", "lower"),
    ("leg_press", "leg press", "lower"),
    ("bench_press", "bench", "upper"),
    ("barbell_row", "row", "upper"),
    ("pull_up", "pullups", "upper"),
    ("overhead_press", "ohp", "upper"),
]
NOTATIONS = [
    "squat 3x5 {w}kg @8",
    "bench {w}kg 5,5,4",
    "pullups 3x10",
    "deadlift 1x5 {w}kg",
    "rdl 3x8 {w}kg; leg press 3x12 150kg",
    "ohp 5/5/5 {w}kg",
    "plank 3x60s",
    "run 5km 25min",
    "bench 3x8 185lb",
    "hip thrust 3x10 {w}kg",
    "leg curl 3x12 40kg @9",
    "row 4x8 {w}kg",
    "dips 3x10 +10kg",
    "squat {w}kg 5x5",
]
# What arrives for each /log a second (the /log kinds sum to 1).
MIX = {
    "log": 0.85,
    "log_dm_slash": 0.05,
    "log_dm_text": 0.10,
    "history": 0.10,
    "pr": 0.05,
    "board": 0.03,
    "balance": 1.0,  # a second, whatever the rate
}
LABELS = {
    "log": "/log",
    "log_dm_slash": "/log in DMs",
    "log_dm_text": "DM text log",
    "history": "/history",
    "pr": "/pr",
    "board": "/challenge board",
    "balance": "/balance",
    "noop": "no-op baseline",
}
LOG_KINDS = ("log", "log_dm_slash", "log_dm_text")


# -- the world: servers, members, history, reminders, a report and challenges --


@dataclass
class World:
    env: Any
    bot: LegDayBot
    members: list[tuple[Any, Any]]  # (member, channel) in the small servers
    big: tuple[Any, Any] | None  # (guild, channel) of the report server, if this has it
    big_members: list[tuple[Any, Any]]
    users: list[Any]  # user handles, for DMs
    reminder_ids: list[int] = field(default_factory=list)
    report_id: int = 0
    mix: dict[str, float] = field(default_factory=lambda: dict(MIX))
    poll: float | None = None
    pool_in_use: list[int] = field(default_factory=list)  # sampled in the last phase
    dms: bool = True  # whether this bot has shard 0, where Discord sends every DM


class WallClock:
    """SimCord's clock, made to follow the wall clock once the world is built."""

    def __init__(self) -> None:
        self._started, self._epoch = time.perf_counter(), datetime.now(UTC)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self._started

    def now(self) -> datetime:
        return self._epoch + timedelta(seconds=self.elapsed)

    def advance(self, _seconds: float) -> None:
        """Time moves by itself now."""


def settings_for(url: str, shard_count: int, shard_ids: list[int] | None) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=url, shard_count=shard_count, shard_ids=shard_ids
    )


def add_noop(bot: LegDayBot) -> None:
    @bot.tree.command(name="noop", description="Benchmark baseline: answers and does nothing.")
    async def noop(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok", ephemeral=True)


async def build_world(
    bot: LegDayBot,
    servers: int,
    members: int,
    shard_ids: list[int],
    epoch_offset: float,
    big_server: bool = True,
) -> World:
    """Servers, members and what they do before the load starts, as the tests build it."""
    import simcord

    env = simcord.Env(bot, check_errors=False, settle_timeout=60.0)
    # A process with a shard range polls every minute of wall time, which would cut into
    # SimCord's settling while the world is built; ``go_real_time`` arms it.
    bot.dispatcher.poll_seconds, world_poll = None, bot.dispatcher.poll_seconds
    # The wall clock's now, moved back by ``epoch_offset``, so that processes sharing one
    # database never mint the same ids.
    env.backend.clock._epoch = datetime.now(UTC) - timedelta(seconds=epoch_offset)
    await env.start()
    shard_cycle = [shard_ids[n % len(shard_ids)] for n in range(servers + 1)]
    world_members: list[tuple[Any, Any]] = []
    users: list[Any] = []
    for n in range(servers):
        guild = env.create_guild(f"gym {n}", shard_id=shard_cycle[n])
        channel = guild.create_text_channel("gym")
        for m in range(members):
            user = env.create_user(f"lifter{n}-{m}")
            users.append(user)
            world_members.append((guild.add_member(user), channel))
    dms = 0 in shard_ids
    if not big_server:
        return World(env, bot, world_members, None, [], users, poll=world_poll, dms=dms)
    owner = env.create_user("big owner")
    big = env.create_guild("big gym", shard_id=shard_cycle[-1], owner=owner)
    big_channel = big.create_text_channel("gym")
    big_members = [(big.add_member(owner), big_channel)]
    for m in range(BIG_SERVER - 1):
        user = env.create_user(f"big{m}")
        users.append(user)
        big_members.append((big.add_member(user), big_channel))
    return World(
        env, bot, world_members, (big, big_channel), big_members, users, poll=world_poll, dms=dms
    )


async def seed(world: World, weeks: int = 8, per_week: int = 9) -> None:
    """People, a few weeks of sets each, opted in to reports; challenges; the report."""
    store, now = world.bot.store, world.env.now()
    everyone = [m for m, _ in world.members] + [m for m, _ in world.big_members]
    rng = random.Random(5)
    await store.run(
        insert_rows,
        Person,
        [{"id": m.id, "share_reports": True, "created_at": now} for m in everyone],
    )
    rows: list[dict[str, Any]] = []
    for member in everyone:
        guild_id = member.guild.id
        for n in range(weeks * per_week):
            at = now - timedelta(days=rng.uniform(0.5, weeks * 7))
            key, name, _ = rng.choice(EXERCISES)
            weight = rng.choice([40.0, 60.0, 80.0, 100.0])
            reps = rng.randint(3, 10)
            rows.append(
                {
                    "person_id": member.id,
                    "guild_id": guild_id,
                    "performed_at": at,
                    "logged_at": at,
                    "local_date": at.date(),
                    "exercise_key": key,
                    "exercise_name": name,
                    "weight_kg": weight,
                    "weight_typed": weight,
                    "unit_typed": "kg",
                    "reps": reps,
                    "rpe": 8.0,
                    "e1rm_kg": weight * (1 + reps / 30),
                    "batch_id": f"seed{member.id}-{n // 3}",
                    "entry_index": n % 3,
                    "source": "bench",
                }
            )
    for start in range(0, len(rows), 5000):
        await store.run(insert_rows, LoggedSet, rows[start : start + 5000])
    if store.backend == "postgresql":
        async with store.engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text("VACUUM ANALYZE"))
    # Reminders for the small servers' members: parked far ahead until a step needs them.
    later = now + timedelta(days=300)

    def park_reminders(session: Session) -> list[int]:
        ids = []
        for member, _ in world.members:
            row = schedules.put_schedule(
                session,
                kind="checkin",
                person_id=member.id,
                guild_id=member.guild.id,
                rule=Weekly(frozenset({0}), datetime.min.time(), "UTC"),
                now=later,
            )
            ids.append(row.id or 0)
        return ids

    world.reminder_ids.extend(await store.run(park_reminders))
    rng.shuffle(world.reminder_ids)  # each step takes the next ones (``arm_scheduled``)
    # The report (Manage Server: the owner) and a challenge in every server, by slash.
    if world.big is not None:
        big, channel = world.big
        owner = world.big_members[0][0]
        await owner.slash(
            channel, "report setup", channel=channel, day="monday", time="09:00", timezone="UTC"
        )
        world.report_id = await store.run(
            lambda session: session.execute(
                text("SELECT id FROM schedule WHERE kind = 'report' AND guild_id = :g"),
                {"g": big.id},
            ).scalar_one()  # raises if /report setup refused
        )
    today = now.date()
    seen: set[int] = set()
    for member, channel in world.members:
        if member.guild.id in seen:
            continue
        seen.add(member.guild.id)
        created = await member.slash(
            channel,
            "challenge create",
            name="Leg Month",
            metric="leg_sets",
            goal=30.0,
            starts=today.isoformat(),
            ends=(today + timedelta(days=27)).isoformat(),
        )
        if not created.response.embeds:
            raise RuntimeError(f"challenge create failed: {created.response.content!r}")
    # A fifth of the members join, through the store: by slash, SimCord's settling after
    # each of hundreds of joins took longer than the whole measurement.

    def join_some(session: Session) -> None:
        for member, _ in world.members[1::5]:
            found = challenges.find_challenge(session, member.guild.id, "Leg Month")
            if found is None or found.id is None:
                raise RuntimeError(f"no challenge in {member.guild.name}")
            challenges.join(session, found.id, member.id, now)

    await store.run(join_some)


def go_real_time(world: World) -> None:
    """Hand SimCord's loop hooks back and let its clock follow the wall clock (see above);
    from now the dispatcher polls, if it is one of several."""
    from simcord import _dpy_internals
    from simcord._runtime import _restore_loop

    env, dispatcher = world.env, world.bot.dispatcher
    _restore_loop(env)
    _dpy_internals.release_clocks(env)
    env.backend.clock = WallClock()
    if world.poll is not None and dispatcher.waker is not None:
        dispatcher.poll_seconds = world.poll
        dispatcher.waker.every(f"{dispatcher.owner}:poll", world.poll, dispatcher.wake)


# -- firing interactions and DMs without waiting for the bot --


class Driver:
    """Sends commands as a real client would, without SimCord's wait for the bot to settle,
    and times each from its arrival time to its end."""

    def __init__(self, world: World) -> None:
        from simcord import interactions

        self.world, self.backend, self.interactions = world, world.env.backend, interactions
        self.started: dict[int, tuple[str, float]] = {}
        self.done: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.why: Counter[str] = Counter()  # failed, never finished
        self.limited = 0
        self.idle = asyncio.Event()  # set while nothing sent is unfinished
        self._roots: dict[tuple[int, str], dict[str, Any]] = {}
        tree = cast(LegDayTree, world.bot.tree)
        finish = tree.finished

        def finished(interaction: discord.Interaction) -> None:
            finish(interaction)
            outcome = interaction.extras.get("outcome")
            if outcome == "rate_limited":  # the world is too small for the rate: say so
                self.limited += 1
            self._finish(interaction.id, outcome == "error")

        tree.finished = finished  # type: ignore[method-assign]
        workouts = world.bot.get_cog("Workouts")
        listeners = world.bot.extra_events["on_message"]
        original = next(f for f in listeners if getattr(f, "__self__", None) is workouts)

        async def on_message(message: discord.Message) -> None:
            failed = True
            try:
                await original(message)
                failed = False
            finally:
                self._finish(message.id, failed)

        listeners[listeners.index(original)] = on_message

    def _finish(self, key: int, failed: bool) -> None:
        entry = self.started.pop(key, None)
        if entry is None:
            return
        kind, arrived = entry
        if not self.started:
            self.idle.set()
        took = time.perf_counter() - arrived
        self.done[kind].append(took)
        if failed:
            self.errors[kind] += 1
            self.why["failed"] += 1

    def slash(
        self, kind: str, actor: Any, channel: Any, command: str, arrived: float, /, **options: Any
    ) -> None:
        from simcord.actors import _resolve_visible_command

        parts = command.split()
        key = (channel.id, parts[0])
        root = self._roots.get(key)
        if root is None:
            root = self._roots[key] = _resolve_visible_command(actor, channel.id, parts[0], 1)
        leaf, nesting = self.interactions.walk_to_subcommand(root, parts[1:])
        leaf_options, resolved = self.interactions.build_options(
            actor, command, leaf, options, channel_id=channel.id
        )
        data: dict[str, Any] = {
            "id": root["id"],
            "name": root["name"],
            "type": 1,
            "options": self.interactions.nest_options(root, nesting, leaf_options),
        }
        if resolved:
            data["resolved"] = resolved
        guild = getattr(actor, "guild", None)
        record, payload = self.interactions.base_payload(
            self.backend,
            type=2,
            channel_id=channel.id,
            guild_id=guild.id if guild is not None else None,
            user_id=actor.id,
            data=data,
        )
        self.started[record.id] = (kind, arrived)
        self.idle.clear()
        self.backend.emit("INTERACTION_CREATE", payload)

    def dm_text(self, user: Any, content: str, arrived: float) -> None:
        channel = self.backend.get_dm_channel(user.id)
        # The message is created and its event queued for the bot in one step; the bot
        # reads it on a later turn of the loop, after this records its arrival.
        message = self.backend.create_message(channel.id, user.id, content)
        self.started[message.id] = ("log_dm_text", arrived)
        self.idle.clear()

    def reset(self) -> None:
        self.done.clear()
        self.errors.clear()
        self.why.clear()
        self.limited = 0

    async def finished(self, within: float) -> None:
        """Wait until everything sent has finished, or ``within`` seconds."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.idle.wait(), within)

    def forget_backlog(self) -> None:
        """Count whatever never finished as an error and drop SimCord's records of the step."""
        for kind, _ in self.started.values():
            self.errors[kind] += 1
            self.why["never finished"] += 1
        self.started.clear()
        self.backend.transcript.clear()
        self.backend.http_requests.clear()
        self.backend.interactions.clear()
        self.backend.interaction_tokens.clear()


# -- measuring the loop, the CPU and the scheduled work --


class LoopLag:
    """A ticker asking for TICK_S sleeps; the oversleep is the loop's lag. It also notes
    how many database connections are checked out at each tick."""

    def __init__(self, pool: Callable[[], int]) -> None:
        self.samples: list[float] = []
        self.in_use: list[int] = []
        self._pool = pool
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.samples, self.in_use = [], []
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(TICK_S)
            self.samples.append(time.perf_counter() - before - TICK_S)
            self.in_use.append(self._pool())

    async def stop(self) -> list[float]:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        return self.samples


def children_cpu() -> float:
    """CPU seconds of this process's live children (the chart workers), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{os.getpid()}/task").iterdir():
            children = (task / "children").read_text().split()
            for child in children:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
    return total


class Scheduled:
    """Times what the dispatcher hands the reminder and report handlers."""

    def __init__(self, bot: LegDayBot) -> None:
        self.lag: list[float] = []
        self.outcomes: Counter[str] = Counter()
        self.report_seconds: list[float] = []
        self.report_outcomes: Counter[str] = Counter()
        self.reported = asyncio.Event()
        self.handled: list[tuple[int, str]] = []  # (schedule, due time) of each reminder
        for kind in ("checkin", "legday"):
            self._wrap(bot, kind, self._reminder)
        self._wrap(bot, "report", self._report)

    def reset(self) -> None:
        self.lag, self.report_seconds, self.handled = [], [], []
        self.outcomes, self.report_outcomes = Counter(), Counter()
        self.reported.clear()

    def _wrap(self, bot: LegDayBot, kind: str, wrapper: Callable[..., Any]) -> None:
        handler = bot.dispatcher.handlers[kind]

        async def handle(due: Any, now: datetime) -> Any:
            return await wrapper(handler, due, now)

        bot.dispatcher.handlers[kind] = handle

    async def _reminder(self, handler: Any, due: Any, now: datetime) -> Any:
        self.lag.append((now - due.due_at).total_seconds())
        handled = await handler(due, now)
        self.outcomes[handled.outcome] += 1
        self.handled.append((due.schedule_id, due.due_at.isoformat()))
        return handled

    async def _report(self, handler: Any, due: Any, now: datetime) -> Any:
        began = time.perf_counter()
        handled = await handler(due, now)
        self.report_seconds.append(time.perf_counter() - began)
        self.report_outcomes[handled.outcome] += 1
        self.reported.set()
        return handled


async def arm_scheduled(
    world: World, start: datetime, seconds: float, per_second: float
) -> list[tuple[int, datetime]]:
    """Make reminders fall due across the step, and the report a third of the way in;
    returns the reminders' occurrences, (schedule, due time)."""
    count = min(int(seconds * per_second), len(world.reminder_ids))
    # In turn, the longest unused first: moving one whose last occurrence is still
    # waiting for the dispatcher (due at the end of the last step) would replace it.
    chosen = world.reminder_ids[:count]
    world.reminder_ids = world.reminder_ids[count:] + chosen

    def arm(session: Session) -> list[tuple[int, datetime]]:
        armed = []
        for n, schedule_id in enumerate(chosen):
            due = start + timedelta(seconds=seconds * (n + 0.5) / max(count, 1))
            armed.append((schedule_id, due))
            session.execute(
                update(Schedule)
                .where(Schedule.id == schedule_id)  # type: ignore[arg-type]
                .values(next_due_at=due, status="pending", retry_at=None)
            )
        if world.report_id:
            session.execute(
                update(Schedule)
                .where(Schedule.id == world.report_id)  # type: ignore[arg-type]
                .values(next_due_at=start + timedelta(seconds=seconds / 3), status="pending")
            )
        return armed

    armed = await world.bot.store.run(arm)
    world.bot.dispatcher.wake_at(start)
    return armed


# -- one step: the baseline, then the mix --


@dataclass
class Step:
    rate: float
    seconds: float
    latency: dict[str, list[float]]
    errors: Counter[str]
    lag: list[float]
    cpu: float
    workers_cpu: float
    armed: list[tuple[int, datetime]]
    scheduled: Scheduled
    backend: str
    planned: list[tuple[float, str]]
    limited: int = 0
    cpu_per_command: tuple[float, float] = (0.0, 0.0)  # the mix's, the no-op's
    pool_in_use: list[int] = field(default_factory=list)
    why: Counter[str] = field(default_factory=Counter)

    def row(self, kind: str) -> dict[str, float]:
        samples = sorted(self.latency.get(kind, []))
        return {
            "count": len(samples),
            "p50_ms": 1000 * percentile(samples, 0.50),
            "p99_ms": 1000 * percentile(samples, 0.99),
            "max_ms": 1000 * (samples[-1] if samples else 0.0),
            "errors": self.errors.get(kind, 0),
        }


def percentile(ordered: Sequence[float], fraction: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def arrivals(rate: float, seconds: float, rng: random.Random) -> list[float]:
    """Poisson arrival times in [0, seconds) at ``rate`` a second."""
    times, at = [], rng.expovariate(rate)
    while at < seconds:
        times.append(at)
        at += rng.expovariate(rate)
    return times


def plan(
    rate: float, seconds: float, rng: random.Random, mix: dict[str, float], noop: bool
) -> list[tuple[float, str]]:
    """Every arrival of the step, in time order, with its kind (``mix`` a second per /log,
    ``balance`` an absolute rate)."""
    per_second = {k: rate * share for k, share in mix.items() if k != "balance"}
    per_second["balance"] = mix.get("balance", 0.0)
    if noop:
        per_second = {"noop": sum(per_second.values())}
    events = [
        (t, kind)
        for kind, each in per_second.items()
        if each > 0
        for t in arrivals(each, seconds, rng)
    ]
    return sorted(events)


class Load:
    """Sends each kind of command as a random member of the world."""

    def __init__(self, world: World, driver: Driver, rng: random.Random) -> None:
        self.world, self.driver, self.rng = world, driver, rng
        self.n = 0

    def fire(self, kind: str, arrived: float) -> None:
        self.n += 1
        if kind in LOG_KINDS and not self.world.dms:
            kind = "log"  # its members' DMs go to the process with shard 0, as on Discord
        member, channel = self.rng.choice(self.world.members)
        entry = self.rng.choice(NOTATIONS).format(w=60 + 5 * (self.n % 16))
        fire = self.driver.slash
        if kind == "log":
            fire(kind, member, channel, "log", arrived, entry=entry)
        elif kind == "log_dm_slash":
            user = member.user
            fire(kind, user, user.dm_channel, "log", arrived, entry=entry)
        elif kind == "log_dm_text":
            self.driver.dm_text(member.user, entry, arrived)
        elif kind == "history":
            fire(kind, member, channel, "history", arrived)
        elif kind == "pr":
            fire(kind, member, channel, "pr", arrived)
        elif kind == "board":
            fire(kind, member, channel, "challenge board", arrived, name="Leg Month")
        elif kind == "balance":
            fire(kind, member, channel, "balance", arrived)
        else:
            fire(kind, member, channel, "noop", arrived)


async def run_phase(
    world: World, driver: Driver, rate: float, seconds: float, noop: bool, seed_n: int
) -> tuple[float, float, list[float], float]:
    """Sends one phase's arrivals on time; returns the share of a core used, the workers'
    share, the loop's lag and the CPU seconds per command sent."""
    rng = random.Random(seed_n)
    events = plan(rate, seconds, rng, world.mix, noop)
    load = Load(world, driver, rng)
    pool: Any = world.bot.store.pool
    ticker = LoopLag(pool.checkedout)
    ticker.start()
    cpu, workers = time.process_time(), children_cpu()
    began = time.perf_counter()
    for offset, kind in events:
        arrives = began + offset
        wait = arrives - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        load.fire(kind, arrives)  # late arrivals go out at once, timed from their own time
    await driver.finished(WINDOW_S + 1)  # what was sent, within Discord's window
    wall = time.perf_counter() - began
    lag = await ticker.stop()
    world.pool_in_use = sorted(ticker.in_use)
    used = time.process_time() - cpu
    return used / wall, (children_cpu() - workers) / wall, lag, used / max(len(events), 1)


async def warm_up(world: World, driver: Driver) -> None:
    """Each kind a few times, untimed: first calls compile queries and fill caches."""
    load = Load(world, driver, random.Random(1))
    for kind in (*world.mix, "noop"):
        for _ in range(5):
            load.fire(kind, time.perf_counter())
            await asyncio.sleep(0.02)
    await driver.finished(30)
    driver.forget_backlog()
    driver.reset()


async def run_step(
    world: World,
    driver: Driver,
    scheduled: Scheduled,
    rate: float,
    seconds: float,
    reminders: float,
    baseline: bool = True,
) -> Step:
    driver.reset()
    scheduled.reset()
    noop_cpu = 0.0
    if baseline:
        *_, noop_cpu = await run_phase(world, driver, rate, min(seconds, 10.0), True, int(rate))
    driver.forget_backlog()
    noop_samples = {kind: list(samples) for kind, samples in driver.done.items()}
    baseline_errors = Counter(driver.errors)
    driver.reset()
    start = world.bot.clock.now()
    armed = await arm_scheduled(world, start, seconds, reminders)
    cpu, workers, lag, mix_cpu = await run_phase(world, driver, rate, seconds, False, int(rate) + 1)
    limited = driver.limited
    pool_in_use = world.pool_in_use
    driver.forget_backlog()
    why = Counter(driver.why)
    latency = {kind: list(samples) for kind, samples in driver.done.items()} | noop_samples
    errors = driver.errors + baseline_errors
    if world.report_id:  # the report, if it is still being built
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(scheduled.reported.wait(), 30)
    planned = plan(rate, seconds, random.Random(0), world.mix, False)
    backend = world.bot.store.backend
    return Step(
        rate,
        seconds,
        latency,
        errors,
        lag,
        cpu,
        workers,
        armed,
        scheduled,
        backend,
        planned,
        limited,
        (mix_cpu, noop_cpu),
        pool_in_use,
        why,
    )


def print_step(step: Step) -> None:
    total = len(step.planned) / step.seconds
    print(
        f"\n[{step.backend}] {step.rate:.0f} /log a second ({total:.0f} commands a second), "
        f"{step.seconds:.0f} s"
    )
    print(f"  {'command':<18}{'count':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    for kind in (*LOG_KINDS, "history", "pr", "board", "balance", "noop"):
        row = step.row(kind)
        print(
            f"  {LABELS[kind]:<18}{row['count']:>7.0f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            f"{row['max_ms']:>9.1f}{row['errors']:>8.0f}"
        )
    logs = sorted(x for kind in LOG_KINDS for x in step.latency.get(kind, []))
    noop = sorted(step.latency.get("noop", []))
    if logs and noop:
        print(
            f"  all /log p50 {1000 * percentile(logs, 0.5):.1f} ms, p99 "
            f"{1000 * percentile(logs, 0.99):.1f} ms: "
            f"{percentile(logs, 0.5) / max(percentile(noop, 0.5), 1e-6):.1f}x and "
            f"{percentile(logs, 0.99) / max(percentile(noop, 0.99), 1e-6):.1f}x the no-op's"
        )
    lag = sorted(step.lag)
    print(
        f"  loop lag p50 {1000 * percentile(lag, 0.5):.1f} ms, p99 "
        f"{1000 * percentile(lag, 0.99):.1f} ms, max {1000 * (lag[-1] if lag else 0):.1f} ms; "
        f"CPU {100 * step.cpu:.0f} % of a core (+{100 * step.workers_cpu:.0f} % chart workers); "
        f"peak memory so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    mix_cpu, noop_cpu = step.cpu_per_command
    print(
        f"  CPU per command (this process, all threads): the mix {1000 * mix_cpu:.2f} ms, "
        f"the no-op {1000 * noop_cpu:.2f} ms; database connections in use "
        f"p50 {percentile(step.pool_in_use, 0.5)}, max {max(step.pool_in_use, default=0)}"
    )
    if step.why:
        print("  errors: " + ", ".join(f"{n} {what}" for what, n in step.why.most_common()))
    if step.limited:
        print(f"  {step.limited} commands refused by the per-person limit: too few members")
    s = step.scheduled
    reminder_lag = sorted(s.lag)
    print(
        f"  reminders: {len(step.armed)} due, {dict(s.outcomes)}, late by p50 "
        f"{percentile(reminder_lag, 0.5):.2f} s, p99 {percentile(reminder_lag, 0.99):.2f} s; "
        f"report for {BIG_SERVER:,} members: {dict(s.report_outcomes)} in "
        f"{', '.join(f'{x:.2f} s' for x in s.report_seconds) or 'not yet'}"
    )


def log_p99(step: Step) -> float:
    return percentile(sorted(x for k in LOG_KINDS for x in step.latency.get(k, [])), 0.99)


def errors_of(step: Step) -> int:
    return sum(step.errors.values()) + sum(
        count for outcome, count in step.scheduled.outcomes.items() if outcome == "failed"
    )


# -- the whole run --


def quiet_logs() -> None:
    """INFO lines are written, as in production (one a command), but to nowhere."""
    from bot.logs import JsonFormatter

    handler = logging.StreamHandler(open(os.devnull, "w"))  # noqa: SIM115
    handler.setFormatter(JsonFormatter())
    problems = logging.StreamHandler()  # warnings and errors are shown
    problems.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.handlers[:] = [handler, problems]
    root.setLevel(logging.INFO)


@dataclass
class Options:
    url: str
    rates: list[float]
    seconds: float
    servers: int
    members: int
    reminders: float
    shard_count: int = 1
    shard_ids: list[int] | None = None
    epoch_offset: float = 0.0
    stop_p99_s: float = 1.0
    mix: dict[str, float] = field(default_factory=lambda: dict(MIX))


async def run(options: Options, on_step: Callable[[Step], None] = print_step) -> list[Step]:
    quiet_logs()
    bot = LegDayBot(
        settings_for(options.url, options.shard_count, options.shard_ids), clock=SimulatedClock()
    )
    add_noop(bot)
    shard_ids = options.shard_ids or list(range(options.shard_count))
    world = await build_world(
        bot, options.servers, options.members, shard_ids, options.epoch_offset
    )
    steps: list[Step] = []
    try:
        world.mix = options.mix
        await seed(world)
        go_real_time(world)
        # The simulated Discord's own objects (every user, server and message it keeps)
        # are not the bot's and would not be in its process: out of the collector's way.
        gc.freeze()
        driver, scheduled = Driver(world), Scheduled(bot)
        await warm_up(world, driver)
        for rate in options.rates:
            step = await run_step(
                world, driver, scheduled, rate, options.seconds, options.reminders
            )
            steps.append(step)
            on_step(step)
            if log_p99(step) > options.stop_p99_s:
                break
    finally:
        await bot.close()
        with contextlib.suppress(Exception):
            await world.env.shutdown()
    return steps


def verdict(steps: list[Step]) -> tuple[float, bool]:
    """The highest /log rate with p99 < 100 ms, and whether the targets are met."""
    good = [s for s in steps if log_p99(s) < 0.100]
    best = max((s.rate for s in good), default=0.0)
    at_target = [s for s in good if s.rate >= 300]
    met = any(percentile(sorted(s.lag), 0.99) < 0.025 and errors_of(s) == 0 for s in at_target)
    return best, met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="also run on this PostgreSQL URL (schema reset)")
    parser.add_argument("--only-postgres", action="store_true", help="skip SQLite")
    parser.add_argument("--rates", default="50,100,150,200,250,300")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--servers", type=int, default=40)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--reminders", type=float, default=10.0, help="due a second")
    parser.add_argument("--json", help="write every step's figures to this file")
    parser.add_argument(
        "--only", help="only these kinds, e.g. log or log,history (for finding what costs)"
    )
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    urls = [] if args.only_postgres else ["sqlite"]
    if args.postgres:
        urls.append(args.postgres)
    results: dict[str, Any] = {}
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for given in urls:
            url = f"sqlite:///{Path(folder) / 'load.db'}" if given == "sqlite" else given
            asyncio.run(reset_database(url))
            options = Options(url, rates, args.seconds, args.servers, args.members, args.reminders)
            if args.only:
                options.mix = {k: v for k, v in MIX.items() if k in args.only.split(",")}
            steps = asyncio.run(run(options))
            best, met = verdict(steps)
            backend = steps[0].backend if steps else url
            print(
                f"\n[{backend}] highest /log rate with p99 < 100 ms: {best:.0f} a second; "
                f"target (>= 300 a second, loop lag p99 < 25 ms, 0 errors): "
                f"{'PASS' if met else 'FAIL'}; load average now {os.getloadavg()[0]:.2f}"
            )
            ok &= met
            results[backend] = [
                {
                    "rate": s.rate,
                    "rows": {k: s.row(k) for k in (*LOG_KINDS, "history", "pr", "board")},
                    "lag_p99_ms": 1000 * percentile(sorted(s.lag), 0.99),
                    "cpu": s.cpu,
                    "errors": errors_of(s),
                }
                for s in steps
            ]
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
