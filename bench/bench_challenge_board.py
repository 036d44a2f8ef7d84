"""Benchmark: the board of a challenge with 500 members and 100,000 sets in its window.

Fills a fresh database (SQLite in a temporary directory by default, or ``--url``, whose
public schema is reset first on PostgreSQL), then times, in the same run:

- the target case: a member has just logged a set (not timed) and the board is viewed the
  way the bot does it, through ``BoardCache`` (the version check finds the change);
- the same after someone new joins the challenge (only they are scored);
- the same without a cache (``storage.challenge_board.board``: after a restart);
- a ``BoardCache`` hit (nothing changed since the last view: only the version check);
- the baseline, one aggregate query over the same rows (lower-body sets per member).

Prints the medians in ms, the ratios to the baseline, and PASS/FAIL for the target case
(board after a change under 200 ms).

    python bench/bench_challenge_board.py [--members 500] [--sets 100000] [--runs 7]
        [--metric leg_sets] [--url postgresql+asyncpg://postgres@127.0.0.1:5432/NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_reminders import reset_schema
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from sqlmodel import col

from coach.catalog import load_catalog
from coach.challenges import Metric, Window
from coach.vocabulary import Region
from storage import challenge_board, challenges
from storage.challenge_board import BoardCache
from storage.sessions import settle, settle_person
from storage.store import Store
from storage.tables import Challenge, ChallengeMember, LoggedSet, Person

TARGET_MS = 200.0
GUILD = 1
WINDOW = Window.from_dates(date(2026, 3, 2), date(2026, 4, 26), ZoneInfo("Europe/Berlin"))
KEYS = ("back_squat", "romanian_deadlift", "leg_press", "bench_press", "barbell_row", "pull_up")


def a_set(rng: random.Random, members: int, batch: str) -> dict[str, object]:
    """A random set of a random member, somewhere in the window."""
    span = (WINDOW.end - WINDOW.start).total_seconds()
    at = WINDOW.start + timedelta(seconds=rng.uniform(0, span))
    return {
        "person_id": rng.randint(1, members),
        "performed_at": at,
        "logged_at": at + timedelta(minutes=rng.randrange(120)),
        "local_date": at.date(),
        "exercise_key": rng.choice(KEYS),
        "exercise_name": "set",
        "weight_kg": float(rng.randrange(40, 200)),
        "reps": rng.randint(3, 12),
        "rpe": rng.choice((None, 7.0, 8.0, 9.0)),
        "warmup": rng.random() < 0.1,
        "bodyweight": False,
        "per_side": False,
        "batch_id": batch,
        "entry_index": 0,
        "source": "bench",
    }


def _stored(
    session: Session, members: int, sets: int, metric: Metric, rng: random.Random
) -> Challenge:
    """The people, the challenge they all take part in, and their sets."""
    now = WINDOW.start - timedelta(days=1)
    session.execute(insert(Person), [{"id": p, "created_at": now} for p in range(1, members + 1)])
    created = challenges.add_challenge(
        session,
        guild_id=GUILD,
        channel_id=2,
        name="Bench challenge",
        metric=metric,
        goal=300,
        team=False,
        window=WINDOW,
        creator_id=1,
        now=now,
    )
    assert created is not None
    assert created.id is not None
    session.execute(
        insert(ChallengeMember),
        [
            {"challenge_id": created.id, "person_id": p, "joined_at": now, "excluded": False}
            for p in range(1, members + 1)
        ],
    )
    rows = [a_set(rng, members, f"b{i // 5}") for i in range(sets)]
    session.execute(insert(LoggedSet), rows)
    return created


async def fill(store: Store, members: int, sets: int, metric: Metric, seed: int = 5) -> Challenge:
    rng = random.Random(seed)
    created = await store.run(_stored, members, sets, metric, rng)
    # Each set's session and hardness, as logging them would have worked them out.
    for person in range(1, members + 1):
        await store.run(settle_person, person)
    return created


async def log_a_set(store: Store, rng: random.Random, members: int) -> None:
    """What the target case follows: one member logs one more set in the window."""
    row = a_set(rng, members, "new")

    def unit(session: Session) -> None:
        session.execute(insert(LoggedSet), [row])
        person, at = row["person_id"], row["performed_at"]
        assert isinstance(person, int)
        assert isinstance(at, datetime)
        settle(session, person, [at])

    await store.run(unit)


async def join_a_member(store: Store, challenge: Challenge, person: int) -> None:
    """What the join case follows: someone who was not taking part joins."""
    await store.run(challenges.join, challenge.id or 0, person, WINDOW.start)


async def board(store: Store, challenge: Challenge) -> int:
    return len((await store.run(challenge_board.board, challenge)).standings)


async def cached_board(store: Store, cache: BoardCache, challenge: Challenge) -> int:
    return len((await store.run(cache.board, challenge)).standings)


async def aggregate(store: Store, challenge: Challenge) -> int:
    """The floor: the database counts lower-body sets per member over the same rows."""
    lower = [e.key for e in load_catalog().exercises if e.region is Region.LOWER]
    query = (
        select(col(LoggedSet.person_id), func.count())
        .join(
            ChallengeMember,
            (col(ChallengeMember.person_id) == col(LoggedSet.person_id))
            & (col(ChallengeMember.challenge_id) == challenge.id),
        )
        .where(
            col(LoggedSet.performed_at) >= WINDOW.start,
            col(LoggedSet.performed_at) < WINDOW.end,
            col(LoggedSet.exercise_key).in_(lower),
        )
        .group_by(col(LoggedSet.person_id))
    )
    return await store.run(lambda session: len(session.execute(query).all()))


async def median_ms(
    work: Callable[[], Awaitable[int]],
    runs: int,
    before: Callable[[], Awaitable[None]] | None = None,
) -> float:
    """The median time of ``work``; ``before`` runs untimed ahead of each try."""
    await work()  # warm caches and the connection pool
    times = []
    for _ in range(runs):
        if before is not None:
            await before()
        started = time.perf_counter()
        await work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def run(url: str, members: int, sets: int, runs: int, metric: Metric) -> bool:
    store = Store(url)
    rng = random.Random(7)
    try:
        await reset_schema(store)
        await store.migrate()
        challenge = await fill(store, members, sets, metric)
        cache = BoardCache()
        changed_ms = await median_ms(
            lambda: cached_board(store, cache, challenge),
            runs,
            before=lambda: log_a_set(store, rng, members),
        )
        joiners = iter(range(members + 1, members + runs + 2))
        joined_ms = await median_ms(
            lambda: cached_board(store, cache, challenge),
            runs,
            before=lambda: join_a_member(store, challenge, next(joiners)),
        )
        uncached_ms = await median_ms(lambda: board(store, challenge), runs)
        unchanged_ms = await median_ms(lambda: cached_board(store, cache, challenge), runs)
        aggregate_ms = await median_ms(lambda: aggregate(store, challenge), runs)
    finally:
        await store.close()
    print(
        f"{store.backend}: {metric.value}, {members} members, {sets} sets in the window, "
        f"{runs} runs, medians:"
    )
    print(f"  aggregate query (lower sets per member):     {aggregate_ms:8.2f} ms")
    print(f"  board after a member logged a set (cached):  {changed_ms:8.2f} ms   <- target case")
    print(f"  board after a member joined (cached):        {joined_ms:8.2f} ms")
    print(f"  board without a cache (after a restart):     {uncached_ms:8.2f} ms")
    print(f"  board unchanged since (version check only):  {unchanged_ms:8.2f} ms")
    print(f"  ratio after a change / aggregate:            {changed_ms / aggregate_ms:8.2f}")
    print(f"  ratio after a join / aggregate:              {joined_ms / aggregate_ms:8.2f}")
    print(f"  ratio without a cache / aggregate:           {uncached_ms / aggregate_ms:8.2f}")
    print(f"  ratio unchanged / aggregate:                 {unchanged_ms / aggregate_ms:8.2f}")
    passed = changed_ms < TARGET_MS
    verdict = "PASS" if passed else "FAIL"
    print(f"{verdict}: board after a change {changed_ms:.2f} ms (target < {TARGET_MS:g} ms)")
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--metric", type=Metric, default=Metric.LEG_SETS, choices=list(Metric))
    parser.add_argument(
        "--url",
        help="a database to fill (default: temporary SQLite); PostgreSQL's schema is reset",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'bench.db'}"
        passed = asyncio.run(run(url, args.members, args.sets, args.runs, args.metric))
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
