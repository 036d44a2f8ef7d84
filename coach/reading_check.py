"""Scores how text is read against what its authors meant: the corpus of real lines.

Each case is a text (a line, with the name line above it when the author wrote one), the
writer's unit, and the sets they meant as ``[count, reps, weight, rpe]`` runs, or None when
nothing in it is a set to log (a date, a plan, a run). Reading it the bot's way ends in
one of five outcomes; the share "read as meant or correctly refused" and the share
"silently misread" are the two numbers that matter.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from coach.catalog import Catalog
from coach.entries import read_entries
from coach.vocabulary import Unit


class Outcome(Enum):
    MEANT = "read as meant"
    REFUSED_RIGHTLY = "correctly refused"
    REFUSED = "refused"
    ASKED = "asked"
    MISREAD = "silently misread"


@dataclass(frozen=True, slots=True)
class Case:
    source: str
    unit: Unit
    text: str
    meant: tuple[tuple[int, float | None, float | None], ...] | None
    """(reps, weight as typed, rpe) per set; an RPE of None is not checked."""


def load_cases(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        meant = None
        if raw["meant"] is not None:
            meant = tuple(
                (reps, weight, rpe)
                for count, reps, weight, rpe in raw["meant"]
                for _ in range(count)
            )
        cases.append(Case(raw["source"], Unit(raw["unit"]), raw["text"], meant))
    return cases


def outcome(case: Case, catalog: Catalog) -> Outcome:
    read = read_entries(case.text, case.unit, catalog)
    if read.questions:
        return Outcome.ASKED
    if not read.entries:
        return Outcome.REFUSED_RIGHTLY if case.meant is None else Outcome.REFUSED
    if case.meant is None:
        return Outcome.MISREAD
    got = [(s.reps, s.weight_typed, s.rpe) for entry in read.entries for s in entry.sets]
    return Outcome.MEANT if _same(got, case.meant) else Outcome.MISREAD


def _same(
    got: Sequence[tuple[int | None, float | None, float | None]],
    meant: Sequence[tuple[int, float | None, float | None]],
) -> bool:
    if len(got) != len(meant):
        return False
    return all(
        reps == want_reps and weight == want_weight and (want_rpe is None or rpe == want_rpe)
        for (reps, weight, rpe), (want_reps, want_weight, want_rpe) in zip(got, meant, strict=True)
    )


def tally(cases: Iterable[Case], catalog: Catalog) -> Counter[Outcome]:
    return Counter(outcome(case, catalog) for case in cases)
