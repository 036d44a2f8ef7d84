"""Nobody sees another member's data or presses their buttons: every autocomplete of the
command tree, and every kind of component the bot shows.

SimCord starts at Thursday 2026-01-01 00:00 UTC; the server's time zone is UTC.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands

import cogs
from coach.challenges import Metric, Window
from cogs._common import OwnerView
from storage import challenges
from storage.people import get_person
from tests.e2e.test_challenges import CHALLENGE

# What only Alice logged or named: none of it may reach anyone else's screen.
SECRETS = ("123.5", "211", "quokka")
TYPED = ("", "2", "1", "q", "squat", "lunge", "quokka", "2026")


def autocompleted(bot: Any) -> list[tuple[str, app_commands.Command[Any, Any, Any], str]]:
    """Every (command path, command, option) with autocomplete, found in the tree itself,
    so a new autocomplete is covered without touching this test."""
    found = []
    for command in bot.tree.walk_commands():
        if isinstance(command, app_commands.Command):
            for parameter in command.parameters:
                if parameter.autocomplete:
                    found.append((command.qualified_name, command, parameter.display_name))
    return found


def filled_for(gym: Any, command: app_commands.Command[Any, Any, Any], focused: str) -> dict:
    """The other options, filled as a nosy member would: pointing at Alice (by the
    options' names in Discord, which ``app_commands.rename`` may set apart from Python's)."""
    filled: dict[str, Any] = {}
    for parameter in command.parameters:
        option = parameter.display_name
        if option == focused:
            continue
        if parameter.type is discord.AppCommandOptionType.user:
            filled[option] = gym.alice
        elif parameter.type is discord.AppCommandOptionType.channel:
            filled[option] = gym.channel
        elif option == "name":
            filled[option] = CHALLENGE["name"]
    return filled


async def alice_has_private_data(gym: Any) -> None:
    await gym.alice.slash(gym.channel, "challenge create", **CHALLENGE)
    await gym.alice.slash(
        gym.channel,
        "exercise add",
        name="quokka lunge",
        region="lower",
        pattern="lunge",
        primary="quads",
    )
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 123.5kg @8; quokka lunge 3x8")
    await gym.alice.send_dm("deadlift 3x5 211kg @9")


async def test_no_autocomplete_shows_another_members_data_to_someone_without_rights(gym):
    await alice_has_private_data(gym)
    options = autocompleted(gym.env.bot)
    assert ("challenge exclude", "entry") in {(path, option) for path, _, option in options}

    for path, command, option in options:
        for typed in TYPED:
            choices = await gym.bob.autocomplete(
                gym.channel, path, option, typed, **filled_for(gym, command, option)
            )
            shown = " ".join(f"{c['name']} {c['value']}" for c in choices).lower()
            leaked = [secret for secret in SECRETS if secret in shown]
            assert not leaked, f"/{path} {option}:{typed!r} showed Bob {leaked}: {choices}"


async def test_a_moderator_sees_only_entries_that_count_in_that_challenge(gym):
    mods = gym.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    carol = gym.guild.add_member(gym.env.create_user("carol"), roles=[mods])
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 123.5kg @8")  # before joining
    await gym.env.advance_time(60)
    await gym.alice.slash(gym.channel, "challenge create", **CHALLENGE)
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 90kg @8")  # never joined
    await gym.env.advance_time(60)
    await gym.alice.slash(gym.channel, "log", entry="squat 2x5 140kg @9; bench 3x5 80kg @9")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 60kg @5")  # easy sets

    def entries_of(member):
        return carol.autocomplete(
            gym.channel, "challenge exclude", "entry", "", name=CHALLENGE["name"], member=member
        )

    assert [c["name"] for c in await entries_of(gym.alice)] == [
        "2026-01-01 Back Squat 2 x 5 at 140 kg @9"
    ]
    assert await entries_of(gym.bob) == []

    other = gym.env.create_guild()
    elsewhere = other.create_text_channel("gym")
    boss = other.add_member(
        gym.env.create_user("boss"),
        roles=[other.create_role("Mods", permissions=discord.Permissions(manage_guild=True))],
    )
    alice_there = other.add_member(gym.alice.user)
    choices = await boss.autocomplete(
        elsewhere, "challenge exclude", "entry", "", name=CHALLENGE["name"], member=alice_there
    )
    assert choices == []


async def test_an_entry_that_does_not_count_cannot_be_excluded_by_hand(gym):
    mods = gym.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    carol = gym.guild.add_member(gym.env.create_user("carol"), roles=[mods])
    await gym.alice.slash(gym.channel, "challenge create", **CHALLENGE)
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 90kg @8")
    bobs_real_entry = f"{(await gym.sets(gym.bob))[0].batch_id}:0"  # Bob never joined
    for entry in (bobs_real_entry, "x:0", "abc:99999999999999999999999", "99999999999999999"):
        refused = await carol.slash(
            gym.channel,
            "challenge exclude",
            name=CHALLENGE["name"],
            member=gym.bob,
            entry=entry,
        )
        assert "has no such entry or is not in **Leg January**" in refused.response.content


async def test_badges_of_someone_else_are_only_those_won_here(gym):
    other = gym.env.create_guild()
    now = gym.env.now()
    window = Window.from_dates(date(2026, 1, 1), date(2026, 1, 14), ZoneInfo("UTC"))

    def unit(session):
        get_person(session, gym.alice.id, now)
        for guild, name in ((gym.guild.id, "Leg December"), (other.id, "Secret Club")):
            won = challenges.add_challenge(
                session,
                guild_id=guild,
                channel_id=1,
                name=name,
                metric=Metric.LEG_SETS,
                goal=1.0,
                team=False,
                window=window,
                creator_id=gym.alice.id,
                now=now,
            )
            assert won is not None
            challenges.award_badges(session, won, [gym.alice.id], now)

    await gym.env.bot.store.run(unit)

    seen = await gym.bob.slash(gym.channel, "challenge badges", member=gym.alice)
    own = await gym.alice.slash(gym.channel, "challenge badges")

    assert seen.ephemeral
    assert own.ephemeral
    assert "Leg December" in seen.response.embeds[0].description
    assert "Secret Club" not in seen.response.embeds[0].description
    assert "Secret Club" in own.response.embeds[0].description


def test_every_view_a_cog_shows_has_buttons_only_its_owner_can_press():
    """Ephemeral replies cannot be pressed by others, but DM replies are forwarded and a
    view may one day go public: each view checks who presses. (The reminder buttons,
    dynamic items, check the schedule's owner: tests/services/test_reminder_buttons.py.)"""
    for module in pkgutil.iter_modules(cogs.__path__, "cogs."):
        importlib.import_module(module.name)
    views = {
        view
        for view in all_subclasses(discord.ui.View)
        if view.__module__.startswith("cogs.") and not issubclass(view, discord.ui.Modal)
    }
    assert {"UndoView", "HistoryView", "ConfirmView", "FirstStep"} <= {v.__name__ for v in views}
    strays = sorted(v.__qualname__ for v in views if not issubclass(v, OwnerView))
    assert strays == []


def all_subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *all_subclasses(direct)}}
