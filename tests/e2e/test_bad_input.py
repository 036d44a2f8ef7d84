"""Input that used to crash or be stored wrongly: one clear private sentence, nothing
stored. Runs on SQLite, and on PostgreSQL too when LEGDAY_TEST_DATABASE_URL is set (a NUL
character, for one, only ever failed there)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.tables import Challenge, CustomExercise, Person, Schedule
from tests.db import every, first
from tests.storage.conftest import backend_url  # noqa: F401  (the fixture, on both back-ends)

CHALLENGE = {"name": "Leg January", "metric": "leg_sets", "goal": 6.0}
DATES = {"starts": "2026-01-01", "ends": "2026-01-14"}


@pytest.fixture
def database_url(backend_url: str) -> str:  # noqa: F811  (uses the imported fixture)
    """The bot on each back-end the store tests use."""
    return backend_url


async def count(gym, table) -> int:
    return await first(gym.env.bot.store, select(func.count()).select_from(table))


@pytest.mark.parametrize(
    ("starts", "ends", "says"),
    [
        ("9999-12-30", "9999-12-31", "more than a year away"),
        ("0001-01-01", "0001-01-02", "in the past"),
        ("2026-01-01", "0001-01-01", "The end is before the start"),
        ("2026-01-01", "9999-12-31", "at most 26 weeks"),
    ],
)
async def test_dates_at_the_ends_of_the_calendar_are_refused(gym, starts, ends, says):
    result = await gym.alice.slash(
        gym.channel, "challenge create", **CHALLENGE, starts=starts, ends=ends
    )
    assert result.ephemeral
    assert says in result.response.content
    assert await count(gym, Challenge) == 0


@pytest.mark.parametrize("goal", [5e-324, 0.04, -3.0, 2e7])
async def test_a_goal_that_would_show_as_zero_or_is_out_of_range_is_refused(gym, goal):
    result = await gym.alice.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"goal": goal}), **DATES
    )
    assert "The goal must be a number from 0.1" in result.response.content
    assert await count(gym, Challenge) == 0


async def test_a_goal_is_kept_as_it_is_shown(gym):
    result = await gym.alice.slash(
        gym.channel,
        "challenge create",
        **(CHALLENGE | {"goal": 7.46, "metric": "squat_gain"}),
        **DATES,
    )
    assert "Goal: **7.5 % squat gain** each" in result.response.embeds[0].description
    assert await every(gym.env.bot.store, select(Challenge.goal)) == [7.5]


@pytest.mark.parametrize("name", ["   ", "\u200b\u200b", "\u3164", "\u00ad\u200d"])
async def test_names_nobody_can_read_are_refused(gym, name):
    challenge = await gym.alice.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"name": name}), **DATES
    )
    exercise = await gym.alice.slash(
        gym.channel,
        "exercise add",
        name=name + name,
        region="lower",
        pattern="lunge",
        primary="quads",
    )
    assert "needs something people can read" in challenge.response.content
    assert "needs letters or digits" in exercise.response.content
    assert await count(gym, Challenge) == 0
    assert await count(gym, CustomExercise) == 0


async def test_a_nul_character_in_a_note_or_a_dm_is_dropped_alike_on_every_database(gym):
    logged = await gym.alice.slash(
        gym.channel, "log", entry="squat 3x5 100kg\x00", note="felt\x00 good"
    )
    await gym.bob.send_dm("bench\x00 3x5 80kg")
    await gym.bob.send_dm("\x00")

    assert logged.response.embeds[0].title.startswith("Logged Back Squat")
    assert {(s.exercise_name, s.note) for s in await gym.sets(gym.alice)} == {
        ("squat", "felt good")
    }
    assert {s.exercise_name for s in await gym.sets(gym.bob)} == {"bench"}


async def test_a_refused_first_message_stores_nobody(gym):
    await gym.alice.send_dm("hello there")
    refused = await gym.bob.slash(gym.channel, "log", entry="squat 3x5 100kg", when="someday")
    undo = await gym.bob.slash(gym.channel, "undo")
    history = await gym.bob.slash(gym.channel, "history")

    assert "Nothing was logged" in gym.alice.user.dm_channel.last_message.content
    assert refused.ephemeral
    assert refused.response.content.startswith("I couldn't read the day `someday`.")
    assert "nothing logged to undo" in undo.response.content
    assert "Nothing logged" in history.response.content
    assert await count(gym, Person) == 0


async def test_the_check_in_reminder_takes_one_day(gym):
    await gym.alice.slash(gym.channel, "settings timezone", timezone="Europe/Berlin")

    refused = await gym.alice.slash(
        gym.channel, "reminder checkin", day="mon,tue,wed", time="19:00"
    )
    weekly = await gym.alice.slash(gym.channel, "reminder checkin", day="sun", time="19:00")

    assert "The check-in is weekly: give one day" in refused.response.content
    assert weekly.response.embeds[0].title == "Check-in reminder set: Sun at 19:00"
    assert await count(gym, Schedule) == 1


async def test_a_nul_character_in_any_option_is_dropped_before_the_command_reads_it(gym):
    created = await gym.alice.slash(
        gym.channel, "challenge create", **(CHALLENGE | {"name": "Leg\x00 January"}), **DATES
    )
    joined = await gym.bob.slash(gym.channel, "challenge join", name="leg\x00 january")
    choices = await gym.bob.autocomplete(gym.channel, "challenge board", "name", "jan\x00")

    assert created.response.embeds[0].title == "Challenge created: Leg January"
    assert "You joined **Leg January**" in joined.response.content
    assert [c["value"] for c in choices] == ["Leg January"]
