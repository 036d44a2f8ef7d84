"""/balance: the week's numbers, findings with advice, and the chart, privately."""

from __future__ import annotations

from sqlalchemy import select

from storage.tables import Person
from tests.db import every
from tests.e2e.conftest import shown

UPPER_WEEK = "bench 4x8 80kg; row 3x8 70kg; pullups 3x8; ohp 3x8 40kg; curl 3x10 15kg"


async def test_an_upper_only_week_shows_skipped_legs_with_a_chart(gym):
    await gym.alice.slash(gym.channel, "log", entry=UPPER_WEEK)
    # What is missing is judged once there is some history: 2 days, 3 days apart.
    await gym.env.advance_time(3 * 24 * 3600)
    await gym.alice.slash(gym.channel, "log", entry=UPPER_WEEK)

    result = await gym.alice.slash(gym.channel, "balance")

    assert result.ephemeral
    message = shown(result)
    embed = message.embeds[0]
    assert "**0** lower" in embed.description
    names = [field.name for field in embed.fields]
    assert any("Legs skipped" in name for name in names)
    advice = " ".join(field.value for field in embed.fields)
    assert "squat" in advice.lower()
    assert [a.filename for a in message.attachments] == ["balance.png", "body.png"]
    assert message.attachments[0].size > 10_000
    assert embed.image.url == "attachment://balance.png"
    assert "Chart:" in embed.footer.text
    body = message.embeds[1]
    assert body.image.url == "attachment://body.png"
    empty, rest = body.description.split("under 10: ")
    assert "quads 0" in empty
    assert "chest 8" in rest.split("10-20")[0]  # two bench days of 4 sets


async def test_balance_is_private_to_each_person(gym):
    await gym.alice.slash(gym.channel, "log", entry=UPPER_WEEK)

    bobs = await gym.bob.slash(gym.channel, "balance")

    assert bobs.ephemeral
    assert "Nothing logged" in bobs.response.content
    # Bob's refused /balance stored nothing of him.
    assert await every(gym.env.bot.store, select(Person.id)) == [gym.alice.id]


async def test_a_balanced_week_says_so(gym):
    for _ in range(2):
        await gym.alice.slash(
            gym.channel,
            "log",
            entry="squat 5x6 100kg; rdl 3x8 80kg; bench 5x8 70kg; row 4x8 60kg; "
            "ohp 2x8 40kg; pullups 3x8; leg curl 2x10 40kg; calf raise 2x12 60kg",
        )
        await gym.env.advance_time(2 * 24 * 3600)

    result = await gym.alice.slash(gym.channel, "balance")

    fields = {f.name: f.value for f in shown(result).embeds[0].fields}
    # Every muscle group at 10+ sets, lower:upper and push:pull in their bands: no finding.
    assert fields["✅ Nothing stands out"] == "Balanced week. Keep it going."
    assert not any(name[0] in "🚨🔴🟠🔵⏳" for name in fields), list(fields)


async def test_a_run_is_stored_as_cardio_and_never_counted_as_sets(gym):
    logged = await gym.alice.slash(gym.channel, "log", entry="run 5km 25min")

    assert logged.ephemeral
    assert logged.response.embeds[0].title == "Logged Running: 5 km in 25:00"
    (row,) = await gym.sets(gym.alice)
    assert (row.exercise_key, row.seconds, row.distance_m) == ("running", 1500, 5000.0)
    assert (row.reps, row.weight_kg) == (None, None)

    await gym.env.advance_time(3600)
    result = await gym.alice.slash(gym.channel, "balance")

    embed = shown(result).embeds[0]
    assert "**0** lower · **0** upper · **0** core" in embed.description
    names = [field.name for field in embed.fields]
    assert not any("Balanced" in name or "Nothing stands out" in name for name in names)
    text = " ".join(f"{field.name} {field.value}" for field in embed.fields)
    assert "No working sets in the last 7 days" in text
    assert "1 cardio session" in text


async def test_goal_strength_gets_heavy_main_lifts_in_the_advice(gym):
    await gym.alice.slash(gym.channel, "settings profile", goal="strength")
    await gym.bob.slash(gym.channel, "settings profile", goal="balanced")
    for member in (gym.alice, gym.bob):
        await member.slash(gym.channel, "log", entry=UPPER_WEEK)
    await gym.env.advance_time(3 * 24 * 3600)
    for member in (gym.alice, gym.bob):
        await member.slash(gym.channel, "log", entry=UPPER_WEEK)

    strong, balanced = [
        " ".join(f.value for f in shown(await m.slash(gym.channel, "balance")).embeds[0].fields)
        for m in (gym.alice, gym.bob)
    ]

    assert "back squat 4 x 3-5 at RPE 7-9" in strong
    assert "back squat 3 x 6-8" in balanced


async def test_a_first_day_is_too_early_to_judge_what_is_missing(gym):
    whole_body = "squat 4x5 100kg; rdl 3x8 80kg; bench 4x8 80kg; row 4x8 70kg"
    await gym.alice.slash(gym.channel, "log", entry=whole_body)

    first = shown(await gym.alice.slash(gym.channel, "balance")).embeds[0]
    fields = {field.name: field.value for field in first.fields}
    assert "⏳ Too early to judge" in fields
    assert "2 different days" in fields["⏳ Too early to judge"]
    assert not any("Nothing stands out" in name for name in fields)

    await gym.env.advance_time(3 * 24 * 3600)
    await gym.alice.slash(gym.channel, "log", entry=whole_body)
    later = shown(await gym.alice.slash(gym.channel, "balance")).embeds[0]
    names = [field.name for field in later.fields]
    # Now what is missing is judged: eight sets of quads in a week are below the range.
    assert "⏳ Too early to judge" not in names
    assert "🔵 Muscle low: quads" in names


def since_legs(result) -> str:
    return {f.name: f.value for f in shown(result).embeds[0].fields}["Since legs"]


async def test_a_newcomer_without_legs_is_told_since_when_not_12_weeks(gym):
    await gym.alice.slash(gym.channel, "log", entry=UPPER_WEEK)
    first = int(gym.env.now().timestamp())
    await gym.env.advance_time(3 * 24 * 3600)
    await gym.alice.slash(gym.channel, "log", entry=UPPER_WEEK)

    newcomer = await gym.alice.slash(gym.channel, "balance")

    # Discord shows the relative time: "none since your first set, 3 days ago".
    assert since_legs(newcomer) == f"none since your first set, <t:{first}:R>"


async def test_someone_logging_for_longer_than_12_weeks_without_legs_is_told_so(gym):
    await gym.bob.slash(gym.channel, "log", entry=UPPER_WEEK, when="2025-06-02")
    await gym.bob.slash(gym.channel, "log", entry=UPPER_WEEK, when="2025-12-28")
    await gym.bob.slash(gym.channel, "log", entry=UPPER_WEEK)

    assert since_legs(await gym.bob.slash(gym.channel, "balance")) == "none in 12 weeks"


async def test_a_week_of_core_work_alone_says_both_sides_are_missing(gym):
    await gym.alice.slash(gym.channel, "log", entry="plank 3x60s; crunches 3x15")

    result = await gym.alice.slash(gym.channel, "balance")

    fields = {f.name: f.value for f in shown(result).embeds[0].fields}
    assert fields["Lower:upper"] == "no lower or upper sets (typical 0.5-0.9)"
