"""Lines that read two ways ask with buttons, and messages with a bad line log the rest."""

from __future__ import annotations

from cogs._common import VIEW_TIMEOUT_S
from services.log import READ_ON_LOOP_CHARS
from storage.tables import Person
from tests.db import get


def buttons(message) -> list[tuple[str, bool]]:
    """(label, disabled) of each button; replies come as payloads, DMs as discord.py objects."""
    found = []
    for row in message.components:
        for b in row["components"] if isinstance(row, dict) else row.children:
            if isinstance(b, dict):
                found.append((b["label"], bool(b.get("disabled"))))
            else:
                found.append((b.label, b.disabled))
    return found


def labels(message) -> list[str]:
    return [label for label, _ in buttons(message)]


def disabled(message) -> list[bool]:
    return [off for _, off in buttons(message)]


async def readings(gym, member) -> tuple[str | None, str | None]:
    """The member's saved readings; someone never stored has none."""
    person = await get(gym.env.bot.store, Person, member.id)
    if person is None:
        return None, None
    return person.reading_weight_then_two, person.reading_small_pair


async def test_an_ambiguous_line_asks_and_stores_nothing_until_picked(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")

    asked = await gym.alice.slash(gym.channel, "log", entry="row 135x4x8")

    assert asked.ephemeral
    assert "more than one way" in asked.response.content
    assert labels(asked.response) == [
        "Barbell Row: 8 sets of 4 at 135 lb",
        "Barbell Row: 4 sets of 8 at 135 lb",
    ]
    assert await gym.sets() == []

    picked = await gym.alice.click(asked.response, label="Barbell Row: 4 sets of 8 at 135 lb")

    assert picked.response.embeds[0].title == "Logged Barbell Row: 4 x 8 at 135 lb"
    rows = await gym.sets(gym.alice)
    assert [(r.reps, r.weight_typed) for r in rows] == [(8, 135.0)] * 4
    assert await readings(gym, gym.alice) == ("SETS_REPS", None)


async def test_the_pick_becomes_the_default_for_that_shape(gym):
    asked = await gym.alice.slash(gym.channel, "log", entry="row 135x4x8")
    await gym.alice.click(asked.response, label="Barbell Row: 8 sets of 4 at 135 kg")

    again = await gym.alice.slash(gym.channel, "log", entry="deadlift 180x5x3")

    assert again.response.embeds[0].title == "Logged Deadlift: 3 x 5 at 180 kg"
    assert await readings(gym, gym.alice) == ("REPS_SETS", None)
    # Bob has picked nothing, so the same line asks him.
    bobs = await gym.bob.slash(gym.channel, "log", entry="deadlift 180x5x3")
    assert "more than one way" in bobs.response.content
    assert await gym.sets(gym.bob) == []


async def test_unanswered_buttons_expire_and_store_nothing(gym):
    await gym.alice.send_dm("curl 14 x 12")
    asked = gym.alice.user.dm_channel.last_message

    await gym.env.advance_time(VIEW_TIMEOUT_S + 1)

    assert disabled(gym.alice.user.dm_channel.last_message) == [True, True]
    assert await gym.sets() == []
    assert await readings(gym, gym.alice) == (None, None)
    assert asked.id == gym.alice.user.dm_channel.last_message.id


async def test_a_dm_asks_with_buttons_too(gym):
    await gym.alice.send_dm("curl 14 x 12")
    asked = gym.alice.user.dm_channel.last_message
    assert labels(asked) == ["Barbell Curl: 14 sets of 12", "Barbell Curl: 1 set of 12 at 14 kg"]
    assert await gym.sets() == []

    await gym.alice.user.click(asked, label="Barbell Curl: 1 set of 12 at 14 kg")

    rows = await gym.sets(gym.alice)
    assert [(r.reps, r.weight_kg, r.source) for r in rows] == [(12, 14.0, "dm")]
    assert await readings(gym, gym.alice) == (None, "WEIGHT_REPS")


async def test_settings_show_and_change_a_reading(gym):
    changed = await gym.alice.slash(
        gym.channel, "settings reading", line="14x12", means="weight then reps"
    )
    shown = {f.name: f.value for f in changed.response.embeds[0].fields}["Line readings"]
    assert "`14x12`: 12 reps at 14" in shown
    assert "`135x4x8`: ask me" in shown

    logged = await gym.alice.slash(gym.channel, "log", entry="curl 14 x 12")
    assert logged.response.embeds[0].title == "Logged Barbell Curl: 14 kg x 12"

    refused = await gym.alice.slash(
        gym.channel, "settings reading", line="14x12", means="reps then sets"
    )
    assert refused.ephemeral
    assert "14x12" in refused.response.content
    assert await readings(gym, gym.alice) == (None, "WEIGHT_REPS")


async def test_good_lines_are_logged_and_refused_ones_listed(gym):
    result = await gym.alice.slash(
        gym.channel, "log", entry="squat 3x5 100kg\nbench -100x5\nrdl 3x8 80kg"
    )

    fields = {f.name: f.value for f in result.response.embeds[0].fields}
    assert "bench -100x5" in fields["Not logged (1 line)"]
    rows = await gym.sets(gym.alice)
    assert [r.exercise_key for r in rows] == ["back_squat"] * 3 + ["romanian_deadlift"] * 3

    await gym.alice.click(result.response, label="Undo")
    assert await gym.sets(gym.alice) == []


async def test_a_session_pasted_from_an_app_is_one_entry_per_exercise(gym):
    result = await gym.alice.slash(
        gym.channel,
        "log",
        entry="Push day\nBench Press\n100x5\n100x5\n95x6 felt heavy\nwarmup: 60x5, 80x3",
    )

    assert [f.name for f in result.response.embeds[0].fields] == ["Bench Press"]
    rows = await gym.sets(gym.alice)
    assert [(r.reps, r.weight_kg, r.warmup) for r in rows] == [
        (5, 100.0, False),
        (5, 100.0, False),
        (6, 95.0, False),
        (5, 60.0, True),
        (3, 80.0, True),
    ]
    assert {r.exercise_key for r in rows} == {"bench_press"}
    assert {r.note for r in rows} == {"felt heavy"}


async def test_a_long_dm_is_read_on_a_worker_thread_and_logged(gym):
    lines = [f"Squat\n{100 + i}x5 felt fine" for i in range(25)]
    text = "Leg day\n" + "\n".join(lines)
    assert len(text) > READ_ON_LOOP_CHARS
    await gym.alice.send_dm(text)

    reply = gym.alice.user.dm_channel.last_message
    assert reply.embeds[0].title == "Logged 25 exercises"
    rows = await gym.sets(gym.alice)
    assert [r.weight_kg for r in rows] == [100.0 + i for i in range(25)]
    assert {r.exercise_key for r in rows} == {"back_squat"}
