"""docs/notation.md says exactly what the bot answers: every refusal in its table is checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.catalog import load_catalog
from coach.entries import read_entries
from coach.vocabulary import Unit

DOC = Path(__file__).parents[2] / "docs" / "notation.md"
ROW = re.compile(r"^\| `(?P<typed>[^`]+)` \| (?P<answer>.+) \|$")


def refusal_rows() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## When a line is refused", 1)[1].split("\n## ", 1)[0]
    return [
        (match["typed"], match["answer"])
        for line in section.splitlines()
        if (match := ROW.match(line))
    ]


def test_the_table_has_the_refusals() -> None:
    assert len(refusal_rows()) >= 20


@pytest.mark.parametrize(("typed", "answer"), refusal_rows())
def test_each_documented_refusal_is_what_the_bot_says(typed: str, answer: str) -> None:
    result = read_entries(typed, Unit.KG, load_catalog())
    assert result.entries == ()
    assert result.errors == (answer,)
