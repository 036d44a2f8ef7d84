"""People and servers: created on first contact, settings changed in place."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import Person, Server


async def get_person(session: AsyncSession, user_id: int, now: datetime) -> Person:
    """The person with this Discord id, created with defaults the first time they appear."""
    person = await session.get(Person, user_id)
    if person is None:
        person = Person(id=user_id, created_at=now)
        session.add(person)
        await session.flush()
    return person


async def get_server(session: AsyncSession, guild_id: int, now: datetime) -> Server:
    server = await session.get(Server, guild_id)
    if server is None:
        server = Server(id=guild_id, created_at=now)
        session.add(server)
        await session.flush()
    return server
