"""Challenges end to end: create, join, log, board, announcements and who may end them.

SimCord starts at Thursday 2026-01-01 00:00 UTC; the server's time zone is UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

import discord
import pytest
from sqlalchemy import delete, func, select, update

from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from storage import challenge_board
from storage.tables import Challenge, ChallengeMember, Delivery, Schedule
from tests.db import every, first
from tests.e2e.conftest import layout_text

HOUR = 3600
DAY = 24 * HOUR
CHALLENGE = {
    "name": "Leg January",
    "metric": "leg_sets",
    "goal": 6.0,
    "starts": "2026-01-01",
    "ends": "2026-01-14",
}


async def until(gym, moment: datetime) -> None:
    await gym.env.advance_time((moment - gym.env.now()).total_seconds())


def posts(gym, title_part: str) -> list[discord.Message]:
    return [
        m
        for m in gym.channel.history()
        if m.author.bot and m.embeds and title_part in (m.embeds[0].title or "")
    ]


def live_boards(gym) -> list[discord.Message]:
    """The live boards in the channel: the start post is one."""
    return [m for m in gym.channel.history() if m.author.bot and "live board" in layout_text(m)]


async def started(gym, **changes):
    result = await gym.alice.slash(gym.channel, "challenge create", **(CHALLENGE | changes))
    await gym.env.advance_time(1)  # the start post
    return result


async def count(gym, table) -> int:
    return await first(gym.env.bot.store, select(func.count()).select_from(table))


async def test_a_failed_start_post_is_retried_within_minutes(gym):
    gym.env.inject_error("POST", f"/channels/{gym.channel.id}/messages", status=503, times=1)
    await started(gym)
    assert live_boards(gym) == []

    await gym.env.advance_time(2 * 60)

    assert len(live_boards(gym)) == 1


async def schedule_row(gym) -> Schedule:
    return await gym.env.bot.store.run(
        lambda session: session.execute(select(Schedule)).scalar_one()
    )


async def test_the_start_post_waits_for_the_first_day_and_goes_out_once(gym, settings):
    await started(gym, starts="2026-01-03")  # a Saturday
    await gym.env.advance_time(HOUR)
    assert live_boards(gym) == []

    await until(gym, datetime(2026, 1, 3, 0, 0, 1, tzinfo=UTC))
    assert len(live_boards(gym)) == 1
    row = await schedule_row(gym)
    assert (row.kind, row.next_due_at) == ("challenge", datetime(2026, 1, 10, tzinfo=UTC))

    # A dispatcher killed after the post but before recording it: a fresh process gets
    # the same occurrence again, and posts nothing twice.
    old = gym.env.bot
    old.clock.stop()

    def forget_the_delivery(session):
        session.execute(delete(Delivery))
        session.execute(update(Schedule).values(next_due_at=datetime(2026, 1, 3, tzinfo=UTC)))

    await old.store.run(forget_the_delivery)
    await gym.env.restart_bot(LegDayBot(settings, clock=SimulatedClock()))
    await old.store.close()
    await gym.env.advance_time(HOUR)

    assert len(live_boards(gym)) == 1
    assert (await schedule_row(gym)).next_due_at == datetime(2026, 1, 10, tzinfo=UTC)
    handled = await gym.env.bot.store.run(
        lambda session: session.execute(select(Delivery.due_at, Delivery.outcome)).all()
    )
    assert [tuple(row) for row in handled] == [(datetime(2026, 1, 3, tzinfo=UTC), "nothing_due")]


async def test_a_start_post_failing_for_an_hour_goes_out_once_discord_is_back(gym):
    gym.env.inject_error("POST", f"/channels/{gym.channel.id}/messages", status=503, times=None)
    await started(gym)
    await gym.env.advance_time(HOUR)
    assert live_boards(gym) == []
    row = await schedule_row(gym)
    assert row.attempts >= 3  # tried again, with pauses
    assert row.retry_at is not None

    gym.env.backend.faults.clear()  # Discord is back
    await gym.env.advance_time(HOUR)

    assert len(live_boards(gym)) == 1
    delivered = await every(gym.env.bot.store, select(Delivery.outcome))
    assert delivered == ["sent"]


async def test_create_join_log_and_see_the_board(gym):
    created = await started(gym)
    assert not created.ephemeral
    assert created.response.embeds[0].title == "Challenge created: Leg January"
    assert len(live_boards(gym)) == 1

    choices = await gym.bob.autocomplete(gym.channel, "challenge join", "name", "jan")
    assert [c["value"] for c in choices] == ["Leg January"]
    joined = await gym.bob.slash(gym.channel, "challenge join", name="leg january")
    assert joined.ephemeral
    assert "You joined **Leg January**" in joined.response.content

    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg; bench 3x5 80kg")
    await gym.bob.slash(gym.channel, "log", entry="squat 5x5 100kg")

    board = await gym.alice.slash(gym.channel, "challenge board", name="Leg January")
    assert board.ephemeral
    text = board.response.embeds[0].description
    assert "Goal: **6 leg sets** · individual" in text
    lines = text.splitlines()
    bob_line = next(line for line in lines if gym.bob.mention in line)
    alice_line = next(line for line in lines if gym.alice.mention in line)
    assert lines.index(bob_line) < lines.index(alice_line)
    assert bob_line.startswith("🥇")
    assert "`████████░░` 5" in bob_line
    assert alice_line.startswith("🥈")
    assert "`█████░░░░░` 3" in alice_line


async def test_boards_are_scored_when_the_bot_is_ready_so_the_first_view_scores_nobody(
    gym, monkeypatch
):
    await started(gym)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    await gym.bob.slash(gym.channel, "log", entry="squat 5x5 100kg")
    cog = gym.env.bot.get_cog("Challenges")
    cog.boards = cog.posts.boards = challenge_board.BoardCache()  # as after a restart
    await cog.on_ready()  # what discord.py runs once this process's shards are connected

    scored = challenge_board._scored
    rescored = []

    def watched(session, challenge, people, everyone):
        rescored.extend(people)
        return scored(session, challenge, people, everyone)

    monkeypatch.setattr(challenge_board, "_scored", watched)
    board = await gym.alice.slash(gym.channel, "challenge board", name="Leg January")
    assert rescored == []
    bob_line = next(
        line
        for line in board.response.embeds[0].description.splitlines()
        if gym.bob.mention in line
    )
    assert "`████████░░` 5" in bob_line


async def test_the_end_is_announced_once_with_the_winner_and_a_badge(gym):
    await started(gym, goal=3.0)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.alice.slash(gym.channel, "log", entry="squat 2x5 100kg")

    await until(gym, datetime(2026, 1, 8, 0, 0, 1, tzinfo=UTC))
    assert len(posts(gym, "Leg January: week 1 done")) == 1

    await until(gym, datetime(2026, 1, 15, 0, 0, 1, tzinfo=UTC))
    await gym.env.advance_time(2 * DAY)
    [end] = posts(gym, "Leg January is over")
    assert end.content == f"Winner: {gym.bob.mention}. A badge is on their profile."
    assert len(posts(gym, "week 2 done")) == 0  # the end replaces the last weekly post

    badges = await gym.alice.slash(gym.channel, "challenge badges", member=gym.bob)
    assert "🏅 **Leg January**" in badges.response.embeds[0].description
    runner_up = await gym.alice.slash(gym.channel, "challenge badges")
    assert "Leg January" not in runner_up.response.embeds[0].description  # only winners
    profile = await gym.bob.slash(gym.channel, "settings show")
    fields = {f.name: f.value for f in profile.response.embeds[0].fields}
    assert fields["🏅 Badges"] == "Leg January"
    closed = await gym.alice.slash(gym.channel, "challenge join", name="Leg January")
    assert "is over" in closed.response.content
    assert (await schedule_row(gym)).status == "done"
    await gym.env.advance_time(8 * DAY)
    assert len(posts(gym, "Leg January is over")) == 1


async def test_a_team_short_of_its_goal_is_told_how_far_it_got_and_no_join_is_offered(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")
    await started(gym, name="Squat Off", metric="lower_volume", goal=4000.0, team=True)
    await gym.bob.slash(gym.channel, "challenge join", name="Squat Off")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 225lb")
    await gym.env.advance_time(60)

    asked = await gym.alice.slash(gym.channel, "challenge end", name="Squat Off")
    await gym.alice.click(asked.response, label="End it")

    [end] = posts(gym, "Squat Off is over")
    assert end.content == (
        "The team fell short of its goal: 3,375 of 4,000 lb lower volume. No badges this time."
    )
    assert end.embeds[0].footer.text == (
        "Volumes in lb, the creator's unit; /challenge board shows yours"
    )


@pytest.mark.parametrize("team", [False, True])
async def test_a_challenge_nobody_scored_in_ends_without_a_winner(gym, team):
    await started(gym, team=team)
    asked = await gym.alice.slash(gym.channel, "challenge end", name="Leg January")
    await gym.alice.click(asked.response, label="End it")

    [end] = posts(gym, "Leg January is over")
    assert end.content == "No winner this time: nobody scored."
    assert end.embeds[0].footer.text == "Full board: /challenge board"


async def test_without_anyone_at_the_goal_the_best_score_wins(gym):
    await started(gym, goal=10.0)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await gym.alice.slash(gym.channel, "log", entry="squat 2x5 100kg")

    await until(gym, datetime(2026, 1, 15, 0, 0, 1, tzinfo=UTC))

    [end] = posts(gym, "Leg January is over")
    assert end.content == (
        f"Nobody reached the goal, so the best score wins: {gym.bob.mention}. "
        "A badge is on their profile."
    )


async def test_a_one_day_challenge_counts_that_day_and_ends_at_its_midnight(gym):
    made = await gym.alice.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"starts": "tomorrow", "ends": "tomorrow"})
    )
    assert made.response.embeds[0].title == "Challenge created: Leg January"
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")  # the day before
    await until(gym, datetime(2026, 1, 2, 23, 0, tzinfo=UTC))
    await gym.alice.slash(gym.channel, "log", entry="squat 2x5 100kg")
    await until(gym, datetime(2026, 1, 3, 0, 0, 1, tzinfo=UTC))
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg")  # the day after
    await gym.env.advance_time(60)

    [end] = posts(gym, "Leg January is over")
    assert f"{gym.alice.mention} `███░░░░░░░` 2" in end.embeds[0].description


async def test_only_the_creator_or_manage_server_may_end_it(gym):
    await started(gym)
    refused = await gym.bob.slash(gym.channel, "challenge end", name="Leg January")
    assert refused.ephemeral
    assert "**Manage Server**" in refused.response.content

    mods = gym.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    carol = gym.guild.add_member(gym.env.create_user("carol"), roles=[mods])
    asked = await carol.slash(gym.channel, "challenge end", name="Leg January")
    assert "End **Leg January** now?" in asked.response.content
    pressed_at = gym.env.now()
    await carol.click(asked.response, label="End it")

    assert len(posts(gym, "Leg January is over")) == 1
    ended_at = await gym.env.bot.store.run(
        lambda session: session.execute(select(Challenge.ended_at)).scalar_one()
    )
    assert ended_at == pressed_at
    again = await carol.slash(gym.channel, "challenge end", name="Leg January")
    assert again.ephemeral
    assert again.response.content == "**Leg January** has ended already."


async def test_the_creator_may_end_it_and_cancelling_changes_nothing(gym):
    await started(gym)
    asked = await gym.alice.slash(gym.channel, "challenge end", name="Leg January")
    kept = await gym.alice.click(asked.response, label="Keep it")

    assert kept.response.content == "Cancelled. Nothing was changed."
    assert [c.ended_at for c in await every(gym.env.bot.store, select(Challenge))] == [None]
    await gym.env.advance_time(HOUR)
    assert posts(gym, "is over") == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"starts": "01/02/2026"}, "I couldn't read the day `01/02/2026`"),
        ({"starts": "thursday"}, "Today is Thursday: say `today`, or `2026-01-08`"),
        ({"starts": "2025-12-31"}, "The start is in the past"),
        ({"starts": "2026-01-02", "ends": "2026-01-01"}, "The end is before the start"),
        (
            {"metric": "streak", "goal": 1.0, "ends": "2026-01-01"},
            "A `streak` challenge needs at least 2 days, as it counts weeks with 2 leg days, "
            "and a day is one at most, e.g. `starts:2026-01-01 ends:2026-01-02`.",
        ),
        ({"ends": "2026-12-31"}, "at most 26 weeks"),
        ({"goal": 0.0}, "The goal must be a number from 0.1"),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_stored(gym, changes, message):
    result = await gym.alice.slash(gym.channel, "challenge create", **(CHALLENGE | changes))
    assert result.ephemeral
    assert message in result.response.content
    assert await count(gym, Challenge) == 0


async def test_it_starts_today_or_tomorrow_or_on_a_weekday_as_typed(gym):
    # SimCord's day one is Thursday 2026-01-01.
    for name, starts, first_day in [
        ("Today", "today", datetime(2026, 1, 1, tzinfo=UTC)),
        ("Tomorrow", "tomorrow", datetime(2026, 1, 2, tzinfo=UTC)),
        ("Monday", "monday", datetime(2026, 1, 5, tzinfo=UTC)),
    ]:
        made = await gym.alice.slash(
            gym.channel, "challenge create", **(CHALLENGE | {"name": name, "starts": starts})
        )
        assert made.response.embeds[0].title == f"Challenge created: {name}"
        [stored] = [c for c in await every(gym.env.bot.store, select(Challenge)) if c.name == name]
        assert stored.starts_at == first_day


async def test_a_taken_name_is_refused_whatever_its_case_and_spaces(gym):
    await started(gym)
    again = await gym.bob.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"name": "leg  JANUARY"})
    )
    assert again.ephemeral
    assert again.response.content == (
        "**Leg January** is already a challenge here: pick another name, e.g. `leg JANUARY 2`."
    )
    assert await count(gym, Challenge) == 1


@pytest.mark.parametrize("typed", ['"Squat Off"', "“Squat Off”", "'Squat Off'", "‘Squat Off’"])
async def test_a_name_typed_in_quotes_is_the_name_without_them(gym, typed):
    created = await started(gym, name=typed)
    assert created.response.embeds[0].title == "Challenge created: Squat Off"

    choices = await gym.bob.autocomplete(gym.channel, "challenge join", "name", "squat")
    assert [c["value"] for c in choices] == ["Squat Off"]
    joined = await gym.bob.slash(gym.channel, "challenge join", name=typed)
    assert "You joined **Squat Off**" in joined.response.content

    # The same name without quotes is the same challenge: one board, not two.
    again = await gym.bob.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"name": "Squat Off"})
    )
    assert again.response.content.startswith("**Squat Off** is already a challenge here")
    listed = await gym.bob.slash(gym.channel, "challenge list")
    [only] = listed.response.embeds[0].description.splitlines()
    assert only.startswith("**Squat Off**: ")


async def test_an_open_challenge_named_in_quotes_before_takes_its_name_without_them(gym):
    # Made before typed quotes were taken off: its name kept them.
    await started(gym)
    await gym.env.bot.store.run(
        lambda session: session.execute(
            update(Challenge).values(name='"Squat Off"', name_key='"squat off"')
        )
    )

    again = await gym.bob.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"name": "Squat Off"})
    )

    assert again.response.content.startswith('**"Squat Off"** is already a challenge here')
    assert await count(gym, Challenge) == 1
    # Still found by the name it shows, as autocomplete offers it.
    [choice] = await gym.bob.autocomplete(gym.channel, "challenge join", "name", "squat")
    joined = await gym.bob.slash(gym.channel, "challenge join", name=choice["value"])
    assert 'You joined **"Squat Off"**' in joined.response.content
    # Once it is over, the name is free again.
    await until(gym, datetime(2026, 1, 15, tzinfo=UTC))
    later = {"name": "Squat Off", "starts": "2026-01-16", "ends": "2026-01-31"}
    made = await gym.bob.slash(gym.channel, "challenge create", **(CHALLENGE | later))
    assert made.response.embeds[0].title == "Challenge created: Squat Off"


async def test_leaving_asks_first(gym):
    await started(gym)
    asked = await gym.alice.slash(gym.channel, "challenge leave", name="Leg January")
    assert asked.ephemeral
    assert asked.response.content == "Leave **Leg January**? Your place on the board goes with you."
    assert await count(gym, ChallengeMember) == 1  # nothing done before she confirms
    stayed = await gym.alice.click(asked.response, label="Stay")
    assert stayed.response.content == "Cancelled. Nothing was changed."
    assert await count(gym, ChallengeMember) == 1

    again = await gym.alice.slash(gym.channel, "challenge leave", name="Leg January")
    left = await gym.alice.click(again.response, label="Leave")

    assert left.response.content == "You left **Leg January**."
    assert await count(gym, ChallengeMember) == 0


async def test_a_moderator_excludes_an_entry_and_the_board_says_so(gym):
    await started(gym)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    await gym.bob.slash(gym.channel, "log", entry="squat 5x5 400kg")
    mods = gym.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    carol = gym.guild.add_member(gym.env.create_user("carol"), roles=[mods])

    refused = await gym.alice.slash(
        gym.channel, "challenge exclude", name="Leg January", member=gym.bob
    )
    assert "need the **Manage Server** permission" in refused.response.content

    [choice] = await carol.autocomplete(
        gym.channel, "challenge exclude", "entry", "", name="Leg January", member=gym.bob
    )
    assert choice["name"].startswith("2026-01-01 Back Squat")
    done = await carol.slash(
        gym.channel,
        "challenge exclude",
        name="Leg January",
        member=gym.bob,
        entry=choice["value"],
    )
    assert done.ephemeral

    board = await gym.alice.slash(gym.channel, "challenge board", name="Leg January")
    embed = board.response.embeds[0]
    bob_line = next(line for line in embed.description.splitlines() if gym.bob.mention in line)
    assert bob_line.endswith(" 0")
    assert embed.fields[0].value == "Excluded by moderators: 5 sets."


async def test_per_side_sets_count_both_sides_in_log_records_and_the_challenge(gym):
    await started(gym, name="Leg Volume", metric="lower_volume", goal=5000.0)

    logged = await gym.alice.slash(gym.channel, "log", entry="bss 3x10 each 24kg")
    await gym.env.advance_time(DAY)
    await gym.alice.slash(gym.channel, "log", entry="bss 3x10 each 20kg")

    assert "volume 1440 kg" in logged.response.embeds[0].fields[0].value
    records = await gym.alice.slash(gym.channel, "pr", exercise="bss")
    assert "Best day's volume: 1440 kg" in records.response.embeds[0].fields[0].value
    board = await gym.alice.slash(gym.channel, "challenge board", name="Leg Volume")
    alice_line = next(
        line
        for line in board.response.embeds[0].description.splitlines()
        if gym.alice.mention in line
    )
    assert alice_line.endswith(" 2,640 ◀ **you**")  # 1,440 + 1,200 kg, both sides; hers


async def test_volume_goals_boards_and_the_exclude_list_are_in_each_persons_unit(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")
    created = await started(gym, name="Leg Volume", metric="lower_volume", goal=20000.0)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg Volume")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 225")
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")

    assert "Goal: **20,000 lb lower volume**" in created.response.embeds[0].description
    in_lb = (await gym.alice.slash(gym.channel, "challenge board", name="Leg Volume")).response
    in_kg = (await gym.bob.slash(gym.channel, "challenge board", name="Leg Volume")).response
    assert "Goal: **20,000 lb lower volume**" in in_lb.embeds[0].description
    assert "Goal: **9,071.8 kg lower volume**" in in_kg.embeds[0].description
    assert f"{gym.alice.mention} `█░░░░░░░░░` 3,375" in in_lb.embeds[0].description
    assert f"{gym.alice.mention} `█░░░░░░░░░` 1,530.9" in in_kg.embeds[0].description
    assert f"{gym.bob.mention} `█░░░░░░░░░` 3,306.9" in in_lb.embeds[0].description
    listed = await gym.alice.slash(gym.channel, "challenge list")
    assert "20,000 lb lower volume" in listed.response.embeds[0].description

    # A moderator in lb (the entry list is for Manage Server only) reads it in lb.
    mods = gym.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    carol = gym.guild.add_member(gym.env.create_user("carol"), roles=[mods])
    await carol.slash(gym.channel, "settings unit", unit="lb")
    choices = await carol.autocomplete(
        gym.channel, "challenge exclude", "entry", "", name="Leg Volume", member=gym.bob
    )
    assert [c["name"] for c in choices] == [
        f"{choices[0]['name'][:10]} Back Squat 3 x 5 at 220.5 lb"
    ]


async def test_the_list_shows_open_and_lately_ended_challenges_privately(gym):
    await started(gym)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg January")
    await gym.alice.slash(
        gym.channel,
        "challenge create",
        **(CHALLENGE | {"name": "Team February", "starts": "2026-02-01", "ends": "2026-02-28"}),
        team=True,
    )

    listed = await gym.bob.slash(gym.channel, "challenge list")

    assert listed.ephemeral
    january, february = listed.response.embeds[0].description.splitlines()
    assert january.startswith("**Leg January**: 6 leg sets, ")
    assert january.endswith("2 taking part")
    assert february.startswith("**Team February**: 6 leg sets (team), ")
    assert february.endswith("1 taking part")

    await until(gym, datetime(2026, 1, 20, tzinfo=UTC))  # Leg January is over
    [january, _] = (
        (await gym.bob.slash(gym.channel, "challenge list"))
        .response.embeds[0]
        .description.splitlines()
    )
    assert january.endswith("2 taking part · ended")

    await until(gym, datetime(2026, 2, 20, tzinfo=UTC))  # ended over 30 days ago
    [only] = (
        (await gym.bob.slash(gym.channel, "challenge list"))
        .response.embeds[0]
        .description.splitlines()
    )
    assert only.startswith("**Team February**")


async def test_an_empty_list_says_how_to_start_one(gym):
    listed = await gym.alice.slash(gym.channel, "challenge list")

    assert listed.ephemeral
    assert "Start one with `/challenge create`" in listed.response.embeds[0].description


async def test_channel_posts_show_volumes_in_the_creators_unit_and_say_so(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")
    await started(gym, name="Leg Volume", metric="lower_volume", goal=20000.0)
    await gym.bob.slash(gym.channel, "challenge join", name="Leg Volume")
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 225")
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")

    await until(gym, datetime(2026, 1, 8, 0, 0, 1, tzinfo=UTC))

    [week] = posts(gym, "Leg Volume: week 1 done")
    text = week.embeds[0].description
    assert "Goal: **20,000 lb lower volume**" in text
    assert f"{gym.alice.mention} `█░░░░░░░░░` 3,375" in text
    assert f"{gym.bob.mention} `█░░░░░░░░░` 3,306.9" in text
    assert "Volumes in lb, the creator's unit" in week.embeds[0].footer.text


async def test_posts_of_a_count_challenge_carry_no_unit_note(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")
    await started(gym)

    [board] = live_boards(gym)
    assert "Goal: **6 leg sets**" in layout_text(board)
    assert "unit" not in layout_text(board)


async def test_the_live_board_of_a_volume_challenge_is_in_the_creators_unit(gym):
    await gym.alice.slash(gym.channel, "settings unit", unit="lb")
    await started(gym, name="Leg Volume", metric="lower_volume", goal=20000.0)
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 225")

    [board] = live_boards(gym)
    text = layout_text(board)
    assert "Goal: **20,000 lb lower volume**" in text
    assert "volumes in lb, the creator's unit" in text


async def test_no_post_of_a_challenge_can_ping_everyone_or_a_role(gym):
    """A name is typed by a member and posts name members: @everyone and roles never ping,
    in the bot's every post, reply and edit, from creation to the end announcement."""
    await started(gym, name="@everyone legs", goal=3.0)
    await gym.bob.slash(gym.channel, "challenge join", name="@everyone legs")
    await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg")
    await until(gym, datetime(2026, 1, 15, 0, 0, 1, tzinfo=UTC))
    await gym.env.advance_time(2 * DAY)
    assert len(posts(gym, "@everyone legs is over")) == 1

    allowed = [
        r.json["allowed_mentions"]
        for r in gym.env.http_requests
        if isinstance(r.json, dict) and "allowed_mentions" in r.json
    ]
    assert allowed
    assert all(not {"everyone", "roles"} & set(a.get("parse", [])) for a in allowed)
