"""/settings, /pr and /exercise as a person uses them."""

from __future__ import annotations

import pytest

DAY = 24 * 3600


def field_map(result) -> dict[str, str]:
    return {f.name: f.value for f in result.response.embeds[0].fields}


async def test_settings_show_defaults(gym):
    result = await gym.alice.slash(gym.channel, "settings show")
    fields = field_map(result)
    assert result.ephemeral
    assert (fields["Unit"], fields["Time zone"], fields["Shares in reports"]) == (
        "kg",
        "not set (UTC)",
        "off",
    )


async def test_timezone_is_matched_case_insensitively_and_autocompleted(gym):
    choices = await gym.alice.autocomplete(gym.channel, "settings timezone", "timezone", "berl")
    assert "Europe/Berlin" in [c["value"] for c in choices]

    result = await gym.alice.slash(gym.channel, "settings timezone", timezone="europe/berlin")

    assert field_map(result)["Time zone"] == "Europe/Berlin"


@pytest.mark.parametrize(
    ("typed", "zone"), [("berlin", "Europe/Berlin"), ("new york", "America/New_York")]
)
async def test_a_city_name_finds_its_zone(gym, typed, zone):
    result = await gym.alice.slash(gym.channel, "settings timezone", timezone=typed)
    assert field_map(result)["Time zone"] == zone


async def test_an_unknown_timezone_is_refused(gym):
    result = await gym.alice.slash(gym.channel, "settings timezone", timezone="Mars/Olympus")
    assert result.ephemeral
    assert "don't know the time zone" in result.response.content
    shown = await gym.alice.slash(gym.channel, "settings show")
    assert field_map(shown)["Time zone"] == "not set (UTC)"


async def test_profile_bodyweight_is_read_in_the_persons_unit(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")

    result = await gym.alice.slash(
        gym.channel, "settings profile", bodyweight=180.0, days_per_week=3, goal="legs"
    )

    profile = field_map(result)["Profile"]
    assert "Bodyweight: 180 lb" in profile
    assert "Training days a week: 3" in profile
    assert "Goal: legs" in profile


async def test_an_empty_profile_update_explains(gym):
    result = await gym.alice.slash(gym.channel, "settings profile")
    assert "at least one detail" in result.response.content


async def test_pr_for_one_exercise(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 100x5")
    await gym.env.advance_time(DAY)
    await gym.alice.slash(gym.channel, "log", entry="squat 3x3 110kg")

    result = await gym.alice.slash(gym.channel, "pr", exercise="squat")

    assert result.ephemeral  # one's records are one's own
    text = field_map(result)["Back Squat"]
    assert "Best e1RM: **121 kg**" in text
    assert "3 reps: 110 kg" in text
    assert "5 reps: 100 kg" in text
    assert "Best day's volume: 990 kg" in text


async def test_pr_autocomplete_offers_what_you_log(gym):
    await gym.alice.slash(gym.channel, "log", entry="rdl 3x8 80kg")
    choices = await gym.alice.autocomplete(gym.channel, "pr", "exercise", "")
    assert choices[0]["value"] == "Romanian Deadlift"


async def test_pr_with_nothing_logged_explains(gym):
    result = await gym.alice.slash(gym.channel, "pr")
    assert result.ephemeral
    assert "No records" in result.response.content


async def test_no_records_yet_shows_a_weighted_set_of_the_exercise_asked_about(gym):
    await gym.alice.slash(gym.channel, "log", entry="pullups 3x8")
    result = await gym.alice.slash(gym.channel, "pr", exercise="pullups")
    assert result.response.content == (
        "No records for Pull-Up yet: they come from weighted working sets. "
        "Log one with `/log pull-up 3x5 +10kg`."
    )


async def test_custom_exercise_makes_earlier_sets_count(gym):
    await gym.alice.slash(gym.channel, "log", entry="atlas stone 3x20 100kg")
    assert (await gym.sets(gym.alice))[0].exercise_key is None

    result = await gym.alice.slash(
        gym.channel,
        "exercise add",
        name="atlas stone",
        region="lower",
        pattern="other",
        primary="quads",
        secondary="glutes",
    )

    assert result.response.embeds[0].footer.text == "3 sets you logged as atlas stone now count."
    keys = {r.exercise_key for r in await gym.sets(gym.alice)}
    assert len(keys) == 1
    assert next(iter(keys)).startswith("custom:")
    again = await gym.alice.slash(gym.channel, "log", entry="atlas stone 2x20 120kg")
    assert again.response.embeds[0].title.startswith("Logged atlas stone")


@pytest.mark.parametrize("name", ["squat", "RDL"])
async def test_adding_a_known_exercise_points_to_it(gym, name):
    result = await gym.alice.slash(
        gym.channel, "exercise add", name=name, region="lower", pattern="squat", primary="quads"
    )
    assert "already known as" in result.response.content


async def test_pr_overview_shows_the_main_lifts_first_then_the_rest_by_recency(gym):
    # The deadlift is logged least and longest ago, yet it is a main lift.
    await gym.alice.slash(gym.channel, "log", entry="deadlift 1x5 140kg")
    await gym.env.advance_time(DAY)
    for day in range(12):
        extra = ["curls 3x10 15kg", "leg press 3x12 150kg", "row 3x8 60kg"][day % 3]
        await gym.alice.slash(gym.channel, "log", entry=f"{extra}; lateral raise 3x15 8kg")
        await gym.env.advance_time(DAY)
    await gym.alice.slash(gym.channel, "log", entry="bench 3x5 80kg; squat 3x5 100kg; ohp 40x5")
    await gym.env.advance_time(DAY)
    await gym.alice.slash(gym.channel, "log", entry="calf raise 3x15 60kg")

    result = await gym.alice.slash(gym.channel, "pr")

    assert result.ephemeral
    names = [f.name for f in result.response.embeds[0].fields]
    assert names[:4] == ["Back Squat", "Bench Press", "Deadlift", "Overhead Press"]
    assert names[4] == "Standing Calf Raise"  # the most recent of the rest
    assert names[5:7] == ["Barbell Row", "Lateral Raise"]  # same moment: by key


async def test_pr_overview_says_how_many_exercises_it_left_out(gym):
    lifts = [
        "squat 100x5", "bench 80x5", "deadlift 140x5", "ohp 40x5", "row 60x8",
        "curls 15kg x10", "leg press 150kg x12", "lateral raise 8kg x15", "calf raise 60kg x15",
        "leg curl 40kg x10", "leg extension 50kg x10", "pulldown 50kg x10", "lunge 20kg x10",
    ]  # fmt: skip
    await gym.alice.slash(gym.channel, "log", entry="; ".join(lifts))

    result = await gym.alice.slash(gym.channel, "pr")

    embed = result.response.embeds[0]
    assert len(embed.fields) == 10
    assert embed.footer.text == (
        "and 3 more exercises logged: name one to see its records, e.g. /pr squat"
    )


async def test_e1rm_is_rounded_once_for_display(gym):
    # 65 kg x 4 @7 estimates 80.148 kg: stored whole, shown 80.1 (not 80.15 shown as 80.2).
    logged = await gym.alice.slash(gym.channel, "log", entry="bench 1x4 65kg @7")

    assert "e1RM 80.1 kg" in field_map(logged)["Bench Press"]
    (row,) = await gym.sets(gym.alice)
    assert row.e1rm_kg == pytest.approx(65 * 100 / 81.1, abs=1e-9)
    result = await gym.alice.slash(gym.channel, "pr", exercise="bench")
    assert "Best e1RM: **80.1 kg**" in field_map(result)["Bench Press"]


async def test_an_offset_means_ahead_of_utc_and_is_shown_as_typed(gym):
    result = await gym.alice.slash(gym.channel, "settings timezone", timezone="GMT+5")

    assert result.response.embeds[0].title == "Time zone set: UTC+5 (it's 05:00 there)"
    assert field_map(result)["Time zone"] == "UTC+5"
    await gym.env.advance_time(20 * 3600)  # 20:00 UTC on 1 January is 01:00 on the 2nd
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    assert [s.local_date.isoformat() for s in await gym.sets(gym.alice)] == ["2026-01-02"] * 3


@pytest.mark.parametrize("typed", ["EST", "localtime", "Factory"])
async def test_abbreviations_and_names_of_no_place_are_refused(gym, typed):
    result = await gym.alice.slash(gym.channel, "settings timezone", timezone=typed)

    assert result.ephemeral
    assert "e.g. `" in result.response.content
    shown = await gym.alice.slash(gym.channel, "settings show")
    assert field_map(shown)["Time zone"] == "not set (UTC)"


async def test_offsets_are_offered_as_people_type_them(gym):
    choices = await gym.alice.autocomplete(gym.channel, "settings timezone", "timezone", "utc+5")
    assert choices[0] == {"name": "UTC+5", "value": "UTC+5"}
