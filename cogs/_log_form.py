"""Logging a whole workout at once: the log form (``/log`` without text, a reminder's
"Log it") and "Log this" on a message. Both go through the one log path and answer like
``/log``: the sets with Undo, a refusal, or a question about an ambiguous line."""

from __future__ import annotations

from typing import cast

import discord

from bot.bot import LegDayBot
from coach.problems import UserError
from cogs._common import BRAND, ConfirmView, Form
from cogs._installs import server_id
from cogs._log_reply import log_and_answer
from cogs._render import clip
from services.log import Request

LOG_EXAMPLE = "squat 3x5 100kg @8\nbench 80kg 5,5,4\npullups 3x10"
FORM_LIMIT = 2000
"""As much as a DM holds; the reader's limits on sets and lines apply as well."""
PREVIEW_CHARS = 1000


class LogForm(Form):
    """A multi-line box for a whole session, typed or pasted at once, and its day."""

    def __init__(self, *, source: str, when: str | None = None, note: str | None = None) -> None:
        super().__init__(title="Log your sets")
        self.source, self.note = source, note
        self.entry: discord.ui.TextInput[LogForm] = discord.ui.TextInput(
            label="What you did (one exercise a line)",
            placeholder=LOG_EXAMPLE,
            style=discord.TextStyle.paragraph,
            custom_id="entry",
            max_length=FORM_LIMIT,
        )
        self.day: discord.ui.TextInput[LogForm] = discord.ui.TextInput(
            label="Day (empty for today)",
            placeholder="yesterday · monday at 7pm · 2026-03-02",
            custom_id="day",
            required=False,
            default=when,
            max_length=20,
        )
        self.add_item(self.entry)
        self.add_item(self.day)

    async def submitted(self, interaction: discord.Interaction) -> None:
        bot = cast(LegDayBot, interaction.client)
        when = self.day.value.strip() or None
        where = server_id(interaction)
        request = Request(
            interaction.user.id, where, self.entry.value, when, self.note, source=self.source
        )
        await log_and_answer(bot, interaction, request)


async def log_message(
    bot: LegDayBot, interaction: discord.Interaction, message: discord.Message
) -> None:
    """ "Log this": the message's text as the person's own sets. Their own message is
    logged at once; anyone else's only once they confirm they are copying it as theirs."""
    text = message.content.strip()
    if not text:
        raise UserError(
            "That message has no text I can log. Use it on a message like `squat 3x5 100kg`."
        )
    request = Request(interaction.user.id, server_id(interaction), text, source="message")
    if message.author.id == interaction.user.id:
        return await log_and_answer(bot, interaction, request)

    async def confirmed(button: discord.Interaction) -> None:
        await log_and_answer(bot, button, request, edit=True)

    quoted = "\n".join(f"> {line}" for line in clip(text, PREVIEW_CHARS).splitlines())
    embed = discord.Embed(
        title="Log this message as your own sets?",
        description=f"{message.author.mention} wrote:\n{quoted}",
        colour=BRAND,
    )
    embed.set_footer(text="Only you see this. The sets go in your log, not theirs.")
    view = ConfirmView(
        interaction.user.id, confirmed, confirm_label="Log as mine", cancel_label="Cancel"
    )
    view.confirm.style = discord.ButtonStyle.success
    await view.show(interaction, embed=embed)
