"""/about (what is running) and /help (every command, read from the command tree)."""

from __future__ import annotations

import math

import discord
from discord import app_commands

from bot import __version__
from bot.bot import LegDayBot
from cogs._common import LegDayCog
from cogs._installs import personal

BRAND = discord.Colour.from_rgb(46, 160, 67)


MENUS = {
    discord.AppCommandType.message: "a message's Apps menu",
    discord.AppCommandType.user: "a member's Apps menu",
}
"""Where each kind of context-menu command is found: it has no slash to type."""


def command_lines(tree: app_commands.CommandTree) -> list[str]:
    """One line per runnable command, subcommands included, sorted by name, then every
    context-menu command with where to find it and its ``extras["description"]``."""
    lines = sorted(
        f"`/{command.qualified_name}` {command.description}"
        for command in tree.walk_commands()
        if isinstance(command, app_commands.Command)
    )
    for kind, where in MENUS.items():
        for menu in sorted(tree.get_commands(type=kind), key=lambda menu: menu.name):
            lines.append(f"`{menu.name}` ({where}) {menu.extras.get('description', '')}".rstrip())
    return lines


SERVER_PERMISSIONS = 117760
"""View Channels, Send Messages, Embed Links, Attach Files, Read Message History."""


def invite_links(application_id: int) -> tuple[str, str]:
    """Links that add Leg Day to a server (every command), or to a person's own apps (the
    personal commands, in any server and in DMs)."""
    base = f"https://discord.com/oauth2/authorize?client_id={application_id}"
    server = f"{base}&scope=bot+applications.commands&permissions={SERVER_PERMISSIONS}"
    return f"{server}&integration_type=0", f"{base}&scope=applications.commands&integration_type=1"


def invite_text(application_id: int) -> str:
    server, personal = invite_links(application_id)
    return (
        f"[To a server]({server}): every command, reports and challenges.\n"
        f"[To your apps]({personal}): your own commands in any server and in DMs."
    )


class About(LegDayCog):
    @personal
    @app_commands.command(description="Version, latency, shard and database of this Leg Day.")
    async def about(self, interaction: discord.Interaction) -> None:
        shard = interaction.guild.shard_id if interaction.guild else 0
        latency = self.bot.latency
        embed = discord.Embed(
            title="Leg Day",
            description="Log your sets, keep upper and lower body balanced, never skip legs.",
            colour=BRAND,
        )
        embed.add_field(name="Version", value=__version__)
        # discord.py reports NaN until the first heartbeat has been acknowledged.
        embed.add_field(
            name="Latency", value=f"{latency * 1000:.0f} ms" if math.isfinite(latency) else "n/a"
        )
        embed.add_field(name="Shard", value=f"{shard + 1} of {self.bot.shard_count or 1}")
        embed.add_field(name="Database", value=self.bot.store.backend)
        if self.bot.application_id is not None:
            embed.add_field(name="Add Leg Day", value=invite_text(self.bot.application_id))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @personal
    @app_commands.command(description="Every Leg Day command with what it does.")
    async def help(self, interaction: discord.Interaction) -> None:
        embed = discord.Embed(
            title="Leg Day commands",
            description="\n".join(command_lines(self.bot.tree)),
            colour=BRAND,
        )
        embed.set_footer(text="Start with /log squat 3x5 100kg")
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(About(bot))
