"""/report: a weekly balance report in a server channel, posted by the scheduling core.

Only members who opted in (`/settings share on`) appear. Who is in it, what is counted and
how its posts went are ``services.reports``'s; a channel that keeps failing is paused
after MAX_FAILURES weeks and shows so in /report status.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

import discord
from discord import app_commands

from bot.bot import LegDayBot
from bot.dispatcher import Due, Handled
from bot.errors import permission_names
from bot.sending import FAILED, SENT, failed
from coach.problems import UserError
from coach.recurrence import DAY_NAMES
from coach.zones import zone_label
from cogs._common import BRAND, ConfirmView, LegDayCog, PagesView, manages_server, timestamp
from cogs._installs import server_group
from cogs._layout import send_layout
from cogs._report_build import render_report
from cogs._report_card import report_card
from cogs._transformers import ClockTime, Day, TimeZone
from services import reports as service
from services.reports import (
    CHANNEL_DELETED,
    CHANNEL_GONE,
    DELETED_TOLD,
    FAILING,
    MAX_FAILURES,
    REPORT,
)

log = logging.getLogger(__name__)

# What /report status says about why a report is paused.
PAUSED_BECAUSE = {
    FAILING: "Posts kept failing. Fix the channel, then run `/report setup` again.",
    CHANNEL_DELETED: "The report channel was deleted. Run `/report setup` with another one.",
}
PAUSED_BECAUSE[DELETED_TOLD] = PAUSED_BECAUSE[CHANNEL_DELETED]
POSTED_PAGES = 3
NEEDED = ("view_channel", "send_messages", "embed_links", "attach_files")


def missing_permissions(channel: discord.abc.GuildChannel) -> list[str]:
    mine = channel.permissions_for(channel.guild.me)
    return [name for name in NEEDED if not getattr(mine, name)]


class Reports(LegDayCog):
    report = app_commands.Group(
        name="report", description="Weekly balance reports in this server", **server_group()
    )

    def __init__(self, bot: LegDayBot) -> None:
        super().__init__(bot)
        bot.dispatcher.register(REPORT, self.post_scheduled)
        bot.follow_up_with(self.after_command)
        # Servers whose report paused because its channel was deleted, no moderator told
        # yet: only there do their commands look in the database. Those paused here are
        # added as it happens; at start, whichever the database says.
        self.untold: set[int] = set()

    async def cog_load(self) -> None:
        self.untold = await service.deleted_channels_untold(self.bot.store)

    async def _post(self, channel: discord.abc.Messageable, guild: discord.Guild) -> None:
        rendered = await render_report(self.bot, guild)
        await send_layout(
            channel.send,
            report_card(rendered),
            lambda: {"embeds": rendered.embeds(POSTED_PAGES), "files": rendered.files()},
            files=rendered.files,
        )

    async def post_scheduled(self, due: Due, now: datetime) -> Handled:
        """The weekly post. A passing failure (Discord trouble) is tried again by the
        dispatcher; others count per server, and a lasting one or a deleted channel
        pauses it, which /report status shows."""
        if due.guild_id is None:
            raise ValueError(f"report schedule {due.schedule_id} has no server")
        guild = self.bot.get_guild(due.guild_id)
        channel_id = await service.report_channel(self.bot.store, due.guild_id)
        handled = await self._attempt(guild, channel_id)
        recorded = await service.record_post(
            self.bot.store,
            due.guild_id,
            sent=handled.sent,
            passing=handled.passing,
            error=handled.error,
            now=now,
        )
        if handled.sent or handled.passing:
            return handled
        if recorded.pause_reason == CHANNEL_DELETED:
            self.untold.add(due.guild_id)
        if recorded.tell:
            await self._tell_setter(guild, recorded.set_by, handled.error or "it failed")
        return replace(handled, pause_reason=recorded.pause_reason)

    async def _tell_setter(self, guild: discord.Guild | None, set_by: int | None, why: str) -> None:
        """A DM to whoever set the report up (else the server's owner): told once per run
        of failures, not only in /report status, which nobody may look at for weeks."""
        if guild is None:
            return
        who = set_by or guild.owner_id
        if who is None:
            return
        if why == CHANNEL_GONE:
            what = "is paused: its channel was deleted. Run `/report setup` with another one."
        else:
            what = (
                f"couldn't be posted: {why}. Fix that and it posts next week; after "
                f"{MAX_FAILURES} failures in a row it pauses. `/report status` shows how it went."
            )
        try:
            user = self.bot.get_user(who) or await self.bot.fetch_user(who)
            await user.send(f"The weekly Leg Day report in **{guild.name}** {what}")
        except discord.HTTPException as error:  # DMs closed: /report status still shows it
            log.info("report in %s: could not tell %s of its failure: %s", guild.id, who, error)

    async def _attempt(self, guild: discord.Guild | None, channel_id: int | None) -> Handled:
        channel = guild.get_channel(channel_id or 0) if guild else None
        if guild is not None and channel is None:
            return Handled(FAILED, error=CHANNEL_GONE)
        if not isinstance(channel, discord.TextChannel):
            return Handled(FAILED, error="the report channel is out of reach")
        if missing := missing_permissions(channel):
            return Handled(FAILED, error=f"missing {permission_names(missing)} in #{channel.name}")
        try:
            await self._post(channel, channel.guild)
        except discord.NotFound:
            return Handled(FAILED, error=CHANNEL_GONE)
        except Exception as error:
            return failed(error)
        return Handled(SENT, sent=True)

    @report.command(name="setup", description="Post a weekly balance report in a channel")
    @app_commands.describe(
        channel="Where to post it",
        day="Which day of the week",
        time="Local time, e.g. 18:00",
        timezone="The time zone for that time, e.g. Europe/Berlin or UTC+5",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        day: Day,
        time: ClockTime,
        timezone: TimeZone,
    ) -> None:
        if missing := missing_permissions(channel):
            raise UserError(
                f"I can't post there: I'm missing **{permission_names(missing)}** in "
                f"{channel.mention}. Grant it or pick another channel."
            )
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        first = await service.set_up(
            self.bot.store,
            interaction.guild_id,
            channel.id,
            interaction.user.id,
            day,
            time,
            timezone,
            now=self.bot.clock.now(),
        )
        self.bot.dispatcher.wake_at(first)
        await interaction.response.send_message(
            f"Weekly report set: every {DAY_NAMES[day].capitalize()} at {time:%H:%M} "
            f"({zone_label(timezone)}) in "
            f"{channel.mention}. The first one: {timestamp(first, 'F')}.",
            ephemeral=True,
        )

    @report.command(name="preview", description="See this week's report now, only for you")
    async def preview(self, interaction: discord.Interaction) -> None:
        if interaction.guild is None:
            raise app_commands.NoPrivateMessage()
        await interaction.response.defer(ephemeral=True, thinking=True)
        rendered = await render_report(self.bot, interaction.guild)
        service.check_preview(rendered.report)

        pages = PagesView(interaction.user.id, rendered.embeds(len(rendered.pages)))

        def paged() -> dict[str, Any]:
            # The body map is the last page: page turns show one embed at a time.
            pages.origin = interaction
            return {"embed": pages.pages[0], "files": rendered.files(), "view": pages}

        await send_layout(
            partial(interaction.followup.send, ephemeral=True),
            report_card(rendered),
            paged,
            files=rendered.files,
        )

    @report.command(name="now", description="Post this week's report in the report channel now")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def now(self, interaction: discord.Interaction) -> None:
        if interaction.guild is None:
            raise app_commands.NoPrivateMessage()
        channel_id = await service.report_channel(self.bot.store, interaction.guild.id)
        channel = interaction.guild.get_channel(channel_id or 0)
        if not isinstance(channel, discord.TextChannel):
            raise UserError("No report channel yet. Set one with `/report setup`.")
        if missing := missing_permissions(channel):
            raise UserError(
                f"I can't post the report in {channel.mention}: I'm missing "
                f"**{permission_names(missing)}** there. Grant it, or pick another channel "
                "with `/report setup`."
            )
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            await self._post(channel, interaction.guild)
        except discord.Forbidden:
            # The permissions looked right from here (a channel override Discord applies
            # on its side): name everything the post needs.
            raise UserError(
                f"Discord refused the post in {channel.mention}: I need "
                f"**{permission_names(list(NEEDED))}** there."
            ) from None
        except discord.NotFound:
            raise UserError(
                "The report channel is gone. Pick another with `/report setup`."
            ) from None
        await interaction.followup.send(f"Posted in {channel.mention}.", ephemeral=True)

    @report.command(name="status", description="When the next report comes and how the last went")
    async def status(self, interaction: discord.Interaction) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        report = await service.status(
            self.bot.store, interaction.guild_id, now=self.bot.clock.now()
        )
        embed = discord.Embed(title="Weekly report", colour=BRAND)
        embed.add_field(name="Channel", value=f"<#{report.channel_id}>")
        when = f"{DAY_NAMES[min(report.rule.weekdays)].capitalize()} {report.local_time}"
        embed.add_field(name="When", value=f"{when} ({zone_label(report.rule.zone)})")
        if report.paused:
            reason = PAUSED_BECAUSE.get(report.paused_reason or "", "Run `/report setup` again.")
            embed.add_field(name="Paused", value=reason, inline=False)
        elif report.retry_at is not None:
            embed.add_field(
                name="Retrying",
                value=f"The {timestamp(report.next_due_at, 'F')} report failed to post; "
                f"trying again {timestamp(report.retry_at, 'R')}.",
                inline=False,
            )
        else:
            embed.add_field(name="Next", value=timestamp(report.next_due_at, "F"), inline=False)
        if report.last_at is not None:
            embed.add_field(
                name="Last",
                value=f"{report.last_result} {timestamp(report.last_at, 'R')}",
                inline=False,
            )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @report.command(name="disable", description="Stop the weekly report (asks first)")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def disable(self, interaction: discord.Interaction) -> None:
        guild_id = interaction.guild_id
        if guild_id is None:
            raise app_commands.NoPrivateMessage()
        await service.check_report(self.bot.store, guild_id)

        async def confirmed(button: discord.Interaction) -> None:
            await service.stop(self.bot.store, guild_id)
            await button.response.edit_message(
                content="Weekly report stopped. `/report setup` starts it again.", view=None
            )

        view = ConfirmView(interaction.user.id, confirmed, confirm_label="Stop reports")
        await view.show(interaction, "Stop this server's weekly balance report?")

    def after_command(self, interaction: discord.Interaction) -> Coroutine[Any, Any, None] | None:
        """Tells the first moderator who uses a command here, once, that the weekly
        report stopped because its channel was deleted."""
        if interaction.guild_id not in self.untold or not manages_server(interaction):
            return None
        self.untold.discard(interaction.guild_id)
        return self._tell_paused(interaction.guild_id, interaction)

    async def _tell_paused(self, guild_id: int, interaction: discord.Interaction) -> None:
        if await service.deleted_channel_to_tell(self.bot.store, guild_id):
            await interaction.followup.send(
                f"The weekly report is paused: {PAUSED_BECAUSE[CHANNEL_DELETED]}", ephemeral=True
            )


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Reports(bot))
