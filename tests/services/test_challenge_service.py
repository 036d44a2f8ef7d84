"""Challenge rules no end-to-end test reaches: the goal's and the dates' bounds, whose zone a new
challenge takes, and the limit on open challenges."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from coach.challenges import Metric
from coach.problems import UserError
from services import challenges
from storage.tables import Challenge, Person, Server
from tests.db import first

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize("goal", [0.0, 0.04, -5.0, 10_000_000.1, float("inf"), float("nan")])
def test_a_goal_outside_its_bounds_is_refused(goal):
    with pytest.raises(UserError, match=r"from 0\.1 to 10,000,000"):
        challenges.read_goal(goal, Metric.LOWER_VOLUME)


@pytest.mark.parametrize(
    ("starts", "ends", "refusal"),
    [
        ("2026-03-02", "2026-03-01", "The end is before the start"),
        ("2026-03-02", "2026-03-02", None),  # one day: the shortest challenge
        ("2026-03-02", "2026-08-30", None),  # 182 days: 26 weeks exactly
        ("2026-03-02", "2026-08-31", "A challenge lasts at most 26 weeks"),
        ("2026-03-01", "2026-03-29", "The start is in the past"),
    ],
)
def test_a_challenge_starts_today_or_later_and_lasts_a_day_to_26_weeks(starts, ends, refusal):
    today, tz = NOW.date(), ZoneInfo("UTC")
    if refusal is None:
        window = challenges.read_window(starts, ends, today, tz, Metric.LEG_SETS)
        assert (window.first_day.isoformat(), window.end.date() - timedelta(days=1)) == (
            starts,
            date.fromisoformat(ends),
        )
    else:
        with pytest.raises(UserError, match=refusal):
            challenges.read_window(starts, ends, today, tz, Metric.LEG_SETS)


@pytest.mark.parametrize(
    ("metric", "why"),
    [
        (Metric.STREAK, "it counts weeks with 2 leg days, and a day is one at most"),
        (Metric.BALANCE_WEEKS, "it counts weeks with 2 leg days, and a day is one at most"),
        (Metric.SQUAT_GAIN, "it compares a later day's best squat with the first day's"),
    ],
)
def test_metrics_one_day_cannot_score_need_two(metric, why):
    today, tz = NOW.date(), ZoneInfo("UTC")
    with pytest.raises(UserError) as refused:
        challenges.read_window("2026-03-04", "2026-03-04", today, tz, metric)
    assert str(refused.value) == (
        f"A `{metric}` challenge needs at least 2 days, as {why}, "
        "e.g. `starts:2026-03-04 ends:2026-03-05`."
    )
    assert challenges.read_window("2026-03-04", "2026-03-05", today, tz, metric).weeks == 1


@pytest.mark.parametrize("metric", [Metric.LEG_SETS, Metric.LOWER_VOLUME, Metric.LEG_DAYS])
def test_metrics_one_day_can_score_allow_it(metric):
    window = challenges.read_window("2026-03-04", "2026-03-04", NOW.date(), ZoneInfo("UTC"), metric)
    assert window.end - window.start == timedelta(days=1)


def test_a_goal_is_kept_as_shown():
    assert challenges.read_goal(2.46, Metric.SQUAT_GAIN) == 2.5
    assert challenges.read_goal(30.0, Metric.LEG_SETS) == 30


def test_the_zone_is_the_chosen_one_else_the_report_zone_else_the_creators():
    server = Server(id=1, timezone="Asia/Tokyo", created_at=NOW)
    creator = Person(id=2, timezone="Europe/Berlin", created_at=NOW)
    assert challenges.challenge_zone("America/Chicago", server, creator)[0] == "America/Chicago"
    assert challenges.challenge_zone(None, server, creator) == (
        "Europe/Berlin",
        "your time zone; set another with `timezone:`",
    )
    server.report_channel_id = 3
    assert challenges.challenge_zone(None, server, creator)[0] == "Asia/Tokyo"


async def test_a_server_has_at_most_ten_open_challenges(store):
    async def create(name: str) -> None:
        asked = challenges.NewChallenge(
            guild_id=1,
            channel_id=2,
            creator_id=3,
            name=name,
            metric=Metric.LEG_SETS,
            goal=30.0,
            starts="2026-03-02",
            ends="2026-03-29",
            team=False,
            zone="UTC",
        )
        await challenges.create(store, asked, now=NOW)

    for number in range(challenges.MAX_OPEN):
        await create(f"Leg month {number}")
    with pytest.raises(UserError, match="already has 10 open challenges"):
        await create("One too many")

    stored = await first(store, select(func.count()).select_from(Challenge))
    assert stored == challenges.MAX_OPEN


async def test_a_refused_challenge_stores_nobody_not_even_its_creator(store):
    asked = challenges.NewChallenge(
        guild_id=1,
        channel_id=2,
        creator_id=7,
        name="Backwards month",
        metric=Metric.LOWER_VOLUME,
        goal=5000.0,
        starts="2026-03-29",
        ends="2026-03-02",  # ends before it starts
        team=False,
        zone="UTC",
    )
    with pytest.raises(UserError):
        await challenges.create(store, asked, now=NOW)

    assert await first(store, select(func.count()).select_from(Person)) == 0
    assert await first(store, select(func.count()).select_from(Challenge)) == 0
