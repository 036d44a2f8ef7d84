"""Benchmark: importing a generated 50,000-row Strong export, against plain inserts.

Writes a Strong comma-layout export of ``--rows`` rows (workouts of 20 sets; a tenth of the
exercise names unknown to the catalog) to a temporary file, then, in a fresh database
(SQLite in a temporary directory by default, or ``--url``, whose public schema is reset
first on PostgreSQL), times in the same run:

- the target case: ``storage.imports.run_import`` reading the file from disk and writing
  every set, in one transaction, as ``legday import --yes`` does;
- re-importing the same file (every set found already there, nothing written);
- the baseline: plain inserts of the same rows (planned beforehand, untimed) into the
  same table, in chunks as large as the import's.

Before those it imports ``--small`` rows, and prints the process's peak memory (max RSS)
after that import and after the target one: streaming keeps it flat as the file grows.
Prints wall-clock seconds (and the process's CPU seconds, which a busy machine does not
inflate), the ratio to the baseline and PASS/FAIL for the target (under 10 s).

    python bench/bench_import.py [--rows 50000] [--small 10000]
        [--url postgresql+asyncpg://postgres@127.0.0.1:5432/NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_reminders import fresh_store
from sqlalchemy import insert
from sqlalchemy.orm import Session

from coach.catalog import load_catalog
from coach.imports.detect import read_export
from coach.imports.plan import Options, Planner
from coach.vocabulary import Unit
from storage.imports import CHUNK, ImportRequest, run_import
from storage.people import get_person
from storage.store import Store
from storage.tables import LoggedSet

TARGET_S = 10.0
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Berlin")
NAMES = (
    "Squat (Barbell)",
    "Bench Press (Barbell)",
    "Deadlift (Barbell)",
    "Romanian Deadlift (Barbell)",
    "Overhead Press (Barbell)",
    "Lat Pulldown (Cable)",
    "Leg Press",
    "Bent Over Row (Barbell)",
    "Lying Leg Curl (Machine)",
    "Iso-Lateral Row (Machine)",  # not in the catalog
)
HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE\n"
)


def write_export(path: Path, rows: int, seed: int = 15) -> None:
    """``rows`` sets, 20 a workout (4 exercises of 5 sets), a workout every other day."""
    rng = random.Random(seed)
    start = datetime(2018, 1, 1, 18)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(rows):
            workout, position = divmod(n, 20)
            when = (start + timedelta(days=2 * workout)).strftime("%Y-%m-%d %H:%M:%S")
            name = NAMES[(workout + position // 5) % len(NAMES)]
            weight = rng.choice((40, 60, 80, 100, 120)) + 2.5 * rng.randrange(4)
            rpe = rng.choice(("", "7", "8", "9"))
            reps = rng.randrange(3, 13)
            order = position % 5 + 1
            out.write(
                f'{when},"Day {workout % 3}",1h,"{name}",{order},{weight},{reps},0,0,,,{rpe}\n'
            )


def request(person: int) -> ImportRequest:
    return ImportRequest(person, "bench.csv", NOW, unit=Unit.KG, zone=ZONE.key)


async def timed_import(store: Store, path: Path, person: int) -> tuple[float, float, int, int]:
    """Wall and CPU seconds (CPU of the whole process, the driver's thread included), sets
    added and sets already there."""
    started, cpu = time.perf_counter(), time.process_time()
    with path.open(encoding="utf-8", newline="") as stream:
        summary = await store.run(run_import, request(person), stream, load_catalog(), write=True)
    wall = time.perf_counter() - started
    return wall, time.process_time() - cpu, summary.sets, summary.already_there


def planned_rows(path: Path, person: int) -> list[dict[str, object]]:
    """The rows the import writes, built without timing them, for the baseline."""
    with path.open(encoding="utf-8", newline="") as stream:
        export = read_export(stream)
        planner = Planner(export.format, Options(Unit.KG, ZONE, load_catalog()))
        return [
            {
                "person_id": person,
                "performed_at": p.performed_at,
                "logged_at": NOW,
                "local_date": p.local_date,
                "exercise_key": p.exercise.key if p.exercise else None,
                "exercise_name": p.name,
                "weight_kg": p.loggable.weight_kg,
                "reps": p.loggable.reps,
                "rpe": p.loggable.rpe,
                "batch_id": f"baseline{p.workout_no}",
                "entry_index": p.entry_index,
                "source": "import",
                "fingerprint": p.fingerprint,
            }
            for p in planner.plan(export.items)
        ]


def _insert_in_chunks(session: Session, rows: list[dict[str, object]]) -> None:
    connection = session.connection()
    it = iter(rows)
    while chunk := list(islice(it, CHUNK)):
        connection.execute(insert(LoggedSet), chunk)


async def baseline(store: Store, rows: list[dict[str, object]]) -> float:
    started = time.perf_counter()
    await store.run(_insert_in_chunks, rows)
    return time.perf_counter() - started


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _three_people(session: Session) -> None:
    for person in (1, 2, 3):
        get_person(session, person, NOW)


async def run(url: str, rows: int, small: int, folder: Path) -> bool:
    big_file, small_file = folder / "big.csv", folder / "small.csv"
    write_export(big_file, rows)
    write_export(small_file, small)
    store = await fresh_store(url)
    try:
        await store.run(_three_people)
        await timed_import(store, small_file, 3)
        small_peak = peak_rss_mib()
        seconds, cpu, added, _ = await timed_import(store, big_file, 1)
        big_peak = peak_rss_mib()
        again, again_cpu, none_added, there = await timed_import(store, big_file, 1)
        plain = await baseline(store, planned_rows(big_file, 2))
    finally:
        await store.close()
    print(f"backend: {store.backend}, rows: {rows:,}")
    print(f"import (target): {seconds:6.2f} s, CPU {cpu:.2f} s  ({added:,} sets added)")
    print(
        f"re-import:       {again:6.2f} s, CPU {again_cpu:.2f} s  "
        f"({none_added} added, {there:,} already there)"
    )
    print(f"plain inserts:   {plain:6.2f} s  (baseline; import is {seconds / plain:.1f}x)")
    print(
        f"peak RSS after {small:,} rows: {small_peak:.0f} MiB, after {rows:,}: {big_peak:.0f} MiB"
    )
    passed = seconds < TARGET_S
    print(f"{'PASS' if passed else 'FAIL'}: import under {TARGET_S:.0f} s")
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--url", help="a PostgreSQL URL (its public schema is reset)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'bench.db'}"
        passed = asyncio.run(run(url, args.rows, args.small, Path(folder)))
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
