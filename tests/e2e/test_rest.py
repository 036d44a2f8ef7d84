"""/rest: a countdown that pings when it ends, defaults per lift, and restarts in between."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from storage.tables import Delivery, Schedule
from tests.db import every
from tests.e2e.test_reminders import close_dms, last_dm

RUNG = "⏱️ Rest over: time for your next set."


async def outcomes(gym) -> list[str]:
    return await every(gym.env.bot.store, select(Delivery.outcome))


async def test_rest_counts_down_and_pings_by_dm_when_it_ends(gym):
    started = gym.env.now()

    result = await gym.alice.slash(gym.channel, "rest", seconds=90)

    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "⏱️ Rest 1:30"
    ends = int((started + timedelta(seconds=90)).timestamp())
    assert f"<t:{ends}:R>" in embed.description
    await gym.env.advance_time(89)
    assert last_dm(gym.alice) is None
    await gym.env.advance_time(2)
    assert last_dm(gym.alice).content == RUNG
    await gym.env.advance_time(7 * 86_400)  # once only: a timer never comes round again
    assert await outcomes(gym) == ["sent"]


async def test_the_default_rest_follows_the_last_lift_and_the_persons_settings(gym):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    squat = await gym.alice.slash(gym.channel, "rest")
    assert squat.response.embeds[0].title == "⏱️ Rest 3:00"
    assert squat.response.embeds[0].footer.text.startswith("Your rest after Back Squat")

    changed = await gym.alice.slash(gym.channel, "settings rest", pattern="squat", seconds=240)
    assert changed.response.embeds[0].title == "Rest after squat: 4:00"
    assert (await gym.alice.slash(gym.channel, "rest")).response.embeds[0].title == "⏱️ Rest 4:00"

    await gym.alice.slash(gym.channel, "log", entry="curl 3x12 15kg")
    curls = await gym.alice.slash(gym.channel, "rest")
    assert curls.response.embeds[0].title == "⏱️ Rest 1:00"


async def test_settings_show_your_rests_and_the_usual_ones_for_the_rest(gym):
    usual = (
        "3:00 squat, hinge, olympic; 2:00 lunge, horizontal push, vertical push, horizontal "
        "pull, vertical pull; 1:30 carry, knee extension, knee flexion, other; 1:00 calf, hip "
        "abduction, hip adduction, elbow flexion, elbow extension, lateral raise, core, cardio"
    )
    shown = await gym.alice.slash(gym.channel, "settings show")
    assert rests_of(shown) == f"The usual: {usual}"

    changed = await gym.alice.slash(gym.channel, "settings rest", pattern="squat", seconds=240)
    assert rests_of(changed) == (
        "Yours: squat 4:00\nThe usual for the rest: " + usual.replace("squat, ", "", 1)
    )

    everything = await gym.alice.slash(gym.channel, "settings rest", pattern="any", seconds=90)
    assert rests_of(everything) == "Yours: any 1:30, squat 4:00"


def rests_of(result) -> str:
    return next(f.value for f in result.response.embeds[0].fields if f.name == "Rests")


async def test_a_new_rest_replaces_the_running_one(gym):
    await gym.alice.slash(gym.channel, "rest", seconds=60)
    await gym.env.advance_time(30)
    await gym.alice.slash(gym.channel, "rest", seconds=120)

    await gym.env.advance_time(60)
    assert last_dm(gym.alice) is None
    await gym.env.advance_time(61)
    assert last_dm(gym.alice).content == RUNG
    assert await outcomes(gym) == ["sent"]


async def test_more_time_and_stop_buttons(gym):
    timer = await gym.alice.slash(gym.channel, "rest", seconds=60)

    longer = await gym.alice.click(timer.response, label="+30 s")
    assert longer.response.embeds[0].title == "⏱️ Rest 1:30"
    await gym.env.advance_time(61)
    assert last_dm(gym.alice) is None
    stopped = await gym.alice.click(timer.response, label="Stop")
    assert stopped.response.content == "Rest timer stopped."
    await gym.env.advance_time(600)
    assert last_dm(gym.alice) is None
    assert await outcomes(gym) == []


async def test_a_timer_rings_after_a_restart(gym, settings):
    await gym.alice.slash(gym.channel, "rest", seconds=120)
    old = gym.env.bot
    old.clock.stop()  # the old process is gone, its timers and memory with it
    fresh = LegDayBot(settings, clock=SimulatedClock())
    await gym.env.restart_bot(fresh)
    await old.store.close()

    await gym.env.advance_time(121)

    assert last_dm(gym.alice).content == RUNG
    assert await outcomes(gym) == ["sent"]


async def test_a_timer_that_ended_while_the_bot_was_down_long_rings_silently(gym, settings):
    await gym.alice.slash(gym.channel, "rest", seconds=60)
    old = gym.env.bot
    old.clock.stop()
    await gym.env.advance_time(600)  # down for ten minutes: the set is long done
    fresh = LegDayBot(settings, clock=SimulatedClock())
    await gym.env.restart_bot(fresh)
    await old.store.close()
    await gym.env.advance_time(5)

    assert last_dm(gym.alice) is None
    assert await outcomes(gym) == ["late"]


async def test_with_dms_closed_it_follows_up_privately(gym):
    close_dms(gym, gym.alice)

    timer = await gym.alice.slash(gym.channel, "rest", seconds=45)
    await gym.env.advance_time(46)

    pings = [m for m in timer.followups if m.ephemeral]
    assert [m.content for m in pings] == [f"<@{gym.alice.id}> {RUNG}"]
    assert await outcomes(gym) == ["followup"]


async def test_rest_timers_are_not_reminders(gym):
    await gym.alice.slash(gym.channel, "rest", seconds=60)

    listed = await gym.alice.slash(gym.channel, "reminder list")

    assert listed.response.content.startswith("You have no reminders")
    assert await every(gym.env.bot.store, select(Schedule.kind)) == ["rest"]


async def test_an_unknown_rest_pattern_is_one_sentence(gym):
    result = await gym.alice.slash(gym.channel, "settings rest", pattern="yoga", seconds=60)

    assert result.ephemeral
    assert result.response.content.startswith("Pick a pattern from the list")
