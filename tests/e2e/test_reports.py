"""/report: setup, preview, the scheduled weekly post, privacy and permission problems."""

from __future__ import annotations

import discord
import pytest
from sqlalchemy import update

from storage.tables import Server
from tests.e2e.conftest import shown

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


async def test_setup_needs_manage_server(gym, server):
    _mod, reports, _locked = server

    result = await setup_report(gym, gym.bob, reports)

    assert result.ephemeral
    assert "Manage Server" in result.response.content
    status = await gym.bob.slash(gym.channel, "report status")
    assert "No weekly report" in status.response.content


async def test_setup_refuses_a_channel_the_bot_cannot_post_in(gym, server):
    mod, _reports, locked = server

    result = await setup_report(gym, mod, locked)

    assert "Attach Files" in result.response.content


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
    text = " ".join(
        f"{e.description} " + " ".join(f.value for f in e.fields) for e in posted.embeds
    )
    assert "**1** member(s) take part" in text
    assert f"<@{gym.alice.id}>" in text
    assert f"<@{gym.bob.id}>" not in text
    assert "/settings share on" in text
    assert [a.filename for a in posted.attachments] == ["report.png"]

    await gym.env.advance_time(24 * HOUR)
    assert len(reports.history()) == 1  # one a week, never twice

    status = await mod.slash(gym.channel, "report status")
    fields = {f.name: f.value for f in status.response.embeds[0].fields}
    assert fields["Last"].startswith("posted")


async def test_opting_out_removes_a_member_from_the_next_report(gym, server):
    mod, reports, _locked = server
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await setup_report(gym, mod, reports)

    await gym.alice.slash(gym.channel, "settings share", share="off")
    await gym.env.advance_time(19 * HOUR)

    text = " ".join(f.value for f in reports.last_message.embeds[0].fields)
    assert f"<@{gym.alice.id}>" not in reports.last_message.embeds[0].description + text


async def test_preview_is_private_and_pages(gym, server):
    await gym.alice.slash(gym.channel, "settings share", share="on")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")

    result = await gym.alice.slash(gym.channel, "report preview")

    assert result.ephemeral
    message = shown(result)
    assert message.embeds[0].title.startswith("Weekly balance report")
    assert [a.filename for a in message.attachments] == ["report.png"]


async def test_a_channel_that_lost_permissions_shows_in_status_and_is_paused(gym, server):
    mod, reports, locked = server
    await setup_report(gym, mod, reports)
    # SimCord cannot revoke the bot's permissions on an existing channel, so point the
    # stored report at a channel where the bot lacks Attach Files, as if it had lost it.
    async with gym.env.bot.store.session() as session:
        await session.execute(update(Server).values(report_channel_id=locked.id))

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
    assert posted.embeds[0].title.startswith("Weekly balance report")
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


async def test_disable_asks_first(gym, server):
    mod, reports, _locked = server
    await setup_report(gym, mod, reports)

    asked = await mod.slash(gym.channel, "report disable")
    await mod.click(asked.response, label="Stop reports")

    status = await mod.slash(gym.channel, "report status")
    assert "No weekly report" in status.response.content
