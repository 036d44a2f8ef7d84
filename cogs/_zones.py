"""Time zones for every command that asks: ``coach.zones`` reads them, this offers them."""

from __future__ import annotations

from discord import app_commands

from coach.zones import suggest_zones


def zone_choices(current: str) -> list[app_commands.Choice[str]]:
    """Places and offsets as typed; each value is one ``coach.zones.read_zone`` accepts."""
    return [app_commands.Choice(name=name, value=name) for name in suggest_zones(current)]
