"""Several processes sharing one database: this bot runs shard 0 of 2, another process
(a bare dispatcher here) runs shard 1. A server's schedules go to the process of its
shard only, and those set in DMs to shard 0's, where Discord routes DMs; rows another
process adds are noticed by the poll, with no wake-up from this process."""

from __future__ import annotations

from datetime import time

import discord
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import bot.dispatcher
from bot.clock import SimulatedClock
from bot.dispatcher import Dispatcher, Handled
from bot.settings import Settings
from coach.recurrence import Weekly
from storage import schedules
from storage.people import get_person
from storage.reports import REPORT
from storage.store import Store
from storage.tables import Delivery, Schedule
from tests.db import every

HOUR = 3600
SHARDS, OURS, THEIRS = 2, 0, 1
# A Discord id made at 2026-01-01 00:00 UTC on the other shard: (id >> 22) % 2 == 1.
OTHER_GUILD = ((1767225600000 - 1420070400000) << 22) + (1 << 22)
THURSDAY_NOON = Weekly(frozenset({3}), time(12), "UTC")


@pytest.fixture
def settings(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    # Each poll is a query; a minute's poll over 19 simulated hours outlasts SimCord's
    # time limit for advancing the clock, so this bot polls every quarter of an hour.
    monkeypatch.setattr(bot.dispatcher, "POLL_SECONDS", 15 * 60.0)
    # The report's chart on a thread, as in tests/conftest.py: a render worker costs a
    # second of CPU to start.
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=database_url,
        shard_count=SHARDS,
        shard_ids=[OURS],
        render_workers=0,
    )


def shard_of(guild_id: int) -> int:
    return (guild_id >> schedules.SHARD_SHIFT) % SHARDS


async def outcomes(store: Store) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for row in await every(store, select(Delivery)):
        found.setdefault(row.schedule_id, []).append(row.outcome)
    return found


# Advancing 19 hours of polls and a report's chart takes a second or two of real time, and
# on a machine busy with other work more than SimCord's usual 5 s allowance.
@pytest.mark.simcord(settle_timeout=30.0)
async def test_each_process_sends_its_shards_and_notices_rows_others_add(gym, database_url):
    assert shard_of(gym.guild.id) == OURS  # SimCord's first server is on shard 0
    assert shard_of(OTHER_GUILD) == THEIRS
    mods = gym.guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    mod = gym.guild.add_member(gym.env.create_user("mod"), roles=[mods])
    reports = gym.guild.create_text_channel("reports")
    await mod.slash(
        gym.channel, "report setup", channel=reports, day="thursday", time="18:00", timezone="UTC"
    )
    other = Store(database_url)  # the other process's connection
    try:
        now = gym.env.now()

        def unit(session: Session) -> tuple[Schedule, Schedule]:
            get_person(session, gym.alice.id, now)
            # Added by the other process: nothing wakes this one for them.
            reminder = schedules.put_schedule(
                session,
                kind="legday",
                person_id=gym.alice.id,
                guild_id=gym.guild.id,
                rule=THURSDAY_NOON,
                now=now,
            )
            theirs = schedules.put_schedule(
                session,
                kind=REPORT,
                person_id=None,
                guild_id=OTHER_GUILD,
                rule=Weekly(frozenset({3}), time(18), "UTC"),
                now=now,
            )
            return reminder, theirs

        reminder, theirs = await other.run(unit)
        ours = await gym.env.bot.store.run(_report_row, gym.guild.id)

        await gym.env.advance_time(19 * HOUR)

        # This process: its server's report and the person's reminder, found by polling.
        assert reports.last_message is not None
        assert [m.embeds[0].title for m in gym.alice.user.dm_channel.history()] == [
            "No leg sessions logged yet"
        ]
        done = await outcomes(other)
        assert done == {ours: ["sent"], reminder.id: ["sent"]}  # not the other shard's

        # The other process takes its own shard's report, and nothing of this one's.
        handled: list[int] = []

        async def post(due, _now) -> Handled:
            handled.append(due.schedule_id)
            return Handled("sent", sent=True)

        dispatcher = Dispatcher(other, SimulatedClock(), shard_count=SHARDS, shard_ids=[THEIRS])
        dispatcher.register(REPORT, post)
        dispatcher.register("legday", post)
        await dispatcher.drain()
        assert handled == [theirs.id]
    finally:
        await other.close()


def _report_row(session, guild_id: int) -> int:
    row = session.execute(
        select(Schedule.id).where(Schedule.kind == REPORT, Schedule.guild_id == guild_id)
    ).scalar_one()
    return row
