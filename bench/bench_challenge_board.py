"""Benchmark: the board of a challenge with 500 members and 100,000 sets in its window.

Fills a fresh database (SQLite in a temporary directory by default, or ``--url``), then
times ``storage.challenges.board`` (one query for the window's rows of the counting
members, scored in Python) and a ``BoardCache`` hit (nothing changed since the last
view: only the version query runs) against one aggregate query over the same rows
(lower-body sets per member, counted by the database), in the same run. Prints the
medians in ms, the ratios, and PASS/FAIL for the target (board under 200 ms).

    python bench/bench_challenge_board.py [--members 500] [--sets 100000] [--runs 7]
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
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select
from sqlmodel import col

from coach.catalog import load_catalog
from coach.challenges import Metric, Window
from coach.vocabulary import Region
from storage import challenges
from storage.challenges import BoardCache
from storage.store import Store
from storage.tables import Challenge, ChallengeMember, LoggedSet, Person

TARGET_MS = 200.0
GUILD = 1
WINDOW = Window.from_dates(date(2026, 3, 2), date(2026, 4, 26), ZoneInfo("Europe/Berlin"))
KEYS = ("back_squat", "romanian_deadlift", "leg_press", "bench_press", "barbell_row", "pull_up")


async def fill(store: Store, members: int, sets: int, seed: int = 5) -> Challenge:
    rng = random.Random(seed)
    now = WINDOW.start - timedelta(days=1)
    async with store.session() as session:
        await session.execute(
            insert(Person), [{"id": p, "created_at": now} for p in range(1, members + 1)]
        )
        created = await challenges.add_challenge(
            session,
            guild_id=GUILD,
            channel_id=2,
            name="Bench challenge",
            metric=Metric.LEG_SETS,
            goal=300,
            team=False,
            window=WINDOW,
            creator_id=1,
            now=now,
        )
        assert created is not None
        assert created.id is not None
        await session.execute(
            insert(ChallengeMember),
            [
                {"challenge_id": created.id, "person_id": p, "joined_at": now, "excluded": False}
                for p in range(1, members + 1)
            ],
        )
        span = (WINDOW.end - WINDOW.start).total_seconds()
        rows = []
        for i in range(sets):
            at = WINDOW.start + timedelta(seconds=rng.uniform(0, span))
            rows.append(
                {
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
                    "batch_id": f"b{i // 5}",
                    "entry_index": 0,
                    "source": "bench",
                }
            )
        await session.execute(insert(LoggedSet), rows)
    return created


async def board(store: Store, challenge: Challenge) -> int:
    async with store.session() as session:
        return len((await challenges.board(session, challenge)).standings)


async def cached_board(store: Store, cache: BoardCache, challenge: Challenge) -> int:
    async with store.session() as session:
        return len((await cache.board(session, challenge)).standings)


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
    async with store.session() as session:
        return len((await session.execute(query)).all())


async def median_ms(work: Callable[[], Awaitable[int]], runs: int) -> float:
    await work()  # warm caches and the connection pool
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def run(url: str, members: int, sets: int, runs: int) -> bool:
    store = Store(url)
    try:
        await store.migrate()
        challenge = await fill(store, members, sets)
        board_ms = await median_ms(lambda: board(store, challenge), runs)
        cache = BoardCache()
        cached_ms = await median_ms(lambda: cached_board(store, cache, challenge), runs)
        aggregate_ms = await median_ms(lambda: aggregate(store, challenge), runs)
    finally:
        await store.close()
    print(f"{store.backend}: {members} members, {sets} sets in the window, {runs} runs, medians:")
    print(f"  aggregate query (lower sets per member): {aggregate_ms:8.2f} ms")
    print(f"  board, first view (rows once, scored):   {board_ms:8.2f} ms")
    print(f"  board, unchanged since (version check):  {cached_ms:8.2f} ms")
    print(f"  ratio first view / aggregate:            {board_ms / aggregate_ms:8.2f}")
    print(f"  ratio unchanged / aggregate:             {cached_ms / aggregate_ms:8.2f}")
    passed = board_ms < TARGET_MS
    print(f"{'PASS' if passed else 'FAIL'}: board {board_ms:.2f} ms (target < {TARGET_MS:g} ms)")
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--url", help="an empty database to fill (default: temporary SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        passed = asyncio.run(run(url, args.members, args.sets, args.runs))
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
