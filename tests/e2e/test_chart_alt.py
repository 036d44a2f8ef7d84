"""Each chart's alt text goes with its picture (an embed, or a card's gallery), with its numbers."""

from __future__ import annotations

from tests.e2e.conftest import layout_media, shown


async def test_the_balance_chart_is_described_in_its_embed(gym):
    await gym.alice.slash(gym.channel, "log", entry="bench 4x8 80kg; squat 3x5 100kg")

    result = await gym.alice.slash(gym.channel, "balance", weeks=2)

    embed = shown(result).embeds[0]
    assert embed.image.url == "attachment://balance.png"
    assert embed.footer.text.startswith(
        "Chart: sets per muscle in the last 7 days against the 10-20 band (quads 3, "
    )
    assert "chest 4" in embed.footer.text
    assert "lower vs upper hard sets for each of the last 2 weeks (" in embed.footer.text
    assert embed.footer.text.endswith(" 3 vs 4).")  # this week: 3 lower, 4 upper


async def test_the_report_chart_is_described_on_its_card(gym):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(
        gym.channel, "log", entry="squat 3x5 100kg; bench 2x5 80kg", when="yesterday"
    )

    result = await gym.alice.slash(gym.channel, "report preview")

    [(chart, alt), _body_map] = layout_media(shown(result))
    assert chart.endswith("report.png")
    assert alt == "Chart: each member's hard sets this week (alice 3 lower, 2 upper, 0 core)."
