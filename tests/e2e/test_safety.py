"""Safety answers change every path: /balance, the leg-day reminder, the report and analyze.

SimCord starts at Thursday 2026-01-01 00:00 UTC; Alice's reminders are at 18:00 Berlin
(17:00 UTC) on Mondays and Fridays.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from sqlmodel import col, select

from bot.cli import main as legday
from coach.care import SPARED_BY_AREA
from coach.catalog import load_catalog
from coach.training import PainArea
from cogs._challenge_goal import CHECK_EVERY
from storage.tables import CheckInRow, Delivery, LoggedSet, Schedule
from tests.db import every
from tests.e2e.conftest import layout_text, shown
from tests.e2e.test_challenges import posts, started
from tests.e2e.test_checkin import first_step
from tests.e2e.test_reminders import berlin_reminder, last_dm, until

FRIDAY_18_BERLIN = datetime(2026, 1, 2, 17, tzinfo=UTC)
MONDAY_18_BERLIN = datetime(2026, 1, 5, 17, tzinfo=UTC)
UPPER = "bench 4x8 80kg; row 4x8 60kg; ohp 3x8 40kg; pull-up 3x8"
KNEE_LOADING = [
    e.name.lower() for e in load_catalog() if e.pattern in SPARED_BY_AREA[PainArea.KNEE]
]

DAY = 24 * 3600


def names_knee_work(text: str) -> list[str]:
    lowered = text.lower()
    return [n for n in KNEE_LOADING if re.search(rf"\b{re.escape(n)}\b", lowered)]


async def check_in(gym, member, safety=("none",), context=(), pain=None, **first: str):
    form = await first_step(gym, member, **first)
    await member.select(form, list(safety), custom_id="checkin:safety")
    if context:
        await member.select(form, list(context), custom_id="checkin:context")
    if pain is not None:
        pain_form = await member.click(form, label="I have pain")
        await member.submit_modal(pain_form, pain)
    return (await member.click(form, label="Submit")).response.embeds[0]


async def balance(gym, member):
    embed = shown(await member.slash(gym.channel, "balance")).embeds[0]
    return [f.name for f in embed.fields if f.name[0] in "🚨🔴🟠🔵"], embed


def everything(embed) -> str:
    return " ".join(f"{f.name} {f.value}" for f in embed.fields)


async def outcomes(gym, member) -> list[tuple[datetime, str]]:
    rows = await every(
        gym.env.bot.store,
        select(Delivery)
        .join(Schedule, col(Schedule.id) == col(Delivery.schedule_id))
        .where(col(Schedule.person_id) == member.id)
        .order_by(col(Delivery.due_at)),
    )
    return [(r.due_at, r.outcome) for r in rows]


async def test_marked_weakness_pauses_reminders_and_being_treated_brings_advice_back(gym):
    await berlin_reminder(gym, gym.alice)
    await berlin_reminder(gym, gym.bob)
    # Two days of logs, the first 4 days old: enough history for what is missing (v2).
    await gym.alice.slash(gym.channel, "log", entry=UPPER, when="2025-12-28")
    await gym.alice.slash(gym.channel, "log", entry=UPPER)
    before, _ = await balance(gym, gym.alice)
    assert before
    assert not any("See professional" in name for name in before)

    answer = await check_in(gym, gym.alice, leg_weakness="marked")

    assert answer.title == "Please look after this first"
    assert "paused" in answer.footer.text
    after, embed = await balance(gym, gym.alice)
    assert after == ["🔴 See professional"]
    assert "within a few days" in everything(embed)
    await until(gym, FRIDAY_18_BERLIN)
    assert last_dm(gym.alice) is None
    assert await outcomes(gym, gym.alice) == [(FRIDAY_18_BERLIN, "safety_pause")]
    assert last_dm(gym.bob) is not None  # only that person's reminder pauses

    pain = {"score": "4", "days": "10", "where": ["knee"], "worse": "no"}
    await check_in(gym, gym.alice, context=["being_treated"], pain=pain, leg_weakness="marked")

    back, embed = await balance(gym, gym.alice)
    assert back[0] == "🔵 See professional"
    assert len(back) > 1, "training advice is back"
    assert "clinician" in everything(embed)
    assert names_knee_work(everything(embed)) == []
    await until(gym, MONDAY_18_BERLIN)
    nudge = last_dm(gym.alice).embeds[0]
    assert nudge.title == "No leg sessions logged yet"
    session = nudge.fields[0].value
    assert "leg curl" in session
    assert names_knee_work(session) == []


async def test_a_standing_red_flag_shows_a_neutral_icon_in_the_report(gym):
    for member in (gym.alice, gym.bob):
        await member.slash(gym.channel, "settings share", share="on")
        await member.slash(gym.channel, "log", entry=UPPER)
    await check_in(gym, gym.alice, safety=["calf_swollen_warm"])
    await gym.env.advance_time(3600)
    await check_in(gym, gym.alice)  # a clean check-in the next hour changes nothing

    preview = shown(await gym.bob.slash(gym.channel, "report preview"))

    rows = layout_text(preview)
    assert f"⚪ <@{gym.alice.id}>" in rows
    assert f"⚪ <@{gym.bob.id}>" not in rows
    assert "calf" not in rows.lower()


async def test_a_legs_focused_member_is_never_red_for_legs_only(gym):
    for member in (gym.alice, gym.bob):
        await member.slash(gym.channel, "settings share", share="on")
        # Two days, the first 4 days old: enough history to judge (v2).
        for when in ("2025-12-28", "today"):
            await member.slash(
                gym.channel,
                "log",
                entry="squat 5x5 100kg; rdl 4x8 80kg; leg press 4x10",
                when=when,
            )
    await gym.alice.slash(gym.channel, "settings profile", goal="legs")
    await gym.env.advance_time(DAY)  # the report covers the full days before today

    preview = shown(await gym.bob.slash(gym.channel, "report preview"))

    rows = layout_text(preview)
    assert f"🔴 <@{gym.bob.id}>" in rows
    # Still told, as information: her legs-only week is what she chose.
    assert f"🔵 <@{gym.alice.id}>" in rows


async def analyze_stored(gym, member, tmp_path, capsys) -> dict:
    """``legday analyze`` on a file written from what the bot stored for ``member``."""

    def unit(session):
        sets = session.execute(select(LoggedSet)).scalars().all()
        answers = session.execute(select(CheckInRow)).scalars().all()
        return sets, answers

    sets, answers = await gym.env.bot.store.run(unit)
    data = {
        "as_of": gym.env.now().isoformat(),
        "timezone": "Europe/Berlin",
        "sets": [
            {
                "at": s.performed_at.isoformat(),
                "exercise": s.exercise_name,
                "weight_kg": s.weight_kg,
                "reps": s.reps,
            }
            for s in sets
            if s.person_id == member.id
        ],
        "checkins": [
            {
                "at": c.at.isoformat(),
                "leg_weakness": c.leg_weakness,
                "numbness_tingling": c.numbness_tingling,
                "red_flags": [f for f in c.red_flags.split(",") if f],
                "after_fall": c.after_fall,
                "being_treated": c.being_treated,
                "pain": None
                if c.pain_score is None
                else {"score": c.pain_score, "days": c.pain_days, "location": c.pain_location},
            }
            for c in answers
            if c.person_id == member.id
        ],
    }
    path = tmp_path / "history.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert legday(["analyze", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


CODE_OF_TITLE = re.compile(r"^\S+ ([^:]+)")


@pytest.mark.parametrize(
    ("first", "pain", "paused"),
    [
        ({}, {"score": "5", "days": "3", "where": ["knee"], "worse": "no"}, False),
        ({"leg_weakness": "marked"}, None, True),
    ],
    ids=["knee pain 5/10", "marked weakness"],
)
async def test_analyze_balance_and_the_reminder_decide_alike(
    gym, tmp_path, capsys, first, pain, paused
):
    await berlin_reminder(gym, gym.alice)
    await gym.alice.slash(gym.channel, "log", entry=UPPER)
    await gym.alice.slash(gym.channel, "log", entry=UPPER, when="2025-12-30")
    await check_in(gym, gym.alice, pain=pain, **first)
    await until(gym, FRIDAY_18_BERLIN)

    report = await analyze_stored(gym, gym.alice, tmp_path, capsys)
    titles, _ = await balance(gym, gym.alice)

    analyzed = [f["code"].replace("_", " ").capitalize() for f in report["findings"]]
    assert [CODE_OF_TITLE.match(t)[1] for t in titles] == analyzed[: len(titles)]
    assert (await outcomes(gym, gym.alice))[0][1] == ("safety_pause" if paused else "sent")
    if not paused:
        session = last_dm(gym.alice).embeds[0].fields[0].value
        skipped = next(f for f in report["findings"] if f["code"] == "LEGS_SKIPPED")
        assert session in skipped["advice"]
        assert names_knee_work(session) == []


async def test_a_safety_checkin_shows_in_balance_before_anything_is_logged(gym):
    # No sets at all: /balance still answers with the safety finding, not "nothing logged".
    await check_in(gym, gym.bob, leg_weakness="marked")

    names, embed = await balance(gym, gym.bob)

    assert names == ["🔴 See professional"]
    assert "within a few days" in everything(embed)
    since = {f.name: f.value for f in embed.fields}["Since legs"]
    assert since == "none logged yet"  # not "none in 12 weeks": there is nothing to look at


async def test_reminder_list_says_a_red_flag_holds_the_leg_day_reminder_back(gym):
    await berlin_reminder(gym, gym.alice, days="mon,fri")
    await gym.alice.slash(gym.channel, "reminder checkin", day="sun", time="19:00")
    listed = await gym.alice.slash(gym.channel, "reminder list")
    assert "held back" not in listed.response.embeds[0].description

    await check_in(gym, gym.alice, safety=["calf_swollen_warm"])

    lines = shown(await gym.alice.slash(gym.channel, "reminder list")).embeds[0].description
    legday, checkin = lines.splitlines()
    assert legday.startswith("**Leg day**")
    assert "held back while your check-in's safety advice stands" in legday
    assert "held back" not in checkin  # only the leg-day nudge pauses
    changed = shown(await berlin_reminder(gym, gym.alice, days="mon,fri", time="18:00"))
    assert "held back" in changed.embeds[0].fields[0].value  # the answer's "Next"
    # What the list said is what the send does: Friday's nudge stays unsent.
    await until(gym, FRIDAY_18_BERLIN)
    assert await outcomes(gym, gym.alice) == [(FRIDAY_18_BERLIN, "safety_pause")]
    # A red flag counts for 7 days: Monday's nudge is held back too, but the Friday after
    # comes when Thursday's red flag no longer stands, so the list says it will be sent.
    await until(gym, MONDAY_18_BERLIN)
    assert (MONDAY_18_BERLIN, "safety_pause") in await outcomes(gym, gym.alice)
    lines = shown(await gym.alice.slash(gym.channel, "reminder list")).embeds[0].description
    assert "held back" not in lines


async def test_a_record_while_told_not_to_train_through_pain_stays_private(gym):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.env.advance_time(DAY)
    pain = {"score": "8", "days": "3", "where": ["knee"], "worse": "yes"}
    told = await check_in(gym, gym.alice, pain=pain)
    assert "don't train through it" in everything(told)

    result = await gym.alice.slash(gym.channel, "log", entry="squat 3x5 110kg")

    assert [m.content for m in result.followups if not m.ephemeral] == []
    reply = result.response.embeds[0]
    assert "New records" in [f.name for f in reply.fields]  # hers, privately, no trophy
    assert "not celebrated or announced in the channel" in reply.description
    # Once she is being seen for it, her records are celebrated again.
    await check_in(gym, gym.alice, context=["being_treated"], pain=pain)
    await gym.env.advance_time(DAY)
    again = await gym.alice.slash(gym.channel, "log", entry="squat 3x5 120kg")
    [post] = [m.content for m in again.followups if not m.ephemeral]
    assert post.startswith(f"🏆 {gym.alice.mention} set a new record!")
    assert "not celebrated" not in again.response.embeds[0].description


async def test_a_red_flag_takes_the_trophy_off_records_of_someone_who_shares_nothing(gym):
    # Bob shares nothing, so no record of his goes to the channel anyway; his own reply
    # still must not cheer the squat he was told to stop training for.
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.env.advance_time(DAY)
    told = await check_in(gym, gym.bob, safety=["calf_swollen_warm"])
    assert "urgent" in (everything(told) + (told.description or "")).lower()

    result = await gym.bob.slash(gym.channel, "log", entry="squat 3x5 110kg")

    reply = result.response.embeds[0]
    assert [f.name for f in reply.fields if "records" in f.name] == ["New records"]
    assert "Your check-in's safety advice stands (see /balance)" in reply.description
    assert [m for m in result.followups if not m.ephemeral] == []


async def test_a_goal_reached_while_told_not_to_train_is_posted_as_anyone_s(gym):
    # Holding Bob's post back would tell the channel something (his board row shows the
    # goal reached, and Alice's post would say she was the 2nd): a goal post is no advice.
    await started(gym, goal=6.0)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    pain = {"score": "8", "days": "3", "where": ["knee"], "worse": "yes"}
    await check_in(gym, gym.bob, pain=pain)

    await gym.bob.slash(gym.channel, "log", entry="squat 6x5 100kg")
    await gym.alice.slash(gym.channel, "log", entry="squat 6x5 100kg")
    await gym.env.advance_time(CHECK_EVERY.total_seconds())

    done = [post.embeds[0].description for post in posts(gym, "goal reached")]
    assert [text.split(",")[0] for text in done] == [
        f"{gym.bob.mention} reached the goal",
        f"{gym.alice.mention} reached the goal",
    ]
