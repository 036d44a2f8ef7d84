"""Weekly recurrence: "Mondays and Thursdays at 18:00 in Europe/Berlin" as UTC instants.

Pure: callers pass the instant to count from. Each occurrence is built from the local
calendar day and wall time, never by adding 7 x 24 hours to the last one, so a reminder
stays at 18:00 local across daylight-saving changes. Two edge cases, by design:

- A wall time that does not exist that day (spring forward) fires once, shifted by the
  gap: 02:30 on a day that jumps from 02:00 to 03:00 fires at 03:30.
- A wall time that occurs twice (fall back) fires once, at the first of the two.

Both follow from reading the wall time with ``fold=0`` (PEP 495), which is what
``datetime.combine`` gives.

Also here, because the CLI and the commands share them: the lenient readers for days
(``mon,thu``, ``Mon Thu``, ``weekdays``) and times (``18:00``, ``6pm``, ``6:30 pm``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coach.problems import UserError

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
GROUPS = {
    "daily": frozenset(range(7)),
    "everyday": frozenset(range(7)),
    "weekdays": frozenset(range(5)),
    "weekends": frozenset({5, 6}),
}
_TIME = re.compile(r"^(\d{1,2})(?:[:.h]?(\d{2}))?h?(?:(a|p)\.?m?\.?)?$")
# A week always holds the next occurrence; one more day covers starting late on a
# matching day.
_SEARCH_DAYS = 8


class RecurrenceError(UserError, ValueError):
    """Days, a time or a zone that cannot be read; the message says what works instead."""


@dataclass(frozen=True, slots=True)
class Weekly:
    """Some weekdays (0 = Monday) at one local wall time in an IANA zone."""

    weekdays: frozenset[int]
    at: time
    zone: str

    def __post_init__(self) -> None:
        if not self.weekdays or not self.weekdays <= frozenset(range(7)):
            raise RecurrenceError("Give at least one day, e.g. `mon,thu`.")
        zone_info(self.zone)

    @property
    def tz(self) -> ZoneInfo:
        return zone_info(self.zone)


def zone_info(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise RecurrenceError(
            f"I don't know the time zone `{name}`. Try `Europe/Berlin` or `America/New_York`."
        ) from None


def on_day(rule: Weekly, day: date) -> datetime:
    """The rule's instant on a local calendar day, in UTC (gap: shifted; overlap: first)."""
    return datetime.combine(day, rule.at, tzinfo=rule.tz).astimezone(UTC)


def _candidates(rule: Weekly, start: date, step: int) -> Iterator[datetime]:
    for offset in range(_SEARCH_DAYS + 1):
        day = start + timedelta(days=offset * step)
        if day.weekday() in rule.weekdays:
            yield on_day(rule, day)


def next_occurrence(rule: Weekly, after: datetime) -> datetime:
    """The first occurrence strictly after ``after`` (aware), as aware UTC."""
    start = after.astimezone(rule.tz).date() - timedelta(days=1)
    return next(moment for moment in _candidates(rule, start, 1) if moment > after)


def previous_occurrence(rule: Weekly, before: datetime) -> datetime:
    """The last occurrence strictly before ``before`` (aware), as aware UTC."""
    start = before.astimezone(rule.tz).date() + timedelta(days=1)
    return next(moment for moment in _candidates(rule, start, -1) if moment < before)


def occurrences(rule: Weekly, after: datetime, count: int) -> list[datetime]:
    """The next ``count`` occurrences after ``after``, oldest first."""
    found: list[datetime] = []
    moment = after
    for _ in range(count):
        moment = next_occurrence(rule, moment)
        found.append(moment)
    return found


def parse_days(text: str) -> frozenset[int]:
    """Weekdays from ``mon,thu``, ``Mon Thu``, ``monday/thursday``, ``weekdays``, ``daily``,
    ``every day``."""
    said = re.sub(r"\bevery\s+day\b", "everyday", text.strip().lower())
    words = [word for word in re.split(r"[\s,;/&+]+|\band\b", said) if word]
    days: set[int] = set()
    for word in words:
        if word in GROUPS:
            days |= GROUPS[word]
            continue
        matches = [
            i for i, name in enumerate(DAY_NAMES) if len(word) >= 2 and name.startswith(word)
        ]
        if len(matches) != 1:
            raise RecurrenceError(
                f"I couldn't read the day `{word}`. Use day names like `mon,thu` or `Mon Thu`."
            )
        days.add(matches[0])
    if not days:
        raise RecurrenceError("Give at least one day, e.g. `mon,thu`.")
    return frozenset(days)


def parse_time(text: str) -> time:
    """A wall time from ``18:00``, ``18.30``, ``18h``, ``6pm``, ``6:30 pm``, ``0600``."""
    match = _TIME.match(text.strip().lower().replace(" ", ""))
    problem = RecurrenceError(f"I couldn't read the time `{text}`. Use 24-hour `18:00` or `6pm`.")
    if match is None:
        raise problem
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3] is not None:
        if not 1 <= hour <= 12:
            raise problem
        hour = hour % 12 + (12 if match[3] == "p" else 0)
    if hour > 23 or minute > 59:
        raise problem
    return time(hour, minute)


def describe_days(weekdays: frozenset[int]) -> str:
    """``Mon, Thu`` in week order, for lists and confirmations."""
    return ", ".join(DAY_NAMES[day][:3].title() for day in sorted(weekdays))


def days_text(weekdays: frozenset[int]) -> str:
    """The stored form: ``0,3``."""
    return ",".join(str(day) for day in sorted(weekdays))


def days_from_text(stored: str) -> frozenset[int]:
    return frozenset(int(day) for day in stored.split(",") if day)
