"""Logging sets through /log, the Undo button, /undo and DMs, as a lifter does it."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.catalog import load_catalog
from coach.entries import read_entries
from coach.vocabulary import Unit
from storage.logbook import Where, add_entries
from storage.store import Store

DAY = 24 * 3600


def fields(result) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


async def test_log_answers_privately_with_sets_volume_and_e1rm(gym):
    result = await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg @8")

    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Logged Back Squat: 3 x 5 at 100 kg @8"
    summary = fields(result)["Back Squat"]
    assert "volume 1500 kg" in summary
    assert "e1RM 123.3 kg" in summary
    rows = await gym.sets(gym.alice)
    assert [(r.exercise_key, r.weight_kg, r.reps, r.rpe) for r in rows] == [
        ("back_squat", 100.0, 5, 8.0)
    ] * 3
    assert {r.guild_id for r in rows} == {gym.guild.id}


async def test_several_exercises_in_one_message(gym):
    result = await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg; rdl 3x8 80kg")

    assert result.response.embeds[0].title == "Logged 2 exercises"
    rows = await gym.sets(gym.alice)
    assert [r.exercise_key for r in rows] == ["back_squat"] * 3 + ["romanian_deadlift"] * 3
    assert len({r.batch_id for r in rows}) == 1


async def test_undo_button_removes_the_batch(gym):
    logged = await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")

    undone = await gym.alice.click(logged.response, label="Undo")

    assert "Undone: removed Back Squat 3 x 5 at 100 kg" in undone.response.content
    assert await gym.sets(gym.alice) == []


async def test_slash_undo_asks_first_and_only_removes_your_own(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.bob.slash(gym.channel, "log", entry="bench 3x5 80kg")

    asked = await gym.alice.slash(gym.channel, "undo")
    assert asked.ephemeral
    assert "Back Squat 3 x 5 at 100 kg" in asked.response.embeds[0].description
    assert len(await gym.sets(gym.alice)) == 3  # nothing removed before confirming

    done = await gym.alice.click(asked.response, label="Undo it")

    assert "Removed Back Squat" in done.response.content
    assert await gym.sets(gym.alice) == []
    assert len(await gym.sets(gym.bob)) == 3


async def test_slash_undo_cancel_keeps_everything(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    asked = await gym.alice.slash(gym.channel, "undo")

    kept = await gym.alice.click(asked.response, label="Keep it")

    assert "Nothing was changed" in kept.response.content
    assert len(await gym.sets(gym.alice)) == 3


async def test_undo_with_nothing_logged_says_so(gym):
    result = await gym.alice.slash(gym.channel, "undo")
    assert result.ephemeral
    assert "nothing logged to undo" in result.response.content


async def test_a_new_record_is_announced(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 100x5")
    await gym.env.advance_time(DAY)

    result = await gym.alice.slash(gym.channel, "log", entry="squat 110x5")

    records = fields(result)["🏆 New records"]
    assert "best e1RM 128.3 kg (was 116.7 kg)" in records
    assert "heaviest 5-rep set 110 kg (was 100 kg)" in records


async def test_records_count_sets_another_process_stored_between_two_logs(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 100x5")
    await gym.env.advance_time(DAY)
    await gym.alice.slash(gym.channel, "log", entry="squat 100x3")  # today's bests now kept
    # Another bot process (a DM on another shard) stores yesterday's 120 kg meanwhile.
    elsewhere = Store(gym.env.bot.store.url)
    try:
        yesterday = gym.env.bot.clock.now() - timedelta(days=1)
        where = Where(gym.alice.id, None, yesterday, yesterday, yesterday.date(), "dm")
        squat = read_entries("squat 120x5", Unit.KG, load_catalog()).loggable
        await elsewhere.run(add_entries, where, squat)
    finally:
        await elsewhere.close()

    result = await gym.alice.slash(gym.channel, "log", entry="squat 110x5")

    assert "🏆 New records" not in fields(result)  # 120 kg stands


async def test_after_forget_a_record_is_never_judged_by_the_forgotten_sets(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 120x5", when="yesterday")
    await gym.alice.slash(gym.channel, "log", entry="squat 100x5")  # its bests kept: 120 kg
    asked = await gym.alice.slash(gym.channel, "data forget")
    await gym.alice.click(asked.response, label="Delete everything")
    await gym.env.advance_time(60)

    # Back, with as many changes as before: a version count alone would match again.
    await gym.alice.slash(gym.channel, "log", entry="bench 80x5", when="yesterday")
    await gym.alice.slash(gym.channel, "log", entry="bench 80x5")
    result = await gym.alice.slash(gym.channel, "log", entry="squat 130x5")

    assert "🏆 New records" not in fields(result)  # a first squat day has no baseline


async def test_records_are_announced_in_the_channel_only_for_people_who_share(gym):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    for member in (gym.alice, gym.bob):  # Bob does not share
        await member.slash(gym.channel, "log", entry="squat 100x5")
    await gym.env.advance_time(DAY)

    alices = await gym.alice.slash(gym.channel, "log", entry="squat 110x5")
    bobs = await gym.bob.slash(gym.channel, "log", entry="squat 110x5")

    (public,) = [m for m in alices.followups if not m.ephemeral]
    assert public.content.startswith(f"🏆 {gym.alice.mention} set a new record!")
    # Bob's record is told to him alone.
    assert "🏆 New records" in fields(bobs)
    assert [m for m in bobs.followups if not m.ephemeral] == []


async def test_the_first_log_of_an_exercise_is_no_record(gym):
    result = await gym.alice.slash(gym.channel, "log", entry="squat 100x5")
    assert "🏆 New records" not in fields(result)


async def test_plain_dm_is_logged(gym):
    await gym.alice.send_dm("bench 80kg 5,5,4")

    reply = gym.alice.user.dm_channel.last_message
    assert reply.author.id == gym.env.bot.user.id
    assert reply.embeds[0].title == "Logged Bench Press: 80 kg x 5, 5, 4"
    rows = await gym.sets(gym.alice)
    assert [(r.reps, r.guild_id, r.source) for r in rows] == [
        (5, None, "dm"),
        (5, None, "dm"),
        (4, None, "dm"),
    ]


async def test_unreadable_dm_explains_and_stores_nothing(gym):
    await gym.alice.send_dm("hello there")

    assert "Nothing was logged" in gym.alice.user.dm_channel.last_message.content
    assert await gym.sets() == []


@pytest.mark.parametrize(
    ("entry", "says", "example"),
    [
        ("squat 3x5 100kg 🍌", "I couldn't read `🍌`", "squat 3x5 100kg @8"),
        (
            "squat 3x5 5000kg",
            "A weight can be at most 1000 kg, but I read `5000kg`",
            "deadlift 180x5",
        ),
        (
            "squat 3x500 100kg",
            "Reps must be whole numbers from 1 to 100, but I read `500`",
            "squat 3x5 100kg",
        ),
        ("3x5 100kg", "I couldn't find the exercise name", "squat 3x5 100kg"),
        (
            "squat 3x5 100kg rpe 11",
            "RPE must be from 1 to 10 in half steps, but I read `rpe 11`",
            "squat 3x5 100kg @8.5",
        ),
        (
            "squat 3x5 100kg @8.3",
            "RPE must be from 1 to 10 in half steps, but I read `8.3`",
            "squat 3x5 100kg @8.5",
        ),
        (
            "bench -100x5",
            "Bench Press isn't a bodyweight exercise, so it takes no `+` or `-` load "
            "(added or assisted weight, as on pull-ups)",
            "pullups 3x5 +10kg",
        ),
        ("5@140 felt slow", "I couldn't find the exercise name", "squat 3x5 100kg"),
        (
            "press 3x8-12 60kg",
            "`8-12` is a range of reps, a plan rather than a log: write the reps you did",
            "press 3x10 60kg",
        ),
    ],
)
async def test_bad_input_explains_privately_and_stores_nothing(gym, entry, says, example):
    result = await gym.alice.slash(gym.channel, "log", entry=entry)

    assert result.ephemeral
    # The whole sentence: the line is quoted back, so a word of it proves nothing.
    assert result.response.content == (
        f"Nothing was logged. {says} in `{entry}`. Try: `{example}`."
    )
    assert await gym.sets() == []


@pytest.mark.parametrize(
    ("when", "says"),
    [
        (
            "someday",
            "I couldn't read the day `someday`. "
            "Try `yesterday`, `last friday`, `3 days ago`, `27/11` or `2026-11-20`.",
        ),
        ("2099-01-01", "2099-01-01 is in the future. Log sets once they're done."),
        ("2001-01-01", "2001-01-01 is more than a year ago; I only take the last year."),
    ],
)
async def test_a_bad_day_stores_nothing(gym, when, says):
    result = await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg", when=when)
    assert result.ephemeral
    assert result.response.content == says
    assert await gym.sets() == []


async def test_logging_for_yesterday_uses_the_persons_zone(gym):
    await gym.alice.slash(gym.channel, "settings timezone", timezone="Pacific/Auckland")
    now = gym.env.now()

    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg", when="yesterday")

    row = (await gym.sets(gym.alice))[0]
    local_today = now.astimezone(ZoneInfo("Pacific/Auckland")).date()
    assert (local_today - row.local_date).days == 1
    assert (now - row.performed_at).total_seconds() == pytest.approx(DAY, abs=3600)


async def test_pounds_are_read_and_shown_in_pounds(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")

    result = await gym.alice.slash(gym.channel, "log", entry="bench 3x5 225")

    assert result.response.embeds[0].title == "Logged Bench Press: 3 x 5 at 225 lb"
    row = (await gym.sets(gym.alice))[0]
    assert row.weight_kg == pytest.approx(102.058, abs=0.001)
    assert (row.weight_typed, row.unit_typed) == (225.0, "lb")


async def test_unknown_exercise_is_kept_as_typed_with_suggestions(gym):
    result = await gym.alice.slash(gym.channel, "log", entry="zercher carry to the moon 3x5 60kg")

    rows = await gym.sets(gym.alice)
    assert [(r.exercise_name, r.exercise_key) for r in rows] == [
        ("zercher carry to the moon", None)
    ] * 3
    assert fields(result)["zercher carry to the moon"].endswith(
        "I don't know this exercise, so it counts nowhere yet. Did you mean **Zercher Squat**? "
        "Or describe it: `/exercise add name:zercher carry to the moon`."
    )


async def test_weighted_calisthenics_count_bodyweight_plus_added_load(gym):
    await gym.alice.slash(gym.channel, "settings profile", bodyweight=80.0)

    logged = await gym.alice.slash(gym.channel, "log", entry="dips 3x8 bw+25")

    summary = fields(logged)["Dip"]
    assert "volume 2520 kg · e1RM 133 kg" in summary  # (80 + 25) kg x 24 reps; 105 x 38/30
    assert "bodyweight plus the added load" in summary
    await gym.env.advance_time(DAY)
    better = await gym.alice.slash(gym.channel, "log", entry="dips 3x8 bw+30")
    assert "Dip**: best e1RM 139.3 kg (was 133 kg)" in fields(better)["🏆 New records"]
    records = await gym.alice.slash(gym.channel, "pr", exercise="dips")
    assert "Best e1RM: **139.3 kg**" in fields(records)["Dip"]
    assert "8 reps: 110 kg" in fields(records)["Dip"]


async def test_weighted_calisthenics_without_a_bodyweight_keep_records_on_the_added_load(gym):
    logged = await gym.alice.slash(gym.channel, "log", entry="pullups 3x5 +20kg")

    summary = fields(logged)["Pull-Up"]
    assert "volume 300 kg" in summary
    assert "e1RM" not in summary
    assert "use the added load only" in summary
    assert "/settings profile bodyweight:" in summary
    await gym.env.advance_time(DAY)
    better = await gym.alice.slash(gym.channel, "log", entry="pullups 3x5 +25kg")
    assert "heaviest 5-rep set 25 kg (was 20 kg)" in fields(better)["🏆 New records"]


async def test_a_pasted_strong_warm_up_is_a_warm_up_of_its_exercise(gym):
    await gym.alice.send_dm(
        "Bench Press (Barbell)\nW: 60 kg × 10\nSet 1: 100 kg × 5\nSet 2: 100 kg × 5"
    )
    rows = await gym.sets(gym.alice)
    assert [(r.exercise_key, r.weight_kg, r.reps, r.warmup) for r in rows] == [
        ("bench_press", 60.0, 10, True),
        ("bench_press", 100.0, 5, False),
        ("bench_press", 100.0, 5, False),
    ]
