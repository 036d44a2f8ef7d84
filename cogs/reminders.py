"""/reminder: leg-day nudges and a weekly check-in prompt, at your local time, by DM.

One leg-day and one check-in reminder per person; setting one again changes it
(``services.reminders``). What a due reminder sends lives in ``_reminder_nudge``; when it
is due is the dispatcher's job.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime, time
from typing import Any

import discord
from discord import app_commands

from bot.bot import LegDayBot
from bot.dispatcher import Due, Handled, Handler
from coach.recurrence import describe_days
from coach.text import counted
from coach.zones import zone_label
from cogs._common import BRAND, ConfirmView, LegDayCog, timestamp
from cogs._installs import bot_in_server, personal_group, server_id
from cogs._reminder_nudge import SAFETY_HOLD, ReminderButton, checkin_due, legday_due
from cogs._transformers import ClockTime, Weekdays
from services import reminders as service
from services.reminders import CHECKIN, LEGDAY, Reminder, State, Which

KINDS = {LEGDAY: "Leg day", CHECKIN: "Check-in"}
Send = Callable[[LegDayBot, Due, datetime], Awaitable[Handled]]


def when_text(reminder: Reminder) -> str:
    days, zone = describe_days(reminder.rule.weekdays), zone_label(reminder.rule.zone)
    return f"{days} at {reminder.local_time} ({zone})"


def line(reminder: Reminder) -> str:
    return (
        f"**{KINDS.get(reminder.kind, reminder.kind)}**: {when_text(reminder)} · {state(reminder)}"
    )


def state(reminder: Reminder) -> str:
    """The reminder's real state: paused and why, failing and retrying, or the next one."""
    if reminder.state is State.PAUSED_BY_PERSON:
        return "paused by you"
    if reminder.state is State.DMS_CLOSED:
        # The sender stores which way out failed: no channel, refused, or deleted.
        return f"paused: {reminder.error or 'your DMs are closed'}"
    if reminder.state is State.PAUSED:
        return "paused"
    if reminder.state is State.SAFETY_HOLD:
        return f"next {timestamp(reminder.next_due_at)}, {SAFETY_HOLD}"
    if reminder.state is State.RETRYING:
        return (
            f"the {timestamp(reminder.next_due_at)} one failed to send (Discord trouble), "
            f"trying again {timestamp(reminder.retry_at, 'R')}"
        )
    return f"next {timestamp(reminder.next_due_at)}"


class Reminders(LegDayCog):
    reminder = app_commands.Group(
        name="reminder", description="Leg-day and check-in reminders", **personal_group()
    )

    def __init__(self, bot: LegDayBot) -> None:
        super().__init__(bot)
        # People with a reminder paused because their DMs are closed who were not told
        # yet: only their commands look in the database afterwards, not everyone's. Those
        # paused here are added as it happens; at start, whoever the database says.
        self.untold: set[int] = set()
        bot.follow_up_with(self.after_command)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ReminderButton)
        self.bot.dispatcher.register(LEGDAY, self._noting(legday_due))
        self.bot.dispatcher.register(CHECKIN, self._noting(checkin_due))
        self.untold = await service.untold(self.bot.store)

    def _noting(self, send: Send) -> Handler:
        async def handle(due: Due, now: datetime) -> Handled:
            handled = await send(self.bot, due, now)
            if service.dms_closed(handled.pause_reason) and due.person_id is not None:
                self.untold.add(due.person_id)
            return handled

        return handle

    async def _set(
        self, interaction: discord.Interaction, kind: str, days: frozenset[int], at: time
    ) -> None:
        made = await service.set_reminder(
            self.bot.store,
            interaction.user.id,
            server_id(interaction),
            kind,
            days,
            at,
            now=self.bot.clock.now(),
        )
        self.bot.dispatcher.wake_at(made.next_due_at)
        rule, replaced = made.rule, made.replaced
        embed = discord.Embed(
            title=f"{KINDS[kind]} reminder {'changed' if replaced else 'set'}: "
            f"{describe_days(rule.weekdays)} at {rule.at:%H:%M}",
            description=f"In your time zone, {zone_label(rule.zone)}. "
            "I'll DM you; `/reminder list` shows it.",
            colour=BRAND,
        )
        held = f", {SAFETY_HOLD}" if made.held_for_safety else ""
        embed.add_field(name="Next", value=f"{timestamp(made.next_due_at)}{held}")
        if replaced is not None:
            embed.add_field(
                name="This replaces your earlier one",
                value=f"{when_text(replaced)} · {state(replaced)}",
                inline=False,
            )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @reminder.command(name="legday", description="A leg-day nudge on these days, by DM")
    @app_commands.describe(
        days="Days of the week: mon,thu · Mon Thu · weekdays", time="Your local time: 18:00 or 6pm"
    )
    async def legday(
        self, interaction: discord.Interaction, days: Weekdays, time: ClockTime
    ) -> None:
        await self._set(interaction, LEGDAY, days, time)

    @reminder.command(name="checkin", description="A weekly check-in prompt, by DM")
    @app_commands.describe(day="Day of the week: sun", time="Your local time: 19:00 or 7pm")
    async def checkin(
        self, interaction: discord.Interaction, day: Weekdays, time: ClockTime
    ) -> None:
        await self._set(interaction, CHECKIN, day, time)

    @reminder.command(name="list", description="Your reminders and when they come next")
    async def list_(self, interaction: discord.Interaction) -> None:
        rows = await service.listed(self.bot.store, interaction.user.id, now=self.bot.clock.now())
        embed = discord.Embed(
            title="Your reminders", description="\n".join(map(line, rows)), colour=BRAND
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @reminder.command(name="pause", description="Stop reminders until you resume them")
    @app_commands.describe(which="Which reminders (default: all)")
    async def pause(self, interaction: discord.Interaction, which: Which = "all") -> None:
        paused = await service.pause(self.bot.store, interaction.user.id, which)
        await interaction.response.send_message(
            f"Paused {counted(paused, 'reminder')}. `/reminder resume` brings them back.",
            ephemeral=True,
        )

    @reminder.command(name="resume", description="Start paused reminders again")
    @app_commands.describe(which="Which reminders (default: all)")
    async def resume(self, interaction: discord.Interaction, which: Which = "all") -> None:
        rows = await service.resume(
            self.bot.store, interaction.user.id, which, now=self.bot.clock.now()
        )
        for row in rows:
            self.bot.dispatcher.wake_at(row.next_due_at)
        embed = discord.Embed(
            title=f"Resumed {counted(len(rows), 'reminder')}",
            description="\n".join(map(line, rows)),
            colour=BRAND,
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @reminder.command(name="delete", description="Delete reminders (asks first)")
    @app_commands.describe(which="Which reminders (default: all)")
    async def delete(self, interaction: discord.Interaction, which: Which = "all") -> None:
        rows = await service.to_delete(
            self.bot.store, interaction.user.id, which, now=self.bot.clock.now()
        )
        ids = [row.id for row in rows]

        async def confirmed(button: discord.Interaction) -> None:
            await service.delete(self.bot.store, interaction.user.id, ids)
            await button.response.edit_message(
                content=f"Deleted {counted(len(ids), 'reminder')}.", embed=None, view=None
            )

        embed = discord.Embed(
            title=f"Delete {counted(len(rows), 'reminder')}?",
            description="\n".join(map(line, rows)),
            colour=BRAND,
        )
        view = ConfirmView(interaction.user.id, confirmed, confirm_label="Delete")
        await view.show(interaction, embed=embed)

    @reminder.command(name="channel", description="Where to mention people whose DMs are closed")
    @app_commands.describe(channel="A channel everyone who sets reminders can read")
    @app_commands.guild_only()
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.check(bot_in_server)
    async def channel(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        await service.set_channel(
            self.bot.store, interaction.guild_id, channel.id, now=self.bot.clock.now()
        )
        await interaction.response.send_message(
            f"Reminder channel set: {channel.mention}. People whose DMs are closed get "
            "their reminders there, with a mention.",
            ephemeral=True,
        )

    def after_command(self, interaction: discord.Interaction) -> Coroutine[Any, Any, None] | None:
        """Tells someone, once, that a reminder was paused because their DMs are closed.

        With several processes it is the one that paused the reminder (its server's
        shard) that tells them, at their next command there; after a restart, any.
        """
        if interaction.user.id not in self.untold:
            return None
        self.untold.discard(interaction.user.id)
        return self._tell_dms_closed(interaction)

    async def _tell_dms_closed(self, interaction: discord.Interaction) -> None:
        if await service.tell_dms_closed(self.bot.store, interaction.user.id):
            await interaction.followup.send(
                "I couldn't DM you a reminder, so your reminders are paused. Allow direct "
                "messages from this server's members, then run `/reminder resume`.",
                ephemeral=True,
            )


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Reminders(bot))
