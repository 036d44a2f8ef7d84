"""/exercise info and /exercise mine: how a name is counted, and one's own exercises,
always privately, and nobody else's exercises in anyone's answers."""

from __future__ import annotations

import re

from storage.tables import Person
from tests.db import get


def fields(result) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


async def add_zorbo_drag(member, channel):
    return await member.slash(
        channel,
        "exercise add",
        name="zorbo drag",
        region="lower",
        pattern="other",
        primary="quads",
        secondary="glutes",
    )


async def test_info_shows_how_a_catalog_name_is_counted(gym):
    result = await gym.alice.slash(gym.channel, "exercise info", name="rdl")

    assert result.ephemeral
    assert result.response.embeds[0].title == "Romanian Deadlift"
    shown = fields(result)
    assert (shown["Region"], shown["Pattern"]) == ("lower", "hinge")
    assert shown["Muscles"].startswith("hamstrings")


async def test_info_writes_muscles_in_words(gym):
    result = await gym.alice.slash(gym.channel, "exercise info", name="squat")

    assert "lower back" in fields(result)["Muscles"]
    assert "_" not in fields(result)["Muscles"]


async def test_info_on_an_unknown_name_suggests_some_and_stores_nothing(gym):
    result = await gym.alice.slash(gym.channel, "exercise info", name="flurbo press")

    assert result.ephemeral
    assert result.response.content == (
        "I don't know the exercise `flurbo press`. "
        "Did you mean `Overhead Press`, `Floor Press`, `Z Press`?"
    )
    # Only looking: not even a person row for the one who asked.
    assert await get(gym.env.bot.store, Person, gym.alice.id) is None


async def test_info_and_its_choices_know_ones_own_exercises_only(gym):
    await add_zorbo_drag(gym.alice, gym.channel)

    mine = await gym.alice.slash(gym.channel, "exercise info", name="zorbo drag")
    theirs = await gym.bob.slash(gym.channel, "exercise info", name="zorbo drag")
    alices = await gym.alice.autocomplete(gym.channel, "exercise info", "name", "zorbo")
    bobs = await gym.bob.autocomplete(gym.channel, "exercise info", "name", "zorbo")

    assert mine.response.embeds[0].title == "zorbo drag"
    assert fields(mine)["Muscles"] == "quads (also glutes)"
    assert theirs.response.content.startswith("I don't know the exercise `zorbo drag`.")
    assert "zorbo drag" in [c["value"] for c in alices]
    assert "zorbo drag" not in [c["value"] for c in bobs]


async def test_mine_lists_ones_own_exercises_privately(gym):
    empty = await gym.alice.slash(gym.channel, "exercise mine")
    assert empty.ephemeral
    assert "You haven't added any" in empty.response.content

    await add_zorbo_drag(gym.alice, gym.channel)
    await gym.alice.slash(
        gym.channel,
        "exercise add",
        name="quibble press",
        region="upper",
        pattern="vertical_push",
        primary="front_delts",
    )
    mine = await gym.alice.slash(gym.channel, "exercise mine")
    bobs = await gym.bob.slash(gym.channel, "exercise mine")

    assert mine.ephemeral
    assert mine.response.embeds[0].title == "Your exercises"
    assert mine.response.embeds[0].description.splitlines() == [
        "**zorbo drag**: lower, other",
        "**quibble press**: upper, vertical push",
    ]
    assert "You haven't added any" in bobs.response.content


async def test_exercise_choices_stay_within_discords_25(gym):
    """Discord refuses an autocomplete answer of more than 25 choices, and the person then
    sees none: their own exercises and the catalog's matches together are cut at 25."""
    await add_zorbo_drag(gym.alice, gym.channel)
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg; calf raise 3x15 60kg")

    for typed in ("", "s", "r"):
        choices = await gym.alice.autocomplete(gym.channel, "exercise info", "name", typed)
        assert len(choices) == 25, typed
        assert len({c["name"] for c in choices}) == 25


async def test_the_example_an_empty_mine_gives_adds_an_exercise(gym):
    empty = await gym.alice.slash(gym.channel, "exercise mine")
    [example] = re.findall(r"`/exercise add (.+?)`", empty.response.content)
    options = dict(re.findall(r"(\w+):(.+?)(?= \w+:|$)", example))

    followed = await gym.alice.slash(gym.channel, "exercise add", **options)

    assert followed.response.embeds[0].title == f"Added {options['name']}"
