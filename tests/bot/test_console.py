"""`legday console`: a persistent simulated server driven by typed lines, in process."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.console import console_session, relative, run_console
from bot.settings import Settings


async def console(tmp_path: Path, script: str, *, demo: bool = False) -> str:
    url = f"sqlite:///{tmp_path / 'data' / 'console.db'}"
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    out: list[str] = []
    await run_console(settings, io.StringIO(script), out.append, demo=demo)
    return "".join(out)


async def test_log_history_and_records_in_the_terminal(tmp_path):
    out = await console(
        tmp_path,
        "/log squat 3x5 100kg @8\n/history\n/pr squat\nwait 1d\n/log squat 3x5 110kg @8\n",
    )
    assert "== Logged Back Squat: 3 x 5 at 100 kg @8 ==" in out
    assert "[Undo]" in out
    assert "== Your history ==" in out
    assert "Best e1RM: **123.3 kg**" in out
    assert "best e1RM 135.6 kg (was 123.3 kg)" in out
    assert (tmp_path / "data" / "console.db").exists()


async def test_the_same_server_and_data_on_the_next_start(tmp_path):
    await console(tmp_path, "member add lifter2\nas lifter2\n/log bench 3x5 80kg\nwait 3d\n")
    out = await console(tmp_path, "as lifter2\nmembers\n/history\n")

    assert "@you owner, Manage Server" in out
    assert "@lifter2 <- you" in out
    assert "Bench Press 3 x 5 at 80 kg" in out
    saved = json.loads((tmp_path / "data" / "console.world.json").read_text())
    assert [m["name"] for m in saved["members"]] == ["you", "lifter2"]


async def test_a_report_set_up_on_one_start_posts_on_a_later_one(tmp_path):
    # The report channel is stored by id: #reports must have the same id on every start.
    setup = await console(
        tmp_path,
        "/settings share on\n/log squat 3x5 100kg\n/report setup #reports monday 09:00 UTC\n",
    )
    assert "Weekly report set: every Monday at 09:00 (UTC) in #reports" in setup

    out = await console(tmp_path, "wait 7d\n")

    posted = re.search(r"bot \[#reports, [^\]]+\]> == Weekly balance report", out)
    assert posted is not None, out
    saved = re.search(r"saved as (\S+report\.png)", out)
    assert saved is not None
    with Path(saved.group(1)).open("rb") as image:  # noqa: ASYNC230
        assert image.read(4) == b"\x89PNG"


async def test_members_with_their_own_unit_and_zone_and_a_mention(tmp_path):
    soon = datetime.now(UTC).date()  # the console starts at the real time
    out = await console(
        tmp_path,
        "member add lifter3 --unit lb --zone America/New_York\n"
        "as lifter3\n/settings show\n/challenge create name:Test metric:leg_sets goal:10 "
        f"starts:{soon + timedelta(days=30)} ends:{soon + timedelta(days=50)}\n"
        "as you\n/challenge badges @lifter3\n",
    )
    assert "Weights are now in lb" in out
    assert "Time zone set: America/New_York" in out
    assert "Challenge created: Test" in out
    assert "America/New_York" in out.split("Challenge created: Test")[-1]  # their zone
    # Asked by someone else, the mention is the one whose badges are shown.
    assert "== lifter3's challenge badges ==" in out.split("/challenge badges @lifter3")[-1]


async def test_checkin_step_by_step_with_the_pain_form_filled_by_field(tmp_path):
    out = await console(
        tmp_path,
        "/checkin\npick Sleep: 3\npick Soreness: 2\nclick Next: pain and safety\n"
        "click I have pain\ntype score:5 days:21 where:knee worse:no\n"
        "pick None of these\nclick Submit\n",
    )
    assert "Ambiguous" not in out
    assert "was not supplied" not in out
    # Each pick shows as picked on the menu it was made in, as Discord's client shows it.
    first_step = out.split("[form: ")[0].rsplit("== Check-in, step 1 of 2 ==", 1)[-1]
    assert re.findall(r"\d\. (.+) \(picked\)", first_step) == ["6 hours", "1: A little"]
    assert "Pain: 5/10, knee, for 21 days" in out
    assert "See professional" in out


async def test_undo_on_a_dm_log_and_buttons_by_number(tmp_path):
    out = await console(tmp_path, "bench 80kg 5,5,4\nclick Undo\n/log squat 3x5 100kg\nclick 1\n")
    assert "bot [DM to you" in out
    assert out.count("Undone: removed") == 2


async def test_several_lines_by_backslash_and_by_block(tmp_path):
    out = await console(
        tmp_path,
        '/log squat 3x5 100kg\\\nbench 3x5 80kg\n/log """\nrow 3x8 60kg\ncurls 3x10 15kg\n"""\n',
    )
    assert out.count("== Logged 2 exercises ==") == 2
    assert "Barbell Row" in out


async def test_buttons_menus_and_forms(tmp_path):
    out = await console(
        tmp_path,
        "/log squat 3x5 100kg\n/history\npick 1\nclick Edit\ntype squat 2x2 120kg\n/history\n",
    )
    assert "[form: Edit entry]" in out
    assert "Saved: Back Squat 2 x 2 at 120 kg" in out


async def test_plain_text_is_a_dm_and_mistakes_are_explained(tmp_path):
    out = await console(
        tmp_path,
        "bench 80kg 5,5,4\n/log squat 3x5 100kg 🍌\n/nosuch\nclick Nope\n"
        "/report setup #nowhere monday 09:00 UTC\nas nobody\n",
    )
    assert "== Logged Bench Press" in out
    assert "Nothing was logged." in out
    assert "Unknown command" in out
    assert "No button matches `Nope`" in out
    assert "`channel` takes a channel: #gym, #reports, #general." in out
    assert "No member called nobody" in out


async def test_what_discord_would_refuse_is_explained_not_a_crash(tmp_path):
    out = await console(tmp_path, "/history days:0\n/history days:abc\n")
    assert "Discord would not send that: Option 'days' of 'history' must be ≥ 1" in out
    assert "`days` takes a number, e.g. `days:30`." in out


async def test_options_go_by_the_names_discord_shows(tmp_path):
    # /data import's `mapping` is `map` in Discord (app_commands.rename).
    out = await console(tmp_path, "/data import map:squatz = back squat\n")
    assert "Attach your export: `/data import file:`" in out
    assert "Discord would not send that" not in out


async def test_an_export_on_this_computer_is_imported_by_its_path(tmp_path):
    export = Path(__file__).parents[1] / "fixtures" / "imports" / "strong_comma.csv"
    out = await console(
        tmp_path,
        f"/settings timezone UTC\n/data import file:{export}\nclick Import 24 sets\n"
        f"/data import file:{tmp_path / 'nowhere.csv'}\n",
    )
    assert "== Import strong_comma.csv? ==" in out
    assert "Imported 24 sets from Strong." in out
    nowhere = tmp_path / "nowhere.csv"
    assert f"e.g. `file:~/strong.csv`: I couldn't read `{nowhere}`." in out
    assert "`file` takes a file on this computer" in out


async def test_time_passing_shows_the_reminders_the_bot_sends_by_dm(tmp_path):
    out = await console(
        tmp_path,
        "/settings timezone UTC\n/reminder legday daily 18:00\nwait 1d\nclick Snooze 1 h\n",
    )
    reminder = re.search(r"bot \[DM to you, [^\]]+\]> .*\n(?:     .*\n)*", out)
    assert reminder is not None, out
    assert "[Log it]" in reminder.group(0)
    assert "Snoozed. I'll remind you again" in out


async def test_simulated_time_keeps_pace_with_the_real_clock_between_lines(tmp_path):
    """A newcomer typing for a few minutes is not held behind the rate limit for good, sees
    their logs dated when they typed them, and gets a reminder when its time comes."""
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'c.db'}")  # type: ignore[call-arg]
    out: list[str] = []
    async with console_session(settings, out.append) as console:
        started = datetime.now(UTC)
        console.real_now = lambda: started
        in_five = (started + timedelta(minutes=5)).strftime("%H:%M")
        await console.handle(f"/reminder legday daily {in_five}")  # asks for a zone first
        await console.handle("/settings timezone UTC")
        await console.handle(f"/reminder legday daily {in_five}")
        for _ in range(6):
            await console.handle("/pr")
        await console.handle("/pr")
        assert "Slow down a little" in out[-1]  # the ninth in 20 s, as on Discord
        console.real_now = lambda: started + timedelta(minutes=6)
        before = len(out)
        await console.handle("/log squat 3x5 100kg")
    shown = "".join(out[before:])
    assert "Slow down" not in shown
    reminder = shown.index("bot [DM to you, ")
    assert reminder < shown.index("== Logged Back Squat")  # it came first
    logged_at = started + timedelta(minutes=6)
    assert f"Done {logged_at:%Y-%m-%d %H:%M} UTC" in shown


async def test_enter_alone_shows_what_came_meanwhile(tmp_path):
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'c.db'}")  # type: ignore[call-arg]
    out: list[str] = []
    async with console_session(settings, out.append) as console:
        started = datetime.now(UTC)
        console.real_now = lambda: started
        await console.handle("/settings timezone UTC")
        await console.handle("/rest seconds:60")
        console.real_now = lambda: started + timedelta(minutes=2)
        before = len(out)
        await console.handle("")
    assert "Rest over" in "".join(out[before:])


async def test_the_demo_gym_has_four_weeks_to_show(tmp_path):
    out = await console(
        tmp_path,
        "members\n/balance\nas ben\n/balance\n/report preview\n/challenge board Leg Day Month\n",
        demo=True,
    )
    for name in ("@ben", "@cleo", "@dan"):
        assert name in out
    assert "Legs skipped" in out  # ben skips legs
    assert "== Weekly balance report" in out
    assert "Leg Day Month: leaderboard" in out
    assert "@cleo" in out.split("leaderboard")[-1]
    again = await console(tmp_path, "as dan\n/pr\n", demo=True)
    assert "lb**" in again  # dan trains in pounds, and the demo is not replayed twice


async def test_a_reminders_log_it_form_is_filled_in_the_dm(tmp_path):
    out = await console(
        tmp_path,
        "/settings timezone UTC\n/reminder legday daily 18:00\nwait 1d\nclick Log it\n"
        "type squat 3x5 100kg\n/history\n",
    )
    assert "[form: Log your sets]" in out
    assert "== Logged Back Squat: 3 x 5 at 100 kg ==" in out
    assert "Back Squat 3 x 5 at 100 kg" in out.split("== Your history ==")[-1]


async def test_a_forms_filled_in_field_is_sent_unless_typed_over(tmp_path):
    before = datetime.now(UTC)
    out = await console(tmp_path, "/log when:yesterday\ntype entry:squat 3x5 100kg\n")
    after = datetime.now(UTC)
    assert "filled in: yesterday (type another to change it)" in out
    done = re.search(r"Done (\d{4}-\d\d-\d\d)", out)
    assert done is not None, out
    yesterdays = {f"{moment - timedelta(days=1):%Y-%m-%d}" for moment in (before, after)}
    assert done.group(1) in yesterdays


async def test_an_ambiguous_line_asks_with_buttons_in_the_console(tmp_path):
    out = await console(tmp_path, "curl 14 x 12\nclick Barbell Curl: 1 set of 12 at 14 kg\n")
    assert "more than one way" in out
    assert "[Barbell Curl: 14 sets of 12]" in out
    assert "== Logged Barbell Curl: 14 kg x 12" in out


async def test_a_workout_posted_in_the_channel_is_logged_with_log_this(tmp_path):
    out = await console(
        tmp_path,
        "say squat 3x5 100kg\napps Log this\n/log\ntype entry:bench 3x5 80kg day:yesterday\n",
    )
    assert "(posted in #gym)" in out
    assert "== Logged Back Squat: 3 x 5 at 100 kg ==" in out
    assert "[form: Log your sets]" in out
    assert "== Logged Bench Press: 3 x 5 at 80 kg ==" in out


async def test_a_rest_timer_rings_as_time_passes(tmp_path):
    out = await console(tmp_path, "/rest 90\nwait 89s\n/about\nwait 2s\n")
    assert "== ⏱️ Rest 1:30 ==" in out
    assert "[+30 s] [Stop]" in out
    before, after = out.split("== Leg Day ==")
    assert "Rest over" not in before
    assert "bot [DM to you, " in after
    assert "]> ⏱️ Rest over: time for your next set." in after


async def test_the_live_board_shows_again_when_it_edits_itself(tmp_path):
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    out = await console(
        tmp_path,
        f"/challenge create name:Test metric:leg_sets goal:10 starts:{tomorrow} "
        f"ends:{tomorrow + timedelta(days=14)}\nwait 1d\n/log squat 3x5 100kg\n"
        "click Where am I?\n",
    )
    boards = re.findall(r"bot \[#gym, (edited )?[^\]]+\]> == 🏋️ Test: live board ==", out)
    assert boards == ["", "edited "]  # posted at the start, edited after the log
    assert "🥇 @you `███░░░░░░░` 3 ◀ **you**" in out  # Where am I?, privately
    assert "[image" not in out


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (45, "in 45 seconds"),
        (1, "in 1 second"),
        (120, "in 2 minutes"),
        (-3 * 3600, "3 hours ago"),
        (-86400, "1 day ago"),
        (9 * 86400, "in 9 days"),
    ],
)
def test_relative_times_read_as_discords_client_words_them(seconds, words):
    now = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
    assert relative(now + timedelta(seconds=seconds), now) == words


async def test_a_rest_timer_says_how_long_is_left(tmp_path):
    out = await console(tmp_path, "/rest\n")
    assert re.search(r"Ends in 2 minutes \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)", out), out


async def test_times_show_on_the_clock_of_the_member_who_is_typing(tmp_path):
    out = await console(
        tmp_path,
        "/settings timezone Asia/Tokyo\n/log squat 3x5 100kg\nmember add lifter2\nas lifter2\n"
        "/log squat 3x5 90kg\n",
    )
    tokyo, utc = out.split("(you are now lifter2)")
    done = re.search(r"Done (\d{4}-\d\d-\d\d \d\d:\d\d) (\S+)", tokyo)
    assert done is not None, tokyo
    assert done.group(2) == "JST"
    shown = datetime.strptime(done.group(1), "%Y-%m-%d %H:%M").replace(
        tzinfo=ZoneInfo("Asia/Tokyo")
    )
    assert abs(shown - datetime.now(UTC)) < timedelta(minutes=2)  # the real time, on Tokyo's clock
    assert re.search(r"Done \d{4}-\d\d-\d\d \d\d:\d\d UTC", utc)  # lifter2 set no zone
