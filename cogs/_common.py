"""What every cog shares: the colour, time zones, and views only their owner can use."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord.ext import commands

from bot.bot import LegDayBot
from bot.errors import REFUSED, answer, on_component_error, pressed, pressing
from cogs._fit import fit_embed

BRAND = discord.Colour.from_rgb(46, 160, 67)
WARNING = discord.Colour.from_rgb(230, 160, 30)
VIEW_TIMEOUT_S = 600.0


def timestamp(moment: Any, style: str = "f") -> str:
    """A Discord timestamp: every reader sees it in their own local time."""
    return discord.utils.format_dt(moment, style=style)  # type: ignore[arg-type]


def words(identifier: str) -> str:
    """A stored name as people write it: ``lower_back`` is "lower back"."""
    return identifier.replace("_", " ")


def manages_server(interaction: discord.Interaction) -> bool:
    """Manage Server in this server: for what only moderators see (a command only they
    may use has ``app_commands.checks.has_permissions(manage_guild=True)`` instead)."""
    return interaction.guild_id is not None and interaction.permissions.manage_guild


class LegDayCog(commands.Cog):
    """Every cog of ours: it keeps the bot, for its store, clock and dispatcher."""

    def __init__(self, bot: LegDayBot) -> None:
        self.bot = bot


class OwnerView(discord.ui.View):
    """Buttons that only the person who asked can press, and that expire."""

    def __init__(self, owner_id: int, *, timeout: float = VIEW_TIMEOUT_S) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        # Where the view was shown: an interaction reply, or a plain message (DMs).
        self.origin: discord.Interaction | None = None
        self.message: discord.Message | None = None
        for item in self.children:  # the decorated buttons and menus
            _observe(item)

    def add_item(self, item: discord.ui.Item[Any]) -> OwnerView:
        super().add_item(item)
        _observe(item)
        return self

    async def show(
        self,
        interaction: discord.Interaction,
        content: str | None = None,
        *,
        embed: discord.Embed = discord.utils.MISSING,
    ) -> None:
        """Reply privately with these buttons, kept as the origin so they expire there."""
        await interaction.response.send_message(content, embed=embed, view=self, ephemeral=True)
        self.origin = interaction

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        pressing(interaction)
        if interaction.user.id == self.owner_id:
            return True
        interaction.extras["outcome"] = REFUSED
        await interaction.response.send_message(
            "These buttons belong to the person who asked. Run the command yourself to get yours.",
            ephemeral=True,
        )
        pressed(interaction)
        return False

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True
        try:
            if self.origin is not None:
                await self.origin.edit_original_response(view=self)
            elif self.message is not None:
                await self.message.edit(view=self)
        except discord.HTTPException:
            pass  # the message is gone or too old to edit; nothing to tidy

    async def on_error(
        self,
        interaction: discord.Interaction,
        error: Exception,
        item: discord.ui.Item[Any],
    ) -> None:
        await on_component_error(interaction, error, item)


def _observe(item: discord.ui.Item[Any]) -> None:
    """Make a button's or menu's press count and time itself as a command does: discord.py
    tells nothing when a callback ends well (a failure goes on to the view's ``on_error``,
    which answers and counts it)."""
    callback = item.callback

    async def press(interaction: discord.Interaction) -> None:
        await callback(interaction)
        pressed(interaction)

    item.callback = press  # type: ignore[method-assign]


class Form(discord.ui.Modal):
    """A modal whose submissions are counted and timed, and whose failures are answered,
    as a command's are: a ``UserError`` with its sentence, anything else with an error
    id (discord.py's own only logs them). A form says what it does in ``submitted``."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        pressing(interaction)
        return True

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.submitted(interaction)
        pressed(interaction)

    async def submitted(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError

    # discord.py's Modal itself narrows BaseView.on_error to these two arguments.
    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        await answer(interaction, error, f"form {self.title}")
        pressed(interaction)


class ConfirmView(OwnerView):
    """A yes/no question before anything is destroyed."""

    def __init__(
        self,
        owner_id: int,
        on_confirm: Callable[[discord.Interaction], Awaitable[None]],
        *,
        confirm_label: str,
        cancel_label: str = "Keep it",
    ) -> None:
        super().__init__(owner_id, timeout=120)
        self._on_confirm = on_confirm
        self.confirm.label = confirm_label
        self.cancel.label = cancel_label

    @discord.ui.button(style=discord.ButtonStyle.danger)
    async def confirm(
        self, interaction: discord.Interaction, _button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        await self._on_confirm(interaction)

    @discord.ui.button(style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction, _button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        await interaction.response.edit_message(
            content="Cancelled. Nothing was changed.", embed=None, view=None
        )


class PagesView(OwnerView):
    """Previous/Next over a fixed list of embeds."""

    def __init__(self, owner_id: int, pages: list[discord.Embed]) -> None:
        super().__init__(owner_id)
        self.pages, self.index = [fit_embed(page) for page in pages], 0
        self._update()

    def _update(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.index = min(max(self.index + step, 0), len(self.pages) - 1)
        self._update()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, 1)
