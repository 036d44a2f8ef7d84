"""/balance: the three findings that matter most, the rest behind a button; names in words."""

from __future__ import annotations

from tests.e2e.conftest import shown

ONE_SESSION = "bench 4x8 100kg; squat 3x5 40kg; curl 3x10 15kg"
ICONS = "🚨🔴🟠🔵"


def finding_names(embed) -> list[str]:
    return [f.name for f in embed.fields if f.name[0] in ICONS]


async def test_one_session_shows_three_findings_and_the_rest_behind_a_button(gym):
    await gym.alice.slash(gym.channel, "log", entry=ONE_SESSION)
    await gym.env.advance_time(3 * 24 * 3600)
    await gym.alice.slash(gym.channel, "log", entry=ONE_SESSION)

    result = await gym.alice.slash(gym.channel, "balance")

    message = shown(result)
    top = finding_names(message.embeds[0])
    assert len(top) == 3
    assert [name[0] for name in top] == ["🔴", "🔴", "🟠"]  # the most severe first
    more_line = message.embeds[0].fields[-1]
    assert more_line.value == "6 more findings, less important"
    [button] = message.components[0]["components"]
    assert button["label"] == "Show 6 more findings"

    more = await gym.alice.click(message, label="Show 6 more findings")

    assert more.ephemeral
    rest = finding_names(more.response.embeds[0])
    assert len(rest) == 6
    assert not set(top) & set(rest)
    order = [ICONS.index(name[0]) for name in top + rest]
    assert order == sorted(order)


async def test_finding_titles_name_exercises_and_muscles_in_words(gym):
    # Squat far behind bench in three weeks: "squat lags bench" is about back_squat.
    for day in ("2025-12-17", "2025-12-24", "today"):
        await gym.alice.slash(
            gym.channel,
            "log",
            entry="squat 3x5 60kg @8; bench 3x5 100kg @8; rdl 3x8 60kg",
            when=day,
        )
        await gym.env.advance_time(3)

    result = await gym.alice.slash(gym.channel, "balance")

    message = shown(result)
    names = finding_names(message.embeds[0])
    if message.components:
        label = message.components[0]["components"][0]["label"]
        more = await gym.alice.click(message, label=label)
        names += finding_names(more.response.embeds[0])
    assert "🔴 Squat lags bench: Back Squat" in names, names
    assert not any("_" in name for name in names), names
