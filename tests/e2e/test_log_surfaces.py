"""Logging a whole workout at once: "Log this" on a message, and /log's form."""

from __future__ import annotations

from datetime import timedelta

WORKOUT = "squat 3x5 100kg @8\nbench 80kg 5,5,4"


def titles(result) -> list[str]:
    return [embed.title for embed in result.response.embeds]


async def test_log_this_on_your_own_message_logs_it_with_undo(gym):
    posted = await gym.alice.send(gym.channel, WORKOUT)

    result = await gym.alice.context_menu(gym.channel, "Log this", posted)

    assert result.ephemeral
    assert titles(result) == ["Logged 2 exercises"]
    rows = await gym.sets(gym.alice)
    assert [(r.exercise_key, r.reps, r.source) for r in rows][:3] == [
        ("back_squat", 5, "message")
    ] * 3
    assert len(rows) == 6

    undone = await gym.alice.click(result.response, label="Undo")

    assert undone.response.content.startswith("Undone: removed")
    assert await gym.sets(gym.alice) == []


async def test_log_this_on_someone_elses_message_asks_before_copying_it(gym):
    posted = await gym.bob.send(gym.channel, WORKOUT)

    asked = await gym.alice.context_menu(gym.channel, "Log this", posted)

    assert asked.ephemeral
    assert titles(asked) == ["Log this message as your own sets?"]
    assert "> squat 3x5 100kg @8" in asked.response.embeds[0].description
    assert await gym.sets() == []  # nothing until they confirm

    logged = await gym.alice.click(asked.response, label="Log as mine")

    assert titles(logged) == ["Logged 2 exercises"]
    assert {r.person_id for r in await gym.sets()} == {gym.alice.id}
    undone = await gym.alice.click(logged.response, label="Undo")
    assert undone.response.content.startswith("Undone: removed")
    assert await gym.sets() == []


async def test_copying_someone_elses_message_can_be_cancelled(gym):
    posted = await gym.bob.send(gym.channel, WORKOUT)
    asked = await gym.alice.context_menu(gym.channel, "Log this", posted)

    cancelled = await gym.alice.click(asked.response, label="Cancel")

    assert cancelled.response.content == "Cancelled. Nothing was changed."
    assert await gym.sets() == []


async def test_log_this_on_a_message_without_sets_explains_and_stores_nothing(gym):
    posted = await gym.alice.send(gym.channel, "great session today, legs are toast")

    result = await gym.alice.context_menu(gym.channel, "Log this", posted)

    assert result.ephemeral
    assert result.response.content.startswith("Nothing was logged.")
    assert await gym.sets() == []


async def test_log_without_text_opens_a_form_for_a_whole_session(gym):
    opened = await gym.alice.slash(gym.channel, "log")

    assert opened.modal is not None
    assert opened.modal["title"] == "Log your sets"
    logged = await gym.alice.submit_modal(
        opened, {"entry": WORKOUT + "\npullups 3x10", "day": "yesterday"}
    )

    assert logged.ephemeral
    assert titles(logged) == ["Logged 3 exercises"]
    rows = await gym.sets(gym.alice)
    yesterday = gym.env.now().date() - timedelta(days=1)
    assert {(r.local_date, r.source) for r in rows} == {(yesterday, "form")}
    undone = await gym.alice.click(logged.response, label="Undo")
    assert undone.response.content.startswith("Undone: removed")


async def test_the_form_keeps_the_day_and_note_given_with_log(gym):
    opened = await gym.alice.slash(gym.channel, "log", when="yesterday", note="felt strong")

    day = [
        c
        for row in opened.modal["components"]
        for c in row["components"]
        if c["custom_id"] == "day"
    ]
    assert day[0]["value"] == "yesterday"
    await gym.alice.submit_modal(opened, {"entry": "squat 3x5 100kg", "day": "yesterday"})

    rows = await gym.sets(gym.alice)
    assert {r.note for r in rows} == {"felt strong"}


async def test_a_form_that_cannot_be_read_explains_and_stores_nothing(gym):
    opened = await gym.alice.slash(gym.channel, "log")

    refused = await gym.alice.submit_modal(opened, {"entry": "squat 3x5 100kg", "day": "someday"})

    assert refused.ephemeral
    assert refused.response.embeds == []
    assert "someday" in refused.response.content
    assert await gym.sets() == []
