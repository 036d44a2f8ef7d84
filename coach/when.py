"""When a set was done, from what people type: ``yesterday``, ``monday``, ``2026-11-20``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MAX_DAYS_BACK = 365


@dataclass(frozen=True, slots=True)
class WhenError:
    message: str


def resolve_day(text: str, today: date) -> date | WhenError:
    """The training day meant by ``text``, relative to the person's local ``today``.

    A weekday means the most recent one before today, since today is the default anyway.
    """
    word = text.strip().lower()
    if word in ("", "today", "now"):
        return today
    if word in ("yesterday", "yday"):
        return today - timedelta(days=1)
    for index, name in enumerate(WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            back = (today.weekday() - index) % 7 or 7
            return today - timedelta(days=back)
    try:
        day = date.fromisoformat(word)
    except ValueError:
        return WhenError(
            f"I couldn't read the day `{text}`. Try `yesterday`, a weekday like `monday`, "
            "or a date like `2026-11-20`."
        )
    if day > today:
        return WhenError(f"{day.isoformat()} is in the future. Log sets once they're done.")
    if (today - day).days > MAX_DAYS_BACK:
        return WhenError(f"{day.isoformat()} is more than a year ago; I only take the last year.")
    return day
