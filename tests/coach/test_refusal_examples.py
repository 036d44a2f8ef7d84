"""The example a refused line ends with ("Try: `squat 3x5 100kg @8`") logs as it stands:
advice that was itself refused would leave the person going round in circles."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from coach.catalog import load_catalog
from coach.entries import read_entries
from coach.vocabulary import Unit

CORPUS = Path(__file__).parents[1] / "fixtures" / "notation_corpus.jsonl"
TRY = re.compile(r"Try: `([^`]+)`\.$")
# Lines people get wrong, each meant to reach a different refusal.
MISTAKES = [
    "squat 3x5 100kg @11",
    "squat 5x",
    "squat 3x5 100kg 110kg",
    "squat 3x5x5x5",
    "squat 0x5 100kg",
    "squat 3x0 100kg",
    "squat 3x5 -100kg",
    "bench -100x5",
    "squat 3x500 100kg",
    "squat 3x5 9999kg",
    "squat 3x5 100kg @8 @9",
    "squat 100kg 5,5,5 4x5",
    "plank 3x",
    "squat 3x5 100kg rpe",
    "squat",
    "3x5 100kg",
    "squat 3x5 100 kg lbs",
    "squat 3 sets of",
    "run 5km 25min 3x5",
    "squat 1x5 100kg, 3x",
    "sled push 4x20m 100kg",
    "squat 3x5 100kg, bench 3x5 80kg",
    "bench 3x5 100kg @ 8-9",
    "bench 3x5 100kg rir 1-2",
    "squat 5x5 2 plates",
    "bench 60/65/70kg 3x8",
    "rdl 3x8 60kg each side",
    "hip thrust 3x10 40kg per side",
    "f 3x5",
    "curl 3x10 12kg each side",
    "curl 3x10 12kg each",
    "skull crusher 60kg x 8, 65kg x 8 per side",
]


def refusal_examples(lines: list[str], unit: Unit) -> set[str]:
    catalog = load_catalog()
    found = set()
    for line in lines:
        for error in read_entries(line, unit, catalog).errors:
            if match := TRY.search(error):
                found.add(match[1])
    return found


def broken(rng: random.Random, text: str) -> str:
    """The line with a character dropped, doubled or swapped for a digit or a mark."""
    at = rng.randrange(len(text))
    return rng.choice(
        [
            text[:at] + text[at + 1 :],
            text[:at] + text[at] + text[at:],
            text[:at] + rng.choice("0123456789x@,-+/ ") + text[at + 1 :],
        ]
    )


def test_every_example_a_refusal_gives_logs_as_it_stands():
    rng = random.Random(11)
    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    lines = MISTAKES + [broken(rng, case["text"]) for case in corpus for _ in range(3)]
    catalog = load_catalog()
    examples = refusal_examples(lines, Unit.KG) | refusal_examples(lines, Unit.LB)
    assert len(examples) >= 8  # the mistakes reach many refusals, not one

    for unit in Unit:
        for example in sorted(examples):
            read = read_entries(example, unit, catalog)
            assert (read.errors, read.questions) == ((), ()), example
            assert read.entries, example
            assert all(entry.exercise is not None for entry in read.entries), example
