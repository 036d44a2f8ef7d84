"""/history: paging, editing through a modal, deleting with confirmation, privacy."""

from __future__ import annotations


def lines(result_or_message) -> list[str]:
    embed = result_or_message.embeds[0]
    return embed.description.splitlines()


async def log_many(gym, member, count: int) -> None:
    for n in range(count):
        await member.slash(gym.channel, "log", entry=f"squat 3x5 {100 + n}kg")
        await gym.env.advance_time(3)  # at a person's pace, under the rate limit


async def test_history_pages_ten_entries_at_a_time(gym):
    await log_many(gym, gym.alice, 12)

    first = await gym.alice.slash(gym.channel, "history")

    assert first.ephemeral
    assert len(lines(first.response)) == 10
    assert "111 kg" in lines(first.response)[0]  # newest first
    assert first.response.embeds[0].footer.text.startswith("Page 1 of 2")

    second = await gym.alice.click(first.response, label="Next")

    assert [("100 kg" in line, "101 kg" in line) for line in lines(second.response)] == [
        (False, True),
        (True, False),
    ]
    assert second.response.embeds[0].footer.text.startswith("Page 2 of 2")


async def test_history_filters_by_exercise(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg; bench 3x5 80kg")

    result = await gym.alice.slash(gym.channel, "history", exercise="bench")

    assert len(lines(result.response)) == 1
    assert "bench" in lines(result.response)[0]


async def test_history_of_an_unknown_exercise_explains(gym):
    result = await gym.alice.slash(gym.channel, "history", exercise="qwxzy")
    assert result.ephemeral
    assert "don't know the exercise" in result.response.content


async def test_editing_an_entry_replaces_its_sets(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    history = await gym.alice.slash(gym.channel, "history")
    ref = history.response.components[0]["components"][0]["options"][0]["value"]

    picked = await gym.alice.select(history.response, [ref])
    modal = await gym.alice.click(picked.response, label="Edit")
    assert "squat 3 x 5 at 100 kg" in str(modal.modal)

    saved = await gym.alice.submit_modal(modal, {"sets": "squat 4x4 105kg"})

    assert "Saved" in saved.response.content
    rows = await gym.sets(gym.alice)
    assert [(r.reps, r.weight_kg) for r in rows] == [(4, 105.0)] * 4


async def test_a_bad_edit_changes_nothing(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    history = await gym.alice.slash(gym.channel, "history")
    ref = history.response.components[0]["components"][0]["options"][0]["value"]
    picked = await gym.alice.select(history.response, [ref])
    modal = await gym.alice.click(picked.response, label="Edit")

    refused = await gym.alice.submit_modal(modal, {"sets": "squat 4x4 9999kg"})

    assert refused.ephemeral
    assert "Nothing was changed" in refused.response.content
    assert [(r.reps, r.weight_kg) for r in await gym.sets(gym.alice)] == [(5, 100.0)] * 3


async def test_deleting_an_entry_asks_first(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg; bench 3x5 80kg")
    history = await gym.alice.slash(gym.channel, "history", exercise="squat")
    ref = history.response.components[0]["components"][0]["options"][0]["value"]
    picked = await gym.alice.select(history.response, [ref])

    asked = await gym.alice.click(picked.response, label="Delete")
    assert "cannot be undone" in asked.response.content
    assert len(await gym.sets(gym.alice)) == 6

    await gym.alice.click(asked.response, label="Delete")

    assert [r.exercise_key for r in await gym.sets(gym.alice)] == ["bench_press"] * 3


async def test_nobody_sees_or_touches_another_persons_history(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")

    bobs = await gym.bob.slash(gym.channel, "history")
    bobs_undo = await gym.bob.slash(gym.channel, "undo")

    assert "Nothing logged" in bobs.response.content
    assert "nothing logged to undo" in bobs_undo.response.content
    assert len(await gym.sets(gym.alice)) == 3
