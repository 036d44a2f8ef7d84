"""Challenges: the goal reached is said when it happens (within ``CHECK_EVERY``); whole goals;
the challenge's zone.

SimCord starts at Thursday 2026-01-01 00:00 UTC.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import select

from cogs._challenge_goal import CHECK_EVERY
from storage import challenges as storage_challenges
from storage.tables import Challenge
from tests.e2e.test_challenges import CHALLENGE, DAY, count, posts, started


async def test_a_member_reaching_the_goal_is_announced_once_when_it_happens(gym):
    await started(gym, goal=6.0)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")

    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")  # looked at at once
    assert posts(gym, "goal reached") == []
    await gym.bob.slash(gym.channel, "log", entry="lunge 3x8 20kg")
    assert posts(gym, "goal reached") == []  # a challenge is scored at most every 30 s
    await gym.env.advance_time(CHECK_EVERY.total_seconds())

    [bob_done] = posts(gym, "Leg January: goal reached")
    assert bob_done.embeds[0].description.startswith(
        f"{gym.bob.mention} reached the goal, the 1st to get there."
    )
    assert "Goal: **6 leg sets**" in bob_done.embeds[0].description

    await gym.bob.slash(gym.channel, "log", entry="rdl 3x8 80kg")  # more, no new post
    await gym.alice.slash(gym.channel, "log", entry="squat 6x5 100kg")
    await gym.env.advance_time(CHECK_EVERY.total_seconds())
    done = [post.embeds[0].description for post in posts(gym, "Leg January: goal reached")]
    assert len(done) == 2
    assert done[-1].startswith(f"{gym.alice.mention} reached the goal, the 2nd to get there.")


async def test_members_reaching_the_goal_in_one_look_are_announced_in_the_order_they_got_there(
    gym,
):
    await started(gym, goal=6.0)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    await gym.alice.slash(gym.channel, "log", entry="squat 1x5 100kg")  # looked at at once
    await gym.bob.slash(gym.channel, "log", entry="squat 6x5 100kg")
    await gym.env.advance_time(1)
    await gym.alice.slash(gym.channel, "log", entry="squat 5x5 100kg")
    await gym.env.advance_time(CHECK_EVERY.total_seconds())

    done = [post.embeds[0].description for post in posts(gym, "Leg January: goal reached")]
    assert [text.split(" to get there")[0] for text in done] == [
        f"{gym.bob.mention} reached the goal, the 1st",
        f"{gym.alice.mention} reached the goal, the 2nd",
    ]


async def test_an_entry_edited_up_to_the_goal_days_later_is_no_news(gym):
    """An edit keeps its entry's logging time: the goal was reached then, so nothing is
    announced now; the board still ranks Alice at the goal."""
    await started(gym, goal=6.0)
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.env.advance_time(2 * DAY)
    history = await gym.alice.slash(gym.channel, "history")
    ref = history.response.components[0]["components"][0]["options"][0]["value"]
    picked = await gym.alice.select(history.response, [ref])
    modal = await gym.alice.click(picked.response, label="Edit")
    await gym.alice.submit_modal(modal, {"sets": "squat 6x5 100kg"})
    await gym.env.advance_time(CHECK_EVERY.total_seconds())

    assert posts(gym, "goal reached") == []
    board = await gym.alice.slash(gym.channel, "challenge board", name="Leg January")
    alice_line = next(
        line
        for line in board.response.embeds[0].description.splitlines()
        if gym.alice.mention in line
    )
    assert "`██████████` 6 ✅" in alice_line


async def watched(gym, monkeypatch) -> tuple[Any, list[int]]:
    """Alice and Bob in a running challenge; the challenges cog, and whom its goal checks
    are asked to look at."""
    await started(gym, goal=3.0)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    challenges = gym.env.bot.get_cog("Challenges")
    looked_at: list[int] = []
    monkeypatch.setattr(challenges.goals, "member_changed", lambda _, who: looked_at.append(who))
    return challenges, looked_at


async def test_members_whose_sets_change_at_the_same_moment_are_all_looked_at(gym, monkeypatch):
    challenges, looked_at = await watched(gym, monkeypatch)

    # The second change arrives while the first one's challenges are still being looked up.
    await asyncio.gather(
        challenges.on_sets_changed(gym.alice.id), challenges.on_sets_changed(gym.bob.id)
    )

    assert sorted(looked_at) == sorted([gym.alice.id, gym.bob.id])


async def test_members_whose_lookup_failed_are_looked_at_with_the_next_change(gym, monkeypatch):
    challenges, looked_at = await watched(gym, monkeypatch)
    lookup = storage_challenges.open_challenges_of

    def database_down_once(*args):
        monkeypatch.setattr(storage_challenges, "open_challenges_of", lookup)
        raise ConnectionError("the database went away")

    monkeypatch.setattr(storage_challenges, "open_challenges_of", database_down_once)
    with pytest.raises(ConnectionError):
        await challenges.on_sets_changed(gym.alice.id)
    await challenges.on_sets_changed(gym.bob.id)

    assert sorted(looked_at) == sorted([gym.alice.id, gym.bob.id])


async def test_a_team_reaching_its_goal_is_announced_once(gym):
    await started(gym, goal=6.0, team=True)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    assert posts(gym, "goal reached") == []

    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.env.advance_time(CHECK_EVERY.total_seconds())

    [team] = posts(gym, "Leg January: goal reached")
    assert team.embeds[0].description.startswith(
        "The team reached its goal together: 2 members contributed."
    )


async def test_sets_of_someone_not_taking_part_announce_nothing(gym):
    await started(gym, goal=3.0)
    await gym.bob.slash(gym.channel, "log", entry="squat 5x5 100kg")
    assert posts(gym, "goal reached") == []


@pytest.mark.parametrize(
    ("metric", "what"),
    [("leg_days", "leg days"), ("leg_sets", "leg sets"), ("streak", "weeks")],
)
async def test_half_a_count_is_refused_as_a_goal(gym, metric, what):
    result = await gym.alice.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"metric": metric, "goal": 0.5})
    )
    assert result.ephemeral
    assert result.response.content == (
        f"A `{metric}` goal is a whole number of {what}, e.g. `goal:8`."
    )
    assert await count(gym, Challenge) == 0


async def test_a_volume_goal_may_have_a_decimal(gym):
    result = await gym.alice.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"metric": "squat_gain", "goal": 2.5})
    )
    assert "Goal: **2.5 % squat gain**" in result.response.embeds[0].description


async def test_the_zone_is_shown_at_creation_and_can_be_chosen_there(gym):
    plain = await gym.alice.slash(gym.channel, "challenge create", **CHALLENGE)
    assert "Days run in **UTC** time (no zone is set here; pick one with `timezone:`)" in (
        plain.response.embeds[0].description
    )

    choices = await gym.bob.autocomplete(
        gym.channel, "challenge create", "timezone", "berl", **(CHALLENGE | {"name": "B"})
    )
    assert "Europe/Berlin" in [c["value"] for c in choices]
    chosen = await gym.bob.slash(
        gym.channel,
        "challenge create",
        **(CHALLENGE | {"name": "Leg Berlin", "starts": "2026-01-02", "timezone": "Europe/Berlin"}),
    )
    assert "Days run in **Europe/Berlin** time (as chosen)" in (
        chosen.response.embeds[0].description
    )
    row = await gym.env.bot.store.run(
        lambda session: session.execute(
            select(Challenge).where(Challenge.name == "Leg Berlin")
        ).scalar_one()
    )
    assert row.timezone == "Europe/Berlin"
    assert row.starts_at.isoformat() == "2026-01-01T23:00:00+00:00"  # Berlin's midnight


async def test_without_a_report_the_creators_zone_is_used(gym):
    await gym.alice.slash(gym.channel, "settings timezone", timezone="America/New_York")
    created = await gym.alice.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"starts": "2026-01-02"})
    )
    assert "Days run in **America/New_York** time (your time zone" in (
        created.response.embeds[0].description
    )


async def test_a_zone_that_is_not_one_is_refused(gym):
    result = await gym.alice.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"timezone": "Mars/Olympus"})
    )
    assert result.ephemeral
    assert await count(gym, Challenge) == 0
