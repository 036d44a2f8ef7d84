"""/checkin's answer: what this check-in changed, not everything that stands."""

from __future__ import annotations

from tests.e2e.conftest import shown
from tests.e2e.test_checkin import first_step

UPPER = "bench 4x8 80kg; row 3x8 70kg; pullups 3x8; ohp 3x8 40kg"
PAIN = {"score": "4", "days": "3", "where": ["knee"], "worse": "no"}


async def check_in(gym, pain=None):
    form = await first_step(gym, gym.alice, sleep_hours="7")
    await gym.alice.select(form, ["none"], custom_id="checkin:safety")
    if pain:
        pain_form = await gym.alice.click(form, label="I have pain")
        await gym.alice.submit_modal(pain_form, pain)
    done = await gym.alice.click(form, label="Submit")
    return done.response.embeds[0]


def names(embed) -> list[str]:
    return [f.name for f in embed.fields]


async def test_a_checkin_shows_what_it_changed_and_not_what_stood_before(gym):
    for _ in range(2):  # an upper-only fortnight: legs findings stand before any check-in
        await gym.alice.slash(gym.channel, "log", entry=UPPER)
        await gym.env.advance_time(3 * 24 * 3600)
    before = await gym.alice.slash(gym.channel, "balance")
    assert any("Legs" in name for name in names(shown(before).embeds[0]))

    with_pain = await check_in(gym, PAIN)
    assert with_pain.title == "Check-in saved"
    assert names(with_pain) == ["🟠 Pain caution: knee"]  # new; the legs findings stood
    assert with_pain.description is None  # it changed something: no "changed nothing"

    same = await check_in(gym, PAIN)
    assert names(same) == ["🟠 Pain caution: knee"]  # safety is always said
    assert same.description.startswith("This check-in changed nothing in what stands out")

    better = await check_in(gym)
    assert names(better) == ["✅ No longer standing"]
    assert better.fields[0].value == "Pain caution: knee"

    again = await check_in(gym)
    assert names(again) == []
    assert again.description.startswith("This check-in changed nothing in what stands out;")
    assert "/balance shows your" in again.description
