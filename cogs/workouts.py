"""/log, /undo, "Log this" on a message, and logging by plain DM: the everyday path
between sets. ``/log`` without text opens a form for a whole session."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.bot import LegDayBot
from bot.errors import slow_down
from bot.tree import suggestions
from coach.problems import UserError
from coach.when import WEEKDAYS
from cogs._common import BRAND, ConfirmView, LegDayCog, timestamp
from cogs._installs import personal, server_id
from cogs._log_form import LogForm, log_message
from cogs._log_reply import answer, log_and_answer, log_sets, removed_text, undo_batch
from services.log import Request, last_log


class Workouts(LegDayCog):
    def __init__(self, bot: LegDayBot) -> None:
        super().__init__(bot)
        self.log_this = personal(
            app_commands.ContextMenu(
                name="Log this",
                callback=self.log_message,
                extras={"description": "Log a message's text as your sets, as /log would"},
            )
        )

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.log_this)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.log_this.name, type=self.log_this.type)

    async def log_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        await log_message(self.bot, interaction, message)

    @personal
    @app_commands.command(description="Log sets, e.g. squat 3x5 100kg @8 (; or new lines for more)")
    @app_commands.describe(
        entry="What you did: squat 3x5 100kg @8 · bench 80kg 5,5,4 · leave out for a form",
        when="When it was done: yesterday, friday at 7pm, 3 days ago, 27/11 or YYYY-MM-DD "
        "(default: now)",
        note="A short note kept with these sets",
    )
    async def log(
        self,
        interaction: discord.Interaction,
        entry: app_commands.Range[str, 1, 1000] | None = None,
        when: app_commands.Range[str, 1, 20] | None = None,
        note: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        if entry is None:
            # A whole session typed or pasted at once: a form with room for many lines.
            await interaction.response.send_modal(LogForm(source="form", when=when, note=note))
            return
        request = Request(interaction.user.id, server_id(interaction), entry, when, note)
        await log_and_answer(self.bot, interaction, request)  # a UserError: nothing was logged

    @log.autocomplete("when")
    @suggestions
    async def when_choices(
        self, _interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        options = ["today", "yesterday", *WEEKDAYS]
        return [
            app_commands.Choice(name=o, value=o) for o in options if o.startswith(current.lower())
        ][:25]

    @personal
    @app_commands.command(description="Remove the last sets you logged (asks first)")
    async def undo(self, interaction: discord.Interaction) -> None:
        user_id = interaction.user.id
        last = await last_log(self.bot.store, user_id, now=self.bot.clock.now())
        unit, rows = last.unit, last.sets

        async def confirmed(button_interaction: discord.Interaction) -> None:
            removed = await undo_batch(self.bot, user_id, last.batch_id)
            text = f"Removed {removed_text(removed, unit)}." if removed else "Already removed."
            await button_interaction.response.edit_message(content=text, embed=None, view=None)

        embed = discord.Embed(
            title="Undo your last log?",
            description=f"{removed_text(rows, unit)}\nLogged {timestamp(rows[0].logged_at, 'R')}",
            colour=BRAND,
        )
        await ConfirmView(user_id, confirmed, confirm_label="Undo it").show(
            interaction, embed=embed
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A plain DM to the bot is logged like /log, so logging works without a slash."""
        if message.guild is not None or message.author.bot or not message.content.strip():
            return
        now = self.bot.clock.now()
        retry_after = self.bot.dm_cooldown.use(message, now)
        if retry_after is not None:
            # Told once a window; the rest is dropped unread, so a flood costs nothing.
            if self.bot.dm_notice.use(message, now) is None:
                await message.reply(slow_down(retry_after) + " Nothing was logged.")
            return
        request = Request(message.author.id, None, message.content, source="dm")
        try:
            outcome = await log_sets(self.bot, request)
        except UserError as problem:  # no command tree here: the reply says it
            await message.reply(str(problem))
            return
        reply = answer(self.bot, request, outcome)
        reply.attach(None, await message.reply(**reply.send()))


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Workouts(bot))
