"""/report: setup, preview, the scheduled weekly post, privacy and permission problems."""

from __future__ import annotations

import discord
import pytest
from sqlalchemy import select, update

from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from storage.tables import Server
from tests.db import every
from tests.e2e.conftest import layout_media, layout_text, shown

HOUR = 3600


@pytest.fixture
def server(gym):
    """A moderator, a report channel, and one where the bot cannot attach files."""
    mods = gym.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    mod = gym.guild.add_member(gym.env.create_user("mod"), roles=[mods])
    reports = gym.guild.create_text_channel("reports")
    locked = gym.guild.create_text_channel(
        "locked", overwrites={gym.env.bot.user: discord.PermissionOverwrite(attach_files=False)}
    )
    return mod, reports, locked


async def setup_report(gym, mod, channel, day="thursday", time="18:00"):
    # SimCord's clock starts on Thursday 2026-01-01 at 00:00 UTC.
    return await mod.slash(
        gym.channel, "report setup", channel=channel, day=day, time=time, timezone="UTC"
    )


async def lose_attach_files(gym, locked) -> None:
    """SimCord cannot revoke the bot's permissions on an existing channel, so point the
    stored report at a channel where the bot lacks Attach Files, as if it had lost it."""
    await gym.env.bot.store.run(
        lambda session: session.execute(update(Server).values(report_channel_id=locked.id))
    )


async def test_setup_needs_manage_server(gym, server):
    _mod, reports, _locked = server

    result = await setup_report(gym, gym.bob, reports)

    assert result.ephemeral
    assert "Manage Server" in result.response.content
    status = await gym.bob.slash(gym.channel, "report status")
    assert "No weekly report" in status.response.content
    assert await every(gym.env.bot.store, select(Server)) == []  # looking stored nothing


async def test_setup_refuses_a_channel_the_bot_cannot_post_in(gym, server):
    mod, _reports, locked = server

    result = await setup_report(gym, mod, locked)

    assert result.response.content == (
        f"I can't post there: I'm missing **Attach Files** in {locked.mention}. "
        "Grant it or pick another channel."
    )
    assert await every(gym.env.bot.store, select(Server)) == []


async def test_the_weekly_report_is_posted_on_time_with_opted_in_members_only(gym, server):
    mod, reports, _locked = server
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg; bench 3x5 80kg")
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 60kg")
    result = await setup_report(gym, mod, reports)
    assert "every Thursday at 18:00" in result.response.content

    await gym.env.advance_time(17 * HOUR)
    assert reports.last_message is None

    await gym.env.advance_time(2 * HOUR)

    posted = reports.last_message
    assert posted is not None
    assert posted.flags.components_v2  # one card
    text = layout_text(posted)
    assert text.startswith("## Weekly balance report")
    assert "**1 member** takes part" in text
    assert f"<@{gym.alice.id}>" in text
    assert f"<@{gym.bob.id}>" not in text
    assert "/settings share on" in text
    assert [a.filename for a in posted.attachments] == ["report.png", "body.png"]

    await gym.env.advance_time(24 * HOUR)
    assert len(reports.history()) == 1  # one a week, never twice

    status = await mod.slash(gym.channel, "report status")
    assert status.ephemeral
    fields = {f.name: f.value for f in status.response.embeds[0].fields}
    assert fields["Last"].startswith("posted")


async def test_opting_out_removes_a_member_from_the_next_report(gym, server):
    mod, reports, _locked = server
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await setup_report(gym, mod, reports)

    await gym.alice.slash(gym.channel, "settings share", share="off")
    await gym.env.advance_time(19 * HOUR)

    assert f"<@{gym.alice.id}>" not in layout_text(reports.last_message)


async def test_preview_is_private(gym, server):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")

    result = await gym.alice.slash(gym.channel, "report preview")

    assert result.ephemeral
    message = shown(result)
    assert layout_text(message).startswith("## Weekly balance report")
    assert f"<@{gym.alice.id}>" in layout_text(message)
    assert [a.filename for a in message.attachments] == ["report.png", "body.png"]


async def test_a_preview_discord_refuses_as_a_card_pages_as_embeds(gym, server):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    gym.env.inject_error("POST", "/webhooks/*", status=400, times=1)

    message = shown(await gym.alice.slash(gym.channel, "report preview"))

    assert message.ephemeral
    assert not message.flags.components_v2
    assert message.embeds[0].title.startswith("Weekly balance report")
    following = await gym.alice.click(message, label="Next")
    assert following.response.embeds[0].image.url.endswith("body.png")


async def test_a_newcomer_is_not_judged_not_called_balanced(gym, server):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    # Yesterday: the last day of the week the report covers, and her first day of logging.
    entry = "squat 3x5 100kg; bench 3x5 80kg; row 3x8 60kg"
    await gym.alice.slash(gym.channel, "log", entry=entry, when="yesterday")

    text = layout_text(shown(await gym.alice.slash(gym.channel, "report preview")))

    # Neutral, as a private state is, so that the icon never tells which of the two stands.
    assert f"⚪ <@{gym.alice.id}>" in text
    assert f"✅ <@{gym.alice.id}>" not in text
    assert "⚪ not judged this week" in text  # the legend says what it means


async def test_a_member_back_after_weeks_away_is_judged_as_balance_judges(gym, server):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    # Ten weeks before SimCord's first day: before the report's eight weeks, within the
    # twelve /balance reads.
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg", when="2025-10-23")
    entry = "squat 3x5 100kg; bench 3x5 80kg; row 3x8 60kg"
    await gym.alice.slash(gym.channel, "log", entry=entry, when="yesterday")

    balance = shown(await gym.alice.slash(gym.channel, "balance")).embeds[0]
    text = layout_text(shown(await gym.alice.slash(gym.channel, "report preview")))

    # Both judge what is missing: three sets of squats are too few for the legs.
    names = [field.name for field in balance.fields]
    assert "🟠 Muscle low: quads" in names
    assert "⏳ Too early to judge" not in names
    assert f"🟠 <@{gym.alice.id}>" in text


async def test_now_posts_this_weeks_report_for_moderators_only(gym, server):
    mod, reports, locked = server
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")

    unset = await mod.slash(gym.channel, "report now")
    assert unset.ephemeral
    assert "No report channel yet" in unset.response.content
    assert await every(gym.env.bot.store, select(Server)) == []  # the refusal stored nothing
    await setup_report(gym, mod, reports)
    refused = await gym.bob.slash(gym.channel, "report now")
    assert refused.ephemeral
    assert "Manage Server" in refused.response.content
    assert reports.last_message is None

    result = await mod.slash(gym.channel, "report now")

    assert result.ephemeral
    assert shown(result).content == f"Posted in {reports.mention}."
    posted = reports.last_message
    assert layout_text(posted).startswith("## Weekly balance report")
    assert f"<@{gym.alice.id}>" in layout_text(posted)
    # The weekly post still comes on its day.
    await gym.env.advance_time(19 * HOUR)
    assert len(reports.history()) == 2

    await gym.env.bot.store.run(
        lambda session: session.execute(update(Server).values(report_channel_id=locked.id))
    )
    missing = await mod.slash(gym.channel, "report now")
    assert "missing **Attach Files**" in missing.response.content
    assert locked.last_message is None


async def test_a_channel_that_lost_permissions_shows_in_status_and_is_paused(gym, server):
    mod, reports, locked = server
    await setup_report(gym, mod, reports)
    await lose_attach_files(gym, locked)

    await gym.env.advance_time(19 * HOUR)
    first = await mod.slash(gym.channel, "report status")
    assert "missing Attach Files" in first.response.embeds[0].fields[-1].value

    await gym.env.advance_time(14 * 24 * HOUR)
    paused = await mod.slash(gym.channel, "report status")
    assert "Paused" in [f.name for f in paused.response.embeds[0].fields]
    assert locked.last_message is None


async def test_one_server_error_on_the_weekly_post_is_retried_soon(gym, server):
    mod, reports, _locked = server
    await setup_report(gym, mod, reports)
    gym.env.inject_error("POST", f"/channels/{reports.id}/messages", status=503, times=1)

    await gym.env.advance_time(18 * HOUR)
    assert reports.last_message is None
    retrying = await mod.slash(gym.channel, "report status")
    assert "Retrying" in [f.name for f in retrying.response.embeds[0].fields]

    await gym.env.advance_time(HOUR)
    [posted] = [m for m in reports.history() if m.author.bot]
    assert layout_text(posted).startswith("## Weekly balance report")
    status = await mod.slash(gym.channel, "report status")
    assert status.response.embeds[0].fields[-1].value.startswith("posted")


async def test_a_deleted_report_channel_pauses_and_says_so(gym, server):
    mod, reports, _locked = server
    await setup_report(gym, mod, reports)
    gym.env.inject_error(
        "POST", f"/channels/{reports.id}/messages", status=404, code=10003, times=None
    )

    await gym.env.advance_time(19 * HOUR)

    status = await mod.slash(gym.channel, "report status")
    fields = {f.name: f.value for f in status.response.embeds[0].fields}
    assert fields["Paused"].startswith("The report channel was deleted.")
    assert "The weekly report is paused" in status.followups[0].content  # told once
    again = await mod.slash(gym.channel, "report status")
    assert again.followups == []
    assert "Paused" in [f.name for f in again.response.embeds[0].fields]


async def test_a_report_paused_before_a_restart_is_told_to_a_moderator_after_it(
    gym, server, settings
):
    mod, reports, _locked = server
    await setup_report(gym, mod, reports)
    gym.env.inject_error(
        "POST", f"/channels/{reports.id}/messages", status=404, code=10003, times=None
    )
    await gym.env.advance_time(19 * HOUR)
    gym.env.bot.clock.stop()  # the old process is gone, its timers with it
    await gym.env.bot.store.close()

    await gym.env.restart_bot(LegDayBot(settings, clock=SimulatedClock()))
    member = await gym.alice.slash(gym.channel, "settings show")
    told = await mod.slash(gym.channel, "settings show")
    again = await mod.slash(gym.channel, "settings show")

    assert member.followups == []
    assert "The weekly report is paused" in told.followups[0].content
    assert again.followups == []


async def test_disable_asks_first(gym, server):
    mod, reports, _locked = server
    await setup_report(gym, mod, reports)

    asked = await mod.slash(gym.channel, "report disable")
    assert asked.response.content == "Stop this server's weekly balance report?"
    kept = await mod.click(asked.response, label="Keep it")
    assert kept.response.content == "Cancelled. Nothing was changed."
    assert (await mod.slash(gym.channel, "report status")).response.embeds  # still set up

    again = await mod.slash(gym.channel, "report disable")
    stopped = await mod.click(again.response, label="Stop reports")

    assert stopped.response.content == "Weekly report stopped. `/report setup` starts it again."
    status = await mod.slash(gym.channel, "report status")
    assert "No weekly report" in status.response.content


def report_text(message) -> str:
    return layout_text(message)


async def test_a_report_covers_the_seven_full_days_before_its_day(gym, server):
    """A Monday 09:00 report: Monday's sets, before or after 09:00, go in the next one."""
    mod, reports, _locked = server
    for member in (gym.alice, gym.bob):
        await member.slash(gym.channel, "settings share", share="on")
    await setup_report(gym, mod, reports, day="monday", time="09:00")
    await gym.env.advance_time((3 * 24 + 12) * HOUR)  # Sunday 4 January, 12:00
    await gym.alice.slash(gym.channel, "log", entry="bench 3x5 80kg")
    await gym.env.advance_time(20 * HOUR)  # Monday 08:00, before the report
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 60kg")
    await gym.env.advance_time(2 * HOUR)  # Monday 10:00, after it
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")

    first = report_text(reports.last_message)
    assert "week to 04 Jan 2026" in first
    assert "**3** hard sets" in first  # Sunday's bench only

    await gym.env.advance_time(7 * 24 * HOUR)

    second = report_text(reports.history()[-1])
    assert "week to 11 Jan 2026" in second
    assert "**6** hard sets" in second  # both Monday squats, the one after 09:00 too


async def test_most_improved_goes_to_the_member_moving_toward_balance(gym, server):
    """Not to a legs-only member who merely logged fewer leg sets than the week before."""
    mod, reports, _locked = server
    for member in (gym.alice, gym.bob):
        await member.slash(gym.channel, "settings share", share="on")
    await setup_report(gym, mod, reports, day="monday", time="09:00")
    # Week to Sunday 4 January: Alice upper body only, Bob legs only.
    await gym.alice.slash(gym.channel, "log", entry="bench 4x5 80kg; row 4x8 60kg")
    await gym.bob.slash(gym.channel, "log", entry="squat 5x5 100kg; leg press 5x10 150kg")
    await gym.env.advance_time((5 * 24 + 12) * HOUR)  # Tuesday 6 January
    # Week to Sunday 11 January: Alice adds legs, Bob does fewer leg sets, still no upper.
    await gym.alice.slash(gym.channel, "log", entry="bench 4x5 80kg; row 4x8 60kg; squat 4x5 90kg")
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.env.advance_time(6 * 24 * HOUR)  # past Monday 12 January, 09:00

    text = layout_text(reports.history()[-1])
    assert text.startswith("## Weekly balance report · week to 11 Jan 2026")
    assert f"**Most improved balance**\n{gym.alice.mention}" in text


async def test_an_offset_zone_is_shared_with_the_servers_challenges(gym, server):
    mod, reports, _locked = server
    set_up = await mod.slash(
        gym.channel, "report setup", channel=reports, day="friday", time="18:00", timezone="GMT+5"
    )
    assert "every Friday at 18:00 (UTC+5)" in set_up.response.content
    assert "<t:1767358800:F>" in set_up.response.content  # 13:00 UTC on Friday 2 January

    refused = await mod.slash(
        gym.channel, "report setup", channel=reports, day="friday", time="18:00", timezone="EST"
    )
    assert "`America/New_York`" in refused.response.content

    status = await mod.slash(gym.channel, "report status")
    assert {f.name: f.value for f in status.response.embeds[0].fields}["When"] == (
        "Friday 18:00 (UTC+5)"
    )
    created = await gym.alice.slash(
        gym.channel,
        "challenge create",
        name="Leg Week",
        metric="leg_sets",
        goal=6.0,
        starts="2026-01-02",
        ends="2026-01-08",
    )
    assert "Days run in **UTC+5** time (the server's report zone" in (
        created.response.embeds[0].description
    )


async def test_report_now_into_a_channel_without_permission_names_what_and_where(gym, server):
    mod, reports, locked = server
    await setup_report(gym, mod, reports)
    await lose_attach_files(gym, locked)

    result = await mod.slash(gym.channel, "report now")

    assert result.ephemeral
    assert result.response.content == (
        f"I can't post the report in {locked.mention}: I'm missing **Attach Files** there. "
        "Grant it, or pick another channel with `/report setup`."
    )
    assert locked.last_message is None


async def test_report_now_refused_by_discord_names_the_permissions_it_needs(gym, server):
    mod, reports, _locked = server
    await setup_report(gym, mod, reports)
    gym.env.inject_error(
        "POST", f"/channels/{reports.id}/messages", status=403, code=50013, times=1
    )

    result = await mod.slash(gym.channel, "report now")

    message = shown(result)
    assert message.content == (
        f"Discord refused the post in {reports.mention}: I need **View Channel, Send "
        "Messages, Embed Links, Attach Files** there."
    )
    assert "went wrong" not in message.content


async def test_a_failing_scheduled_report_tells_whoever_set_it_up_once(gym, server):
    mod, reports, locked = server
    await setup_report(gym, mod, reports)
    await lose_attach_files(gym, locked)

    await gym.env.advance_time(19 * HOUR)

    dms = mod.user.dm_channel
    assert dms is not None
    [told] = [m for m in dms.history() if m.author.bot]
    assert told.content == (
        f"The weekly Leg Day report in **{gym.guild.name}** couldn't be posted: missing "
        "Attach Files in #locked. Fix that and it posts next week; after 3 failures in a "
        "row it pauses. `/report status` shows how it went."
    )
    await gym.env.advance_time(14 * 24 * HOUR)  # two more failures, then paused
    assert len([m for m in dms.history() if m.author.bot]) == 1
    paused = await mod.slash(gym.channel, "report status")
    assert "Paused" in [f.name for f in paused.response.embeds[0].fields]


async def test_disable_without_a_report_says_there_is_none(gym, server):
    mod, _reports, _locked = server

    result = await mod.slash(gym.channel, "report disable")

    assert result.ephemeral
    assert result.response.content.startswith("There is no weekly report here to stop.")
    assert result.response.components == []


async def test_preview_without_members_says_how_they_opt_in(gym, server):
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")  # not sharing

    result = await gym.alice.slash(gym.channel, "report preview")

    message = shown(result)
    assert "Nobody here shares their training in reports yet" in message.content
    assert "`/settings share on`" in message.content
    assert message.attachments == []
    assert await every(gym.env.bot.store, select(Server)) == []


async def test_the_report_shows_the_groups_body_map_and_what_most_neglect(gym, server):
    mod, reports, _locked = server
    for member in (gym.alice, gym.bob):
        await member.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="bench 4x8 80kg; row 4x8 70kg")
    await gym.bob.slash(gym.channel, "log", entry="bench 4x8 60kg; squat 4x5 100kg")
    await setup_report(gym, mod, reports, day="friday")  # the report leaves today out

    await gym.env.advance_time(43 * HOUR)

    posted = reports.last_message
    [(chart, chart_alt), (body, alt)] = layout_media(posted)
    assert chart.endswith("report.png")
    assert chart_alt.startswith("Chart: each member's hard sets this week (")
    assert "4 lower, 4 upper, 0 core" in chart_alt  # Bob's squats and bench
    assert body.endswith("body.png")
    # Both skipped hamstrings; only Alice skipped quads: half the group is not most of it.
    neglect = "Most of the group did under 4 hard sets for: hamstrings (2 of 2)."
    assert neglect in layout_text(posted)  # said in words on the card too
    assert alt.startswith(neglect)
    assert "quads (" not in alt.split(". Body map")[0]
    assert "Body map of the group's average (2 who trained) sets per muscle" in alt
    assert "quads 2," in alt  # Bob's 4 squat sets over the two who trained
    assert alt.endswith("chest 4.")  # 4 bench sets each


async def test_a_member_who_rested_this_week_is_left_out_of_the_body_maps_average(gym, server):
    mod, reports, _locked = server
    carol = gym.guild.add_member(gym.env.create_user("carol"))
    for member in (gym.alice, gym.bob, carol):
        await member.slash(gym.channel, "settings share", share="on")
    # Carol trained two weeks before: she is in the report, with no sets this week.
    await carol.slash(gym.channel, "log", entry="squat 4x5 100kg", when="2025-12-18")
    await gym.alice.slash(gym.channel, "log", entry="bench 4x8 80kg; row 4x8 70kg")
    await gym.bob.slash(gym.channel, "log", entry="bench 4x8 60kg; squat 4x5 100kg")
    await setup_report(gym, mod, reports, day="friday")

    await gym.env.advance_time(43 * HOUR)

    [(_chart, chart_alt), (_body, alt)] = layout_media(reports.last_message)
    assert "carol 0 lower, 0 upper, 0 core" in chart_alt
    assert "Body map of the group's average (2 who trained) sets per muscle" in alt
    assert "quads 2," in alt  # Bob's 4 squat sets over the two who trained, not three
    assert "hamstrings (2 of 2)" in alt


async def test_where_the_card_is_refused_the_report_goes_out_as_embeds(gym, server):
    mod, reports, _locked = server
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await setup_report(gym, mod, reports)
    gym.env.inject_error("POST", f"/channels/{reports.id}/messages", status=400, times=1)

    await gym.env.advance_time(19 * HOUR)

    [posted] = [m for m in reports.history() if m.author.bot]
    assert not posted.flags.components_v2
    assert posted.embeds[0].title.startswith("Weekly balance report")
    assert posted.embeds[-1].image.url.endswith("body.png")
    assert posted.embeds[-1].description.startswith("Nobody trained this week.")
    assert [a.filename for a in posted.attachments] == ["report.png", "body.png"]
