"""Where each command can be installed and run: personal ones anywhere, server ones in servers.

Personal commands (a person's own logging, records, settings, data and gym tools) install
to a person's account as well as to servers, and run in DMs with the bot, group DMs and
any server, including one that never added the bot. Server commands (``/report``,
``/challenge``) install to servers only and run only there.

In a server without the bot, Discord still sends the server's id, but the bot has no
guild, channels or members there and may not post in its channels: ``server_id`` is then
None, so nothing is tied to that server (no reminder fallback channel, no record
announcement) and the person is answered privately only.
"""

from __future__ import annotations

from typing import Any, TypeVar

import discord
from discord import app_commands

from coach.problems import UserError

T = TypeVar("T")


def _everywhere() -> app_commands.AppCommandContext:
    return app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True)


def _user_and_server() -> app_commands.AppInstallationType:
    return app_commands.AppInstallationType(guild=True, user=True)


def personal(command: T) -> T:
    """A personal command or context menu: user- and server-installable, usable anywhere."""
    command = app_commands.allowed_installs(guilds=True, users=True)(command)
    return app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)(command)


def personal_group() -> dict[str, Any]:
    """``app_commands.Group`` settings for a group of personal commands."""
    return {"allowed_installs": _user_and_server(), "allowed_contexts": _everywhere()}


def server_group() -> dict[str, Any]:
    """``app_commands.Group`` settings for a server's commands: server installs, servers only."""
    return {
        "guild_only": True,
        "allowed_installs": app_commands.AppInstallationType(guild=True, user=False),
        "allowed_contexts": app_commands.AppCommandContext(guild=True),
    }


def server_id(interaction: discord.Interaction) -> int | None:
    """The server this ran in, if the bot is in it too; None in DMs and in a server that
    only the person (a user install) brought the bot into."""
    guild_id = interaction.guild_id
    if guild_id is None or interaction.client.get_guild(guild_id) is None:
        return None
    return guild_id


def bot_in_server(interaction: discord.Interaction) -> bool:
    """A check for server settings that name a channel or member: it runs before discord.py
    reads the options, which it could not in a server the bot knows nothing of."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    if server_id(interaction) is None:
        # discord.py hands the tree's error handler only a check's AppCommandErrors: the
        # UserError rides along as the cause, and its sentence is the answer.
        raise app_commands.CheckFailure(NOT_IN_SERVER) from UserError(NOT_IN_SERVER)
    return True


NOT_IN_SERVER = (
    "I'm not in this server, so I can't post in its channels. A server admin can add me "
    "with the invite link (see `/about`); your own commands work here anyway."
)
