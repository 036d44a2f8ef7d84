"""The live challenge board: one Components V2 message that edits itself as members log,
at most once every 30 s, with a private "Where am I?" that marks the reader's row."""

from __future__ import annotations

import discord
import pytest
from sqlalchemy import select

from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from storage.tables import Challenge
from tests.e2e.conftest import layout_buttons, layout_text, shown

CHALLENGE = {
    "name": "Leg January",
    "metric": "leg_sets",
    "goal": 12.0,
    "starts": "2026-01-02",
    "ends": "2026-01-15",
}
DAY = 86_400


async def start(gym, **changes):
    """Alice creates it today, Bob joins; it starts tomorrow with the live board post."""
    await gym.alice.slash(gym.channel, "challenge create", **(CHALLENGE | changes))
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    await gym.env.advance_time(DAY + 1)


def board_message(gym) -> discord.Message:
    [board] = [m for m in gym.channel.history() if "live board" in layout_text(m)]
    return board


def edits(gym, message) -> int:
    path = f"/channels/{message.channel.id}/messages/{message.id}"
    return sum(1 for r in gym.env.http_requests if r.method == "PATCH" and r.path == path)


def row_of(text: str, member) -> str:
    return next(line for line in text.splitlines() if member.mention in line)


async def stored(gym) -> Challenge:
    return await gym.env.bot.store.run(
        lambda session: session.execute(select(Challenge)).scalar_one()
    )


async def test_the_start_post_is_a_live_board_laid_out_in_components_v2(gym):
    await start(gym)

    board = board_message(gym)
    assert board.flags.components_v2
    assert board.embeds == []
    assert board.content == ""
    text = layout_text(board)
    assert text.startswith("## 🏋️ Leg January: live board")
    assert "Goal: **12 leg sets** · individual" in text
    assert "2 taking part" in text
    assert layout_buttons(board) == ["Where am I?"]
    [sent] = [r for r in gym.env.http_requests if r.method == "POST" and r.json.get("flags")]
    assert sent.json["allowed_mentions"]["parse"] == []  # names members, pings nobody
    row = await stored(gym)
    assert (row.board_channel_id, row.board_message_id) == (gym.channel.id, board.id)


async def test_the_board_edits_itself_after_a_member_logs(gym):
    await start(gym)
    board = board_message(gym)
    await gym.env.advance_time(60)

    await gym.bob.slash(gym.channel, "log", entry="squat 5x5 100kg")

    updated = board_message(gym)
    assert updated.id == board.id  # the same message, not a new post
    assert "`████░░░░░░` 5" in row_of(layout_text(updated), gym.bob)
    assert edits(gym, board) == 1


async def test_an_edited_board_names_members_but_pings_nobody(gym):
    await start(gym)
    board = board_message(gym)
    await gym.env.advance_time(60)

    await gym.bob.slash(gym.channel, "log", entry="squat 5x5 100kg")

    path = f"/channels/{gym.channel.id}/messages/{board.id}"
    [edit] = [r for r in gym.env.http_requests if r.method == "PATCH" and r.path == path]
    assert gym.bob.mention in layout_text(board_message(gym))
    assert edit.json["allowed_mentions"]["parse"] == []


async def test_it_edits_at_most_once_every_30_seconds_and_then_shows_everything(gym):
    await start(gym)
    board = board_message(gym)
    await gym.env.advance_time(60)
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")
    assert edits(gym, board) == 1

    for _ in range(4):  # a burst of logging within the 30 s
        await gym.env.advance_time(5)
        await gym.alice.slash(gym.channel, "log", entry="squat 1x5 100kg")
    assert edits(gym, board) == 1
    assert row_of(layout_text(board_message(gym)), gym.alice).endswith("`░░░░░░░░░░` 0")

    await gym.env.advance_time(10)  # 30 s after the last edit: one edit with all of it

    assert edits(gym, board) == 2
    assert "`███░░░░░░░` 4" in row_of(layout_text(board_message(gym)), gym.alice)
    await gym.env.advance_time(120)
    assert edits(gym, board) == 2  # nothing new, nothing edited


async def test_undo_updates_the_board_too(gym):
    await start(gym)
    await gym.env.advance_time(60)
    logged = await gym.bob.slash(gym.channel, "log", entry="squat 5x5 100kg")
    await gym.env.advance_time(31)

    await gym.bob.click(logged.response, label="Undo")
    await gym.env.advance_time(1)

    assert "`░░░░░░░░░░` 0" in row_of(layout_text(board_message(gym)), gym.bob)


async def test_where_am_i_answers_privately_with_your_row_marked_in_your_unit(gym):
    await start(gym, metric="lower_volume", goal=10000.0)
    await gym.bob.slash(gym.channel, "settings unit", unit="lb")
    await gym.env.advance_time(60)
    await gym.bob.slash(gym.channel, "log", entry="squat 5x5 100kg")

    mine = await gym.bob.click(board_message(gym), label="Where am I?")

    assert mine.ephemeral
    text = layout_text(mine.response)
    assert row_of(text, gym.bob).endswith("◀ **you**")
    assert not row_of(text, gym.alice).endswith("◀ **you**")
    assert "lb lower volume" in text
    assert "Where am I?" not in layout_buttons(mine.response)
    # The public board reads the same for everyone: in kg, nobody's row marked.
    public = layout_text(board_message(gym))
    assert "◀" not in public
    assert "kg lower volume" in public


async def test_the_board_keeps_its_pace_across_a_restart(gym, settings):
    await start(gym)
    await gym.env.advance_time(60)
    await gym.bob.slash(gym.channel, "log", entry="squat 2x5 100kg")
    board = board_message(gym)
    old = gym.env.bot
    old.clock.stop()
    fresh = LegDayBot(settings, clock=SimulatedClock())
    await gym.env.restart_bot(fresh)
    await old.store.close()

    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")  # 0 s after the edit
    assert edits(gym, board) == 1  # the last edit's time is in the database
    await gym.env.advance_time(31)

    assert edits(gym, board) == 2
    assert "`██░░░░░░░░` 3" in row_of(layout_text(board_message(gym)), gym.alice)
    # The button of a board posted before the restart still answers.
    mine = await gym.alice.click(board_message(gym), label="Where am I?")
    assert row_of(layout_text(mine.response), gym.alice).endswith("◀ **you**")


async def test_the_creator_can_post_the_board_again_elsewhere(gym):
    await start(gym)
    other = gym.guild.create_text_channel("board")

    refused = await gym.bob.slash(other, "challenge board", name="Leg January", post=True)
    assert refused.ephemeral
    assert "Only the challenge's creator" in refused.response.content

    posted = await gym.alice.slash(other, "challenge board", name="Leg January", post=True)

    assert "Live board posted" in shown(posted).content
    [moved] = [m for m in other.history() if "live board" in layout_text(m)]
    row = await stored(gym)
    assert (row.board_channel_id, row.board_message_id) == (other.id, moved.id)
    await gym.env.advance_time(60)
    await gym.bob.slash(gym.channel, "log", entry="squat 2x5 100kg")
    assert edits(gym, moved) == 1
    assert edits(gym, board_message(gym)) == 0  # the old one stopped updating


async def test_a_deleted_board_is_forgotten_not_retried(gym):
    await start(gym)
    board = board_message(gym)
    gym.env.backend.delete_message(gym.channel.id, board.id)
    await gym.env.advance_time(60)

    await gym.bob.slash(gym.channel, "log", entry="squat 2x5 100kg")

    assert (await stored(gym)).board_message_id is None


async def test_where_a_layout_is_refused_the_board_is_an_embed(gym):
    gym.env.inject_error("POST", f"/channels/{gym.channel.id}/messages", status=400, times=1)

    await start(gym)

    [board] = [m for m in gym.channel.history() if m.embeds and "live board" in m.embeds[0].title]
    assert not board.flags.components_v2
    assert (await stored(gym)).board_message_id == board.id


@pytest.mark.parametrize("ended_by", ["end", "time"])
async def test_at_the_end_the_board_shows_the_final_standings(gym, ended_by):
    await start(gym)
    await gym.env.advance_time(60)
    await gym.bob.slash(gym.channel, "log", entry="squat 5x5 100kg")
    if ended_by == "end":
        asked = await gym.alice.slash(gym.channel, "challenge end", name="Leg January")
        await gym.alice.click(asked.response, label="End it")
    else:
        await gym.env.advance_time(14 * DAY)
    await gym.env.advance_time(31)

    [final] = [m for m in gym.channel.history() if "final standings" in layout_text(m)]
    text = layout_text(final)
    assert final.id == (await stored(gym)).board_message_id
    assert text.startswith("## 🏆 Leg January: final standings")
    assert "join with" not in text


async def test_where_am_i_offers_joining_only_while_one_still_can(gym):
    await start(gym)
    cleo = gym.guild.add_member(gym.env.create_user("cleo"))
    open_board = await cleo.click(board_message(gym), label="Where am I?")
    assert "You're not on this board. Join with `/challenge join`." in layout_text(
        open_board.response
    )

    asked = await gym.alice.slash(gym.channel, "challenge end", name="Leg January")
    await gym.alice.click(asked.response, label="End it")
    await gym.env.advance_time(31)

    [final] = [m for m in gym.channel.history() if "final standings" in layout_text(m)]
    ended = await cleo.click(final, label="Where am I?")
    text = layout_text(ended.response)
    assert "You're not on this board." in text
    assert "join" not in text.lower()


async def test_someone_joining_late_appears_on_the_board(gym):
    await start(gym)
    late = gym.guild.add_member(gym.env.create_user("cleo"))

    await late.slash(gym.channel, "challenge join", name="Leg January")
    await gym.env.advance_time(30)

    text = layout_text(board_message(gym))
    assert "3 taking part" in text
    assert late.mention in text
