"""The weekly report counts a week as /balance does: sessions across midnight, ramp sets,
calf raises and Olympic lifts, logged through /log and read in /report preview."""

from __future__ import annotations

from tests.e2e.conftest import layout_text, shown

HOUR = 3600


async def test_the_report_counts_sessions_warm_ups_and_leg_days_as_balance_does(gym):
    # SimCord's clock starts on Thursday 2026-01-01 at 00:00 UTC; the server is on UTC.
    alice = gym.alice
    await alice.slash(gym.channel, "settings share", share="on")

    start = gym.env.now()

    async def until(hours_from_start: float) -> None:
        passed = (gym.env.now() - start).total_seconds()
        await gym.env.advance_time(round(hours_from_start * HOUR - passed))

    async def log_at(hours_from_start: float, entry: str) -> None:
        await until(hours_from_start)
        result = await alice.slash(gym.channel, "log", entry=entry)
        assert result.response.embeds, result.response.content

    # Thursday 23:30 and Friday 00:20: one session across midnight, one leg day.
    await log_at(23.5, "squat 2x5 100kg")
    await log_at(24 + 1 / 3, "rdl 2x8 80kg")
    # Saturday: ramp sets before three working sets (worked example 13): 3 hard sets.
    await log_at(
        2 * 24 + 18, "squat 20kg x 10, 60kg x 5, 80kg x 3, 100kg x 5, 100kg x 5, 100kg x 5"
    )
    # Monday: calf raises and hip abduction, lower body but never a leg day.
    await log_at(4 * 24 + 18, "calf raise 4x12 60kg; hip abduction 3x12 40kg")
    # Tuesday: an Olympic session, a leg day, half lower and half upper.
    await log_at(5 * 24 + 18, "snatch 3x2 60kg")
    await until(7 * 24 + 12)  # next Thursday

    card = layout_text(shown(await alice.slash(gym.channel, "report preview")))

    # Lower 2 + 2 + 3 + 4 + 3 + 1.5 = 15.5, upper 1.5: L:U 10.33; three leg days.
    assert f"<@{alice.id}> L:U 10.33 · 3 leg days" in card
    assert "**17** hard sets" in card
