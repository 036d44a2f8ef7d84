"""/history: your entries page by page; pick one to edit (a modal) or delete (confirmed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands

from bot.bot import LegDayBot
from cogs._common import BRAND, ConfirmView, Form, LegDayCog, OwnerView, timestamp
from cogs._fit import fit_embed, fit_lines
from cogs._installs import personal
from cogs._log_reply import sets_changed
from cogs._render import clip, stored_entry_text
from cogs._transformers import ExerciseName
from services.history import (
    Opening,
    Reader,
    StoredEntry,
    edit_entry,
    find_entry,
    history_page,
    open_history,
    remove_entry,
)


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    """``Thu 01 Jan 2026, 18:30`` in the person's zone (UTC until they set one)."""
    return f"{moment.astimezone(zone):%a %d %b %Y, %H:%M}"


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
        self.page, self.pages = 0, opening.pages
        self.entries = opening.first_page
        self.picker = EntryPicker()
        self.add_item(self.picker)

    async def load(self) -> discord.Embed:
        """This page's entries read again, shown."""
        self.entries = await history_page(self.bot.store, self.owner_id, self.query, self.page)
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
        entry = await find_entry(self.bot.store, self.owner_id, value)
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
            gone = await remove_entry(self.bot.store, owner, ref)
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

    async def submitted(self, interaction: discord.Interaction) -> None:
        new = await edit_entry(
            self.bot.store,
            self.owner_id,
            self.entry.ref,
            self.text.value,
            self.unit,
            now=self.bot.clock.now(),
        )
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
        user_id = interaction.user.id
        opening = await open_history(
            self.bot.store, user_id, days=days, exercise=exercise, now=self.bot.clock.now()
        )
        view = HistoryView(self.bot, user_id, opening)
        await view.show(interaction, embed=view.shown())


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(History(bot))
