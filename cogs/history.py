"""/history: your entries page by page; pick one to edit (a modal) or delete (confirmed)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from sqlalchemy.orm import Session

from bot.bot import LegDayBot
from coach.catalog import load_catalog
from coach.entries import read_entries
from coach.exercise import Exercise
from coach.problems import UserError
from coach.text import clean_text, counted
from coach.vocabulary import Unit
from cogs._common import BRAND, ConfirmView, Form, LegDayCog, OwnerView, timestamp, zone_of
from cogs._fit import fit_embed, fit_lines
from cogs._installs import personal
from cogs._log_reply import sets_changed
from cogs._render import clip, stored_entry_text
from cogs._transformers import ExerciseName
from storage import logbook
from storage.custom_exercises import custom_exercises, custom_exercises_of
from storage.logbook import EntryRef, StoredEntry
from storage.people import person_to_read, read_person, readings_of

PER_PAGE = 10


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    """``Thu 01 Jan 2026, 18:30`` in the person's zone (UTC until they set one)."""
    return f"{moment.astimezone(zone):%a %d %b %Y, %H:%M}"


@dataclass(frozen=True, slots=True)
class Reader:
    """How the person reads their history: their unit, zone and own exercises."""

    unit: Unit
    zone: ZoneInfo
    custom: tuple[Exercise, ...] = ()


def entry_text(entry: StoredEntry, reader: Reader) -> str:
    """The entry as notation, so that editing starts from what can be typed back."""
    return stored_entry_text(entry.sets, reader.unit, reader.custom)


def entry_line(entry: StoredEntry, reader: Reader) -> str:
    first = entry.first
    line = f"{timestamp(first.performed_at, 't')} {clip(entry_text(entry, reader), 150)}"
    return line + (f" · _{clip(first.note, 100)}_" if first.note else "")


def session_lines(entries: list[StoredEntry], reader: Reader) -> list[str]:
    """The entries under a heading per training day (the day they were logged for)."""
    lines: list[str] = []
    day = None
    for entry in entries:
        if entry.first.local_date != day:
            day = entry.first.local_date
            lines.append(f"**{day:%a %d %b %Y}**")
        lines.append(entry_line(entry, reader))
    return lines


@dataclass(frozen=True, slots=True)
class Opening:
    """What /history opens on: how the person reads it, and the first page."""

    query: dict[str, Any]
    reader: Reader
    total: int
    first_page: list[StoredEntry]


def _opening(session: Session, user_id: int, query: dict[str, Any], now: datetime) -> Opening:
    """One unit of work, read together: a busy bot's async connections are for others."""
    person = person_to_read(session, user_id, now)
    custom = tuple(custom_exercises_of(session, user_id))
    reader = Reader(Unit(person.unit), zone_of(person.timezone), custom)
    total = logbook.count_entries(session, user_id, **query)
    first = logbook.entries_page(session, user_id, per_page=PER_PAGE, **query) if total else []
    return Opening(query, reader, total, first)


class EntryPicker(discord.ui.Select["HistoryView"]):
    def __init__(self) -> None:
        super().__init__(placeholder="Edit or delete an entry…", row=0, options=[])

    async def callback(self, interaction: discord.Interaction) -> None:
        if self.view is None:  # Discord only calls a select shown in a view
            return
        await self.view.pick(interaction, self.values[0])


class HistoryView(OwnerView):
    """A page of entries with Previous/Next and a select to act on one of them."""

    def __init__(self, bot: LegDayBot, owner_id: int, opening: Opening) -> None:
        super().__init__(owner_id)
        self.bot, self.query, self.reader = bot, opening.query, opening.reader
        self.page, self.pages = 0, max(1, math.ceil(opening.total / PER_PAGE))
        self.entries = opening.first_page
        self.picker = EntryPicker()
        self.add_item(self.picker)

    async def load(self) -> discord.Embed:
        """This page's entries read again, shown."""
        self.entries = await self.bot.store.run(
            logbook.entries_page, self.owner_id, page=self.page, per_page=PER_PAGE, **self.query
        )
        return self.shown()

    def shown(self) -> discord.Embed:
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= self.pages - 1
        # A menu cannot show Discord timestamps: its times are in the person's own zone.
        self.picker.options = [
            discord.SelectOption(
                label=clip(entry_text(entry, self.reader), 100),
                value=str(entry.ref),
                description=local_time(entry.first.performed_at, self.reader.zone),
            )
            for entry in self.entries
        ]
        self.picker.disabled = not self.entries
        lines = session_lines(self.entries, self.reader)
        return fit_embed(
            discord.Embed(
                title="Your history",
                description=fit_lines(lines, what="entries") or "Nothing on this page.",
                colour=BRAND,
            ).set_footer(
                text=f"Page {self.page + 1} of {self.pages} · pick an entry to edit or delete"
            )
        )

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.page = min(max(self.page + step, 0), self.pages - 1)
        await interaction.response.edit_message(embed=await self.load(), view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary, row=1)
    async def previous(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary, row=1)
    async def next(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, 1)

    async def pick(self, interaction: discord.Interaction, value: str) -> None:
        ref = EntryRef.parse(value)
        async with self.bot.store.session() as session:
            entry = await logbook.get_entry(session, self.owner_id, ref)
        if entry is None:
            raise UserError("That entry is gone already.")
        view = EntryView(self.bot, self.owner_id, entry, self.reader)
        note = f"\nNote: {entry.first.note}" if entry.first.note else ""
        embed = discord.Embed(
            title=clip(entry_text(entry, self.reader), 256),
            description=f"Done {timestamp(entry.first.performed_at)}{note}",
            colour=BRAND,
        )
        await view.show(interaction, embed=embed)


class EntryView(OwnerView):
    def __init__(self, bot: LegDayBot, owner_id: int, entry: StoredEntry, reader: Reader) -> None:
        super().__init__(owner_id)
        self.bot, self.entry, self.reader = bot, entry, reader

    @discord.ui.button(label="Edit", style=discord.ButtonStyle.primary)
    async def edit(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        await interaction.response.send_modal(
            EditModal(self.bot, self.owner_id, self.entry, self.reader)
        )

    @discord.ui.button(label="Delete", style=discord.ButtonStyle.danger)
    async def delete(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        owner, ref, text = self.owner_id, self.entry.ref, entry_text(self.entry, self.reader)

        async def confirmed(button_interaction: discord.Interaction) -> None:
            async with self.bot.store.session() as session:
                gone = await logbook.delete_entry(session, owner, ref)
            if gone:
                sets_changed(self.bot, owner)
            message = f"Deleted {text}." if gone else "That entry was already gone."
            await button_interaction.response.edit_message(content=message, embed=None, view=None)

        view = ConfirmView(owner, confirmed, confirm_label="Delete")
        await interaction.response.edit_message(
            content=f"Delete **{clip(text, 200)}**? This cannot be undone.", embed=None, view=view
        )
        view.origin = interaction


class EditModal(Form, title="Edit entry"):
    def __init__(self, bot: LegDayBot, owner_id: int, entry: StoredEntry, reader: Reader) -> None:
        super().__init__()
        self.bot, self.owner_id, self.entry, self.reader = bot, owner_id, entry, reader
        self.unit = reader.unit
        self.text: discord.ui.TextInput[EditModal] = discord.ui.TextInput(
            label="Sets",
            custom_id="sets",
            default=clip(entry_text(entry, reader), 400),
            max_length=400,
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        async with self.bot.store.session() as session:
            custom = await custom_exercises(session, self.owner_id)
            now = self.bot.clock.now()
            person = await read_person(session, self.owner_id, now)
            read = read_entries(
                clean_text(self.text.value),
                self.unit,
                load_catalog(),
                custom,
                bodyweight_kg=person.bodyweight_kg,
                choices=readings_of(person),
            )
            if read.errors or len(read.entries) != 1:
                problem = read.errors[0] if read.errors else "An entry is one exercise."
                raise UserError(f"Nothing was changed. {problem} Example: `squat 3x5 100kg @8`.")
            new = await logbook.replace_entry(
                session, self.owner_id, self.entry.ref, read.entries[0]
            )
        if new is None:
            raise UserError("That entry is gone already; nothing changed.")
        sets_changed(self.bot, self.owner_id)
        await interaction.response.send_message(
            f"Saved: {clip(entry_text(new, self.reader), 1800)}", ephemeral=True
        )


class History(LegDayCog):
    @personal
    @app_commands.command(description="Your logged sets, newest first; pick one to edit or delete")
    @app_commands.describe(
        exercise="Only this exercise (e.g. squat)", days="How far back, in days (default 30)"
    )
    async def history(
        self,
        interaction: discord.Interaction,
        exercise: ExerciseName | None = None,
        days: app_commands.Range[int, 1, 3650] = 30,
    ) -> None:
        user_id, now = interaction.user.id, self.bot.clock.now()
        query: dict[str, Any] = {
            "since": now - timedelta(days=days),
            "exercise_key": None if exercise is None else exercise.key,
        }
        opening = await self.bot.store.run(_opening, user_id, query, now)
        if opening.total == 0:
            raise UserError(
                f"Nothing logged in the last {counted(days, 'day')}"
                + (f" for {exercise.name}" if exercise else "")
                + ". Log with `/log squat 3x5 100kg`."
            )
        view = HistoryView(self.bot, user_id, opening)
        await view.show(interaction, embed=view.shown())


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(History(bot))
