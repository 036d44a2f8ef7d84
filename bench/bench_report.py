"""Benchmark: a weekly report for a server with 1,000 opted-in members and a year of logs.

Builds the report with the function the bot posts it with (participants, their counts,
the pure report), then the chart, and, in the same run, times one plain aggregate query
over the same rows as the baseline. Prints times, the ratio and the chart's render time.
Targets: under 2 s on SQLite and 1 s on PostgreSQL, chart included.

    python -m uv run --locked python bench/bench_report.py [--sets 3000000]
        [--postgres postgresql://postgres@127.0.0.1:5432/test]
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
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from bench_reminders import reset_database
from sqlalchemy import func, make_url, text
from sqlalchemy.orm import Session
from sqlmodel import col, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.report import WEEKS
from cogs._charts import report_chart
from services.reports import group_report
from storage.sessions import settle_person
from storage.store import Store
from storage.tables import LoggedSet

GUILD = 555
MEMBERS = 1000
AS_OF = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)
KEYS = ["back_squat", "romanian_deadlift", "leg_press", "bench_press", "barbell_row", "pull_up"]
TARGETS = {"sqlite": 2.0, "postgresql": 1.0}


def rows(total: int) -> list[tuple[object, ...]]:
    """A year of sets spread over the members, deterministic."""
    rng = random.Random(11)
    start = AS_OF - timedelta(days=365)
    out: list[tuple[object, ...]] = []
    for n in range(total):
        at = start + timedelta(seconds=rng.randrange(365 * 86400))
        weight = rng.choice([60.0, 80.0, 100.0])
        out.append(
            (
                10_000 + n % MEMBERS,
                GUILD,
                at,
                at,
                at.date(),
                rng.choice(KEYS),
                "lift",
                weight,
                weight,
                "kg",
                8,
                None,
                f"b{n // 3}",
                n % 3,
                False,
                False,
                False,
                "bench",
            )
        )
    return out


COLUMNS = (
    "person_id, guild_id, performed_at, logged_at, local_date, exercise_key, exercise_name, "
    "weight_kg, weight_typed, unit_typed, reps, rpe, batch_id, entry_index, warmup, "
    "bodyweight, per_side, source"
)


async def settle_everyone(store: Store) -> None:
    """Work out every member's sessions and hard sets, as logging them would have."""
    for person in range(10_000, 10_000 + MEMBERS):
        await store.run(settle_person, person)


def add_members(session: Session) -> None:
    session.execute(
        text(
            "INSERT INTO person (id, unit, goal, share_reports, created_at) "
            "VALUES (:id, 'kg', 'balanced', true, :at)"
        ),
        [{"id": 10_000 + n, "at": AS_OF} for n in range(MEMBERS)],
    )


async def populate(store: Store, data: list[tuple[object, ...]]) -> None:
    await store.run(add_members)
    if store.backend == "sqlite":
        path = make_url(store.url).database
        assert path is not None
        connection = sqlite3.connect(path)
        stamp = "%Y-%m-%d %H:%M:%S.%f"
        connection.executemany(
            f"INSERT INTO logged_set ({COLUMNS}) VALUES ({', '.join('?' * 18)})",
            [
                (*r[:2], r[2].strftime(stamp), r[3].strftime(stamp), r[4].isoformat(), *r[5:])  # type: ignore[attr-defined]
                for r in data
            ],
        )
        connection.commit()
        connection.close()
        await settle_everyone(store)
        connection = sqlite3.connect(path)
        connection.execute("ANALYZE")
        connection.commit()
        connection.close()
        return
    raw = await (await store.engine.connect()).get_raw_connection()
    driver: Any = raw.driver_connection  # asyncpg's own connection
    await driver.copy_records_to_table("logged_set", records=data, columns=COLUMNS.split(", "))
    raw.close()
    await settle_everyone(store)
    raw = await (await store.engine.connect()).get_raw_connection()
    driver = raw.driver_connection
    await driver.execute("VACUUM ANALYZE logged_set")
    raw.close()


async def report_once(store: Store) -> list[float]:
    """Seconds for: reading and building the report, the chart; then the total."""
    marks = [time.perf_counter()]
    report = await group_report(store, GUILD, AS_OF)
    marks.append(time.perf_counter())
    report_chart([], [week.lower_share for week in report.weekly])
    marks.append(time.perf_counter())
    assert len(report.rows) == MEMBERS
    steps = [after - before for before, after in pairwise(marks)]
    return [*steps, marks[-1] - marks[0]]


async def aggregate_once(store: Store, people: list[int]) -> float:
    """One plain aggregate over the same rows the report reads: sets per member."""
    started = time.perf_counter()
    query = (
        select(col(LoggedSet.person_id), func.count())
        .where(
            col(LoggedSet.person_id).in_(people),
            col(LoggedSet.session_at) >= AS_OF - timedelta(weeks=WEEKS),
        )
        .group_by(col(LoggedSet.person_id))
    )
    await store.run(lambda session: session.execute(query).all())
    return time.perf_counter() - started


async def median(run: Callable[[], Awaitable[float]], times: int = 5) -> float:
    return statistics.median([await run() for _ in range(times)])


async def bench(url: str, data: list[tuple[object, ...]]) -> bool:
    store = Store(url)
    await store.migrate()
    try:
        started = time.perf_counter()
        await populate(store, data)
        print(
            f"[{store.backend}] stored {len(data):,} sets in {time.perf_counter() - started:.0f} s"
        )
        people = list(range(10_000, 10_000 + MEMBERS))
        baseline = await median(lambda: aggregate_once(store, people))
        results = [await report_once(store) for _ in range(5)]
        built, chart, total = (statistics.median(r[i] for r in results) for i in range(3))
    finally:
        await store.close()
    target = TARGETS[store.backend]
    print(
        f"[{store.backend}] report {total * 1000:7.0f} ms: read and build {built * 1000:.0f}, "
        f"chart {chart * 1000:.0f}"
    )
    print(f"[{store.backend}] one aggregate query {baseline * 1000:7.0f} ms")
    print(
        f"[{store.backend}] ratio {total / baseline:.1f}; target < {target:.0f} s: "
        f"{'PASS' if total < target else 'FAIL'}"
    )
    return total < target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=3_000_000)
    parser.add_argument(
        "--postgres", help="a PostgreSQL URL to run there too (its schema is reset)"
    )
    args = parser.parse_args()
    data = rows(args.sets)
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        ok &= asyncio.run(bench(f"sqlite:///{Path(folder) / 'report.db'}", data))
    if args.postgres:
        asyncio.run(reset_database(args.postgres))
        ok &= asyncio.run(bench(args.postgres, data))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
