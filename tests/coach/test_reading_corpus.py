"""Real lines from other projects and public logs, read the bot's way, against their meaning.

Targets from issue 14: at least 85 % read as meant or correctly refused, at most 2 %
silently misread. bench/bench_notation.py prints the same shares and the timings.
"""

from __future__ import annotations

from pathlib import Path

from coach.catalog import load_catalog
from coach.reading_check import Outcome, load_cases, tally

CORPUS = Path(__file__).parents[1] / "fixtures" / "notation_corpus.jsonl"


def test_the_corpus_has_two_hundred_lines_from_several_sources() -> None:
    cases = load_cases(CORPUS)
    assert len(cases) >= 200
    assert len({case.source for case in cases}) >= 8


def test_the_corpus_is_read_as_meant_and_almost_never_misread() -> None:
    cases = load_cases(CORPUS)
    counts = tally(cases, load_catalog())
    total = len(cases)
    good = counts[Outcome.MEANT] + counts[Outcome.REFUSED_RIGHTLY]
    assert good / total >= 0.85, counts
    assert counts[Outcome.MISREAD] / total <= 0.02, counts


def test_a_misread_is_caught_by_the_scoring() -> None:
    # The scorer itself must notice wrong numbers, or the shares above mean nothing.
    case = next(c for c in load_cases(CORPUS) if c.text == "Squat\n3x5@165")
    wrong = type(case)(case.source, case.unit, case.text, ((5, 165.0, None),) * 2)
    assert tally([case], load_catalog())[Outcome.MEANT] == 1
    assert tally([wrong], load_catalog())[Outcome.MISREAD] == 1
