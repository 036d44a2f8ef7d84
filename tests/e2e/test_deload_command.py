"""/deload: a deload someone logged is the plan, so a lower e1RM in it is no sign of
overreaching in /balance; refusals are one private sentence and store nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from storage.tables import Deload
from tests.db import every, first
from tests.e2e.conftest import shown

DAY = 24 * 3600


async def _titles(gym, member) -> list[str]:
    return [
        field.name for field in shown(await member.slash(gym.channel, "balance")).embeds[0].fields
    ]


async def _deloads(gym) -> int:
    return await first(gym.env.bot.store, select(func.count()).select_from(Deload))


async def test_a_lower_e1rm_in_a_logged_deload_is_no_sign_of_overreaching(gym):
    # Two weeks ago: a heavy single and bench at RPE 7, for both of them.
    for member in (gym.alice, gym.bob):
        await member.slash(gym.channel, "log", entry="squat 1x1 140kg; bench 1x5 80kg @7")
    await gym.env.advance_time(14 * DAY)

    started = await gym.alice.slash(gym.channel, "deload start")
    assert started.ephemeral
    assert "Deload logged" in started.response.embeds[0].title
    # This week: squat down to 130 (93 %) and the same bench feeling 1.5 RPE harder.
    for member in (gym.alice, gym.bob):
        await member.slash(gym.channel, "log", entry="squat 1x1 130kg; bench 1x5 80kg @8.5")

    # Bob logged no deload: the drop and the RPE creep are two signs of fatigue.
    assert any("Overreaching" in title for title in await _titles(gym, gym.bob))
    # Alice's drop is her deload: the creep alone is not enough.
    assert not any("Overreaching" in title for title in await _titles(gym, gym.alice))


async def test_ending_a_deload_and_refusals(gym):
    nothing = await gym.alice.slash(gym.channel, "deload end")
    assert nothing.ephemeral
    assert "no deload" in nothing.response.content

    for start in ("2999-01-01", "tomorrow", "2020-01-01", "someday"):
        refused = await gym.alice.slash(gym.channel, "deload start", start=start)
        assert refused.ephemeral
        text = refused.response.content
        # One sentence about deloads (and an example when it could not read the day),
        # never /log's advice about logging sets.
        assert text.count(". ") <= 1, text
        assert "log sets" not in text.lower(), text
        assert ("first day" in text) is (start in ("2999-01-01", "tomorrow"))
    assert await _deloads(gym) == 0

    await gym.alice.slash(gym.channel, "deload start", start="yesterday", days=5)
    ended = await gym.alice.slash(gym.channel, "deload end")
    assert "Deload ended" in ended.response.embeds[0].title
    (row,) = await every(gym.env.bot.store, select(Deload))
    assert row.first_day == row.last_day  # it ran yesterday only


async def test_a_second_start_while_one_runs_is_refused_and_says_how_to_start_again(gym):
    first = await gym.alice.slash(gym.channel, "deload start")
    title = first.response.embeds[0].title
    assert title.startswith("Deload logged: ")
    span = title.removeprefix("Deload logged: ")

    again = await gym.alice.slash(gym.channel, "deload start", days=10)

    assert again.ephemeral
    assert again.response.content == (
        f"You already have a deload from {span}, so nothing changed: `/deload end` ends it "
        "today, then `/deload start` starts a new one."
    )
    assert await _deloads(gym) == 1
    await gym.alice.slash(gym.channel, "deload end")
    restarted = await gym.alice.slash(gym.channel, "deload start", days=10)
    assert restarted.response.embeds[0].title.startswith("Deload logged: ")


async def test_a_start_reaching_back_into_a_past_deload_names_the_day_after_it(gym):
    today = gym.env.now().date()
    first, last, after = (today - timedelta(days=n) for n in (5, 3, 2))
    await gym.alice.slash(gym.channel, "deload start", start=first.isoformat(), days=3)
    overlapping = await gym.alice.slash(
        gym.channel, "deload start", start=(first + timedelta(days=1)).isoformat()
    )

    assert overlapping.response.content == (
        f"You already have a deload from {first:%a %d %b} to {last:%a %d %b}, so nothing "
        f"changed: start the new one after it, like `/deload start start:{after.isoformat()}`."
    )
    started = await gym.alice.slash(gym.channel, "deload start", start=after.isoformat())
    assert started.response.embeds[0].title.startswith(f"Deload logged: {after:%a %d %b}")
    assert await _deloads(gym) == 2
