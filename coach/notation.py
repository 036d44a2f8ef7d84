"""Set notation: what a lifter types (``squat 3x5 100kg @8``) read into structured sets.

The reading is purely syntactic. The exercise comes back as typed; a catalog elsewhere
decides what it is. Each line (lines are split on new lines and ``;``) goes through:

1. tokens: numbers, ``1:30`` times, words, keywords (units, ``x``, ``@``, ``rpe``...);
2. the exercise name is split from the set notation;
3. the notation is read into pieces: amounts (a number with what it measures, when
   typed), ``x`` links, efforts and markers;
4. pieces are cut into parts at ``,`` and ``/``; each part's numbers get their roles;
5. parts that share one load become the sets.

docs/notation.md lists the accepted forms, the disambiguation rules and the messages.
A line that cannot be read yields one :class:`ParseError` and nothing else; the other
lines of the message are still read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum, IntEnum, auto
from functools import reduce
from itertools import pairwise, product
from typing import TypeGuard

from coach import notation_layout as layout
from coach.exercise import Exercise
from coach.vocabulary import KG_PER_LB, METRES_PER_MILE, Equipment, Pattern, Unit

MIN_REPS = 1
MAX_REPS = 100
MIN_SETS = 1
MAX_SETS = 20
"""At most this many sets in one entry, and the largest set count one part may give."""
MAX_WEIGHT_KG = 1000.0
"""Heaviest load, in absolute value after conversion (assisted loads are negative)."""
MIN_RPE = 1.0
MAX_RPE = 10.0
RPE_STEP = 0.5
MIN_RIR = 0.0
MAX_RIR = 10.0
"""RIR 10 (ten reps left) is stored as RPE 0: a set far from failure, never a hard set."""
MIN_SECONDS = 1
MAX_SECONDS = 3600
MAX_LINES = 60
"""At most this many non-blank lines in one message: a whole session fits, a pasted log doesn't."""
MAX_MESSAGE_SETS = 100
"""At most this many sets in one message, over all its entries."""
RPE_CEILING = 20.0
"""A bare ``@N`` up to this, on a line with a load, is an (out-of-range) effort, not a load."""
SMALL_PAIR_FLOOR = 6
"""``A x B`` with a bare A from here to MAX_SETS, and no other load, is asked about."""
RPE_FLOOR = 5.0
"""A bare ``@N`` after the sets from here to MAX_RPE is an effort even without a load elsewhere:
nobody curls 8 kg for 3x10 and writes it ``@8``, while RPE 8 is common."""

_EXAMPLE = "squat 3x5 100kg @8"
_QUOTE_LIMIT = 60


@dataclass(frozen=True, slots=True)
class ParsedSet:
    """One set as typed: the work (reps or seconds), the load and how it felt."""

    reps: int | None = None
    seconds: int | None = None
    weight: float | None = None
    unit: Unit | None = None
    weight_kg: float | None = None
    added: bool = False
    bodyweight: bool = False
    rpe: float | None = None
    warmup: bool = False
    per_side: bool = False


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One exercise: the name as typed (a catalog resolves it), its sets and a note.

    ``source`` is the line, or the lines of a block (name line, then sets lines) joined by
    new lines. ``name_after_sets`` says the name was only found after numbers
    (``3x5 squat``, ``5@140 felt slow``): the catalog must know it, or the line is refused.
    """

    exercise: str
    sets: tuple[ParsedSet, ...]
    source: str
    note: str | None = None
    name_after_sets: bool = False


class Shape(Enum):
    """A way of writing sets that people read two ways; the value names it in settings."""

    WEIGHT_THEN_TWO = "weight x N x M"
    """``row 135x4x8``: 8 sets of 4 or 4 sets of 8 at 135."""
    SMALL_PAIR = "N x M"
    """``curl 14x12`` with no other load: 14 sets of 12, or 14 kg for 12."""


class Order(Enum):
    """How the numbers of a :class:`Shape` are read; the value names it in settings."""

    REPS_SETS = "reps then sets"
    SETS_REPS = "sets then reps"
    WEIGHT_REPS = "weight then reps"


ORDERS: dict[Shape, tuple[Order, Order]] = {
    Shape.WEIGHT_THEN_TWO: (Order.REPS_SETS, Order.SETS_REPS),
    Shape.SMALL_PAIR: (Order.SETS_REPS, Order.WEIGHT_REPS),
}
"""The two readings of each shape; a shape nobody chose for yet is asked about."""

Choices = Mapping["Shape", "Order"]

Names = Callable[[str], Exercise | None]
"""The exercise typed words name, if any: the caller knows the catalog, the notation doesn't."""


@dataclass(frozen=True, slots=True)
class Reading:
    """One way of reading an ambiguous line, and the choices that lead to it."""

    choices: tuple[tuple[Shape, Order], ...]
    entry: ParsedEntry


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A line with two or more plausible readings: nothing of it is logged until one is picked."""

    source: str
    readings: tuple[Reading, ...]


@dataclass(frozen=True, slots=True)
class ParseError:
    """A line that logged nothing: one sentence on what to fix, then an example."""

    message: str
    source: str


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The entries read, one error per line that could not be, and the lines to ask about.

    ``day`` is a date line written above the sets (``2024-03-05``, ``Monday``), as typed.
    """

    entries: tuple[ParsedEntry, ...]
    errors: tuple[ParseError, ...]
    ambiguous: tuple[Ambiguous, ...] = ()
    day: str | None = None


def parse(
    text: str,
    unit: Unit = Unit.KG,
    choices: Choices | None = None,
    names: Names | None = None,
) -> ParseResult:
    """Every line of ``text`` as an entry, an error saying what to fix, or a question.

    ``unit`` is the person's unit, used for numbers typed without one. ``choices`` are the
    person's readings of ambiguous shapes (``row 135x4x8``); a line of a shape not in it
    comes back in ``ambiguous`` with every plausible reading. ``names`` tells which words
    after a comma are a second exercise (``, bench 3x5 80kg``) rather than words the line
    can't use (``, belt x 3``), and which lines are dumbbell work, where ``50s`` after the
    reps names the dumbbells (``db bench 3x10 50s``); without it any words with sets of
    their own are an exercise, and ``50s`` after reps is refused as a time.
    """
    lines = [line.strip() for chunk in text.splitlines() for line in chunk.split(";")]
    lines = [line for line in lines if line]
    if not lines:
        return _nothing(text)
    if len(lines) > MAX_LINES:
        problem = _Problem(
            f"One message logs at most {MAX_LINES} lines, but I read {len(lines)}; send the"
            " rest in another message",
        )
        return ParseResult((), (ParseError(problem.message(lines[0]), text),))
    dated = len(lines) > 1 and layout.DATE.fullmatch(lines[1]) and layout.TITLE.fullmatch(lines[0])
    if dated or layout.NUMBERED_TITLE.fullmatch(lines[0]):
        lines = lines[1:]  # `Upper 1`, `Day 1`: the workout's title, not sets
        if not lines:
            return _nothing(text)
    reader = _Message(unit, choices or {}, names)
    for line in lines:
        reader.read(line)
    return reader.result(text)


def _nothing(text: str) -> ParseResult:
    return ParseResult((), (ParseError(f"There is nothing to log. Try: `{_EXAMPLE}`.", text),))


class _Message:
    """Reads a message line by line; a name line opens a block that sets lines below join.

    ``Bench Press`` / ``100x5`` / ``95x6`` is one entry. A name line that no sets follow is a
    workout title when it comes first (``Push day``) and a mistake anywhere else.
    """

    def __init__(self, unit: Unit, choices: Choices, names: Names | None) -> None:
        self.unit, self.choices, self.names = unit, choices, names
        self.entries: list[ParsedEntry] = []
        self.errors: list[ParseError] = []
        self.ambiguous: list[Ambiguous] = []
        self.day: str | None = None
        self.name: str | None = None
        self.unused: tuple[int, str] | None = None
        self.joins = False
        self.lines = 0
        """Lines read so far, date lines aside: a name line read first may be a title."""

    def read(self, line: str) -> None:
        day = line if layout.DATE.fullmatch(line) else layout.title_date(line)
        if day is not None:
            if self.day is None and not self.entries:
                self._drop_unused(title=True)
                self.day = layout.day_text(day)
            else:
                problem = _Problem(
                    "One message logs one day, its date first, so a date below sets or a second "
                    "date is refused",
                    "yesterday; squat 3x5 100kg",
                )
                self.errors.append(ParseError(problem.message(line), line))
            return
        line = layout.LIST_MARK.sub("", line, count=1) or line
        line = layout.SUPERSET_TAG.sub("", line, count=1)
        if named := layout.NAMED_LABEL.match(line):
            self._read_named_label(line, named)
            return
        label = layout.SET_LABEL.match(line)
        index, self.lines = self.lines, self.lines + 1
        if label is not None:
            if self.name is None:
                # `f 3x5` may be an exercise called "f", or F: (to failure) with no name above.
                problem = _Problem(
                    f"I couldn't find the exercise name for the set labelled"
                    f" `{_quote(label[0].strip())}`",
                    _LABEL_EXAMPLE,
                    ": put the exercise's name on the line above (`Squat`, then `W: 60x5`)"
                    " or before it with `;`",
                )
                self.errors.append(ParseError(problem.message(line), line))
                return
            line = line[label.end() :]
        elif self.name is not None:
            line = layout.SET_NUMBER.sub("", line, count=1)
        tokens = _tokens(line)
        name = _name_line(tokens)
        if name is not None:
            self._drop_unused(title=self._first())
            self.name, self.unused, self.joins = name, (index, line), False
            return
        try:
            readings, leading = _line_readings(
                line, tokens, self.unit, self.choices, self.name, self.names
            )
        except _Problem as problem:
            if _split_name(tokens)[0] or self.name is None:
                self._drop_unused(title=self._first())
            else:
                self.unused = None  # the name line's sets line is the one reported
            self.errors.append(ParseError(problem.message(line), line))
            return
        if label is not None and label["warmup"]:
            readings = [_warmed(reading) for reading in readings]
        if leading is not None:
            self._drop_unused(title=self._first())
            self.name, self.joins = leading, False
        if len(readings) > 1:
            self.ambiguous.append(Ambiguous(line, tuple(readings)))
            self.unused, self.joins = None, False
            return
        self._add(readings[0].entry, line)

    def _read_named_label(self, line: str, named: re.Match[str]) -> None:
        """``Squat W: 60x5``: the name line, then its labelled sets line."""
        rest = line[named.end() :]
        label = layout.SET_LABEL.match(rest)
        if label is None:
            raise ValueError(f"NAMED_LABEL matched without a set label: {line!r}")
        marked = named["mark"] or ":" in label[0] or any(c.isdigit() for c in label[0])
        if len(label[0].strip(" .)")) == 1 and not marked:
            # `Squat w 100kg`: a warm-up, or "with"? `W:` or `Squat: W` says it is a label.
            problem = _Problem(
                f"I can't tell if `{label[0].strip()}` labels the sets or is part of the name",
                _LABEL_EXAMPLE,
                ": write the label with `:` (`Squat W: 60x5`), or drop it",
            )
            self.errors.append(ParseError(problem.message(line), line))
            return
        self.read(named["name"])
        self.read(rest)

    def _add(self, entry: ParsedEntry, line: str) -> None:
        if self.joins and self.entries and self.entries[-1].exercise == entry.exercise:
            last = self.entries[-1]
            if len(last.sets) + len(entry.sets) > MAX_SETS:
                problem = _too_many(len(last.sets) + len(entry.sets))
                self.errors.append(ParseError(problem.message(line), line))
                return
            notes = [note for note in (last.note, entry.note) if note]
            entry = replace(
                last,
                sets=last.sets + entry.sets,
                source=f"{last.source}\n{entry.source}",
                note="; ".join(notes) or None,
            )
            self.entries[-1] = entry
        else:
            if self.unused is not None:
                entry = replace(entry, source=f"{self.unused[1]}\n{entry.source}")
            self.entries.append(entry)
        self.unused, self.joins = None, True

    def _first(self) -> bool:
        """Whether the name line waiting for sets was the message's first line."""
        return self.unused is not None and self.unused[0] == 0

    def _drop_unused(self, title: bool) -> None:
        """A name line nobody's sets followed: ignored as a title, else reported."""
        if self.unused is not None and not title:
            self.errors.append(ParseError(_no_work().message(self.unused[1]), self.unused[1]))
        self.unused = None

    def result(self, text: str) -> ParseResult:
        self._drop_unused(title=False)
        total = sum(len(entry.sets) for entry in self.entries)
        if total > MAX_MESSAGE_SETS:
            problem = _Problem(
                f"One message logs at most {MAX_MESSAGE_SETS} sets, but I read {total}; send"
                " the rest in another message",
            )
            return ParseResult((), (ParseError(problem.message(text), text),))
        return ParseResult(tuple(self.entries), tuple(self.errors), tuple(self.ambiguous), self.day)


def _warmed(reading: Reading) -> Reading:
    """A reading of a sets line labelled as warm-ups (``W: 60 kg x 10``): every set one."""
    sets = tuple(replace(s, warmup=True) for s in reading.entry.sets)
    return replace(reading, entry=replace(reading.entry, sets=sets))


def _too_many(count: int) -> _Problem:
    return _Problem(
        f"One entry holds at most {MAX_SETS} sets, but I read {count}", "squat 5x5 100kg"
    )


def refusal(problem: str, source: str, example: str = _EXAMPLE) -> str:
    """A refusal in the parser's words, for checks made after parsing (catalog, signs)."""
    return _Problem(problem, example).message(source)


# Problems ------------------------------------------------------------------------------


class _Problem(Exception):
    """Why a line can't be logged; raised deep in the grammar, caught once per line."""

    def __init__(self, problem: str, example: str = _EXAMPLE, advice: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.example = example
        # Advice on what to change reads better after the quoted line in a long sentence.
        self.advice = advice

    def message(self, line: str) -> str:
        return f"{self.problem} in `{_quote(line)}`{self.advice}. Try: `{self.example}`."


def _quote(text: str) -> str:
    # A backtick would end the Discord code span early; a long line would drown the advice.
    text = text.replace("`", "'")
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def _unread(text: str) -> _Problem:
    return _Problem(f"I couldn't read `{_quote(text)}`")


def _no_work() -> _Problem:
    return _Problem("I couldn't find reps or a time", "squat 3x5 100kg")


def _out_of_range(rule: str, text: str, example: str) -> _Problem:
    return _Problem(f"{rule}, but I read `{_quote(text)}`", example)


# Tokens --------------------------------------------------------------------------------


class _Kind(IntEnum):
    # An IntEnum: set look-ups on token kinds are the lexer's hot path, and an int hashes in C.
    NUMBER = auto()
    CLOCK = auto()
    WORD = auto()
    OTHER = auto()
    X = auto()
    AT = auto()
    FOR = auto()
    OF = auto()
    SETS = auto()
    REPS = auto()
    RPE = auto()
    RIR = auto()
    BW = auto()
    EACH = auto()
    WARMUP = auto()
    KG = auto()
    LB = auto()
    SECONDS = auto()
    MINUTES = auto()
    PLUS = auto()
    MINUS = auto()
    SEP = auto()
    PUNCT = auto()
    CLOSE = auto()


@dataclass(frozen=True, slots=True)
class _Token:
    kind: _Kind
    text: str
    start: int
    end: int
    value: float = 0.0


_WORDS = {
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"), _Kind.KG),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), _Kind.LB),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), _Kind.SECONDS),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), _Kind.MINUTES),
    **dict.fromkeys(("set", "sets"), _Kind.SETS),
    **dict.fromkeys(("rep", "reps"), _Kind.REPS),
    "rpe": _Kind.RPE,
    "rir": _Kind.RIR,
    "bw": _Kind.BW,
    "each": _Kind.EACH,
    "wu": _Kind.WARMUP,
    "at": _Kind.AT,
    "for": _Kind.FOR,
    "of": _Kind.OF,
}
_SYMBOLS = {
    "@": _Kind.AT,
    "#": _Kind.LB,
    "+": _Kind.PLUS,
    "-": _Kind.MINUS,
    ",": _Kind.SEP,
    "/": _Kind.SEP,
    **dict.fromkeys("–—:.!=([{", _Kind.PUNCT),
    **dict.fromkeys(")]}", _Kind.CLOSE),
}
_GROUPS = {
    "clock": _Kind.CLOCK,
    "number": _Kind.NUMBER,
    "warmup": _Kind.WARMUP,
    "side": _Kind.EACH,
    "bodyweight": _Kind.BW,
    "x": _Kind.X,
    # `50's`: read as `50s`, a time unless the line is dumbbell work (see _dumbbells_named).
    "plural": _Kind.SECONDS,
    "other": _Kind.OTHER,
}

# A letter, except the `x` of `kgx5` or `3x5`, so that `x` followed by a digit is a link.
_LETTER = r"(?:(?![x×][0-9])[^\W\d_])"
_END = rf"(?!{_LETTER})"
_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
    |(?P<clock>[0-9]{{1,3}}(?::[0-5][0-9]){{1,2}})(?![0-9])
    |(?P<number>[0-9]+,[0-9]{{1,2}}(?=\s*(?:kgs?|kilo(?:gram)?s?|lbs?|pounds?|\#){_END})
        |[0-9]+(?:\.[0-9]+)?)
    |(?P<warmup>warm[\s-]*ups?){_END}
    |(?P<side>(?:(?:per|each)\s+|/\s*)(?:side|leg|arm|hand)s?){_END}
    |(?P<bodyweight>body[\s-]*weight){_END}
    |(?P<x>[x×*]){_END}
    |(?P<plural>(?<=[0-9])['’]s){_END}
    |(?P<word>{_LETTER}+(?:['’-]{_LETTER}+)*)
    |(?P<symbol>[@#+,/:.!=()\[\]{{}}–—-])
    |(?P<other>\S)
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _tokens(line: str) -> list[_Token]:
    return [
        _token(match.lastgroup or "other", match[0], match.start(), match.end())
        for match in _TOKEN.finditer(line)
        if match.lastgroup != "space"
    ]


def _token(group: str, text: str, start: int, end: int) -> _Token:
    if group == "word":
        return _Token(_WORDS.get(text.lower(), _Kind.WORD), text, start, end)
    if group == "symbol":
        return _Token(_SYMBOLS[text], text, start, end)
    if group == "number":
        # Only the lexer lets a comma into a number: `102,5kg`, never `5,5,4`.
        return _Token(_Kind.NUMBER, text, start, end, float(text.replace(",", ".")))
    if group == "clock":
        seconds = reduce(lambda total, part: total * 60.0 + int(part), text.split(":"), 0.0)
        return _Token(_Kind.CLOCK, text, start, end, seconds)
    return _Token(_GROUPS[group], text, start, end)


# The exercise name ---------------------------------------------------------------------

_EMPTY_BRACKETS = re.compile(r"\s*[(\[{]\s*[)\]}]")
_NAME_KINDS = {_Kind.WORD, _Kind.OTHER, _Kind.CLOSE}
_NUMERIC = {_Kind.NUMBER, _Kind.CLOCK}


def _split_name(tokens: list[_Token]) -> tuple[list[_Token], list[_Token], bool]:
    """The leading name's tokens (maybe none), the notation's, and whether a warm-up came first.

    The name is what precedes the first number, less the keywords at its end
    (``pullups bw 3x10``).
    """
    end = _name_end(tokens)
    warmup = any(token.kind is _Kind.WARMUP for token in tokens[:end])
    name = [token for token in tokens[:end] if token.kind is not _Kind.WARMUP]
    cut = len(name)
    while cut and name[cut - 1].kind not in _NAME_KINDS:
        cut -= 1
    return name[:cut], name[cut:] + tokens[end:], warmup


def _name_line(tokens: list[_Token]) -> str | None:
    """The name when the line is a name alone (``Bench Press``, ``Squat:``), else None."""
    if any(token.kind in _NUMERIC for token in tokens):
        return None
    name, rest, warmup = _split_name(tokens)
    if warmup or not name or any(token.kind not in _IGNORED for token in rest):
        return None
    text = _name_text(name)
    return text if any(char.isalpha() for char in text) else None


def _name_end(tokens: Sequence[_Token]) -> int:
    numbers = [i for i, token in enumerate(tokens) if token.kind in _NUMERIC]
    if not numbers:
        return len(tokens)
    # `45 degree back extension 3x10`: the leading number names the exercise when the
    # words after it are followed by their own `x` notation.
    numbered = (
        numbers[0] == 0
        and len(numbers) > 1
        and tokens[1].kind is _Kind.WORD
        and any(token.kind is _Kind.X for token in tokens[numbers[1] :])
    )
    return numbers[1] if numbered else numbers[0]


def _words_within(tokens: list[_Token]) -> tuple[list[_Token], list[_Token]]:
    """The first run of plain words (``5x5 squats @ 100kg``), and the tokens left."""
    start = next((i for i, token in enumerate(tokens) if token.kind is _Kind.WORD), len(tokens))
    end = start
    while end < len(tokens) and tokens[end].kind is _Kind.WORD:
        end += 1
    return tokens[start:end], tokens[:start] + tokens[end:]


def _name_text(tokens: Sequence[_Token]) -> str:
    # Tokens that touched stay together (`t-bar`, `(paused)`); any gap becomes one space.
    if not tokens:
        return ""
    pieces = [tokens[0].text]
    for before, token in pairwise(tokens):
        pieces.append(f" {token.text}" if token.start > before.end else token.text)
    # `squat (warm-up) 60x5` leaves the brackets of the marker behind.
    return _EMPTY_BRACKETS.sub("", "".join(pieces)).strip()


# Pieces --------------------------------------------------------------------------------


class _Role(Enum):
    """What a number measures; the value names the role in messages."""

    LOAD = "weights"
    SETS = "set counts"
    REPS = "rep counts"
    SECONDS = "times"


_WORK = {_Role.REPS, _Role.SECONDS}
_UNITS = {_Kind.KG: Unit.KG, _Kind.LB: Unit.LB}
_SUFFIXES = {
    _Kind.SECONDS: (_Role.SECONDS, 1.0),
    _Kind.MINUTES: (_Role.SECONDS, 60.0),
    _Kind.SETS: (_Role.SETS, 1.0),
    _Kind.REPS: (_Role.REPS, 1.0),
}
_EFFORTS = {_Kind.RPE, _Kind.RIR}


@dataclass(frozen=True, slots=True)
class _Amount:
    """A number and, when the typing said so, what it measures."""

    value: float
    role: _Role | None
    text: str
    unit: Unit | None = None
    bodyweight: bool = False
    added: bool = False
    after_at: bool = False
    inferred: bool = False
    """A bare number taken as the load only because it is too big for a set count."""

    @property
    def typed(self) -> float | None:
        """The weight typed; a bare ``bw`` is a load with no number."""
        return self.value if self.added or not self.bodyweight else None


@dataclass(frozen=True, slots=True)
class _Effort:
    rpe: float
    text: str


@dataclass(frozen=True, slots=True)
class _Link:
    text: str


class _Mark(Enum):
    SEP = auto()
    SLASH = auto()
    EACH = auto()
    WARMUP = auto()


_Piece = _Amount | _Effort | _Link | _Mark
_NOTE_LIMIT = 200
_UNIT_WORDS = frozenset(
    {
        "h", "hr", "hrs", "hour", "hours", "m", "meter", "meters", "metre", "metres", "km",
        "kms", "mi", "mile", "miles", "yd", "yds", "yard", "yards", "ft", "feet", "foot", "cm",
        "in", "inch", "inches", "cal", "cals", "kcal", "steps", "laps", "lap", "rounds",
        "round",
    }
)  # fmt: skip
"""Words that measure something the notation doesn't log: after a number, never a note."""
_DISTANCES = frozenset(
    {"m", "meter", "meters", "metre", "metres", "km", "kms", "mi", "mile", "miles", "yd", "yds"}
    | {"yard", "yards", "ft", "feet", "foot"}
)
_PLATES = frozenset({"plate", "plates", "plt", "plts"})
_SETS_OF = (_Kind.SETS, _Kind.OF)
_LINKING_WORDS = frozenset({"then", "and", "plus", "also", "with", "after", "followed"})
_MARKS = {_Kind.SEP: _Mark.SEP, _Kind.EACH: _Mark.EACH, _Kind.WARMUP: _Mark.WARMUP}
_IGNORED = {_Kind.PUNCT, _Kind.CLOSE, _Kind.MINUS}


def _effort(kind: _Kind, value: float, text: str) -> _Effort:
    if kind is _Kind.RIR:
        if not (MIN_RIR <= value <= MAX_RIR and _half_step(value)):
            rule = f"RIR must be from {MIN_RIR:g} to {MAX_RIR:g} in half steps"
            raise _out_of_range(rule, text, "squat 3x5 100kg rir 2")
        return _Effort(MAX_RPE - value, text)
    if not (MIN_RPE <= value <= MAX_RPE and _half_step(value)):
        rule = f"RPE must be from {MIN_RPE:g} to {MAX_RPE:g} in half steps"
        raise _out_of_range(rule, text, "squat 3x5 100kg @8.5")
    return _Effort(value, text)


def _half_step(value: float) -> bool:
    return (value / RPE_STEP).is_integer()


class _Reader:
    """Reads notation tokens into pieces, one construct at a time."""

    def __init__(
        self, line: str, tokens: Sequence[_Token], notes: bool, names: Names | None = None
    ) -> None:
        self.line = line
        self.tokens = tokens
        self.names = names
        self.i = 0
        self.notes = notes
        self.note: str | None = None

    def pieces(self) -> list[_Piece]:
        pieces: list[_Piece] = []
        while self.i < len(self.tokens):
            piece = self._piece(pieces)
            if piece is not None:
                pieces.append(piece)
        return pieces

    def _kind(self, ahead: int = 0) -> _Kind | None:
        index = self.i + ahead
        return self.tokens[index].kind if index < len(self.tokens) else None

    def _take(self) -> _Token:
        self.i += 1
        return self.tokens[self.i - 1]

    def _text(self, start: int) -> str:
        return self.line[self.tokens[start].start : self.tokens[self.i - 1].end]

    def _piece(self, pieces: list[_Piece]) -> _Piece | None:
        amount = self._amount()
        if amount is not None:
            return amount
        token = self._take()
        if token.kind in _MARKS:
            # A `/` list may be weights (`60/65/70kg x 8`) where a `,` one shares a load.
            return _Mark.SLASH if token.text == "/" else _MARKS[token.kind]
        if token.kind is _Kind.X:
            return _Link(token.text)
        if token.kind is _Kind.AT:
            return self._after_at(token)
        if token.kind in _EFFORTS:
            return self._effort_after(token)
        if token.kind is _Kind.FOR:
            _load_before_for(pieces)
            return None
        if token.kind in _IGNORED or (token.kind is _Kind.OF and _after_sets(pieces)):
            return None
        if token.kind is _Kind.WORD and token.text.lower() == "rest":
            self._rest(pieces)
            return None
        if token.kind is _Kind.WORD and self._note_from(token, pieces):
            return None
        if token.kind is _Kind.WORD and self._second_exercise(token):
            raise _Problem(
                f"`{_quote(self.line[token.start :])}` looks like a second exercise: each exercise"
                " goes on its own line or after `;`",
                "squat 3x5 100kg; bench 3x5 80kg",
            )
        before = self.tokens[self.i - 3 : self.i - 1]
        if token.text.lower() in _DISTANCES and [t.kind for t in before] == [_Kind.X, _Kind.NUMBER]:
            # `sled push 4x20m`, `plank 3x1m`: where the reps go, a distance or a minute
            # written the short way (`2m rest` and `2 feet wide` are not read as either).
            measured = _quote(self.line[before[1].start : token.end])
            raise _Problem(
                f"Sets take reps or a time such as `45s` or `1min`, but I read `{measured}`",
                "farmer walk 3x1min 32kg",
            )
        raise _unread(token.text)

    def _rest(self, pieces: list[_Piece]) -> None:
        """``90s rest`` or ``rest 2min``: the rest between sets, which is not logged."""
        if pieces and isinstance(pieces[-1], _Amount) and pieces[-1].role is _Role.SECONDS:
            pieces.pop()
            return
        amount = self._amount() if self._kind() in _NUMERIC else None
        if not (isinstance(amount, _Amount) and amount.role is _Role.SECONDS):
            raise _unread("rest")

    def _note_from(self, word: _Token, pieces: Sequence[_Piece]) -> bool:
        """Takes the rest of the line as a note (``5@140 felt slow``) when it can be one.

        Only after some sets, when the name is known, with no number after it, and not
        when the word reads like a unit we don't log (``plank 2 hours``).
        """
        rest = self.tokens[self.i :]
        before = self.tokens[self.i - 2] if self.i >= 2 else None
        unit_like = word.text.lower() in _UNIT_WORDS
        if (
            not self.notes
            or not any(isinstance(piece, _Amount) for piece in pieces)
            or any(token.kind in _NUMERIC for token in rest)
            or (unit_like and before is not None and before.kind in _NUMERIC)
        ):
            return False
        self.note = self.line[word.start :].strip()[:_NOTE_LIMIT]
        self.i = len(self.tokens)
        return True

    def _second_exercise(self, word: _Token) -> bool:
        """``squat 3x5 100kg, bench 3x5 80kg``: words after a comma, then sets of their own.

        Sets of their own have an ``x`` (``3x5``, ``80kg x 5``) or read ``5 sets of 5``: a
        number alone is more likely a note (``, belt from set 3``, ``, paused 1 sec``). A
        linking word (``, then 3x5 110kg``) starts no exercise, nor do words the caller's
        ``names`` don't know (``, belt x 3``, ``, last set 100kg x 4``). All keep the plain
        answer.
        """
        before = self.tokens[self.i - 2] if self.i >= 2 else None
        kinds = [token.kind for token in self.tokens[self.i :]]
        if not (
            before is not None
            and before.text == ","
            and word.text.lower() not in _LINKING_WORDS
            and (_Kind.X in kinds or any(pair == _SETS_OF for pair in pairwise(kinds)))
        ):
            return False
        last = word
        for token in self.tokens[self.i :]:
            if token.kind is not _Kind.WORD:
                break
            last = token
        return self.names is None or self.names(self.line[word.start : last.end]) is not None

    def _amount(self) -> _Amount | _Effort | None:
        kind = self._kind()
        if kind in _NUMERIC:
            return self._number()
        if kind is _Kind.BW:
            return self._bodyweight()
        if self._sign_ahead(after_bw=False):
            return self._signed()
        return None

    def _number(self) -> _Amount | _Effort:
        start = self.i
        token = self._take()
        if "," in token.text and len(token.text.partition(",")[2]) == 2 and self._listed(start):
            # `60,65,70kg x 8` or `100,102,50kg`: 65.7 kg, or 65 and 70 kg?
            raise _Problem(
                f"I can't tell if `{_quote(token.text)}` is one weight with a decimal comma or"
                f" two of the list: {_EACH_SET}, decimals with a point",
                "bench 60kg x 8, 62.5kg x 8",
            )
        if token.kind is _Kind.CLOCK:
            return _Amount(token.value, _Role.SECONDS, token.text)
        kind = self._kind()
        if kind in _UNITS:
            unit = self._unit()
            return _Amount(token.value, _Role.LOAD, self._text(start), unit)
        if kind in _SUFFIXES:
            role, factor = _SUFFIXES[self._take().kind]
            return _Amount(token.value * factor, role, self._text(start))
        # `2 rir`, but in `5 rpe 8` the keyword belongs to the 8.
        if kind in _EFFORTS and self._kind(1) is not _Kind.NUMBER:
            return _effort(self._take().kind, token.value, self._text(start))
        return _Amount(token.value, None, token.text)

    def _listed(self, at: int) -> bool:
        """A list item (``60,`` or ``60kg,``) before ``tokens[at]``, not the reps of a chain."""
        before = at - 2
        if before < 0 or self.tokens[at - 1].text != ",":
            return False
        if self.tokens[before].kind in _UNITS:
            before -= 1
        if before < 0 or self.tokens[before].kind is not _Kind.NUMBER:
            return False
        return before == 0 or self.tokens[before - 1].kind is not _Kind.X

    def _unit(self) -> Unit | None:
        kind = self._kind()
        if kind in _UNITS:
            self._take()
            return _UNITS[kind]
        return None

    def _sign_ahead(self, after_bw: bool) -> bool:
        """A sign that belongs to the next number: ``+10kg``, ``+ 10kg``, ``-20kg``.

        A minus must touch its number (or follow ``bw``), so ``squat - 3x5`` keeps its dash
        a dash.
        """
        if self._kind() not in (_Kind.PLUS, _Kind.MINUS) or self._kind(1) is not _Kind.NUMBER:
            return False
        sign, number = self.tokens[self.i], self.tokens[self.i + 1]
        return after_bw or sign.kind is _Kind.PLUS or sign.end == number.start

    def _signed(self) -> _Amount:
        start = self.i
        sign = -1.0 if self._take().kind is _Kind.MINUS else 1.0
        value = sign * self._take().value
        unit = self._unit()
        return _Amount(value, _Role.LOAD, self._text(start), unit, bodyweight=True, added=True)

    def _bodyweight(self) -> _Amount:
        start = self.i
        self._take()
        if self._sign_ahead(after_bw=True):
            return replace(self._signed(), text=self._text(start))
        return _Amount(0.0, _Role.LOAD, self._text(start), bodyweight=True)

    def _after_at(self, at: _Token) -> _Amount | _Effort:
        if self._kind() in _EFFORTS:
            return self._effort_after(self._take())
        amount = self._amount()
        if amount is None:
            raise _unread(at.text)
        if isinstance(amount, _Amount) and amount.role is None:
            return replace(amount, after_at=True)
        return amount

    def _effort_after(self, keyword: _Token) -> _Effort:
        start = self.i - 1
        if self._kind() in (_Kind.PUNCT, _Kind.AT):
            self._take()
        if self._kind() is not _Kind.NUMBER:
            raise _unread(keyword.text)
        value = self._take().value
        return _effort(keyword.kind, value, self._text(start))


def _dashes(tokens: list[_Token]) -> list[_Token]:
    """Dashes between numbers: ``5-5-5`` is a list of reps, ``8-12`` a planned range.

    Also refuses what a plan looks like rather than a log: ``1x5+`` (as many as you can)
    and a negative count after ``x`` (``3x-5``).
    """
    out = list(tokens)
    i = 0
    while i < len(out):
        token = out[i]
        ahead = out[i + 1] if i + 1 < len(out) else None
        if token.kind is _Kind.X and ahead is not None and ahead.kind is _Kind.MINUS:
            after = out[i + 2] if i + 2 < len(out) else None
            if after is not None and after.kind is _Kind.NUMBER and ahead.end == after.start:
                rule = f"Reps must be whole numbers from {MIN_REPS} to {MAX_REPS}"
                raise _out_of_range(rule, f"-{after.text}", "squat 3x5 100kg")
        if token.kind is _Kind.NUMBER and ahead is not None and ahead.start == token.end:
            if ahead.kind is _Kind.PLUS and _plan_plus(out, i + 1):
                raise _plan(f"{token.text}+", "as many reps as you could")
            if ahead.kind is _Kind.MINUS:
                end = _dash_run(out, i)
                if end - i == 2:
                    effort = _effort_before(out, i, out[end].value)
                    if effort is not None:
                        raise _effort_range(token, out[end], effort)
                    raise _plan(f"{token.text}-{out[end].text}", "a range of reps")
                if end > i:
                    for j in range(i + 1, end, 2):
                        out[j] = replace(out[j], kind=_Kind.SEP)
                    i = end
        i += 1
    return out


def _plan_plus(tokens: Sequence[_Token], at: int) -> bool:
    """``5+`` touching its number and not the next: an AMRAP target, not ``5 +10kg``."""
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    return after is None or after.start > tokens[at].end or after.kind is not _Kind.NUMBER


def _dash_run(tokens: Sequence[_Token], start: int) -> int:
    """Index of the last number of ``5-5-5`` starting at ``start`` (``start`` if none)."""
    end = start
    while (
        end + 2 < len(tokens)
        and tokens[end + 1].kind is _Kind.MINUS
        and tokens[end + 2].kind is _Kind.NUMBER
        and tokens[end].end == tokens[end + 1].start
        and tokens[end + 1].end == tokens[end + 2].start
    ):
        end += 2
    return end


def _effort_before(tokens: Sequence[_Token], at: int, high: float) -> _Kind | None:
    """The effort keyword a range at ``at`` follows (``rpe 7-8``, ``@ 8-9``), if any.

    After a bare ``@`` only a range within the RPE scale is an effort: ``@ 60-70`` is not.
    """
    before = at - 1
    while before >= 0 and tokens[before].kind is _Kind.PUNCT:
        before -= 1
    kind = tokens[before].kind if before >= 0 else None
    if kind in _EFFORTS:
        return kind
    return _Kind.RPE if kind is _Kind.AT and high <= MAX_RPE else None


def _effort_range(low: _Token, high: _Token, kind: _Kind) -> _Problem:
    # The midpoint, in half steps, is what "8-9" most likely felt like: offered, not assumed.
    middle = f"{round(low.value + high.value) / 2:g}"
    if kind is _Kind.RIR:
        scale, one, example = "RIR", f"rir {middle}", "squat 3x5 100kg rir 2"
    else:
        scale, one, example = "RPE", f"@{middle}", "squat 3x5 100kg @8.5"
    typed = _quote(f"{low.text}-{high.text}")
    return _Problem(
        f"`{typed}` is a range of efforts: write one {scale} for the sets"
        f" (`{one}` if they were in between)",
        example,
    )


def _plan(text: str, what: str) -> _Problem:
    return _Problem(
        f"`{_quote(text)}` is {what}, a plan rather than a log: write the reps you did",
        "press 3x10 60kg",
    )


def _load_before_for(pieces: list[_Piece]) -> None:
    """``100 for 5``: a bare number before ``for`` is the load."""
    last = pieces[-1] if pieces else None
    linked = len(pieces) > 1 and isinstance(pieces[-2], _Link)
    if isinstance(last, _Amount) and last.role is None and not linked:
        pieces[-1] = replace(last, role=_Role.LOAD, after_at=False)


def _after_sets(pieces: Sequence[_Piece]) -> bool:
    return bool(pieces) and isinstance(pieces[-1], _Amount) and pieces[-1].role is _Role.SETS


# Parts: the pieces between commas and slashes -------------------------------------------


@dataclass
class _Part:
    """What one part says; mutable because ``@`` numbers are settled once the line is read."""

    roles: dict[_Role, _Amount] = field(default_factory=dict)
    pending: list[_Amount] = field(default_factory=list)
    effort: _Effort | None = None
    per_side: bool = False
    warmup: bool = False
    lone: _Amount | None = None
    """The part's only piece when it is one number or load (``8`` in ``rpe 7, 8, 9``)."""
    effort_last: bool = False
    """The part ends with an effort (``rpe 7``, ``@7``), so a list after it is efforts."""

    def assign(self, role: _Role, amount: _Amount) -> None:
        if role in self.roles:
            held = self.roles[role]
            # `squat 25x5 100kg`: 25 was only a load because it can't be a set count.
            inferred = next(
                (a for a in (held, amount) if a.inferred and a.value <= 2 * MAX_SETS), None
            )
            if role is _Role.LOAD and inferred is not None:
                rule = f"Sets must be whole numbers from {MIN_SETS} to {MAX_SETS}"
                raise _out_of_range(rule, inferred.text, "squat 5x5 100kg")
            raise _two(role.value, held.text, amount.text, _TWO_EXAMPLES[role])
        self.roles[role] = amount

    def add_effort(self, effort: _Effort) -> None:
        if self.effort is not None:
            raise _two("efforts", self.effort.text, effort.text, _EXAMPLE)
        self.effort = effort


_TWO_EXAMPLES = {
    _Role.LOAD: "squat 100x5, 110x3",
    _Role.SETS: "squat 3x5 100kg",
    _Role.REPS: "squat 3x5 100kg",
    _Role.SECONDS: "plank 3x60s",
}


def _two(noun: str, first: str, second: str, example: str) -> _Problem:
    return _Problem(f"I found two {noun}, `{_quote(first)}` and `{_quote(second)}`,", example)


def _split_parts(pieces: Sequence[_Piece]) -> list[list[_Piece]]:
    """Pieces cut at ``,`` and ``/``; a part that only adds a load or an effort to the part
    before it joins that part (``Squats, 5X5, 90kg``)."""
    parts: list[list[_Piece]] = [[]]
    slashes = [False]
    for piece in pieces:
        if piece in (_Mark.SEP, _Mark.SLASH):
            parts.append([])
            slashes.append(piece is _Mark.SLASH)
        else:
            parts[-1].append(piece)
    _weights_or_reps(parts, slashes)
    joined: list[list[_Piece]] = []
    for part in _weight_lists(parts, slashes):
        if joined and part and _adds_to(part, joined[-1]):
            joined[-1].extend(part)
        elif part:
            joined.append(part)
    return joined


def _weight_lists(parts: list[list[_Piece]], slashes: list[bool]) -> list[list[_Piece]]:
    """``bench 60/65/70kg x 8``: numbers listed before a weight with its unit are weights too.

    They take its unit and the reps after it (60, 65 and 70 kg, 8 reps each), unless they may
    be reps that share a load before them (``bench 100kg x 5, 5, 110kg x 3``): a list counts
    as weights when it uses ``/``, when its items carry a unit, or when no load comes before.
    ``slashes`` says whether a ``/`` came before each part. When more than ``x reps`` follows
    the weight (``@9``, ``3x8``, a reps list), how it is shared out is unclear: refused.
    """
    out: list[list[_Piece]] = []
    for at, part in enumerate(parts):
        start = at
        while start and _listed_weight(parts[start - 1]):
            start -= 1
        head = part[0] if part else None
        if start == at or not (isinstance(head, _Amount) and _unit_load(head) and part[1:]):
            out.append(part)
            continue
        loads = [item for [item] in parts[start:at] if isinstance(item, _Amount)]
        loaded_before = any(_gives_load(piece) for before in parts[:start] for piece in before)
        slashed = all(slashes[start + 1 : at + 1])
        if not (slashed or all(a.unit for a in loads) or not loaded_before):
            out.append(part)
            continue
        after = parts[at + 1] if at + 1 < len(parts) else []
        if not _load_times_work(part) or _listed_weight(after):
            marks = ["/" if slash else "," for slash in slashes[start + 1 : at + 1]]
            typed = "".join(a.text + mark for a, mark in zip(loads, marks, strict=True)) + head.text
            raise _unclear_weights(typed)
        del out[start - at :]
        out += [[replace(a, role=_Role.LOAD, unit=a.unit or head.unit), *part[1:]] for a in loads]
        out.append(part)
    return out


def _weights_or_reps(parts: list[list[_Piece]], slashes: list[bool]) -> None:
    """Settles each list of bare numbers that reads one way as reps and another as weights.

    ``bench 3x8 60/65/70kg`` is a weight per set, as ``bench 3x8 60/65/70`` is; other lists
    that end in a weight with its unit (``bench 60/65/70kg``, ``squat 3 sets 60/65/70kg x 8``)
    or that come before ``x`` and bare reps (``bench 60/65/70 x 8``, ``raise 6/8/10 x 12``)
    are refused: read as documented, they would be reps sharing the last number or a set
    count made of it. ``100kg x 8/8/6``, ``5/5/5 100kg`` and ``5/5/5/100kg`` stay reps. A comma
    list is settled the same way unless a load comes before it, since it then holds reps that
    share that load (``bench 100kg x 5, 5, 110kg``).
    """
    for slash in (True, False):
        start = 0
        for end in range(1, len(parts) + 1):
            if end == len(parts) or slashes[end] is not slash:
                before = [piece for part in parts[:start] for piece in part] + parts[start][:-1]
                if slash or not any(map(_gives_load, before)):
                    _listed_numbers(parts, start, end, slash)
                start = end


def _listed_numbers(parts: list[list[_Piece]], start: int, end: int, slash: bool) -> None:
    """One list: ``parts[start]`` holds its first item, ``parts[end - 1]`` its last."""
    listed = parts[start:end]
    if len(listed) < 2 or not all(listed) or not all(map(_one_bare, listed[1:-1])):
        return
    first, last = listed[0], listed[-1]
    before, head = first[:-1], last[0]
    items = [first[-1], *(part[0] for part in listed[1:-1])]
    amounts = [item for item in items if isinstance(item, _Amount)]
    if len(amounts) < len(items) or not isinstance(head, _Amount):
        return
    typed = ("/" if slash else ", ").join(item.text for item in [*amounts, head])
    weight = last[1] if len(last) == 2 else None
    listed_bare = all(map(_bare, [*amounts, head]))
    if not before and listed_bare and weight is not None and _bare(weight):
        # `ohp 5/5/5 95` (or `5,5,5 95`, `5-5-5 95`): the reps listed, then the weight, as
        # `5/5/5 95kg` reads (it was 5 kg for 5, 5 and 95 reps). A last number no bigger
        # than the list may be reps.
        if weight.value <= max(item.value for item in [*amounts, head]):
            raise _weights_or_reps_unclear(f"{typed} {weight.text}")
        parts[end - 1] = [head, replace(weight, role=_Role.LOAD)]
        return
    if _unit_load(head):
        if not _load_after_sets(amounts):
            return  # `3x5 80kg, 85kg`: each weight has its unit
        if len(last) > 1 and (not before or isinstance(before[-1], _Link)):
            # `60/65/70kg x 8` is read by _weight_lists; in `100kg x 8/110kg x 6` the 8 is reps.
            return
        if len(last) == 1 and _sets_by_reps(before):
            parts[start] = [*before, _as_load(amounts[0], head)]
            parts[start + 1 : end - 1] = [[_as_load(item, head)] for item in amounts[1:]]
            return
        # With commas, `presses 10, 15lbs` is 10 reps at 15 lb as often as not.
        if before or (slash and not all(2 * item.value < head.value for item in amounts)):
            raise _unclear_weights(typed)
        return
    if before or len(last) < 3 or not isinstance(last[1], _Link):
        return
    if all(map(_bare, [*amounts, head])) and _bare_or_reps(last[2]):
        raise _weights_or_reps_unclear(typed)


def _sets_by_reps(pieces: Sequence[_Piece]) -> bool:
    """``3x8`` alone: a set count, ``x`` and the reps or time, with no load."""
    if len(pieces) != 3 or not isinstance(pieces[1], _Link):
        return False
    sets, work = pieces[0], pieces[2]
    if not (_chainable(sets) and _chainable(work)) or sets.value > MAX_SETS:
        return False
    return sets.role in (None, _Role.SETS) and work.role in (None, _Role.REPS, _Role.SECONDS)


def _load_after_sets(items: Sequence[_Amount]) -> bool:
    """``3x8 60/65`` or ``3x8 @ 60/65``: bare numbers, the first maybe a load after ``@``."""
    return all(_bare(item) or (at == 0 and _gives_load(item)) for at, item in enumerate(items))


def _as_load(item: _Amount, weight: _Amount) -> _Amount:
    return replace(item, role=_Role.LOAD, unit=weight.unit, after_at=False)


_EACH_SET = "write each set as weight x reps"
_LABEL_EXAMPLE = "Squat; W: 60x5"
_WEIGHTS_EXAMPLE = "bench 60kg x 8, 65kg x 8, 70kg x 8"


def _unclear_weights(typed: str) -> _Problem:
    return _Problem(
        f"I read `{_quote(typed)}` as weights, one a set, but not how the rest of the"
        f" line goes with them: {_EACH_SET}",
        _WEIGHTS_EXAMPLE,
    )


def _weights_or_reps_unclear(typed: str) -> _Problem:
    return _Problem(
        f"I can't tell if `{_quote(typed)}` are weights or reps: {_EACH_SET}", _WEIGHTS_EXAMPLE
    )


def _bare_or_reps(piece: _Piece | None) -> TypeGuard[_Amount]:
    """``8`` or ``8 reps``: a count that may be the reps, not a load or an effort."""
    if isinstance(piece, _Amount) and piece.role is _Role.REPS:
        return not piece.after_at
    return piece is not None and _bare(piece)


def _one_bare(part: Sequence[_Piece]) -> bool:
    return len(part) == 1 and _bare(part[0])


def _bare(piece: _Piece) -> TypeGuard[_Amount]:
    """A number typed alone: no unit, role, sign or ``@``."""
    if not isinstance(piece, _Amount):
        return False
    return piece.role is None and piece.unit is None and not (piece.after_at or piece.added)


def _listed_weight(part: Sequence[_Piece]) -> bool:
    """A part that is one number, or one weight with its unit: an item of a weight list."""
    if len(part) != 1 or not isinstance(part[0], _Amount):
        return False
    amount = part[0]
    return (amount.role is None and not amount.after_at) or _unit_load(amount)


def _unit_load(amount: _Amount) -> bool:
    return amount.role is _Role.LOAD and amount.unit is not None and not amount.bodyweight


def _load_times_work(part: Sequence[_Piece]) -> bool:
    """``70kg x 8``: a weight, ``x``, and the reps or time, nothing else."""
    if len(part) != 3 or not isinstance(part[1], _Link) or not isinstance(part[2], _Amount):
        return False
    return part[2].role in (None, _Role.REPS, _Role.SECONDS) and not part[2].after_at


def _adds_to(part: Sequence[_Piece], before: Sequence[_Piece]) -> bool:
    """Whether ``part`` only adds a load or an effort that ``before`` lacks."""
    if not all(map(_addition, part)):
        return False
    return not (any(map(_gives_load, part)) and any(map(_gives_load, before)))


def _gives_load(piece: _Piece) -> bool:
    if not isinstance(piece, _Amount):
        return False
    return piece.role is _Role.LOAD or (piece.after_at and piece.value > MAX_RPE)


def _addition(piece: _Piece) -> bool:
    if isinstance(piece, _Amount):
        return piece.role is _Role.LOAD or piece.after_at
    return isinstance(piece, _Effort) or piece in (_Mark.EACH, _Mark.WARMUP)


def _part(pieces: Sequence[_Piece], context: _Context) -> _Part:
    part = _Part(pending=[p for p in pieces if isinstance(p, _Amount) and p.after_at])
    last = pieces[-1]
    part.effort_last = isinstance(last, _Effort) or (isinstance(last, _Amount) and last.after_at)
    if len(pieces) == 1 and isinstance(last, _Amount) and last.role in (None, _Role.LOAD):
        part.lone = None if last.after_at else last
    for piece in pieces:
        if isinstance(piece, _Effort):
            part.add_effort(piece)
        part.per_side |= piece is _Mark.EACH
        part.warmup |= piece is _Mark.WARMUP
    chains = _chains(pieces)
    placed = [pair for chain in chains if len(chain) > 1 for pair in _chain_roles(chain, context)]
    lone = [chain[0] for chain in chains if len(chain) == 1]
    placed += [(amount.role, amount) for amount in lone if amount.role is not None]
    has_work = any(role in _WORK for role, _ in placed)
    placed += _lone_roles([amount for amount in lone if amount.role is None], has_work)
    for role, amount in placed:
        part.assign(role, amount)
    return part


def _chainable(piece: _Piece | None) -> TypeGuard[_Amount]:
    # A number after `@` stands alone: `@ 80 x 5` is not a chain.
    return isinstance(piece, _Amount) and not piece.after_at


def _chains(pieces: Sequence[_Piece]) -> list[list[_Amount]]:
    """Amounts grouped by the ``x`` between them; a lone amount is a chain of one."""
    chains: list[list[_Amount]] = []
    link: _Link | None = None
    previous: _Piece | None = None
    for piece in pieces:
        if isinstance(piece, _Link):
            if link is not None or not _chainable(previous):
                raise _unread(piece.text)
            link = piece
        elif _chainable(piece):
            if link is None:
                chains.append([])
            chains[-1].append(piece)
            link = None
        elif link is not None:
            raise _unread(link.text)
        previous = piece
    if link is not None:
        raise _unread(link.text)
    return chains


def _chain_roles(chain: list[_Amount], context: _Context) -> list[tuple[_Role, _Amount]]:
    """Roles for numbers joined by ``x``; see "Reading `x`" in docs/notation.md."""
    if len(chain) > 3:
        raise _unread("x".join(amount.text for amount in chain))
    if _small_pair(chain, context) and context.order(Shape.SMALL_PAIR) is Order.WEIGHT_REPS:
        chain = [replace(chain[0], role=_Role.LOAD), chain[1]]
    chain = _with_bare_load(chain)
    tagged = [(amount.role, amount) for amount in chain if amount.role is not None]
    bare = [amount for amount in chain if amount.role is None]
    taken = {role for role, _ in tagged}
    order = (_Role.REPS, _Role.SETS) if chain[0].role is _Role.LOAD else (_Role.SETS, _Role.REPS)
    if _weight_then_two(chain) and context.order(Shape.WEIGHT_THEN_TWO) is Order.SETS_REPS:
        order = (_Role.SETS, _Role.REPS)
    elif chain[0].role is _Role.LOAD and len(chain) == 3 and chain[2].value > MAX_SETS:
        order = (_Role.SETS, _Role.REPS)  # `135x3x25`: 25 can only be the reps
    free = [role for role in order if role not in taken and not (role in _WORK and taken & _WORK)]
    if len(bare) == 1 and _Role.REPS in free:
        free = [_Role.REPS]
    if len(bare) > len(free):
        raise _unread("x".join(amount.text for amount in chain))
    return tagged + list(zip(free, bare, strict=False))


def _small_pair(chain: Sequence[_Amount], context: _Context) -> bool:
    """``curl 14x12`` on a line with no other load: 14 sets, or 14 kg? Both happen."""
    first, *rest = chain
    return (
        context.light
        and len(rest) == 1
        and first.role is None
        and rest[0].role is None
        and SMALL_PAIR_FLOOR <= first.value <= MAX_SETS
        and first.value.is_integer()
    )


def _weight_then_two(chain: Sequence[_Amount]) -> bool:
    """``row 135x4x8``: a load, then two different whole counts that could each be the sets."""
    if len(chain) != 3 or chain[0].role is not _Role.LOAD:
        return False
    counts = chain[1:]
    return (
        all(a.role is None and a.value.is_integer() and a.value <= MAX_SETS for a in counts)
        and counts[0].value != counts[1].value
    )


def _with_bare_load(chain: list[_Amount]) -> list[_Amount]:
    """The chain with the bare number that must be its load marked as such, if any.

    In ``A x B`` a bare A above MAX_SETS cannot be a set count, so it is the weight. In
    ``A x B x C`` the larger bare end is the weight (the last one on a tie).
    """
    if any(amount.role is _Role.LOAD for amount in chain):
        return chain
    if len(chain) == 2:
        ends = [0] if chain[0].role is None and chain[0].value > MAX_SETS else []
    else:
        ends = [i for i in (0, 2) if chain[i].role is None]
    if not ends:
        return chain
    heaviest = max(ends, key=lambda i: (chain[i].value, i))
    return [
        replace(a, role=_Role.LOAD, inferred=True) if i == heaviest else a
        for i, a in enumerate(chain)
    ]


def _lone_roles(bare: list[_Amount], has_work: bool) -> list[tuple[_Role, _Amount]]:
    """Bare numbers outside ``x``: loads beside other work, else the last is the reps."""
    if has_work or not bare:
        return [(_Role.LOAD, amount) for amount in bare]
    *loads, reps = bare
    return [(_Role.LOAD, amount) for amount in loads] + [(_Role.REPS, reps)]


def _settle_pending(parts: Sequence[_Part]) -> None:
    """Decides each bare ``@`` number: an effort when the line has a load, else the load.

    ``squat 3x5 100kg @8`` is RPE 8; ``bench 3x8 @ 80`` and ``curl 3x10 @8`` are weights.
    """
    has_load = any(_Role.LOAD in part.roles for part in parts) or any(
        amount.value > RPE_CEILING for part in parts for amount in part.pending
    )
    for part in parts:
        for amount in part.pending:
            if amount.value <= RPE_CEILING and (has_load or amount.value >= RPE_FLOOR):
                # `squat 3x5 100kg @11`: an effort out of range, not a second weight.
                part.add_effort(_effort(_Kind.RPE, amount.value, amount.text))
            else:
                part.assign(_Role.LOAD, replace(amount, role=_Role.LOAD))


def _per_set_lists(parts: list[_Part]) -> list[_Part]:
    """``lunge 3x10 60,60,55`` is a load per set; ``press 3x8 rpe 7, 8, 9`` an RPE per set.

    Bare numbers listed after a part with a set count and a load or an effort are one per
    set, so the list must have as many as there are sets.
    """
    for i, head in enumerate(parts):
        sets = head.roles.get(_Role.SETS)
        listed: list[_Amount] = []
        for part in parts[i + 1 :]:
            if part.lone is None:
                break
            listed.append(part.lone)
        if sets is None or not listed or not _WORK & head.roles.keys():
            continue
        count = _count(head)
        rest: dict[_Role, _Amount] = {
            role: amount for role, amount in head.roles.items() if role is not _Role.SETS
        }
        if head.effort_last and head.effort is not None:
            if any(a.role is not None for a in listed):
                continue
            efforts = [head.effort] + [_effort(_Kind.RPE, a.value, a.text) for a in listed]
            _check_list(count, len(efforts), "efforts", "press 3x8 rpe 7, 8, 9")
            per_set = [replace(head, roles=rest, effort=effort) for effort in efforts]
        elif _Role.LOAD in head.roles:
            first = head.roles[_Role.LOAD]
            loads = [first] + [
                a if a.role is _Role.LOAD else replace(a, role=_Role.LOAD, unit=first.unit)
                for a in listed
            ]
            _check_list(count, len(loads), "weights", "lunge 3x10 60,60,55")
            per_set = [replace(head, roles={**rest, _Role.LOAD: load}) for load in loads]
        else:
            continue
        return parts[:i] + per_set + parts[i + 1 + len(listed) :]
    return parts


def _check_list(sets: int, listed: int, what: str, example: str) -> None:
    if sets != listed:
        rule = f"I read {sets} sets but {listed} {what} (a list gives one per set)"
        raise _Problem(rule, example)


# Sets ----------------------------------------------------------------------------------


@dataclass
class _Context:
    """The person's choices for ambiguous shapes, and the shapes read without one."""

    choices: Choices
    light: bool
    """No load anywhere else on the line, so a small ``A x B`` may be a weight."""
    dumbbells: Callable[[], bool] = lambda: False
    """Whether the line's exercise is lifted with dumbbells, so ``50s`` after reps names them;
    asked only when a part has both, since looking a name up can cost a fuzzy match."""
    met: list[Shape] = field(default_factory=list)

    def order(self, shape: Shape) -> Order:
        if shape in self.choices:
            return self.choices[shape]
        if shape not in self.met:
            self.met.append(shape)
        return ORDERS[shape][0]


def _line_readings(
    line: str,
    tokens: list[_Token],
    unit: Unit,
    choices: Choices,
    block: str | None,
    names: Names | None = None,
) -> tuple[list[Reading], str | None]:
    """Every plausible reading of one line, and its own leading name if it has one.

    A line without a name of its own takes the block's (``100x5`` under ``Bench Press``).
    """
    name_tokens, notation, warmup = _split_name(tokens)
    after = not name_tokens and block is None
    if name_tokens:
        name = _name_text(name_tokens)
    elif block is not None:
        name = block
    else:
        name_tokens, notation = _words_within(notation)
        name = _name_text(name_tokens)
    if not any(char.isalpha() for char in name):
        raise _Problem("I couldn't find the exercise name", "squat 3x5 100kg")
    notation, plates = _plate_count(line, notation)
    reader = _Reader(line, _dashes(notation), notes=not after, names=names)
    pieces = reader.pieces()
    light = not _has_load(pieces)
    note = reader.note
    if plates is not None and (note is None or plates not in note):
        note = "; ".join(filter(None, (plates, note)))[:_NOTE_LIMIT]

    def entry(context: _Context) -> ParsedEntry:
        sets = _sets(pieces, unit, warmup, context) if pieces or plates is None else []
        if plates is not None and all(one.weight is None for one in sets):
            # `squat 5x5 2 plates`: a count of plates is no weight, and the bar is unknown.
            raise _Problem(
                f"`{_quote(plates)}` counts plates, not a weight: give the total weight"
                " (`/plates` works out the plates for a total)",
                "squat 5x5 100kg",
            )
        return ParsedEntry(name, tuple(sets), line, note, after)

    leading = name if name_tokens and not after else None

    def dumbbells() -> bool:
        named = names(name) if names is not None else None
        return (
            named is not None
            and named.equipment is Equipment.DUMBBELL
            # Carries are timed: `farmers carry 3x2 50s` may well be 50 seconds.
            and named.pattern is not Pattern.CARRY
        )

    first = _Context(choices, light, dumbbells)
    try:
        only = entry(first)
    except _Problem:
        if not first.met:
            raise
    if not first.met:
        return [Reading((), only)], leading
    readings: list[Reading] = []
    problems: list[_Problem] = []
    for combo in product(*(ORDERS[shape] for shape in first.met)):
        picked = tuple(zip(first.met, combo, strict=True))
        try:
            read = entry(_Context({**choices, **dict(picked)}, light, dumbbells))
        except _Problem as problem:
            problems.append(problem)
            continue
        if all(reading.entry.sets != read.sets for reading in readings):
            readings.append(Reading(picked, read))
    if not readings:
        raise problems[0]
    return readings, leading


def _plate_count(line: str, tokens: list[_Token]) -> tuple[list[_Token], str | None]:
    """The notation without a count of plates in it, and the count as typed, if there is one.

    A count is a number next to a plate word: ``2 plates``, ``plates: 2``, ``2x20 plates`` after
    the sets, maybe ``each side``. Beside a load (``squat 135x5 (2 plates)``) it is a note;
    on its own it is refused, since the bar it goes on is unknown. ``5x5 plates`` gives no
    count: its numbers are the sets.
    """
    for at, token in enumerate(tokens):
        if token.kind is not _Kind.WORD or token.text.lower() not in _PLATES:
            continue
        after = at + 1
        while after < len(tokens) and tokens[after].kind is _Kind.PUNCT:
            after += 1
        if after < len(tokens) and tokens[after].kind in _NUMERIC:
            start, end = at, after + 1
        elif at and tokens[at - 1].kind in _NUMERIC:
            start, end = at - 1, at + 1
            if start >= 2 and tokens[start - 1].kind is _Kind.X:
                start -= 2
                if not any(one.kind in _NUMERIC for one in tokens[:start]):
                    continue
        else:
            continue
        if end < len(tokens) and tokens[end].kind is _Kind.EACH:
            end += 1
        return tokens[:start] + tokens[end:], line[tokens[start].start : tokens[end - 1].end]
    return tokens, None


def _has_load(pieces: Sequence[_Piece]) -> bool:
    """Whether the line gives a load outside any small ``A x B`` (which then is sets x reps)."""
    for piece in pieces:
        if isinstance(piece, _Amount) and piece.role in (_Role.LOAD, _Role.SETS):
            return True
        if isinstance(piece, _Amount) and piece.after_at and piece.value > MAX_RPE:
            return True
    for chain in _chains(pieces):
        if len(chain) == 1 and chain[0].role is None:
            return True
        if len(chain) > 1 and any(a.role is None and a.value > MAX_SETS for a in chain[:1]):
            return True
    return False


def _sets(pieces: Sequence[_Piece], unit: Unit, warmup: bool, context: _Context) -> list[ParsedSet]:
    parts = [_dumbbells_named(_part(group, context), context) for group in _split_parts(pieces)]
    _settle_pending(parts)
    parts = _per_set_lists(parts)
    sets = [one for run in _runs(parts) for one in _run_sets(run, unit, warmup)]
    if not sets:
        raise _no_work()
    if len(sets) > MAX_SETS:
        raise _too_many(len(sets))
    return sets


_DUMBBELLS = re.compile(r"[0-9]+(?:\.[0-9]+)?['’]?s", re.IGNORECASE)


def _dumbbells_named(part: _Part, context: _Context) -> _Part:
    """``3x10 50s`` on dumbbell work: lb lifters name dumbbells by weight ("the 50s").

    Only a ``50s`` touching its number, after reps and with no load of its own: a set can't
    be both 10 reps and 50 seconds, so that reading is the one left.
    """
    seconds = part.roles.get(_Role.SECONDS)
    if (
        seconds is None
        or _Role.REPS not in part.roles
        or _Role.LOAD in part.roles
        or not _DUMBBELLS.fullmatch(seconds.text)
        or not context.dumbbells()
    ):
        return part
    roles: dict[_Role, _Amount] = {
        role: amount for role, amount in part.roles.items() if role is not _Role.SECONDS
    }
    roles[_Role.LOAD] = _Amount(seconds.value, _Role.LOAD, seconds.text)
    return replace(part, roles=roles)


def _runs(parts: Sequence[_Part]) -> list[list[_Part]]:
    """Parts grouped by load: each load opens a run; parts without one join the run.

    Parts before the first load join the first run (``squat 5/5/5 100kg``).
    """
    runs: list[list[_Part]] = []
    for part in parts:
        if not runs or (_Role.LOAD in part.roles and _load_of(runs[-1]) is not None):
            runs.append([part])
        else:
            runs[-1].append(part)
    return runs


def _load_of(run: Sequence[_Part]) -> _Amount | None:
    return next((part.roles[_Role.LOAD] for part in run if _Role.LOAD in part.roles), None)


def _run_sets(run: Sequence[_Part], unit: Unit, warmup: bool) -> list[ParsedSet]:
    """The sets of one run; an effort, ``each`` or warm-up given once covers the run."""
    load = _load_of(run)
    effort = next((part.effort for part in run if part.effort is not None), None)
    shared = replace(
        _loaded(load, unit),
        per_side=any(part.per_side for part in run),
        warmup=warmup or any(part.warmup for part in run),
    )
    sets: list[ParsedSet] = []
    for part in run:
        reps, seconds = _work(part)
        felt = part.effort or effort
        rpe = felt.rpe if felt is not None else None
        sets += [replace(shared, reps=reps, seconds=seconds, rpe=rpe)] * _count(part)
    return sets


def _loaded(load: _Amount | None, unit: Unit) -> ParsedSet:
    if load is None:
        return ParsedSet()
    weight = load.typed
    if weight is None:
        return ParsedSet(bodyweight=True)
    per_unit = KG_PER_LB if (load.unit or unit) is Unit.LB else 1.0
    weight_kg = round(weight * per_unit, 3)
    if not abs(weight_kg) <= MAX_WEIGHT_KG:
        rule = f"A weight can be at most {MAX_WEIGHT_KG:g} kg"
        raise _out_of_range(rule, load.text, "deadlift 180x5")
    return ParsedSet(
        weight=weight,
        unit=load.unit,
        weight_kg=weight_kg,
        added=load.added,
        bodyweight=load.bodyweight,
    )


def _work(part: _Part) -> tuple[int | None, int | None]:
    reps, seconds = part.roles.get(_Role.REPS), part.roles.get(_Role.SECONDS)
    if reps is not None and seconds is not None:
        both = f"`{_quote(reps.text)}` and `{_quote(seconds.text)}`"
        raise _Problem(f"A set takes reps or a time, not both, but I read {both}", "plank 3x60s")
    if reps is not None:
        rule = f"Reps must be whole numbers from {MIN_REPS} to {MAX_REPS}"
        return _whole(reps, MIN_REPS, MAX_REPS, rule, "squat 3x5 100kg"), None
    if seconds is not None:
        return None, _seconds(seconds)
    raise _no_work()


def _count(part: _Part) -> int:
    sets = part.roles.get(_Role.SETS)
    if sets is None:
        return 1
    rule = f"Sets must be whole numbers from {MIN_SETS} to {MAX_SETS}"
    return _whole(sets, MIN_SETS, MAX_SETS, rule, "squat 5x5 100kg")


def _whole(amount: _Amount, low: int, high: int, rule: str, example: str) -> int:
    if not (low <= amount.value <= high and amount.value.is_integer()):
        raise _out_of_range(rule, amount.text, example)
    return int(amount.value)


def _seconds(amount: _Amount) -> int:
    # Checked before rounding: a huge typed number is infinite, and round() would raise.
    if not MIN_SECONDS <= amount.value <= MAX_SECONDS:
        rule = f"A time must be from {MIN_SECONDS} second to {MAX_SECONDS // 60} minutes"
        raise _out_of_range(rule, amount.text, "plank 60s")
    return round(amount.value)


# Cardio ----------------------------------------------------------------------------------

MAX_CARDIO_SECONDS = 24 * 3600
MAX_DISTANCE_M = 1_000_000.0

_METRES_PER: dict[str, float] = {
    **dict.fromkeys(
        ("km", "kms", "k", "kilometer", "kilometers", "kilometre", "kilometres"), 1000.0
    ),
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres"), 1.0),
    **dict.fromkeys(("mi", "mile", "miles"), METRES_PER_MILE),
}
_SECONDS_PER: dict[str, int] = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
}
_AMOUNT = r"(?P<value>[0-9]+(?:[.,][0-9]+)?)\s*(?P<unit>[a-z]+)\b"
_CARDIO_AMOUNT = re.compile(
    rf"{_AMOUNT}|(?P<clock>[0-9]{{1,2}}(?::[0-5][0-9]){{1,2}})(?![0-9:])", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class CardioLine:
    """A cardio log: ``run 5km 25min``, ``bike 45min``, ``row erg 2000m in 7:30``."""

    exercise: str
    seconds: int | None
    distance_m: float | None


def parse_cardio(line: str) -> CardioLine | None:
    """``line`` read as a name followed only by a distance and/or a duration, or None.

    Kept apart from the set grammar on purpose: whether a line is cardio is decided by
    the catalog (the caller asks this only when the name is a cardio activity), and a
    run may last far longer than a timed set. Durations add up (``1h 20min``); a clock
    is ``mm:ss`` or ``h:mm:ss``; ``in`` between distance and time is allowed.
    """
    text = line.strip()
    first = _CARDIO_AMOUNT.search(text)
    if first is None:
        return None
    name = text[: first.start()].strip()
    if not any(char.isalpha() for char in name):
        return None
    seconds: float | None = None
    metres: float | None = None
    rest = text[first.start() :]
    position = 0
    for match in _CARDIO_AMOUNT.finditer(rest):
        if rest[position : match.start()].strip().casefold() not in ("", "in", ","):
            return None
        position = match.end()
        if match["clock"]:
            parts = [int(p) for p in match["clock"].split(":")]
            seconds = (seconds or 0) + reduce(lambda total, part: total * 60 + part, parts, 0)
            continue
        value = float(match["value"].replace(",", "."))
        unit = match["unit"].casefold()
        if unit in _METRES_PER and metres is None:
            metres = value * _METRES_PER[unit]
        elif unit in _SECONDS_PER:
            seconds = (seconds or 0) + value * _SECONDS_PER[unit]
        else:
            return None
    if rest[position:].strip():
        return None
    if seconds is not None and not 0 < seconds <= MAX_CARDIO_SECONDS:
        return None
    if metres is not None and not 0 < metres <= MAX_DISTANCE_M:
        return None
    return CardioLine(name, None if seconds is None else round(seconds), metres)
