"""Words in the right number and person: "1 day", "1 member", "Your challenge badges"."""

from __future__ import annotations

import discord

from tests.e2e.conftest import shown
from tests.e2e.test_challenges import started

DAY = 24 * 3600


async def test_one_day_since_legs_is_one_day(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg", when="yesterday")

    result = await gym.alice.slash(gym.channel, "balance")

    fields = {f.name: f.value for f in shown(result).embeds[0].fields}
    assert fields["Since legs"] == "1 day"


async def test_own_badges_are_yours_and_anothers_are_theirs(gym):
    own = await gym.alice.slash(gym.channel, "challenge badges")
    other = await gym.alice.slash(gym.channel, "challenge badges", member=gym.bob)

    assert own.response.embeds[0].title == "Your challenge badges"
    assert other.response.embeds[0].title == "bob's challenge badges"


async def test_one_excluded_member_is_one_member(gym):
    await started(gym)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    mods = gym.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    carol = gym.guild.add_member(gym.env.create_user("carol"), roles=[mods])
    await carol.slash(gym.channel, "challenge exclude", name="Leg January", member=gym.bob)

    board = await gym.alice.slash(gym.channel, "challenge board", name="Leg January")

    assert board.response.embeds[0].fields[0].value == "Excluded by moderators: 1 member."
