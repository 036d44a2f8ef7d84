"""/history: paging, editing through a modal, deleting with confirmation, privacy."""

from __future__ import annotations


def lines(result_or_message) -> list[str]:
    """The entry lines of a history page, without its day headings."""
    embed = result_or_message.embeds[0]
    return [line for line in embed.description.splitlines() if not line.startswith("**")]


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
    assert "Bench Press" in lines(result.response)[0]


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
    assert "Back Squat 3 x 5 at 100 kg" in str(modal.modal)

    saved = await gym.alice.submit_modal(modal, {"sets": "squat 4x4 105kg"})

    assert saved.ephemeral
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


async def test_history_shows_the_resolved_name_and_the_note(gym):
    await gym.alice.slash(gym.channel, "log", entry="sqaut 3x5 100kg", note="felt heavy")

    history = await gym.alice.slash(gym.channel, "history")

    [line] = lines(history.response)
    assert "Back Squat 3 x 5 at 100 kg · _felt heavy_" in line
    assert "sqaut" not in history.response.embeds[0].description
    option = history.response.components[0]["components"][0]["options"][0]
    assert option["label"] == "Back Squat 3 x 5 at 100 kg"
    picked = await gym.alice.select(history.response, [option["value"]])
    assert picked.response.embeds[0].title == "Back Squat 3 x 5 at 100 kg"
    assert "Note: felt heavy" in picked.response.embeds[0].description


async def test_history_groups_entries_by_training_day_with_local_times_in_the_menu(gym):
    await gym.alice.slash(gym.channel, "settings timezone", timezone="Europe/Berlin")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg", when="yesterday")
    await gym.env.advance_time(3)
    await gym.alice.slash(gym.channel, "log", entry="bench 3x5 80kg; row 3x8 60kg")

    history = await gym.alice.slash(gym.channel, "history")

    text = history.response.embeds[0].description.splitlines()
    assert text[0] == "**Thu 01 Jan 2026**"  # 01:00 in Berlin when SimCord starts
    assert "Bench Press" in text[1] or "Bench Press" in text[2]
    assert text[3] == "**Wed 31 Dec 2025**"
    assert "Back Squat" in text[4]
    options = history.response.components[0]["components"][0]["options"]
    assert [o["description"] for o in options][-1] == "Wed 31 Dec 2025, 01:00"
