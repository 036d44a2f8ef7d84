"""When a set was done, from what people type: ``yesterday``, ``last friday``,
``3 days ago``, ``27/11``, ``nov 27``, ``2026-11-20``, each perhaps with a time of day
(``yesterday at 7pm``, ``Monday, 20 February 2023 at 08:30`` as the apps copy it out);
and a day to come, for what is planned (``read_coming_day``).

A date with numbers only (``3/4``) is read in the person's date order (day/month or
month/day); when both readings are dates and they have not chosen an order, the answer
asks them to, instead of guessing. A date without a year is the latest one not after
today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from coach.recurrence import RecurrenceError, parse_time

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MAX_DAYS_BACK = 365
_TOMORROW = ("tomorrow", "tmrw", "tmr", "tomorow")
EXAMPLES = "`yesterday`, `last friday`, `3 days ago`, `27/11` or `2026-11-20`"
COMING = "`today`, `tomorrow`, a weekday like `monday`, or a date like `2026-12-07`"


class DateOrder(StrEnum):
    """How a person writes a date of two numbers: ``27/11`` or ``11/27``."""

    DAY_MONTH = "dmy"
    MONTH_DAY = "mdy"


@dataclass(frozen=True, slots=True)
class WhenError:
    message: str


@dataclass(frozen=True, slots=True)
class Day:
    """The day read, and a sentence to show with it when the reading may surprise."""

    day: date
    note: str | None = None
    at: time | None = None
    """The local time of day, when one was typed."""


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_AGO = re.compile(
    r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six)\s*(?P<what>d|days?|w|wks?|weeks?)\s+ago"
)
_AT_TIME = re.compile(r",?\s+at\s+(?P<clock>\d{1,2}(?::\d{2})?\s*(?:[ap]m)?)$")
_ISO = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})(?:[/.-](?P<y>\d{2}|\d{4}))?")
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]{3,9})\.?"
_DAY_MONTH = re.compile(rf"(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y>\d{{4}}))?")
_MONTH_DAY = re.compile(rf"{_MONTH}\s+(?P<d>\d{{1,2}}){_ORDINAL}(?:,?\s+(?P<y>\d{{4}}))?")
_LEADING_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?=\d|[a-z]{3})")


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    return next((n for n, name in enumerate(WEEKDAYS) if name.startswith(word)), None)


def _month(word: str) -> int | None:
    if len(word) < 3:
        return None
    return next((n + 1 for n, name in enumerate(MONTHS) if name.startswith(word)), None)


def _dated(year: int | None, month: int, day: int, today: date, typed: str) -> date | WhenError:
    """The date, in ``year`` or else the latest one not after today."""
    years = [year] if year is not None else [today.year, today.year - 1]
    for candidate in years:
        try:
            found = date(candidate, month, day)
        except ValueError:
            continue
        if year is not None or found <= today:
            return found
    return WhenError(f"`{typed}` is not a date in the calendar. Try {EXAMPLES}.")


def _numeric(
    match: re.Match[str], today: date, order: DateOrder | None, typed: str
) -> date | WhenError:
    a, b = int(match["a"]), int(match["b"])
    year = None
    if match["y"]:
        year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
    if (a > 12 and b > 12) or 0 in (a, b):
        return WhenError(f"`{typed}` is not a date in the calendar. Try {EXAMPLES}.")
    if a > 12 or (a != b and b <= 12 and order is DateOrder.DAY_MONTH):
        day, month = a, b
    elif b > 12 or a == b or order is DateOrder.MONTH_DAY:
        day, month = b, a
    else:
        first = f"{a} {MONTHS[b - 1].capitalize()}"
        second = f"{MONTHS[a - 1].capitalize()} {b}"
        return WhenError(
            f"`{typed}` could be {first} or {second}. Tell me how you write dates with "
            "`/settings dates`, or type the date as `YYYY-MM-DD`."
        )
    return _dated(year, month, day, today, typed)


def _read(word: str, today: date, order: DateOrder | None, typed: str) -> Day | WhenError:
    if word in ("", "today", "now", "tonight", "this morning", "this evening"):
        return Day(today)
    if word in _TOMORROW:
        return WhenError(
            "Tomorrow hasn't happened yet: log sets once they're done "
            "(leave `when:` empty for today)."
        )
    if word in ("yesterday", "yday", "yest"):
        return Day(today - timedelta(days=1))
    if word in ("day before yesterday", "the day before yesterday"):
        return Day(today - timedelta(days=2))
    if ago := _AGO.fullmatch(word):
        count = int(ago["n"]) if ago["n"].isdigit() else _NUMBERS[ago["n"]]
        return Day(today - timedelta(days=count * (7 if ago["what"].startswith("w") else 1)))
    words = word.split()
    if (
        len(words) == 2
        and words[0] in ("last", "past")
        and (index := _weekday(words[1])) is not None
    ):
        return Day(today - timedelta(days=(today.weekday() - index) % 7 or 7))
    if len(words) == 1 and (index := _weekday(word)) is not None:
        back = (today.weekday() - index) % 7 or 7
        day = today - timedelta(days=back)
        if back == 7:
            name = WEEKDAYS[index].capitalize()
            return Day(day, f"Today is {name}, so `{typed}` means last {name}, a week ago.")
        return Day(day)
    word = _LEADING_WEEKDAY.sub("", word)
    found: date | WhenError | None = None
    if iso := _ISO.fullmatch(word):
        try:
            found = date(int(iso["y"]), int(iso["m"]), int(iso["d"]))
        except ValueError:
            found = WhenError(f"`{typed}` is not a date in the calendar. Try {EXAMPLES}.")
    elif numeric := _NUMERIC.fullmatch(word):
        found = _numeric(numeric, today, order, typed)
    elif named := _DAY_MONTH.fullmatch(word) or _MONTH_DAY.fullmatch(word):
        month = _month(named["month"])
        if month is not None:
            year = int(named["y"]) if named["y"] else None
            found = _dated(year, month, int(named["d"]), today, typed)
    if found is None:
        return WhenError(f"I couldn't read the day `{typed}`. Try {EXAMPLES}.")
    return found if isinstance(found, WhenError) else Day(found)


_EVENING = ("tonight", "this evening")


def _clock(clock: str, day_words: str) -> time | WhenError:
    """``7pm``, ``08:30``, ``18:05``, read as reminders' times are. A time no clock shows
    (``25:00``, ``13pm``) is refused, and ``7`` or ``7:30`` (morning or evening?) asks which,
    unless the day's words say (``tonight at 8``, ``this morning at 7``)."""
    try:
        at = parse_time(clock)
    except RecurrenceError:
        return WhenError(
            f"I couldn't read the time `{clock}`. Try `yesterday at 18:30` or "
            "`yesterday at 6:30pm`."
        )
    if clock.endswith("m") or clock.startswith("0") or not 1 <= at.hour <= 11:
        return at
    evening = time(at.hour + 12, at.minute)
    if day_words in _EVENING:
        return evening
    if day_words == "this morning":
        return at
    minutes = f":{at.minute:02d}" if at.minute else ""
    return WhenError(
        f"`at {clock}` could be {at:%H:%M} or {evening:%H:%M}: add am or pm "
        f"(`at {at.hour}{minutes}pm`), or write it as `{evening:%H:%M}`."
    )


def local_moment(day: date, at: time, zone: tzinfo) -> datetime | WhenError:
    """The instant the clocks in ``zone`` showed ``at`` on ``day``. A time they skipped, or
    showed twice, as they changed that night is refused rather than guessed."""
    moment = datetime.combine(day, at, zone)
    wall = moment.replace(tzinfo=None)
    if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        return WhenError(
            f"{at:%H:%M} was skipped on {day} where you are: the clocks went forward. "
            "Give the time they showed, e.g. an hour later."
        )
    if moment.replace(fold=1).utcoffset() != moment.utcoffset():
        return WhenError(
            f"{at:%H:%M} came twice on {day} where you are, as the clocks went back: leave "
            "the time out, or give one outside that hour."
        )
    return moment


def _typed(text: str) -> tuple[str, str]:
    """``text`` as quoted back to the person, and its words as read (lower case)."""
    typed = text.strip().replace("`", "'")
    return typed[:30], " ".join(typed.lower().split())


def day_named(text: str, today: date, order: DateOrder | None = None) -> Day | WhenError:
    """The day ``text`` names relative to ``today``, however far back or ahead: for a
    command with limits of its own (``/deload``), which words them for itself. A time of
    day typed with it is of no use there."""
    typed, word = _typed(text)
    word = _AT_TIME.sub("", word)
    if word in _TOMORROW:
        return Day(today + timedelta(days=1))
    return _read(word, today, order, typed)


def read_day(text: str, today: date, order: DateOrder | None = None) -> Day | WhenError:
    """The training day meant by ``text``, relative to the person's local ``today``, with
    the time of day when one is typed after ``at``.

    A weekday means the most recent one before today, since today is the default anyway;
    on that same weekday it means a week ago, and the answer's note says so.
    """
    typed, word = _typed(text)
    at: time | None = None
    if timed := _AT_TIME.search(word):
        clock = _clock(timed["clock"], word[: timed.start()])
        if isinstance(clock, WhenError):
            return clock
        at, word = clock, word[: timed.start()]
    read = _read(word, today, order, typed)
    if isinstance(read, WhenError):
        return read
    if read.day > today:
        return WhenError(f"{read.day.isoformat()} is in the future. Log sets once they're done.")
    if (today - read.day).days > MAX_DAYS_BACK:
        return WhenError(
            f"{read.day.isoformat()} is more than a year ago; I only take the last year."
        )
    return replace(read, at=at)


def read_coming_day(text: str, today: date) -> date | WhenError:
    """A day from ``today`` on, as a plan's first or last day is typed: ``today``,
    ``tomorrow``, a weekday (the coming one) or ``YYYY-MM-DD``.

    Today's own weekday could mean today or a week on, so the answer asks which.
    """
    typed, word = _typed(text)
    if word == "today":
        return today
    if word in _TOMORROW:
        return today + timedelta(days=1)
    if (index := _weekday(word)) is not None:
        ahead = (index - today.weekday()) % 7
        if ahead == 0:
            name = WEEKDAYS[index].capitalize()
            return WhenError(
                f"Today is {name}: say `today`, or `{today + timedelta(days=7)}` for next {name}."
            )
        return today + timedelta(days=ahead)
    if iso := _ISO.fullmatch(word):
        try:
            return date(int(iso["y"]), int(iso["m"]), int(iso["d"]))
        except ValueError:
            return WhenError(f"`{typed}` is not a date in the calendar: use {COMING}.")
    return WhenError(f"I couldn't read the day `{typed}`: use {COMING}.")
