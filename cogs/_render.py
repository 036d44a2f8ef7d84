"""Embeds for logged sets and records, shared by /log, DM logging and history."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from coach.catalog import load_catalog
from coach.describe import describe_entry_sets
from coach.entries import Entry
from coach.exercise import Exercise
from coach.records import Record, RecordKind
from coach.units import format_weight
from coach.vocabulary import Unit
from cogs._common import BRAND, timestamp
from cogs._fit import FIELD_LIMIT, FIELD_NAME_LIMIT, TITLE_LIMIT, clip, fit_embed, fit_lines
from services.log import Logged
from storage.tables import LoggedSet

__all__ = [
    "FIELD_LIMIT",
    "TITLE_LIMIT",
    "clip",
    "entry_summary",
    "logged_embed",
    "record_line",
    "records_text",
    "stored_entry_text",
]


def stored_entry_text(
    sets: Sequence[LoggedSet], unit: Unit, custom: Sequence[Exercise] = ()
) -> str:
    """A stored entry as notation: ``Back Squat 3 x 5 at 100 kg``, ``Running 1.5 km in 9:00``.

    Named as the exercise it was read as (``sqaut`` shows as Back Squat; a custom one by
    its name when ``custom`` holds it), and as typed when it was never recognised.
    """
    key = sets[0].exercise_key or ""
    exercise = load_catalog().get(key) or next((e for e in custom if e.key == key), None)
    cardio = exercise is not None and exercise.is_cardio
    name = exercise.name if exercise is not None else sets[0].exercise_name
    return f"{name} {describe_entry_sets(sets, unit, cardio)}"


def _sets_text(entry: Entry, unit: Unit) -> str:
    return describe_entry_sets(
        entry.sets, unit, entry.exercise is not None and entry.exercise.is_cardio
    )


def entry_summary(entry: Entry, unit: Unit) -> str:
    lines = [_sets_text(entry, unit)]
    numbers = []
    if entry.volume_kg:
        numbers.append(f"volume {format_weight(entry.volume_kg, unit)}")
    if entry.best_e1rm:
        numbers.append(f"e1RM {format_weight(entry.best_e1rm, unit)}")
    if numbers:
        lines.append(" · ".join(numbers))
    if entry.exercise is not None and entry.exercise.is_cardio:
        lines.append("Cardio: kept in your log, never counted as sets.")
    if any(s.on_added_load_only for s in entry.sets):
        lines.append(
            "Records and volume here use the added load only: set your bodyweight with "
            "`/settings profile bodyweight:` to count it too."
        )
    elif any(s.load_kg is not None for s in entry.sets):
        lines.append("Records and volume count your bodyweight plus the added load.")
    if entry.note:
        lines.append(f"Note: {entry.note}")
    if entry.exercise is None:
        guesses = ", ".join(f"**{e.name}**" for e in entry.suggestions)
        lines.append(
            "I don't know this exercise, so it counts nowhere yet."
            + (f" Did you mean {guesses}?" if guesses else "")
            + f" Or describe it: `/exercise add name:{clip(entry.typed, 40)}`."
        )
    return clip("\n".join(lines), FIELD_LIMIT)


def record_line(name: str, record: Record, unit: Unit) -> str:
    value = format_weight(record.value_kg, unit)
    was = format_weight(record.previous_kg, unit)
    what = {
        RecordKind.E1RM: "best e1RM",
        RecordKind.WEIGHT: f"heaviest {record.reps}-rep set",
        RecordKind.VOLUME: "best day's volume",
    }[record.kind]
    return f"**{name}**: {what} {value} (was {was})"


def records_text(records: Sequence[tuple[str, Record]], unit: Unit) -> str:
    lines = [record_line(name, r, unit) for name, r in records]
    return fit_lines(lines, FIELD_LIMIT, "records")


KEPT_PRIVATE = (
    "Your check-in's safety advice stands (see /balance): records are noted here, not "
    "celebrated or announced in the channel, until it no longer does."
)


def logged_embed(outcome: Logged) -> discord.Embed:
    unit = outcome.unit
    if len(outcome.entries) == 1:
        only = outcome.entries[0]
        title = f"Logged {only.name}: {_sets_text(only, unit)}"
    else:
        title = f"Logged {len(outcome.entries)} exercises"
    embed = discord.Embed(
        title=clip(title, TITLE_LIMIT),
        description=f"Done {timestamp(outcome.performed_at)}"
        + (f"\n{outcome.day_note}" if outcome.day_note else "")
        + (f"\n{KEPT_PRIVATE}" if outcome.kept_private else ""),
        colour=BRAND,
    )
    for entry in outcome.entries:
        embed.add_field(
            name=clip(entry.name, FIELD_NAME_LIMIT), value=entry_summary(entry, unit), inline=False
        )
    if outcome.records:
        embed.add_field(
            name="New records" if outcome.kept_private else "🏆 New records",
            value=records_text(outcome.records, unit),
            inline=False,
        )
    if outcome.refused:
        count = len(outcome.refused)
        embed.add_field(
            name=f"Not logged ({count} line{'s' if count > 1 else ''})",
            value=clip("\n".join(f"• {message}" for message in outcome.refused), FIELD_LIMIT),
            inline=False,
        )
    footer = "Undo below removes everything logged here · /history to review"
    if not outcome.zone_known:
        footer += " · Days are counted in UTC until you set /settings timezone"
    embed.set_footer(text=footer)
    # Everything was stored: what does not fit is counted, the records always shown.
    return fit_embed(embed, what="exercises: see /history", keep_last=1 if outcome.records else 0)
