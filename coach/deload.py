"""Deloads people log: days they train lighter on purpose (``/deload``, or ``deloads`` in
the ``legday analyze`` file).

OVERREACHING reads a main lift's e1RM at 95 % or less of the previous 4 weeks' best as a
sign of fatigue only outside a deload the person logged (balance-model.md): a planned
light week is the plan, not a warning. A deload is a run of the person's local days,
first and last included; it may start today or in the last two weeks (people often say
so a few days in), and lasts 1 to 14 days, a week unless they say otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from coach.when import DateOrder, WhenError, day_named

DEFAULT_DAYS = 7
MAX_DAYS = 14
MAX_DAYS_BACK = 14


@dataclass(frozen=True, slots=True)
class Deload:
    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(
                f"a deload cannot end ({self.last_day.isoformat()}) before it starts "
                f"({self.first_day.isoformat()})"
            )

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1


def in_deload(day: date, deloads: Iterable[Deload]) -> bool:
    """Whether ``day`` (a local day) falls in any of these deloads."""
    return any(d.covers(day) for d in deloads)


def deload_from(
    start: str | None, days: int, today: date, order: DateOrder | None = None
) -> Deload | WhenError:
    """The deload meant by ``/deload start``: from ``start`` (today when not given;
    ``monday``, ``yesterday`` or a date, numbers read in the person's ``order``) for
    ``days`` days, ``today`` being the person's."""
    if not 1 <= days <= MAX_DAYS:
        return WhenError(f"A deload lasts 1 to {MAX_DAYS} days, not {days}.")
    named = day_named(start or "today", today, order)
    if isinstance(named, WhenError):
        return named
    first = named.day
    if named.note is not None:  # today's own weekday: today, or a week ago?
        return WhenError(f"Today is {today:%A}: say `today`, or `{first}` for last {today:%A}.")
    if first > today:
        return WhenError("Start a deload on its first day: I only take today or earlier.")
    if (today - first).days > MAX_DAYS_BACK:
        return WhenError(
            f"{first.isoformat()} is more than {MAX_DAYS_BACK} days ago: a deload can start "
            "today or in the last two weeks."
        )
    return Deload(first, first + timedelta(days=days - 1))
