"""/about (what is running) and /help (every command, read from the command tree)."""

from __future__ import annotations

import math

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__
from bot.bot import LegDayBot

BRAND = discord.Colour.from_rgb(46, 160, 67)


def command_lines(tree: app_commands.CommandTree) -> list[str]:
    """One line per runnable command, subcommands included, sorted by name."""
    lines = [
        f"`/{command.qualified_name}` {command.description}"
        for command in tree.walk_commands()
        if isinstance(command, app_commands.Command)
    ]
    return sorted(lines)


class About(commands.Cog):
    def __init__(self, bot: LegDayBot) -> None:
        self.bot = bot

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
        await interaction.response.send_message(embed=embed, ephemeral=True)

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
