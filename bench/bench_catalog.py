"""Benchmark: resolving typed exercise names against the catalog.

Times the mean `Catalog.resolve` call for names found exactly or after normalising, and
for misspelt or unknown names that take the fuzzy path. Prints both in ms and PASS/FAIL
for the targets (exact or normalised under 0.5 ms, fuzzy under 5 ms). These were wall-clock
assertions in the test suite, where a loaded machine made them flaky and slow.

    python bench/bench_catalog.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.catalog import Catalog, load_catalog

EXACT = ["squat", "Bulgarian Split Squats", "press bench", "db bench", "machine leg press"]
FUZZY = ["sqaut", "romanain deadlift", "dumbbell hip thrust", "zumba with friends"]
TARGETS_MS = {"exact or normalised": 0.5, "fuzzy": 5.0}


def mean_ms(catalog: Catalog, names: list[str], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for name in names:
            catalog.resolve(name)
    return (time.perf_counter() - start) * 1000 / (rounds * len(names))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="rounds of exact names")
    args = parser.parse_args()
    catalog = load_catalog()
    # The fuzzy path is about ten times slower; fewer rounds keep the run short.
    means = {
        "exact or normalised": mean_ms(catalog, EXACT, args.rounds),
        "fuzzy": mean_ms(catalog, FUZZY, max(1, args.rounds // 10)),
    }
    ok = True
    for kind, took in means.items():
        passed = took < TARGETS_MS[kind]
        ok &= passed
        print(
            f"{kind:20} mean {took:7.3f} ms  target < {TARGETS_MS[kind]} ms: "
            f"{'PASS' if passed else 'FAIL'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
