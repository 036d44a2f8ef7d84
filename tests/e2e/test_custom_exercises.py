"""/exercise edit and /exercise remove: a person's own exercises, and the sets logged with them."""

from __future__ import annotations

from tests.e2e.test_challenges import started

STONE = {"name": "atlas stone", "region": "lower", "pattern": "other", "primary": "quads"}


async def add_stone(gym, member=None):
    member = member or gym.alice
    await member.slash(gym.channel, "exercise add", **STONE)
    await member.slash(gym.channel, "log", entry="atlas stone 3x5 100kg")


async def test_edit_changes_how_it_counts_and_its_sets_follow(gym):
    await add_stone(gym)
    choices = await gym.alice.autocomplete(gym.channel, "exercise edit", "name", "atl")
    assert [c["value"] for c in choices] == ["atlas stone"]

    edited = await gym.alice.slash(
        gym.channel, "exercise edit", name="Atlas Stone", rename="Stone Load", region="upper"
    )

    embed = edited.response.embeds[0]
    assert embed.title == "Updated Stone Load"
    assert {f.name: f.value for f in embed.fields}["Region"] == "upper"
    assert embed.footer.text == "The 3 sets you logged with it count as this."
    keys = {row.exercise_key for row in await gym.sets(gym.alice)}
    assert len(keys) == 1
    assert next(iter(keys)).startswith("custom:")
    history = await gym.alice.slash(gym.channel, "history")
    assert "Stone Load 3 x 5 at 100 kg" in history.response.embeds[0].description
    mine = await gym.alice.slash(gym.channel, "exercise mine")
    assert mine.response.embeds[0].description == "**Stone Load**: upper, other"
    logged = await gym.alice.slash(gym.channel, "log", entry="stone load 1x5 110kg")
    assert logged.response.embeds[0].title.startswith("Logged Stone Load")


async def test_an_edit_moves_the_sets_on_a_challenge_board(gym):
    await started(gym, name="Leg Sets", goal=100.0)
    await add_stone(gym)
    board = await gym.alice.slash(gym.channel, "challenge board", name="Leg Sets")
    assert board.response.embeds[0].description.splitlines()[-1].endswith(" 3 ◀ **you**")

    await gym.alice.slash(gym.channel, "exercise edit", name="atlas stone", region="upper")

    board = await gym.alice.slash(gym.channel, "challenge board", name="Leg Sets")
    assert board.response.embeds[0].description.splitlines()[-1].endswith(" 0 ◀ **you**")


async def test_edit_refuses_what_it_cannot_do_and_changes_nothing(gym):
    await add_stone(gym)
    await gym.alice.slash(
        gym.channel,
        "exercise add",
        name="yoke walk",
        region="lower",
        pattern="carry",
        primary="quads",
    )

    nothing = await gym.alice.slash(gym.channel, "exercise edit", name="atlas stone")
    assert "Say what to change" in nothing.response.content
    taken = await gym.alice.slash(
        gym.channel, "exercise edit", name="atlas stone", rename="yoke walk"
    )
    assert taken.response.content == "You already have an exercise called `yoke walk`."
    known = await gym.alice.slash(gym.channel, "exercise edit", name="atlas stone", rename="rdl")
    assert "already known as **Romanian Deadlift**" in known.response.content
    others = await gym.bob.slash(gym.channel, "exercise edit", name="atlas stone", region="upper")
    assert others.response.content.startswith("You have no exercise of your own called")
    mine = await gym.alice.slash(gym.channel, "exercise mine")
    assert "**atlas stone**: lower, other" in mine.response.embeds[0].description
    assert all(r.exercise_key.startswith("custom:") for r in await gym.sets(gym.alice))


async def test_remove_asks_first_and_keeps_the_sets_unclassified(gym):
    await add_stone(gym)

    asked = await gym.alice.slash(gym.channel, "exercise remove", name="atlas stone")
    assert asked.ephemeral
    assert asked.response.content == (
        "Remove **atlas stone**? The 3 sets you logged with it stay in your history, but "
        "count nowhere until you describe it again with `/exercise add`."
    )
    kept = await gym.alice.click(asked.response, label="Keep it")
    assert kept.response.content.startswith("Cancelled")
    assert all(r.exercise_key is not None for r in await gym.sets(gym.alice))

    asked = await gym.alice.slash(gym.channel, "exercise remove", name="atlas stone")
    done = await gym.alice.click(asked.response, label="Remove")

    assert done.response.content.startswith("Removed **atlas stone**.")
    assert [r.exercise_key for r in await gym.sets(gym.alice)] == [None] * 3
    history = await gym.alice.slash(gym.channel, "history")
    assert "atlas stone 3 x 5 at 100 kg" in history.response.embeds[0].description
    mine = await gym.alice.slash(gym.channel, "exercise mine")
    assert "haven't added any" in mine.response.content

    again = await gym.alice.slash(gym.channel, "exercise add", **STONE)
    assert again.ephemeral
    assert again.response.embeds[0].footer.text == "3 sets you logged as atlas stone now count."


async def test_nobody_sees_or_removes_another_persons_exercises(gym):
    await add_stone(gym)

    choices = await gym.bob.autocomplete(gym.channel, "exercise remove", "name", "")
    refused = await gym.bob.slash(gym.channel, "exercise remove", name="atlas stone")

    assert choices == []
    assert refused.response.content.startswith("You have no exercise of your own called")
    assert all(r.exercise_key is not None for r in await gym.sets(gym.alice))


async def test_ones_own_exercise_choices_stay_within_discords_25(gym):
    """Discord refuses an autocomplete answer of more than 25 choices, and the person then
    sees none: someone with 26 exercises of their own is offered 25."""
    for number in range(26):
        added = await gym.alice.slash(
            gym.channel,
            "exercise add",
            name=f"zorbo drag {number:02}",
            region="lower",
            pattern="other",
            primary="quads",
        )
        assert added.response.embeds, added.response.content
        await gym.env.advance_time(60)  # under the per-person command limit

    choices = await gym.alice.autocomplete(gym.channel, "exercise remove", "name", "zorbo")

    assert len(choices) == 25
