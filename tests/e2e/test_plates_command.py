"""/plates as a lifter at the rack uses it."""

from __future__ import annotations

from storage.tables import Person
from tests.db import get


def embed_of(result):
    return result.response.embeds[0]


async def test_plates_for_an_exact_kg_weight(gym):
    result = await gym.alice.slash(gym.channel, "plates", weight=142.5)
    assert result.ephemeral
    assert embed_of(result).title == "142.5 kg: 25 + 25 + 10 + 1.25 kg per side"
    assert "20 kg bar" in embed_of(result).description


async def test_lb_users_get_lb_plates_on_a_45_lb_bar(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")
    result = await gym.alice.slash(gym.channel, "plates", weight=225.0)
    assert embed_of(result).title == "225 lb: 45 + 45 lb per side"


async def test_a_weight_that_cannot_be_loaded_shows_the_nearest(gym):
    result = await gym.alice.slash(gym.channel, "plates", weight=101.0, unit="kg")
    text = embed_of(result).description
    assert "can't be made exactly" in embed_of(result).title
    assert "**100 kg** = 25 + 15 kg per side" in text
    assert "**102.5 kg** = 25 + 15 + 1.25 kg per side" in text


async def test_a_home_gym_plate_set_and_bar(gym):
    result = await gym.alice.slash(
        gym.channel, "plates", weight=60.0, bar=15.0, plates="20, 10, 2.5"
    )
    assert embed_of(result).title == "60 kg: 20 + 2.5 kg per side"


async def test_lighter_than_the_bar_is_one_sentence_and_stores_nothing(gym):
    result = await gym.alice.slash(gym.channel, "plates", weight=10.0)
    assert result.ephemeral
    assert "lighter than the 20 kg bar" in result.response.content
    assert await get(gym.env.bot.store, Person, gym.alice.id) is None


async def test_your_own_plate_set_from_settings_is_used_until_you_reset_it(gym):
    saved = await gym.alice.slash(gym.channel, "settings plates", plates="20, 10, 2.5", bar=15.0)
    assert saved.response.embeds[0].title == "/plates now uses 20, 10, 2.5 kg on a 15 kg bar"

    home = await gym.alice.slash(gym.channel, "plates", weight=60.0)
    assert embed_of(home).title == "60 kg: 20 + 2.5 kg per side"
    assert "15 kg bar" in embed_of(home).description
    # Asked in the other unit, the kg set does not apply: a gym's lb plates on a 45 lb bar.
    away = await gym.alice.slash(gym.channel, "plates", weight=135.0, unit="lb")
    assert embed_of(away).title == "135 lb: 45 lb per side"

    await gym.alice.slash(gym.channel, "settings plates", plates="standard")
    gym_again = await gym.alice.slash(gym.channel, "plates", weight=60.0)
    assert embed_of(gym_again).title == "60 kg: 20 kg per side"


async def test_an_odd_plate_set_is_refused_and_not_stored(gym):
    result = await gym.alice.slash(gym.channel, "settings plates", plates="20, banana")

    assert result.ephemeral
    assert "`banana` is not a plate weight" in result.response.content
    assert await get(gym.env.bot.store, Person, gym.alice.id) is None


async def test_readmes_quoted_plate_lists_are_read(gym):
    saved = await gym.alice.slash(
        gym.channel, "settings plates", plates='"20, 10, 5, 2.5"', bar=15.0
    )
    assert saved.response.embeds[0].title == "/plates now uses 20, 10, 5, 2.5 kg on a 15 kg bar"
    asked = await gym.alice.slash(gym.channel, "plates", weight=55.0, plates='"20, 10, 5"')
    assert embed_of(asked).title == "55 kg: 20 kg per side"


async def test_a_saved_1_25_plate_loads_as_1_25(gym):
    await gym.alice.slash(gym.channel, "settings plates", plates="20, 10, 1.25")
    result = await gym.alice.slash(gym.channel, "plates", weight=22.5)
    assert embed_of(result).title == "22.5 kg: 1.25 kg per side"


async def test_after_a_unit_switch_the_answer_says_why_your_lb_plates_are_not_used(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")
    await gym.alice.slash(gym.channel, "settings plates", plates="20, 10, 5, 2.5", bar=15.0)
    await gym.alice.slash(gym.channel, "settings unit", unit="kg")

    result = await gym.alice.slash(gym.channel, "plates", weight=100.0)

    assert embed_of(result).title == "100 kg: 25 + 15 kg per side"
    assert embed_of(result).description == (
        "On a 20 kg bar.\n"
        "A gym's kg plates: your own (20, 10, 5, 2.5 lb on a 15 lb bar) are in lb. "
        "For them, ask `/plates weight:220.5 unit:lb`."
    )
    theirs = await gym.alice.slash(gym.channel, "plates", weight=220.5, unit="lb")
    assert "**220 lb** = 20 + 20 + 20 + 20 + 20 + 2.5 lb per side" in embed_of(theirs).description
