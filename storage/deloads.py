"""Deloads people log with ``/deload``: stored as local days, read as ``coach.deload``."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.deload import Deload
from storage.tables import Deload as DeloadRow


def add_deload(session: Session, person_id: int, deload: Deload, now: datetime) -> None:
    session.add(
        DeloadRow(
            person_id=person_id,
            first_day=deload.first_day,
            last_day=deload.last_day,
            created_at=now,
        )
    )
    session.flush()


def deloads_of(session: Session, person_id: int, since: date) -> list[Deload]:
    """This person's deloads that end on ``since`` or later, earliest first."""
    rows = session.execute(
        select(DeloadRow)
        .where(col(DeloadRow.person_id) == person_id, col(DeloadRow.last_day) >= since)
        .order_by(col(DeloadRow.first_day), col(DeloadRow.id))
    )
    return [Deload(row.first_day, row.last_day) for row in rows.scalars()]


def end_deloads(session: Session, person_id: int, today: date) -> list[Deload]:
    """End this person's deloads that cover ``today``: they ended yesterday (one that
    began today is gone). Returns the deloads as they were."""
    rows = (
        session.execute(
            select(DeloadRow).where(
                col(DeloadRow.person_id) == person_id,
                col(DeloadRow.first_day) <= today,
                col(DeloadRow.last_day) >= today,
            )
        )
    ).scalars()
    ended = []
    for row in list(rows):
        ended.append(Deload(row.first_day, row.last_day))
        if row.first_day == today:
            session.execute(delete(DeloadRow).where(col(DeloadRow.id) == row.id))
        else:
            row.last_day = today - timedelta(days=1)
    session.flush()
    return ended
