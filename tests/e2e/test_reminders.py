"""Leg-day reminders end to end: set one, let simulated time pass, see what arrives.

SimCord starts at Thursday 2026-01-01 00:00 UTC. Alice lives in Europe/Berlin (UTC+1 in
winter), so her 18:00 is 17:00 UTC.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import discord
import pytest
from sqlalchemy import select

import bot.sending
from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from storage.tables import Delivery, Schedule
from tests.db import every, first

HOUR = 3600
DAY = 24 * HOUR
FRIDAY_18_BERLIN = datetime(2026, 1, 2, 17, tzinfo=UTC)


async def until(gym, moment: datetime) -> None:
    await gym.env.advance_time((moment - gym.env.now()).total_seconds())


async def berlin_reminder(gym, member=None, days="mon,fri", time="18:00"):
    member = member or gym.alice
    await member.slash(gym.channel, "settings timezone", timezone="Europe/Berlin")
    return await member.slash(gym.channel, "reminder legday", days=days, time=time)


def last_dm(member):
    channel = member.user.dm_channel
    return channel.last_message if channel is not None else None


async def outcomes(gym) -> list[tuple[datetime, str]]:
    rows = await every(gym.env.bot.store, select(Delivery).order_by(Delivery.due_at))
    return [(row.due_at, row.outcome) for row in rows]


async def test_a_reminder_moves_with_a_new_time_zone(gym):
    await berlin_reminder(gym)

    moved = await gym.alice.slash(gym.channel, "settings timezone", timezone="Asia/Kolkata")

    assert moved.response.embeds[0].description == (
        "Your reminders moved with you: Mon, Fri at 18:00, your time."
    )
    listed = await gym.alice.slash(gym.channel, "reminder list")
    assert "at 18:00 (Asia/Kolkata)" in listed.response.embeds[0].description
    friday_18_kolkata = datetime(2026, 1, 2, 12, 30, tzinfo=UTC)
    await until(gym, FRIDAY_18_BERLIN + timedelta(minutes=1))
    assert await outcomes(gym) == [(friday_18_kolkata, "sent")]  # not again at Berlin's 18:00


async def test_the_nudge_arrives_at_local_time(gym):
    result = await berlin_reminder(gym)
    assert result.ephemeral
    assert result.response.embeds[0].title == "Leg day reminder set: Mon, Fri at 18:00"

    await until(gym, FRIDAY_18_BERLIN - timedelta(seconds=1))
    assert last_dm(gym.alice) is None
    await gym.env.advance_time(1)

    nudge = last_dm(gym.alice)
    assert nudge is not None
    assert nudge.created_at == FRIDAY_18_BERLIN
    assert nudge.embeds[0].title == "No leg sessions logged yet"
    assert "squat" in nudge.embeds[0].fields[0].value.lower()
    assert [c.label for c in nudge.components[0].children] == [
        "Log it",
        "Snooze 1 h",
        "Skip this one",
    ]
    assert await outcomes(gym) == [(FRIDAY_18_BERLIN, "sent")]


MONDAY_18_BERLIN = datetime(2026, 1, 5, 17, tzinfo=UTC)


async def test_no_nudge_after_a_leg_session(gym):
    await berlin_reminder(gym)
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg @8")  # Thursday

    await until(gym, FRIDAY_18_BERLIN)

    assert last_dm(gym.alice) is None  # legs since the previous reminder: nothing to say
    assert await outcomes(gym) == [(FRIDAY_18_BERLIN, "legs_done")]


async def test_a_nudge_says_how_long_and_gets_firmer_after_a_week(gym):
    # Days are kept short: other cogs' pollers make every simulated minute count.
    for member, day in ((gym.alice, "2025-12-29"), (gym.bob, "2025-12-25")):
        await berlin_reminder(gym, member)
        await member.slash(gym.channel, "log", entry="squat 3x5 100kg @8", when=day)

    await until(gym, FRIDAY_18_BERLIN)

    recent = last_dm(gym.alice).embeds[0]
    assert (recent.title, recent.description) == ("Leg day today", "Last leg session: 4 days ago.")
    firm = last_dm(gym.bob).embeds[0]
    assert firm.title == "8 days since your last leg session"
    assert "Romanian deadlift" in firm.fields[0].value


async def test_snooze_sends_it_again_an_hour_later(gym):
    await berlin_reminder(gym)
    await until(gym, FRIDAY_18_BERLIN)

    snoozed = await gym.alice.user.click(last_dm(gym.alice), label="Snooze 1 h")
    assert "Snoozed" in snoozed.response.content
    assert snoozed.response.components == []

    await gym.env.advance_time(HOUR - 1)
    assert last_dm(gym.alice).id == snoozed.response.id
    await gym.env.advance_time(1)
    again = last_dm(gym.alice)
    assert again.id != snoozed.response.id
    assert again.created_at == FRIDAY_18_BERLIN + timedelta(hours=1)
    # And after that, the regular schedule: Monday.
    (row,) = await every(gym.env.bot.store, select(Schedule))
    assert row.next_due_at == MONDAY_18_BERLIN


async def test_skip_this_one_keeps_the_schedule(gym):
    await berlin_reminder(gym)
    await until(gym, FRIDAY_18_BERLIN)

    skipped = await gym.alice.user.click(last_dm(gym.alice), label="Skip this one")

    assert skipped.response.content.startswith("Skipped this one. Next reminder: <t:")
    assert str(int(MONDAY_18_BERLIN.timestamp())) in skipped.response.content
    await gym.env.advance_time(2 * HOUR)
    assert last_dm(gym.alice).id == skipped.response.id
    # The regular schedule carries on: Monday's reminder comes.
    await until(gym, MONDAY_18_BERLIN)
    monday = last_dm(gym.alice)
    assert monday.id != skipped.response.id
    assert monday.created_at == MONDAY_18_BERLIN


async def test_log_it_opens_a_form_that_logs(gym):
    await berlin_reminder(gym)
    await until(gym, FRIDAY_18_BERLIN)

    opened = await gym.alice.user.click(last_dm(gym.alice), label="Log it")
    assert opened.modal is not None
    logged = await gym.alice.user.submit_modal(opened, {"entry": "squat 3x5 100kg @8"})

    assert logged.response.embeds[0].title == "Logged Back Squat: 3 x 5 at 100 kg @8"
    assert [row.source for row in await gym.sets(gym.alice)] == ["reminder"] * 3


def close_dms(gym, member) -> None:
    dm = gym.env.backend.get_dm_channel(member.id)
    gym.env.inject_error(
        "POST",
        f"/channels/{dm.id}/messages",
        status=403,
        code=50007,
        message="Cannot send messages to this user",
        times=None,
    )


async def test_closed_dms_fall_back_to_the_reminder_channel(gym):
    admins = gym.guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = gym.guild.add_member(gym.env.create_user("admin"), roles=[admins])
    set_channel = await admin.slash(gym.channel, "reminder channel", channel=gym.channel)
    assert "Reminder channel set" in set_channel.response.content
    await berlin_reminder(gym)
    close_dms(gym, gym.alice)

    await until(gym, FRIDAY_18_BERLIN)

    # The channel is public: it says a reminder waits, and nothing of her training.
    posted = gym.channel.last_message
    assert posted.content == (
        f"<@{gym.alice.id}>, a reminder is waiting for you, but your DMs are closed. "
        "Open your DMs for this server, or use `/balance` to see where you stand."
    )
    assert (posted.embeds, posted.components) == ([], [])
    assert await outcomes(gym) == [(FRIDAY_18_BERLIN, "fallback")]


async def test_closed_dms_and_a_deleted_reminder_channel_show_in_the_list(gym):
    admins = gym.guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    admin = gym.guild.add_member(gym.env.create_user("admin"), roles=[admins])
    await admin.slash(gym.channel, "reminder channel", channel=gym.channel)
    await berlin_reminder(gym)
    close_dms(gym, gym.alice)
    # Deleted behind the bot's back: Discord answers 404 Unknown Channel, not 403.
    gym.env.inject_error(
        "POST", f"/channels/{gym.channel.id}/messages", status=404, code=10003, times=None
    )

    await until(gym, FRIDAY_18_BERLIN + timedelta(days=7))

    assert await outcomes(gym) == [(FRIDAY_18_BERLIN, "dms_closed")]  # paused, not retried
    listed = await gym.alice.slash(gym.channel, "reminder list")
    assert listed.ephemeral
    assert (
        "paused: your DMs are closed and the reminder channel was deleted"
        in listed.response.embeds[0].description
    )
    assert "reminders are paused" in listed.followups[0].content
    again = await gym.alice.slash(gym.channel, "reminder list")
    assert again.followups == []  # told once


async def test_a_dm_failing_through_a_half_hour_outage_arrives_once_after_it(gym, monkeypatch):
    monkeypatch.setattr(bot.sending, "BACKOFF_SECONDS", 0.0)
    await berlin_reminder(gym)
    dm = gym.env.backend.get_dm_channel(gym.alice.id)
    gym.env.inject_error("POST", f"/channels/{dm.id}/messages", status=503, times=None)

    await until(gym, FRIDAY_18_BERLIN + timedelta(minutes=30))
    assert last_dm(gym.alice) is None
    assert await outcomes(gym) == []  # not dropped: still to be tried
    listed = await gym.alice.slash(gym.channel, "reminder list")
    assert "failed to send (Discord trouble), trying again" in listed.response.embeds[0].description
    gym.env.backend.faults.clear()  # Discord is back

    await until(gym, FRIDAY_18_BERLIN + timedelta(hours=3))

    [nudge] = [m for m in gym.alice.user.dm_channel.history() if m.author.bot]
    assert FRIDAY_18_BERLIN + timedelta(minutes=30) < nudge.created_at
    assert nudge.created_at < FRIDAY_18_BERLIN + timedelta(hours=1)
    assert await outcomes(gym) == [(FRIDAY_18_BERLIN, "sent")]


async def test_closed_dms_without_a_channel_pause_and_say_so_once(gym):
    await berlin_reminder(gym)
    close_dms(gym, gym.alice)

    await until(gym, FRIDAY_18_BERLIN)
    assert await outcomes(gym) == [(FRIDAY_18_BERLIN, "dms_closed")]

    first = await gym.alice.slash(gym.channel, "settings show")
    assert "reminders are paused" in first.followups[0].content
    second = await gym.alice.slash(gym.channel, "settings show")
    assert second.followups == []
    listed = await gym.alice.slash(gym.channel, "reminder list")
    assert "paused: your DMs are closed" in listed.response.embeds[0].description


async def test_a_notice_that_fails_to_send_is_logged_and_leaves_the_answer(gym, caplog):
    await berlin_reminder(gym)
    close_dms(gym, gym.alice)
    await until(gym, FRIDAY_18_BERLIN)
    gym.env.inject_error("POST", "/webhooks/*", status=400, times=None)  # follow-ups

    with caplog.at_level(logging.ERROR, logger="bot.bot"):
        shown = await gym.alice.slash(gym.channel, "settings show")

    assert shown.response.embeds  # the command's own answer
    assert shown.followups == []
    assert "a follow-up after a command failed" in caplog.text


async def test_after_a_restart_a_reminder_paused_before_it_is_still_told(gym, settings):
    await berlin_reminder(gym)
    close_dms(gym, gym.alice)
    await until(gym, FRIDAY_18_BERLIN)
    gym.env.bot.clock.stop()  # the old process is gone, its timers with it
    await gym.env.bot.store.close()

    await gym.env.restart_bot(LegDayBot(settings, clock=SimulatedClock()))
    nothing = await gym.bob.slash(gym.channel, "settings show")
    told = await gym.alice.slash(gym.channel, "settings show")

    assert nothing.followups == []
    assert "reminders are paused" in told.followups[0].content


async def test_server_errors_are_retried(gym, monkeypatch):
    # SimCord cannot yet advance through the back-off sleep inside a wake-up;
    # the backoff delays themselves are checked in tests/bot/test_sending.py.
    monkeypatch.setattr(bot.sending, "BACKOFF_SECONDS", 0.0)
    await berlin_reminder(gym)
    dm = gym.env.backend.get_dm_channel(gym.alice.id)
    gym.env.inject_error("POST", f"/channels/{dm.id}/messages", status=500, times=2)

    await until(gym, FRIDAY_18_BERLIN + timedelta(minutes=1))

    assert last_dm(gym.alice).embeds[0].title == "No leg sessions logged yet"
    (row,) = await every(gym.env.bot.store, select(Schedule))
    assert (row.attempts, row.last_error) == (3, None)


async def test_a_reminder_survives_a_restart(gym, settings):
    await berlin_reminder(gym)
    old = gym.env.bot
    old.clock.stop()  # the old process is gone, its timers with it
    fresh = LegDayBot(settings, clock=SimulatedClock())
    await gym.env.restart_bot(fresh)
    await old.store.close()

    await until(gym, FRIDAY_18_BERLIN)

    assert last_dm(gym.alice).embeds[0].title == "No leg sessions logged yet"
    assert await outcomes(gym) == [(FRIDAY_18_BERLIN, "sent")]


async def test_without_a_time_zone_it_asks_for_one_and_stores_nothing(gym):
    result = await gym.alice.slash(gym.channel, "reminder legday", days="mon", time="18:00")

    assert result.ephemeral
    assert "/settings timezone" in result.response.content
    assert await first(gym.env.bot.store, select(Schedule)) is None


@pytest.mark.parametrize(
    ("days", "time", "problem"),
    [("funday", "18:00", "`funday`"), ("mon", "25:00", "`25:00`")],
)
async def test_bad_days_or_times_get_an_example(gym, days, time, problem):
    result = await berlin_reminder(gym, days=days, time=time)

    assert result.ephemeral
    assert problem in result.response.content
    assert "mon,thu" in result.response.content or "18:00" in result.response.content
    assert await first(gym.env.bot.store, select(Schedule)) is None


async def test_the_reminder_channel_needs_manage_server(gym):
    result = await gym.bob.slash(gym.channel, "reminder channel", channel=gym.channel)
    assert result.ephemeral
    assert "Manage Server" in result.response.content


async def test_list_pause_resume_delete(gym):
    await berlin_reminder(gym)
    await gym.alice.slash(gym.channel, "reminder checkin", day="sun", time="7pm")

    listed = await gym.alice.slash(gym.channel, "reminder list")
    text = listed.response.embeds[0].description
    assert "**Leg day**: Mon, Fri at 18:00 (Europe/Berlin)" in text
    assert "**Check-in**: Sun at 19:00 (Europe/Berlin)" in text

    paused = await gym.alice.slash(gym.channel, "reminder pause", which="legday")
    assert paused.response.content.startswith("Paused 1 reminder.")
    await until(gym, FRIDAY_18_BERLIN)
    assert last_dm(gym.alice) is None

    resumed = await gym.alice.slash(gym.channel, "reminder resume")
    assert resumed.response.embeds[0].title == "Resumed 1 reminder"
    await until(gym, datetime(2026, 1, 4, 18, tzinfo=UTC))  # Sunday 19:00 Berlin
    assert last_dm(gym.alice).embeds[0].title == "Time for your weekly check-in"

    asked = await gym.alice.slash(gym.channel, "reminder delete")
    done = await gym.alice.click(asked.response, label="Delete")
    assert done.response.content == "Deleted 2 reminders."
    assert await first(gym.env.bot.store, select(Schedule)) is None


async def test_the_check_in_button_opens_the_check_in(gym):
    await gym.alice.slash(gym.channel, "settings timezone", timezone="Europe/Berlin")
    await gym.alice.slash(gym.channel, "reminder checkin", day="fri", time="18:00")
    await until(gym, FRIDAY_18_BERLIN)

    opened = await gym.alice.user.click(last_dm(gym.alice), label="Check in")

    assert opened.ephemeral
    assert opened.response.embeds[0].title.startswith("Check-in")


async def test_setting_a_reminder_again_replaces_it_and_shows_the_old_one(gym):
    await berlin_reminder(gym)

    again = await berlin_reminder(gym, days="tue", time="7am")

    embed = again.response.embeds[0]
    assert embed.title == "Leg day reminder changed: Tue at 07:00"
    fields = {f.name: f.value for f in embed.fields}
    old = fields["This replaces your earlier one"]
    assert old.startswith("Mon, Fri at 18:00 (Europe/Berlin")
    assert f"next <t:{int(FRIDAY_18_BERLIN.timestamp())}:f>" in old
    listed = await gym.alice.slash(gym.channel, "reminder list")
    assert listed.response.embeds[0].description.count("**Leg day**") == 1


async def test_skip_on_a_reminder_whose_time_has_passed_says_so(gym):
    await berlin_reminder(gym)
    await until(gym, FRIDAY_18_BERLIN)
    friday = last_dm(gym.alice)
    await until(gym, MONDAY_18_BERLIN)
    monday = last_dm(gym.alice)
    assert monday.id != friday.id

    stale = await gym.alice.user.click(friday, label="Skip this one")

    assert stale.response.content.startswith(
        f"This reminder, for <t:{int(FRIDAY_18_BERLIN.timestamp())}:f>, has passed"
    )
    (row,) = await every(gym.env.bot.store, select(Schedule))
    next_friday = FRIDAY_18_BERLIN + timedelta(days=7)
    assert row.next_due_at == next_friday  # Monday's reminder was not skipped by it
    assert f"Next reminder: <t:{int(next_friday.timestamp())}:f>" in stale.response.content


async def test_the_log_it_forms_reply_has_an_undo(gym):
    await berlin_reminder(gym)
    await until(gym, FRIDAY_18_BERLIN)
    opened = await gym.alice.user.click(last_dm(gym.alice), label="Log it")
    logged = await gym.alice.user.submit_modal(opened, {"entry": "squat 3x5 100kg @8"})
    assert logged.ephemeral

    undone = await gym.alice.user.click(logged.response, label="Undo")

    assert undone.response.content.startswith("Undone: removed Back Squat 3 x 5 at 100 kg")
    assert await gym.sets(gym.alice) == []
