"""People and servers: created on first contact, settings changed in place."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage.tables import Person, Server

_Row = TypeVar("_Row", Person, Server)


def _get_or_create(session: Session, kind: type[_Row], id_: int, now: datetime) -> _Row:
    """The row with this Discord id, created with defaults the first time it appears."""
    row = session.get(kind, id_)
    if row is None:
        row = kind(id=id_, created_at=now)
        session.add(row)
        session.flush()
    return row


def person_row(session: Session, user_id: int, now: datetime) -> Person:
    """``get_person`` for a unit of work run by ``Store.run``."""
    return _get_or_create(session, Person, user_id, now)


async def get_person(session: AsyncSession, user_id: int, now: datetime) -> Person:
    return await session.run_sync(person_row, user_id, now)


async def get_server(session: AsyncSession, guild_id: int, now: datetime) -> Server:
    return await session.run_sync(_get_or_create, Server, guild_id, now)
