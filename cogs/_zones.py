"""IANA time zones as people type them, with autocomplete, for every command that asks."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from discord import app_commands


@cache
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def match_zone(typed: str) -> str | None:
    """An IANA name from what people type: ``europe/berlin``, ``Berlin``, ``new york``."""
    wanted = typed.strip().lower().replace(" ", "_")
    exact = [name for name in zone_names() if name.lower() == wanted]
    cities = [name for name in zone_names() if name.lower().rsplit("/", 1)[-1] == wanted]
    found = exact or cities
    return found[0] if len(found) == 1 else None


def unknown_zone(typed: str) -> str:
    return (
        f"I don't know the time zone `{typed}`. Pick one from the list, "
        "e.g. `Europe/Berlin` or `America/New_York`."
    )


def zone_choices(current: str) -> list[app_commands.Choice[str]]:
    typed = current.lower().replace(" ", "_")
    matches = [name for name in zone_names() if typed in name.lower()]
    matches.sort(key=lambda name: (not name.lower().startswith(typed), len(name)))
    return [app_commands.Choice(name=name, value=name) for name in matches[:25]]
