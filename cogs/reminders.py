"""/reminder: leg-day nudges and a weekly check-in prompt, at your local time, by DM.

One leg-day and one check-in reminder per person; setting one again changes it. What a
due reminder sends lives in ``_reminder_nudge``; when it is due is the dispatcher's job.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, time
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.bot import LegDayBot
from bot.dispatcher import Handled, Handler
from coach.problems import UserError
from coach.recurrence import Weekly, describe_days
from coach.text import counted
from coach.zones import zone_label
from cogs._common import BRAND, ConfirmView, LegDayCog, timestamp
from cogs._installs import bot_in_server, personal_group, server_id
from cogs._reminder_nudge import ReminderButton, checkin_due, legday_due
from cogs._transformers import ClockTime, Weekdays
from storage import schedules
from storage.people import get_server, read_person
from storage.schedules import Due
from storage.tables import Schedule

KINDS = {"legday": "Leg day", "checkin": "Check-in"}
Which = Literal["all", "legday", "checkin"]
DMS_CLOSED = (schedules.DMS_CLOSED, schedules.DMS_CLOSED_TOLD)
Send = Callable[[LegDayBot, Due, datetime], Awaitable[Handled]]


def kind_of(which: Which) -> list[str]:
    """The kinds meant; "all" is every reminder, never another kind such as a rest timer."""
    return list(KINDS) if which == "all" else [which]


def when_text(row: Schedule) -> str:
    rule = schedules.rule_of(row)
    return f"{describe_days(rule.weekdays)} at {row.local_time} ({zone_label(row.timezone)})"


def line(row: Schedule) -> str:
    return f"**{KINDS.get(row.kind, row.kind)}**: {when_text(row)} · {state(row)}"


def state(row: Schedule) -> str:
    """The schedule's real state: paused and why, failing and retrying, or the next one."""
    if row.status == schedules.PAUSED and row.paused_reason == schedules.BY_PERSON:
        return "paused by you"
    if row.status == schedules.PAUSED and row.paused_reason in DMS_CLOSED:
        # The sender stores which way out failed: no channel, refused, or deleted.
        return f"paused: {row.last_error or 'your DMs are closed'}"
    if row.status == schedules.PAUSED:
        return "paused"
    if row.retry_at is not None:
        return (
            f"the {timestamp(row.next_due_at)} one failed to send (Discord trouble), "
            f"trying again {timestamp(row.retry_at, 'R')}"
        )
    return f"next {timestamp(row.next_due_at)}"


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

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ReminderButton)
        self.bot.dispatcher.register("legday", self._noting(legday_due))
        self.bot.dispatcher.register("checkin", self._noting(checkin_due))
        async with self.bot.store.session() as session:
            self.untold = await schedules.people_untold_dms_closed(session)

    def _noting(self, send: Send) -> Handler:
        async def handle(due: Due, now: datetime) -> Handled:
            handled = await send(self.bot, due, now)
            if handled.pause_reason == schedules.DMS_CLOSED and due.person_id is not None:
                self.untold.add(due.person_id)
            return handled

        return handle

    async def _set(
        self, interaction: discord.Interaction, kind: str, days: frozenset[int], at: time
    ) -> None:
        now = self.bot.clock.now()
        async with self.bot.store.session() as session:
            zone = (await read_person(session, interaction.user.id, now)).timezone
        if zone is None:
            raise UserError(
                "Set your time zone first so reminders come at your local time: "
                "`/settings timezone Europe/Berlin`."
            )
        rule = Weekly(days, at, zone)
        if kind == "checkin" and len(rule.weekdays) != 1:
            raise UserError("The check-in is weekly: give one day, e.g. `day:sun`.")
        async with self.bot.store.session() as session:
            # One reminder of each kind: setting it again replaces the old one, and says so.
            old = await schedules.schedules_of(session, interaction.user.id, [kind])
            replaced = f"{when_text(old[0])} · {state(old[0])}" if old else None
            row = await schedules.put_schedule(
                session,
                kind=kind,
                person_id=interaction.user.id,
                guild_id=server_id(interaction),
                rule=rule,
                now=now,
            )
        self.bot.dispatcher.wake_at(row.next_due_at)
        embed = discord.Embed(
            title=f"{KINDS[kind]} reminder {'changed' if replaced else 'set'}: "
            f"{describe_days(rule.weekdays)} at {rule.at:%H:%M}",
            description=f"In your time zone, {zone_label(zone)}. "
            "I'll DM you; `/reminder list` shows it.",
            colour=BRAND,
        )
        embed.add_field(name="Next", value=timestamp(row.next_due_at))
        if replaced is not None:
            embed.add_field(name="This replaces your earlier one", value=replaced, inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @reminder.command(name="legday", description="A leg-day nudge on these days, by DM")
    @app_commands.describe(
        days="Days of the week: mon,thu · Mon Thu · weekdays", time="Your local time: 18:00 or 6pm"
    )
    async def legday(
        self, interaction: discord.Interaction, days: Weekdays, time: ClockTime
    ) -> None:
        await self._set(interaction, "legday", days, time)

    @reminder.command(name="checkin", description="A weekly check-in prompt, by DM")
    @app_commands.describe(day="Day of the week: sun", time="Your local time: 19:00 or 7pm")
    async def checkin(
        self, interaction: discord.Interaction, day: Weekdays, time: ClockTime
    ) -> None:
        await self._set(interaction, "checkin", day, time)

    async def _mine(self, user_id: int, which: Which) -> list[Schedule]:
        async with self.bot.store.session() as session:
            return await schedules.schedules_of(session, user_id, kind_of(which))

    @reminder.command(name="list", description="Your reminders and when they come next")
    async def list_(self, interaction: discord.Interaction) -> None:
        rows = await self._mine(interaction.user.id, "all")
        if not rows:
            raise UserError("You have no reminders. Set one: `/reminder legday mon,thu 18:00`.")
        embed = discord.Embed(
            title="Your reminders", description="\n".join(map(line, rows)), colour=BRAND
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @reminder.command(name="pause", description="Stop reminders until you resume them")
    @app_commands.describe(which="Which reminders (default: all)")
    async def pause(self, interaction: discord.Interaction, which: Which = "all") -> None:
        async with self.bot.store.session() as session:
            rows = await schedules.schedules_of(session, interaction.user.id, kind_of(which))
            for row in rows:
                await schedules.pause(session, row, schedules.BY_PERSON)
        if not rows:
            raise UserError("You have no reminders to pause.")
        await interaction.response.send_message(
            f"Paused {counted(len(rows), 'reminder')}. `/reminder resume` brings them back.",
            ephemeral=True,
        )

    @reminder.command(name="resume", description="Start paused reminders again")
    @app_commands.describe(which="Which reminders (default: all)")
    async def resume(self, interaction: discord.Interaction, which: Which = "all") -> None:
        now = self.bot.clock.now()
        async with self.bot.store.session() as session:
            rows = [
                row
                for row in await schedules.schedules_of(
                    session, interaction.user.id, kind_of(which)
                )
                if row.status == schedules.PAUSED
            ]
            for row in rows:
                await schedules.resume(session, row, now)
        if not rows:
            raise UserError("Nothing is paused. `/reminder list` shows your reminders.")
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
        rows = await self._mine(interaction.user.id, which)
        if not rows:
            raise UserError("You have no reminders to delete.")
        ids = [row.id for row in rows]

        async def confirmed(button: discord.Interaction) -> None:
            async with self.bot.store.session() as session:
                for row in await schedules.schedules_of(session, interaction.user.id, list(KINDS)):
                    if row.id in ids:
                        await session.delete(row)
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
        async with self.bot.store.session() as session:
            server = await get_server(session, interaction.guild_id, self.bot.clock.now())
            server.reminder_channel_id = channel.id
        await interaction.response.send_message(
            f"Reminder channel set: {channel.mention}. People whose DMs are closed get "
            "their reminders there, with a mention.",
            ephemeral=True,
        )

    @commands.Cog.listener()
    async def on_app_command_completion(
        self, interaction: discord.Interaction, _command: object
    ) -> None:
        """Tells someone, once, that a reminder was paused because their DMs are closed.

        With several processes it is the one that paused the reminder (its server's
        shard) that tells them, at their next command there; after a restart, any.
        """
        if interaction.user.id not in self.untold or not interaction.response.is_done():
            return  # nothing to tell, or nothing to follow up on yet (the next command)
        async with self.bot.store.session() as session:
            rows = await schedules.untold_dms_closed(session, interaction.user.id)
            for row in rows:
                row.paused_reason = schedules.DMS_CLOSED_TOLD
        self.untold.discard(interaction.user.id)
        if rows:
            await interaction.followup.send(
                "I couldn't DM you a reminder, so your reminders are paused. Allow direct "
                "messages from this server's members, then run `/reminder resume`.",
                ephemeral=True,
            )


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Reminders(bot))
