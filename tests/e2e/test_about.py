"""/about, /help and the error handler, driven through simulated Discord."""

from __future__ import annotations

import logging
import pkgutil
import re

import discord
import pytest
from discord import app_commands

import cogs
from bot import __version__
from bot.bot import LegDayBot


@pytest.fixture
def simcord_bot(simcord_bot: LegDayBot) -> LegDayBot:
    """The real bot plus one command that fails, to watch the error handler."""
    bot = simcord_bot

    @bot.tree.command(name="explode", description="Fails on purpose (test only).")
    async def explode(interaction: discord.Interaction) -> None:
        raise RuntimeError("kaboom")

    @bot.tree.context_menu(name="Wave at")
    async def wave(interaction: discord.Interaction, member: discord.Member) -> None:
        """A command people reach by a member's Apps menu, not by typing (test only)."""

    return bot


@pytest.fixture
def gym(simcord_env):
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("gym")
    alice = guild.add_member(simcord_env.create_user("alice"))
    return channel, alice


async def test_about_shows_version_shard_and_database(simcord_env, gym):
    channel, alice = gym

    result = await alice.slash(channel, "about")

    assert result.ephemeral
    fields = {field.name: field.value for field in result.response.embeds[0].fields}
    assert fields["Version"] == __version__
    assert fields["Database"] == "sqlite"
    assert fields["Shard"] == "1 of 1"


async def test_help_lists_every_command_in_the_tree(simcord_env, gym):
    channel, alice = gym

    result = await alice.slash(channel, "help")

    assert result.ephemeral
    text = result.response.embeds[0].description
    names = [
        c.qualified_name
        for c in simcord_env.bot.tree.walk_commands()
        if isinstance(c, app_commands.Command)
    ]
    assert {"about", "help", "explode"} <= set(names)
    for name in names:
        assert f"`/{name}`" in text
    menus = [
        menu.name
        for kind in (discord.AppCommandType.message, discord.AppCommandType.user)
        for menu in simcord_env.bot.tree.get_commands(type=kind)
    ]
    assert {"Log this", "Wave at"} <= set(menus)
    for name in menus:
        assert f"`{name}`" in text
    assert "`Log this` (a message's Apps menu) Log a message's text as your sets" in text
    assert "`Wave at` (a member's Apps menu)" in text


async def test_a_failing_command_gives_a_private_error_id_and_logs_the_traceback(
    simcord_env, gym, caplog
):
    channel, alice = gym

    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        result = await alice.slash(channel, "explode")

    assert result.ephemeral
    match = re.search(r"Error id `([0-9a-f]{8})`", result.response.content)
    assert match, result.response.content
    assert "Traceback" not in result.response.content
    record = next(r for r in caplog.records if getattr(r, "error_id", None) == match.group(1))
    assert record.command == "explode"
    assert record.user_id == alice.id
    assert record.guild_id == channel.guild.id
    assert record.exc_info is not None
    assert "kaboom" in str(record.exc_info[1])
    assert [type(e) for e in simcord_env.take_bugs()] == [app_commands.CommandInvokeError]


async def test_every_cog_module_is_loaded(simcord_env):
    # Helpers start with an underscore; every other module in cogs/ is a cog.
    modules = pkgutil.iter_modules(cogs.__path__, "cogs.")
    cog_modules = {m.name for m in modules if not m.name.startswith("cogs._")}
    loaded = {type(cog).__module__ for cog in simcord_env.bot.cogs.values()}
    assert loaded == cog_modules
    assert "cogs.about" in cog_modules


async def test_closing_the_bot_stops_the_clock_and_the_store(simcord_env):
    bot = simcord_env.bot
    assert bot.clock.running

    await bot.close()

    assert not bot.clock.running
    assert bot.store.pool.checkedout() == 0  # the pool its units of work use
    assert bot.is_closed()
