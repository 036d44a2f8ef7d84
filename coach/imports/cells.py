"""CSV plumbing shared by the readers: opening, the header, numbers, times and text cells.

Every problem raises ``ImportFileError`` with one sentence that names the row (the line
of the file, counting the header as line 1), so a person can find it in a spreadsheet.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from functools import lru_cache
from typing import IO

from coach.imports.rows import ImportFileError
from coach.vocabulary import METRES_PER_MILE, Unit

MAX_BYTES = 20 * 1024 * 1024
_SNIFF_BYTES = 8192
# Spreadsheet apps run a cell that starts with one of these; our export writes a quote
# before them (``spreadsheet_safe``) and the readers take that quote off again.
FORMULA_STARTS = ("=", "+", "-", "@")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_UNITS = {
    "kg": Unit.KG,
    "kgs": Unit.KG,
    "kilograms": Unit.KG,
    "lb": Unit.LB,
    "lbs": Unit.LB,
    "pounds": Unit.LB,
}
_DISTANCE_M = {
    "m": 1.0,
    "km": 1000.0,
    **dict.fromkeys(("mi", "mi.", "miles"), METRES_PER_MILE),
}


def check_start(head: bytes, size: int | None) -> None:
    """Refuse what is plainly no CSV export before reading it: too big, empty, binary."""
    if size is not None and size > MAX_BYTES:
        raise ImportFileError("That file is over 20 MB; export a shorter date range and try again.")
    if not head.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ImportFileError("That file is empty: export your workouts as CSV and try again.")
    if b"\x00" in head[:_SNIFF_BYTES]:
        raise ImportFileError("That file is binary, not a CSV export: export your workouts as CSV.")
    try:
        # The head may end inside a character: decode incrementally so that is no error.
        codecs.getincrementaldecoder("utf-8")().decode(head[:_SNIFF_BYTES])
    except UnicodeDecodeError:
        raise ImportFileError("That file is not UTF-8 text, so not a CSV export.") from None


class Rows:
    """The rows of a CSV text stream after its header, each with its line number."""

    def __init__(self, stream: IO[str]) -> None:
        first = stream.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        self.header = [
            cell.strip().lstrip("\ufeff")
            for cell in next(csv.reader([first], delimiter=delimiter), [])
        ]
        self.delimiter = delimiter
        self._reader = csv.reader(stream, delimiter=delimiter, strict=True)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        try:
            for cells in self._reader:
                if any(cells):
                    yield self._reader.line_num + 1, cells
        except UnicodeDecodeError:
            raise ImportFileError(
                f"Row {self._reader.line_num + 2} is not UTF-8 text; nothing was imported."
            ) from None
        except csv.Error as error:
            raise ImportFileError(
                f"Row {self._reader.line_num + 1} is not valid CSV ({error})."
            ) from None


class Columns:
    """Cells by column name, for one header; absent optional columns read as empty."""

    def __init__(self, header: Sequence[str], required: Iterable[str]) -> None:
        self._index = {name.casefold(): i for i, name in enumerate(header)}
        self._at: dict[str, int | None] = {}
        self.width = len(header)
        missing = [name for name in required if name.casefold() not in self._index]
        if missing:
            raise ImportFileError(f"The header has no {', '.join(missing)} column.")

    def has(self, name: str) -> bool:
        return name.casefold() in self._index

    def get(self, cells: Sequence[str], name: str) -> str:
        if name not in self._at:  # readers ask by a few literal names: fold each once
            self._at[name] = self._index.get(name.casefold())
        i = self._at[name]
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def check_width(self, line: int, cells: Sequence[str]) -> None:
        if len(cells) < self.width:
            raise ImportFileError(
                f"Row {line} has {len(cells)} cells where the header has {self.width}; "
                "nothing was imported."
            )


def number(line: int, column: str, text: str) -> float | None:
    if not text:
        return None
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ImportFileError(f"Row {line}: {column} {text!r} is not a number.") from None


def whole(line: int, column: str, text: str) -> int | None:
    value = number(line, column, text)
    if value is None:
        return None
    if value != int(value):
        raise ImportFileError(f"Row {line}: {column} {text!r} is not a whole number.")
    return int(value)


def positive(value: float | None) -> float | None:
    """Apps write 0 for "not used": no distance, no time."""
    return value if value else None


def unit(line: int, text: str) -> Unit | None:
    if not text:
        return None
    found = _UNITS.get(text.strip().casefold())
    if found is None:
        raise ImportFileError(f"Row {line}: weight unit {text!r} is neither kg nor lb.")
    return found


def metres(line: int, distance: float | None, unit_text: str, default: str) -> float | None:
    if distance is None:
        return None
    factor = _DISTANCE_M.get((unit_text or default).strip().casefold())
    if factor is None:
        raise ImportFileError(f"Row {line}: distance unit {unit_text!r} is not m, km or mi.")
    return distance * factor


def moment(line: int, column: str, text: str, formats: tuple[str, ...]) -> datetime:
    """A time in one of ``formats``, or ISO 8601 (which may carry a zone)."""
    found = _parsed(text, formats)
    if found is None:
        raise ImportFileError(f"Row {line}: {column} {text!r} is not a date and time.")
    return found


# Every set of a workout repeats its start time: parse each distinct one once.
@lru_cache(maxsize=256)
def _parsed(text: str, formats: tuple[str, ...]) -> datetime | None:
    cleaned = text.replace("\u202f", " ").replace("\u00a0", " ").strip()
    for fmt in formats:
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError:
        return None


def text_cell(value: str) -> str:
    """A name or note as the person wrote it, without our spreadsheet-safety quote."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def spreadsheet_safe(value: str) -> str:
    """Quote a text cell a spreadsheet would otherwise run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def note(*parts: str) -> str | None:
    joined = " · ".join(text_cell(p) for p in parts if p)
    return joined[:200] or None
