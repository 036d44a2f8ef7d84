"""/checkin through its components: stored answers, findings, and the red-flag path."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.tables import CheckInRow
from tests.db import every

PAIN = {"score": "5", "days": "21", "where": ["knee"], "worse": "no"}


async def stored(gym) -> list[CheckInRow]:
    return await every(gym.env.bot.store, select(CheckInRow))


async def first_step(gym, member, **answers: str):
    shown = await member.slash(gym.channel, "checkin")
    assert shown.ephemeral
    for name, value in answers.items():
        await member.select(shown.response, [value], custom_id=f"checkin:{name}")
    await member.click(shown.response, label="Next: pain and safety")
    return shown.response


async def test_a_full_checkin_is_stored_and_answered_with_findings(gym):
    form = await first_step(
        gym, gym.alice, sleep_hours="6", soreness="3", energy="2", leg_weakness="none"
    )
    await gym.alice.select(form, ["none"], custom_id="checkin:safety")
    pain_form = await gym.alice.click(form, label="I have pain")
    await gym.alice.submit_modal(pain_form, PAIN)

    done = await gym.alice.click(form, label="Submit")

    (row,) = await stored(gym)
    assert (row.person_id, row.sleep_hours, row.soreness, row.energy) == (gym.alice.id, 6.0, 3, 2)
    assert (row.pain_score, row.pain_days, row.pain_location, row.pain_worsening) == (
        5,
        21,
        "knee",
        False,
    )
    assert row.red_flags == ""
    embed = done.response.embeds[0]
    text = " ".join(f.name + f.value for f in embed.fields)
    assert "See professional" in text
    assert "not medical advice" in text


async def test_a_red_flag_gets_urgent_care_and_no_training_advice(gym):
    await gym.alice.slash(gym.channel, "log", entry="bench 5x5 80kg; row 5x5 60kg")
    form = await first_step(gym, gym.alice, leg_weakness="marked")
    await gym.alice.select(form, ["sudden_weakness", "numbness"], custom_id="checkin:safety")

    done = await gym.alice.click(form, label="Submit")

    embed = done.response.embeds[0]
    assert embed.title == "Please look after this first"
    assert [f.name for f in embed.fields] == ["🚨 Safety urgent"]
    body = embed.fields[0].value.lower()
    assert "urgent" in body
    assert "not medical advice" in body
    assert "squat" not in body
    assert "paused" in embed.footer.text
    (row,) = await stored(gym)
    assert row.red_flags == "sudden_weakness"
    assert row.numbness_tingling is True


def picked(form, custom_id: str) -> list[str]:
    """The options a menu of the check-in shows as chosen."""
    menus = [c for row in form.components for c in row["components"]]
    [menu] = [m for m in menus if m.get("custom_id") == custom_id]
    return [o["value"] for o in menu["options"] if o.get("default")]


async def test_each_menu_shows_what_was_picked_in_it(gym):
    shown = await gym.alice.slash(gym.channel, "checkin")
    await gym.alice.select(shown.response, ["7"], custom_id="checkin:sleep_hours")
    assert picked(shown.response, "checkin:sleep_hours") == ["7"]
    await gym.alice.click(shown.response, label="Next: pain and safety")

    await gym.alice.select(
        shown.response, ["sudden_weakness", "numbness"], custom_id="checkin:safety"
    )

    assert picked(shown.response, "checkin:safety") == ["sudden_weakness", "numbness"]


async def test_submit_needs_the_safety_question_answered(gym):
    form = await first_step(gym, gym.alice)

    refused = await gym.alice.click(form, label="Submit")

    assert refused.ephemeral
    assert "safety question" in refused.response.content
    assert await stored(gym) == []


@pytest.mark.parametrize(
    "bad",
    [{"score": "15"}, {"score": "²"}, {"days": "٣"}, {"score": "-1"}, {"worse": "eh"}],
    ids=["over 10", "superscript", "arabic-indic days", "negative", "not yes or no"],
)
async def test_a_bad_pain_form_changes_nothing(gym, bad):
    form = await first_step(gym, gym.alice)
    pain_form = await gym.alice.click(form, label="I have pain")

    refused = await gym.alice.submit_modal(pain_form, {**PAIN, **bad})

    assert refused.ephemeral
    assert refused.response.content.startswith("Nothing was saved: give the pain as a number")
    await gym.alice.select(form, ["none"], custom_id="checkin:safety")
    await gym.alice.click(form, label="Submit")
    (row,) = await stored(gym)
    assert row.pain_score is None


async def test_none_of_these_with_a_flag_is_refused(gym):
    form = await first_step(gym, gym.alice)

    refused = await gym.alice.select(form, ["none", "chest_pain"], custom_id="checkin:safety")

    assert "pick again" in refused.response.content
    submit = await gym.alice.click(form, label="Submit")
    assert "safety question" in submit.response.content
    assert await stored(gym) == []


async def test_checkins_stay_private(gym):
    form = await first_step(gym, gym.alice)
    await gym.alice.select(form, ["chest_pain"], custom_id="checkin:safety")
    done = await gym.alice.click(form, label="Submit")

    bobs = await gym.bob.slash(gym.channel, "balance")

    # Her answer is for her eyes only: told privately, and nothing posted in the channel.
    assert done.response.ephemeral
    assert [field.name for field in done.response.embeds[0].fields] == ["🚨 Safety urgent"]
    (row,) = await every(gym.env.bot.store, select(CheckInRow))
    assert row.red_flags == "chest_pain"
    assert [message for message in gym.channel.history() if message.author.bot] == []
    # And none of it reaches anyone else's balance.
    assert bobs.ephemeral
    assert "Nothing logged" in bobs.response.content


async def test_the_new_safety_answers_are_stored(gym):
    form = await first_step(gym, gym.alice, leg_weakness="mild")
    flags = ["calf_swollen_warm", "cannot_bear_weight", "back_pain_fever"]
    await gym.alice.select(form, flags, custom_id="checkin:safety")
    await gym.alice.select(form, ["after_fall", "being_treated"], custom_id="checkin:context")
    pain_form = await gym.alice.click(form, label="I have pain")
    await gym.alice.submit_modal(pain_form, {**PAIN, "where": ["lower back"]})

    done = await gym.alice.click(form, label="Submit")

    (row,) = await stored(gym)
    assert row.red_flags == "back_pain_fever,calf_swollen_warm,cannot_bear_weight"
    assert (row.after_fall, row.being_treated, row.pain_location) == (True, True, "lower back")
    assert [f.name for f in done.response.embeds[0].fields] == ["🚨 Safety urgent"]


async def test_the_pain_area_is_optional_and_context_unanswered_is_unknown(gym):
    form = await first_step(gym, gym.alice)
    await gym.alice.select(form, ["none"], custom_id="checkin:safety")
    pain_form = await gym.alice.click(form, label="I have pain")
    await gym.alice.submit_modal(pain_form, {"score": "2", "days": "1", "worse": "no"})
    await gym.alice.click(form, label="Submit")

    (row,) = await stored(gym)
    assert (row.pain_score, row.pain_location) == (2, None)
    assert (row.after_fall, row.being_treated) == (None, None)


async def test_a_calm_checkin_on_a_first_day_of_logs_says_it_is_too_early_to_judge(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 4x5 100kg; bench 4x8 80kg")
    form = await first_step(gym, gym.alice, sleep_hours="8", energy="4")
    await gym.alice.select(form, ["none"], custom_id="checkin:safety")

    done = await gym.alice.click(form, label="Submit")

    description = done.response.embeds[0].description
    assert description.startswith("Nothing stands out so far.")
    assert "2 different days" in description
