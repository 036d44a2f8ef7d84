"""How a pasted session is laid out around its sets: dates, titles, list marks, set numbers.

What the apps copy out and what people keep in notes has lines that are not sets: a workout
title (``Push day``, ``Upper 1``), a date (``Monday, 20 February 2023 at 08:30``), and marks
before the sets (``- [x] 3@135``, ``Set 1: 100 kg x 5``). These recognisers let the notation
parser (``coach.notation``) skip or use them; they read text only.
"""

from __future__ import annotations

import re

LIST_MARK = re.compile(r"^(?:[-*•]\s+)?\[[ xX]?\]\s*|^[-*•]\s+(?=[0-9])")
"""A Markdown list or checkbox before the sets (``- [x] 3@135``, ``- 100x5``)."""

_SPLIT = r"upper|lower|push|pull"
"""A split's day names, in the words of both kinds of workout title below."""
NUMBERED_TITLE = re.compile(
    rf"(?:(?:day|week|{_SPLIT}|legs?|workout|session|full\s+body|block)\s*)+"
    r"[0-9]{1,2}[a-z]?(?:\s*[-:/,]?\s*(?:day|week)\s*[0-9]{1,2}[a-z]?)*",
    re.IGNORECASE,
)
"""A numbered workout title (``Day 1``, ``Upper 1``, ``Week 2 Day 3``): no sets in it."""
TITLE = re.compile(
    rf"[^\W\d_][^\W\d]*(?:[\s'&/-]+[^\W\d][^\W\d]*)*|{NUMBERED_TITLE.pattern}",
    re.IGNORECASE,
)
"""A workout title above a date line: words, maybe numbered (``Upper 1``, ``Push day``)."""

SET_NUMBER = re.compile(r"^(?:set\s*)?[0-9]{1,2}\s*[.):]\s+(?=.*[0-9])", re.IGNORECASE)
"""``1. 100x5`` or ``Set 2: 100 kg x 5`` under a name: the set's number, not notation."""
_LABEL_TAIL = (
    r"(?:\s*[0-9]{1,2}\s*[.):]|\s*[.):]|\s)\s*(?=[0-9]|[+-][0-9]|(?:bw|body[\s-]*weight)\b)"
)
"""What ends a set label: a set number or `:`, then the sets (a number, a signed load, BW)."""
_NAMED_APP_LABELS = (
    r"w|d|f|drop[\s-]*sets?|failure|top\s*sets?"
    r"|back[\s-]*offs?(?:\s*sets?)?|working(?:\s*sets?)?|work\s*sets?"
)
_APP_LABELS = rf"(?P<warmup>w|wu|warm[\s-]*ups?)|{_NAMED_APP_LABELS}|work"
_KIND_LABELS = (
    r"(?:top|back[\s-]*off|back[\s-]*down)\s*(?:singles?|doubles?|triples?)"
    r"|back[\s-]*downs?(?:\s*sets?)?|amrap(?:\s*sets?)?|heavy|light|paused?|drops?"
    r"|(?:cluster|rest[\s-]*pause|myo(?:[\s-]*reps?)?)(?:\s*sets?)?"
)
SET_LABEL = re.compile(rf"^(?:{_APP_LABELS}|{_KIND_LABELS}){_LABEL_TAIL}", re.IGNORECASE)
"""What kind of set a sets line holds, as the apps and notes label it: ``W: 60 kg × 10``
(Strong's warm-up, ``W1:`` when numbered), ``Warm-up 1:``, ``D:`` and ``F:`` (drop set,
to failure), ``Working 3x5``, ``Top set``, ``Back-off``, and the kinds lifters write in
notes (``Top single``, ``AMRAP:``, ``Paused:``, ``Back-off triple``, ``Myo-reps``). Read as
a name, it would log an exercise called "W" or "Top single" and take the sets below it
from the exercise above; ``warmup`` says the label marks warm-ups. Sets follow a label: a
number, a signed load (Strong's weighted ``W: +0 kg × 5``) or bodyweight (``W: BW x 5``),
so ``Paused squat 3x5`` and ``Heavy bag`` stay names."""
NAMED_LABEL = re.compile(
    rf"^(?P<name>[^\W\d_][^\d:;]*?)\s*(?P<mark>[-–—:,])?\s+(?=(?:{_NAMED_APP_LABELS}){_LABEL_TAIL})",
    re.IGNORECASE,
)
"""A name, then an app's set label on the same line (``Squat W: 60x5``, ``Squat - W: 60x5``):
the name line and a labelled sets line in one. Only the apps' labels count here: after a
name, ``paused`` or ``heavy`` may be part of it (``Bench paused 3x3``), and a bare ``work``
ends ``bag work``; those labels need a line of their own. ``wu`` and ``warm-up`` after a
name are the notation's own warm-up marks (``squat wu 60x5``)."""

SUPERSET_TAG = re.compile(r"^(?![wx])[a-z][1-9]\s*(?::\s*|\s)(?=[^\W\d_])", re.IGNORECASE)
"""A superset or program tier tag before the name (``A1 bench``, ``B2: row``, ``T1 Squat``):
its place in the plan, not part of the exercise. No catalog name starts with a letter, a
digit and a space. ``x3 pullups 10`` is a set count and ``W1 squat 60x5`` a numbered
warm-up, so neither letter is a tag."""

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_AT_HHMM = r"\s+at\s+[0-9]{1,2}:[0-9]{2}(?:\s*[ap]m)?"
"""A time of day after a date (`` at 18:30``, `` at 6:30 pm``), as the apps copy it out."""
DATE = re.compile(
    rf"""[\W_]*(?:(?:date|workout)\s*:?\s*)?(?:{_WEEKDAY},?\s*)?
    (?:[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}
      |[0-9]{{1,2}}[/.][0-9]{{1,2}}(?:[/.][0-9]{{2,4}})?
      |(?:[0-9]{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}(?:\s+[0-9]{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+[0-9]{{4}})?
      |today|yesterday|{_WEEKDAY})
    (?:{_AT_HHMM})?[\W_]*""",
    re.VERBOSE | re.IGNORECASE,
)
"""A line that is only a date or a day (``2024-03-05``, ``Mon 3/4``, ``March 5th``)."""

_CLOCK = r"[0-9]{1,2}(?::[0-9]{2})?\s*[ap]\.?m\.?|[0-9]{1,2}:[0-9]{2}"
"""A time of day that cannot be a set: ``6pm``, ``6:30 pm``, ``18:30``."""
TITLED_DATE = re.compile(
    rf"""(?P<title>{TITLE.pattern})(?<![0-9](?=[0-9/.]))(?P<date>{DATE.pattern})
    (?:(?<=[\s,@(-])(?:at\s+|@\s*)?(?P<clock>{_CLOCK})[\W_]*)?""",
    re.VERBOSE | re.IGNORECASE,
)
"""A title, then a date on the same line (``Push day 12/1``), maybe then a time of day
(``Push day 12/1 - 6pm``); ``title_date`` says when it is one.

The date is a whole one set apart from the title: in ``Legs 5/3/1`` (a program's name) the
tail of the number list, ``/3/1``, is no date after a title ``Legs 5``."""
_WORKOUT_TITLE = re.compile(
    r".*\b(?:day|workout|session|training)\b.*"
    rf"|(?:{_SPLIT}|legs|full|body|and|[\s&/+-])+",
    re.IGNORECASE,
)
"""Words that name a workout and no exercise: ``Push day``, ``Upper``, ``Push/Pull``."""
_DAY_WORD = re.compile(
    r"(?:today|yesterday|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?",
    re.IGNORECASE,
)


def title_date(line: str) -> str | None:
    """The date on a workout's title line (``Push day 12/1``, ``Push Day - 3/4``), with its
    time of day after ``at`` when it has one (``Push day 12/1 - 6pm`` is ``12/1 at 6pm``),
    else None.

    Only a title no exercise is named like counts: one that says ``day``, ``workout``,
    ``session`` or ``training``, a split's name (``Upper``, ``Push/Pull``) or a numbered
    title (``Upper 1``). ``curl 12/10`` stays two sets, and a lone ``Day 3/4`` (day 3 of 4?)
    is not read as a date."""
    match = TITLED_DATE.fullmatch(line)
    if match is None:
        return None
    title = match["title"].strip()
    if title.casefold() == "day" or not (
        _WORKOUT_TITLE.fullmatch(title) or NUMBERED_TITLE.fullmatch(title)
    ):
        return None
    day = match["date"].strip(" -–—:,|()[]@")
    # DATE takes any word that starts like a month or a weekday (`Leg day sunshine`): in a
    # title, only numbers or a day's own name are a date.
    if not (any(char.isdigit() for char in day) or _DAY_WORD.fullmatch(day)):
        return None
    if match["clock"]:
        # Read as `/log when:` reads `12/1 at 6pm`, never as sets `12 x 1, 6`.
        return f"{day} at {match['clock'].replace('.', '')}"
    return day


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NAMED_DATE = re.compile(
    rf"(?:(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH})"
    r"(?:\s+(?P<d2>[0-9]{1,2})(?:st|nd|rd|th)?)?,?\s+(?P<year>[0-9]{4})",
    re.IGNORECASE,
)


_AT = re.compile(rf"{_AT_HHMM}\s*$", re.IGNORECASE)


def day_text(line: str) -> str:
    """The date line as ``YYYY-MM-DD``, with its time of day, when it names a month, a day and
    a year (what the apps copy out: ``Monday, 20 February 2023 at 08:30`` reads
    ``2023-02-20 at 08:30``); otherwise as typed."""
    match = _NAMED_DATE.search(line)
    day = match and (match["d1"] or match["d2"])
    if match is None or not day:
        return line.strip()
    month = _MONTHS.index(match["month"][:3].lower()) + 1
    at = _AT.search(line)
    return f"{match['year']}-{month:02d}-{int(day):02d}" + (at.group(0).rstrip() if at else "")
