"""Which app wrote a file, told by its header, and the reader for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import IO

from coach.imports import cells, fitnotes, hevy, liftosaur, strong
from coach.imports.rows import ImportedSet, ImportFileError, Skipped

# Liftosaur before FitNotes: neither header holds the other's tell-tale columns, but the
# most specific test goes first so a future overlap cannot pick the looser reader.
READERS: tuple[ModuleType, ...] = (liftosaur, hevy, strong, fitnotes)
FORMATS = tuple(reader.NAME for reader in READERS)


@dataclass(frozen=True, slots=True)
class Export:
    """An export being read: the app's name and its sets, one row at a time."""

    format: str
    items: Iterator[ImportedSet | Skipped]


def read_export(stream: IO[str]) -> Export:
    """Start reading ``stream``; raises ``ImportFileError`` when no reader knows its header."""
    rows = cells.Rows(stream)
    reader = _reader_for(rows.header)
    read: Callable[[Sequence[str], cells.Rows], Iterator[ImportedSet | Skipped]] = reader.read
    return Export(reader.NAME, _at_least_one(read(rows.header, rows)))


def _reader_for(header: Sequence[str]) -> ModuleType:
    # A reader's TELLS: header columns (casefolded) that only its app writes together.
    names = {name.casefold() for name in header}
    for reader in READERS:
        if names >= reader.TELLS:
            return reader
    shown = ", ".join(header[:4]) or "nothing"
    raise ImportFileError(
        f"I don't know a file whose header starts {shown}: export from Strong, Hevy, "
        "FitNotes or Liftosaur as CSV."
    )


def _at_least_one(items: Iterator[ImportedSet | Skipped]) -> Iterator[ImportedSet | Skipped]:
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        raise ImportFileError("That export has a header but no sets under it.")
