"""What a due reminder sends, and the buttons on it: Log it, Snooze 1 h, Skip this one.

Whether a leg-day nudge is sent at all (a safety pause, legs already trained), and what
snoozing or skipping does, is ``services.reminders``'s. The buttons are dynamic items:
their custom id names the schedule and the occurrence, so they keep working after a
restart and days later. Only DMs carry them: the fallback in a channel, for someone
whose DMs are closed, is a plain mention.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, cast

import discord

from bot.bot import LegDayBot
from bot.dispatcher import Due, Handled
from bot.errors import observed
from bot.sending import send_to_person
from coach.nudges import Nudge, Verdict
from coach.problems import UserError
from coach.text import counted
from cogs._common import BRAND, WARNING, timestamp
from cogs._log_form import LogForm
from services import reminders as service

SAFETY_HOLD = "held back while your check-in's safety advice stands (see `/balance`)"
"""Said wherever a leg-day reminder's next time is shown and the send will hold it back."""

LABELS = {
    "log": ("Log it", discord.ButtonStyle.success),
    "snooze": ("Snooze 1 h", discord.ButtonStyle.secondary),
    "skip": ("Skip this one", discord.ButtonStyle.secondary),
    "checkin": ("Check in", discord.ButtonStyle.primary),
}


def nudge_embed(nudge: Nudge) -> discord.Embed:
    days = nudge.days_since_legs
    if nudge.verdict is Verdict.ESCALATE:
        title = (
            f"{counted(days, 'day')} since your last leg session"
            if days is not None
            else "No leg sessions logged yet"
        )
        embed = discord.Embed(title=title, colour=WARNING)
        embed.add_field(name="Next session", value=nudge.session or "", inline=False)
    else:
        embed = discord.Embed(title="Leg day today", colour=BRAND)
        if days is not None:
            embed.description = f"Last leg session: {counted(days, 'day')} ago."
    embed.set_footer(text="Done? Press Log it, or /log it. Change this with /reminder.")
    return embed


def buttons(due: Due, *actions: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in actions:
        view.add_item(ReminderButton(action, due.schedule_id, int(due.due_at.timestamp())))
    return view


async def legday_due(bot: LegDayBot, due: Due, now: datetime) -> Handled:
    nudge = await service.nudge(bot.store, due, now=now)
    if service.held_back(nudge):
        return Handled(nudge.verdict.value, attempts=0)
    return await send_to_person(
        bot,
        service.person_of(due),
        due.guild_id,
        lambda: (nudge_embed(nudge), buttons(due, "log", "snooze", "skip")),
    )


async def checkin_due(bot: LegDayBot, due: Due, _now: datetime) -> Handled:
    embed = discord.Embed(
        title="Time for your weekly check-in",
        description="One private minute: sleep, soreness, energy and any pain.",
        colour=BRAND,
    )
    return await send_to_person(
        bot,
        service.person_of(due),
        due.guild_id,
        lambda: (embed, buttons(due, "checkin", "skip")),
    )


class ReminderButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"reminder:(?P<action>log|snooze|skip|checkin):(?P<schedule>\d+):(?P<due>\d+)",
):
    def __init__(self, action: str, schedule_id: int, due_unix: int) -> None:
        label, style = LABELS[action]
        super().__init__(
            discord.ui.Button(
                label=label, style=style, custom_id=f"reminder:{action}:{schedule_id}:{due_unix}"
            )
        )
        self.action, self.schedule_id = action, schedule_id
        self.due_at = datetime.fromtimestamp(due_unix, UTC)

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> ReminderButton:
        return cls(match["action"], int(match["schedule"]), int(match["due"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        # discord.py only logs what a dynamic item raises: answered here, as commands are.
        await observed(interaction, self._act(interaction), f"reminder button {self.action}")

    async def _act(self, interaction: discord.Interaction) -> None:
        bot = cast(LegDayBot, interaction.client)
        if self.action in ("log", "checkin"):
            await service.check_owner(bot.store, self.schedule_id, interaction.user.id)
        # Snooze and skip check the owner in their own unit of work.
        actions = {"log": open_log_form, "checkin": open_checkin, "snooze": self.snooze}
        await actions.get(self.action, self.skip)(bot, interaction)

    async def snooze(self, bot: LegDayBot, interaction: discord.Interaction) -> None:
        again = await service.snooze(
            bot.store, self.schedule_id, interaction.user.id, self.due_at, now=bot.clock.now()
        )
        bot.dispatcher.wake_at(again)
        await interaction.response.edit_message(
            content=f"Snoozed. I'll remind you again {timestamp(again, 'R')}.", view=None
        )

    async def skip(self, bot: LegDayBot, interaction: discord.Interaction) -> None:
        """Drops any snooze of this occurrence; the regular schedule carries on."""
        skipped = await service.skip(
            bot.store, self.schedule_id, interaction.user.id, self.due_at, now=bot.clock.now()
        )
        text = "Skipped this one."
        if skipped.passed:
            text = (
                f"This reminder, for {timestamp(self.due_at)}, has passed: "
                "there is nothing left to skip."
            )
        if skipped.next_due_at is not None:
            held = f", {SAFETY_HOLD}" if skipped.held_for_safety else ""
            text += f" Next reminder: {timestamp(skipped.next_due_at)}{held}."
        await interaction.response.edit_message(content=text, view=None)


async def open_log_form(_bot: LegDayBot, interaction: discord.Interaction) -> None:
    await interaction.response.send_modal(LogForm(source="reminder"))


async def open_checkin(bot: LegDayBot, interaction: discord.Interaction) -> None:
    """Opens the /checkin form when that command is loaded, else says how to start it."""
    command = bot.tree.get_command("checkin")
    if isinstance(command, discord.app_commands.Command):
        await command.callback(command.binding, interaction)  # type: ignore[arg-type]
        return
    raise UserError("Run `/checkin` to fill in your check-in.")
