"""End-to-end helpers: a server with two members, and a look at what was stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from storage.tables import LoggedSet


@dataclass
class Gym:
    env: Any
    guild: Any
    channel: Any
    alice: Any
    bob: Any

    async def sets(self, member: Any | None = None) -> list[LoggedSet]:
        query = select(LoggedSet).order_by(LoggedSet.id)
        if member is not None:
            query = query.where(LoggedSet.person_id == member.id)
        async with self.env.bot.store.session() as session:
            return list((await session.execute(query)).scalars())


@pytest.fixture
def gym(simcord_env) -> Gym:
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("gym")
    alice = guild.add_member(simcord_env.create_user("alice"))
    bob = guild.add_member(simcord_env.create_user("bob"))
    return Gym(simcord_env, guild, channel, alice, bob)


def shown(result: Any) -> Any:
    """The message a deferred command ended up showing (the edited reply or a follow-up)."""
    return result.followups[0] if result.followups else result.response
