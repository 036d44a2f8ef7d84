"""Time zones as people type them: one reading for every command, the console and the CLI.

Pure: no clock, database or Discord. What is accepted, and what is stored:

- IANA names of places (``Europe/Berlin``, ``america/new_york``, ``Berlin``, ``new york``)
  and ``UTC`` are stored as their IANA key.
- Offsets mean what people mean: ``UTC+5``, ``GMT+5`` and ``+5`` are five hours *ahead*
  of UTC. Whole hours are stored as ``Etc/GMT-5`` (IANA's ``Etc`` signs are reversed,
  POSIX style) and shown as ``UTC+5`` by ``zone_label``. The few fractional offsets that a
  place keeps all year are stored as that place (``UTC+05:30`` is ``Asia/Kolkata``); the
  others change with daylight saving, so people are asked for their city.
- Refused, with a suggestion: abbreviations and other names that are not places or are
  ambiguous (``EST``, ``CET``, ``IST``, ``localtime``, ``Factory``, ``posixrules``, the
  old ``US/Eastern`` style aliases) and ``Etc/GMT+5``, whose sign misleads.

Every stored key is one ``zoneinfo.ZoneInfo`` opens, so reading one back needs nothing
from here; ``stored_zone`` only guards against a key this host's tz database lacks.
"""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from coach.problems import UserError

AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
"""The regions of IANA's geographic names; everything else is an alias or not a place."""
UTC_KEY = "UTC"
EXAMPLES = "e.g. `Europe/Berlin`, `America/New_York` or `UTC+5`"
_OFFSET = re.compile(
    r"^(?:utc|gmt|z)?\s*(?P<sign>[+\-\u2212])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?$"
)
_ETC = re.compile(r"^etc/gmt(?P<sign>[+-])(?P<hours>\d{1,2})$")
MIN_HOURS, MAX_HOURS = -12, 14
"""The whole-hour offsets ``Etc`` has: UTC-12 to UTC+14."""
FIXED_PLACES = {
    (3, 30): "Asia/Tehran",
    (4, 30): "Asia/Kabul",
    (5, 30): "Asia/Kolkata",
    (5, 45): "Asia/Kathmandu",
    (6, 30): "Asia/Yangon",
    (8, 45): "Australia/Eucla",
    (9, 30): "Australia/Darwin",
    (-9, -30): "Pacific/Marquesas",
}
"""Fractional offsets kept all year by a place without daylight saving (tz database)."""
SEASONAL_PLACES = {
    (-3, -30): "America/St_Johns",
    (-2, -30): "America/St_Johns",
    (10, 30): "Australia/Adelaide",
    (12, 45): "Pacific/Chatham",
    (13, 45): "Pacific/Chatham",
}
"""Fractional offsets that only hold for part of the year: the place to ask for instead."""
ABBREVIATIONS = {
    "est": "America/New_York",
    "edt": "America/New_York",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "hst": "Pacific/Honolulu",
    "akst": "America/Anchorage",
    "wet": "Europe/Lisbon",
    "bst": "Europe/London",
    "cet": "Europe/Berlin",
    "cest": "Europe/Berlin",
    "met": "Europe/Berlin",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "msk": "Europe/Moscow",
    "ist": "Asia/Kolkata",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "nzst": "Pacific/Auckland",
}
"""Common abbreviations, which name no place (and some name several): what to suggest."""


class ZoneError(UserError, ValueError):
    """A zone that is not read; the message says what to type instead."""


@cache
def place_names() -> tuple[str, ...]:
    """Every geographic IANA name this host knows, sorted."""
    return tuple(sorted(name for name in available_timezones() if name.partition("/")[0] in AREAS))


def offset_key(hours: int, minutes: int = 0) -> str:
    """The stored key for ``UTC+hours:minutes`` (minutes carry the sign of hours)."""
    if minutes:
        if (hours, minutes) in FIXED_PLACES:
            return FIXED_PLACES[(hours, minutes)]
        text = f"UTC{hours:+d}:{abs(minutes):02d}"
        place = SEASONAL_PLACES.get((hours, minutes))
        if place is not None:
            raise ZoneError(
                f"`{text}` holds only part of the year there; pick the place instead, "
                f"e.g. `{place}`, so daylight saving is followed."
            )
        raise ZoneError(f"No place keeps `{text}` all year; pick your city, {EXAMPLES}.")
    if hours == 0:
        return UTC_KEY
    if not MIN_HOURS <= hours <= MAX_HOURS:
        raise ZoneError(f"Offsets run from UTC-12 to UTC+14; pick your city, {EXAMPLES}.")
    return f"Etc/GMT{-hours:+d}"


def _offset(typed: str) -> str | None:
    """The key for an offset such as ``UTC+5``, ``gmt-3`` or ``+05:30``; None otherwise."""
    found = _OFFSET.match(typed)
    if found is None:
        return None
    sign = -1 if found["sign"] in "-\u2212" else 1
    hours, minutes = int(found["hours"]), int(found["minutes"] or 0)
    if minutes >= 60:
        raise ZoneError(f"`{typed}` is not an offset I can read; try `UTC+5` or `UTC+05:30`.")
    return offset_key(sign * hours, sign * minutes)


def read_zone(typed: str) -> str:
    """The IANA key to store for what someone typed, or ``ZoneError`` saying what works."""
    text = " ".join(typed.split())
    wanted = text.lower()
    if wanted in ("utc", "gmt", "z", "utc+0", "gmt+0", "utc-0", "gmt-0"):
        return UTC_KEY
    key = _offset(wanted)
    if key is not None:
        return key
    etc = _ETC.match(wanted)
    if etc is not None:
        ahead = f"UTC{'-' if etc['sign'] == '+' else '+'}{int(etc['hours'])}"
        raise ZoneError(
            f"`{text}` means {ahead} (IANA reverses the sign). Type `{ahead}` or your city."
        )
    underscored = wanted.replace(" ", "_")
    exact = [name for name in place_names() if name.lower() == underscored]
    cities = [name for name in place_names() if name.lower().rsplit("/", 1)[-1] == underscored]
    found = exact or cities
    if len(found) == 1:
        return found[0]
    if wanted in ABBREVIATIONS:
        raise ZoneError(
            f"`{text}` is an abbreviation, not a place, and daylight saving changes it; "
            f"pick the place, e.g. `{ABBREVIATIONS[wanted]}`, or an offset like `UTC+5`."
        )
    if len(found) > 1:
        raise ZoneError(f"`{text}` could be {' or '.join(f'`{n}`' for n in found[:3])}.")
    raise ZoneError(f"I don't know the time zone `{text}`. Pick a place or offset, {EXAMPLES}.")


def zone_label(key: str) -> str:
    """How a stored key is shown: ``Etc/GMT-5`` as ``UTC+5``, places as themselves."""
    etc = _ETC.match(key.lower())
    if etc is None or int(etc["hours"]) == 0:
        return key
    return f"UTC{'-' if etc['sign'] == '+' else '+'}{int(etc['hours'])}"


def offset_labels() -> tuple[str, ...]:
    """Every offset that may be typed, as it is shown: ``UTC-12`` to ``UTC+14``."""
    return tuple(zone_label(offset_key(h)) for h in range(MIN_HOURS, MAX_HOURS + 1))


def suggest_zones(typed: str, limit: int = 25) -> list[str]:
    """What to offer as someone types: places and offsets, each one ``read_zone`` takes.
    An offset as typed comes first; then names starting with the text, shortest first."""
    wanted = " ".join(typed.split()).lower()
    first: list[str] = []
    try:
        key = _offset(wanted)
    except ZoneError:
        key = None
    if key is not None:
        first.append(zone_label(key))
    underscored = wanted.replace(" ", "_")
    names = [UTC_KEY, *offset_labels(), *place_names()]
    matches = [name for name in names if underscored in name.lower() and name not in first]
    matches.sort(key=lambda name: (not name.lower().startswith(underscored), len(name)))
    return (first + matches)[:limit]


def stored_zone(key: str | None) -> ZoneInfo:
    """A stored zone read back; UTC when none was set, or when this host's tz database
    lacks it (as ``localtime`` is missing on some), so one bad row never breaks logging."""
    try:
        return ZoneInfo(key or UTC_KEY)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(UTC_KEY)
