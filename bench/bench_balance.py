"""Benchmark: the balance model (`assess`) over two years of one person's logs.

Generates 15,000 sets and a check-in most days over two years, deterministically, then
times `assess` against the "loading" baseline: only building the `TrainingSet` list from
plain dict rows, as a store would hand them over. Prints the median of both in ms, the
ratio, and PASS/FAIL for the target (assess under 50 ms).

    python bench/bench_balance.py [--sets 15000] [--runs 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.findings import assess
from coach.training import CheckIn, Goal, Profile, Sex, TrainingSet

TARGET_MS = 50.0
AS_OF = datetime(2026, 11, 21, 20, tzinfo=UTC)
TZ = ZoneInfo("Europe/Berlin")

# A four-day upper/lower split: (exercise key, starting kg, reps, sets).
SPLIT: tuple[tuple[tuple[str, float, int, int], ...], ...] = (
    (("back_squat", 100, 5, 4), ("romanian_deadlift", 90, 8, 3), ("leg_press", 150, 10, 3),
     ("lying_leg_curl", 40, 12, 3), ("standing_calf_raise", 80, 12, 3)),
    (("bench_press", 80, 5, 4), ("barbell_row", 70, 8, 4), ("overhead_press", 50, 8, 3),
     ("lat_pulldown", 60, 10, 3), ("barbell_curl", 30, 10, 3), ("triceps_pushdown", 25, 12, 3)),
    (("deadlift", 140, 3, 3), ("front_squat", 80, 6, 3), ("bulgarian_split_squat", 20, 10, 3),
     ("hip_thrust", 100, 10, 3), ("leg_extension", 50, 12, 3)),
    (("incline_bench_press", 70, 8, 4), ("pull_up", 0, 8, 4), ("dip", 0, 10, 3),
     ("lateral_raise", 10, 15, 4), ("barbell_curl", 30, 10, 3)),
)  # fmt: skip


def generate_rows(total: int, seed: int = 7) -> list[dict[str, object]]:
    """``total`` set rows over the two years before AS_OF, with slow progress and noise."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    start = AS_OF - timedelta(days=730)
    session = 0
    while len(rows) < total:
        day = start + timedelta(days=session * 730 * 42 / total)  # ~42 sets a session
        progress = 1 + 0.15 * (day - start).days / 730
        clock = day.replace(hour=17) + timedelta(minutes=rng.randrange(180))
        for key, kg, reps, sets in SPLIT[session % len(SPLIT)]:
            rows.append(_row(clock, key, kg * 0.5, reps, None, warmup=True))
            for _ in range(sets + rng.choice((0, 0, 1))):
                clock += timedelta(minutes=3)
                weight = round(kg * progress * rng.uniform(0.95, 1.03) / 2.5) * 2.5
                rpe = rng.choice((None, 7.0, 7.5, 8.0, 8.5, 9.0))
                rows.append(_row(clock, key, weight, reps, rpe))
            clock += timedelta(minutes=3)
        session += 1
    return rows[:total]


def _row(
    at: datetime, key: str, weight: float, reps: int, rpe: float | None, warmup: bool = False
) -> dict[str, object]:
    return {"at": at, "key": key, "weight_kg": weight, "reps": reps, "rpe": rpe, "warmup": warmup}


def generate_checkins(seed: int = 11) -> list[CheckIn]:
    rng = random.Random(seed)
    return [
        CheckIn(
            AS_OF - timedelta(days=d, hours=12),
            sleep_hours=rng.choice((6.0, 6.5, 7.0, 7.5, 8.0)),
            soreness=rng.randint(0, 3),
            energy=rng.randint(2, 5),
        )
        for d in range(730)
        if rng.random() < 0.8
    ]


def build_sets(
    rows: list[dict[str, object]], exercises: Mapping[str, Exercise]
) -> list[TrainingSet]:
    """The loading baseline: plain rows to records, nothing else."""
    sets = []
    for row in rows:
        exercise = exercises.get(str(row["key"]))
        sets.append(
            TrainingSet(
                at=row["at"],  # type: ignore[arg-type]
                exercise=exercise,
                typed_name=str(row["key"]),
                weight_kg=row["weight_kg"],  # type: ignore[arg-type]
                reps=row["reps"],  # type: ignore[arg-type]
                rpe=row["rpe"],  # type: ignore[arg-type]
                warmup=bool(row["warmup"]),
                bodyweight=exercise is not None and exercise.bodyweight,
            )
        )
    return sets


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sets", type=int, default=15_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    catalog = load_catalog()
    keys = {key for day in SPLIT for key, *_ in day}
    exercises = {key: ex for key in keys if (ex := catalog.get(key)) is not None}
    rows = generate_rows(args.sets)
    checkins = generate_checkins()
    sets = build_sets(rows, exercises)
    profile = Profile(sex=Sex.MALE, bodyweight_kg=82, days_per_week=4, goal=Goal.BALANCED)

    loading = median_ms(lambda: build_sets(rows, exercises), args.runs)
    assessing = median_ms(lambda: assess(sets, checkins, profile, TZ, AS_OF), args.runs)
    findings = assess(sets, checkins, profile, TZ, AS_OF).findings

    print(f"{len(sets)} sets, {len(checkins)} check-ins, {args.runs} runs, medians:")
    print(f"  loading (rows -> TrainingSet): {loading:8.2f} ms")
    print(f"  assess:                        {assessing:8.2f} ms")
    print(f"  ratio assess / loading:        {assessing / loading:8.2f}")
    print(f"  findings: {', '.join(f'{f.code}:{f.severity}' for f in findings) or 'none'}")
    passed = assessing < TARGET_MS
    print(f"{'PASS' if passed else 'FAIL'}: assess {assessing:.2f} ms (target < {TARGET_MS:g} ms)")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
