"""Where commands install and run: personal commands anywhere, server commands in servers.

SimCord models guild and DM contexts but not a user install in a server that never added
the bot. That case is built from what Discord sends for it: the bot leaves the server's
cache (a GUILD_DELETE, so discord.py knows no guild, channel or member there) while the
person still runs the command there, in the user-install context (2) with the person as
the authorising owner.
"""

from __future__ import annotations

from typing import Any

import pytest
import simcord.interactions
from sqlalchemy import select

from storage.tables import Schedule
from tests.db import every

PERSONAL = {
    "log",
    "undo",
    "history",
    "pr",
    "balance",
    "checkin",
    "settings",
    "data",
    "reminder",
    "plates",
    "exercise",
    "deload",
    "rest",
    "help",
    "about",
    "Log this",
}
SERVER = {"report", "challenge"}
GUILD, BOT_DM, PRIVATE_CHANNEL = 0, 1, 2
GUILD_INSTALL, USER_INSTALL = 0, 1


def declared(bot: Any) -> dict[str, dict[str, Any]]:
    """Each top-level command as it is synced to Discord."""
    return {command.name: command.to_dict(bot.tree) for command in bot.tree.get_commands()}


async def test_personal_commands_install_for_users_and_run_everywhere(simcord_env):
    commands = declared(simcord_env.bot)

    assert set(commands) >= PERSONAL | SERVER
    for name in PERSONAL:
        assert sorted(commands[name]["integration_types"]) == [GUILD_INSTALL, USER_INSTALL], name
        assert sorted(commands[name]["contexts"]) == [GUILD, BOT_DM, PRIVATE_CHANNEL], name


async def test_server_commands_stay_server_installs_used_in_servers(simcord_env):
    commands = declared(simcord_env.bot)

    for name in SERVER:
        assert commands[name]["integration_types"] == [GUILD_INSTALL], name
        assert commands[name]["contexts"] == [GUILD], name


async def test_every_command_declares_where_it_installs(simcord_env):
    """A new command must choose: left undeclared it would follow the app's defaults."""
    for name, command in declared(simcord_env.bot).items():
        assert command["integration_types"], name
        assert command["contexts"], name


async def test_personal_commands_run_in_a_dm_and_server_ones_do_not(simcord_env):
    user = simcord_env.create_user("solo")

    available = set(user.available_commands())
    assert {"log", "balance", "settings show", "reminder list", "data export"} <= available
    assert not {name for name in available if name.split()[0] in SERVER}
    result = await user.slash("log", entry="squat 3x5 100kg")
    assert result.ephemeral
    assert result.response.embeds[0].title.startswith("Logged Back Squat")


@pytest.fixture
def stranger_server(simcord_env, monkeypatch):
    """A server where only its members added Leg Day to their own apps."""
    guild = simcord_env.create_guild("No bot here")
    channel = guild.create_text_channel("lifting")
    alice = guild.add_member(simcord_env.create_user("alice"))
    simcord_env.backend.emit("GUILD_DELETE", {"id": str(guild.id)})
    original = simcord.interactions.base_payload

    def as_user_install(backend: Any, **kwargs: Any) -> Any:
        record, payload = original(backend, **kwargs)
        if kwargs.get("guild_id") == guild.id:
            payload["context"] = PRIVATE_CHANNEL
            payload["authorizing_integration_owners"] = {str(USER_INSTALL): str(kwargs["user_id"])}
        return record, payload

    monkeypatch.setattr(simcord.interactions, "base_payload", as_user_install)
    return simcord_env, channel, alice


async def test_logging_in_a_server_without_the_bot_answers_privately_and_posts_nothing(
    stranger_server,
):
    env, channel, alice = stranger_server
    assert env.bot.get_channel(channel.id) is None  # the bot knows nothing of this server
    await alice.slash(channel, "settings share", share="on")
    await alice.slash(channel, "log", entry="squat 100x5")
    await env.advance_time(86_400)

    result = await alice.slash(channel, "log", entry="squat 110x5")

    assert result.ephemeral
    assert "🏆 New records" in [f.name for f in result.response.embeds[0].fields]
    # A record is announced in servers that added the bot; here nothing goes to the channel.
    assert [m for m in result.followups if not m.ephemeral] == []
    assert channel.history() == []
    undo = await alice.click(result.response, label="Undo")
    assert "removed" in undo.response.content


async def test_a_reminder_set_in_a_server_without_the_bot_never_falls_back_there(
    stranger_server,
):
    env, channel, alice = stranger_server
    await alice.slash(channel, "settings timezone", timezone="Europe/Berlin")

    result = await alice.slash(channel, "reminder legday", days="mon,thu", time="18:00")

    assert result.ephemeral
    (row,) = await every(env.bot.store, select(Schedule))
    assert row.person_id == alice.id
    assert row.guild_id is None  # no reminder channel of that server can ever be used


async def test_the_reminder_channel_of_a_server_without_the_bot_is_refused(stranger_server):
    env, channel, alice = stranger_server

    result = await alice.slash(channel, "reminder channel", channel=channel)

    assert result.ephemeral
    assert result.response.content.startswith("I'm not in this server")
    # Refused by a check before the options are read (reading them here would fail): the
    # person's mistake, answered, and no bug recorded.
    assert env.take_bugs() == []


async def test_about_offers_both_ways_to_add_the_bot(stranger_server):
    env, channel, alice = stranger_server

    result = await alice.slash(channel, "about")

    invite = {f.name: f.value for f in result.response.embeds[0].fields}["Add Leg Day"]
    assert "integration_type=0" in invite
    assert "integration_type=1" in invite
    assert f"client_id={env.bot.application_id}" in invite
