"""Schedules in the database: create and change them, claim what is due, record what was sent.

The database is the only truth about schedules; a process that dies loses nothing.

- ``claim`` takes due rows for one dispatcher in a single statement: on PostgreSQL the
  row choice is ``FOR UPDATE SKIP LOCKED``, so concurrent claimers never wait for or
  take each other's rows; SQLite runs the same ``UPDATE ... RETURNING`` with its one
  writer at a time. A claim is a lease: a row whose lease has expired (its dispatcher
  died) is due again, exactly like a pending one.
- Both run in ``claiming`` sessions: on SQLite these take the write lock first
  (``BEGIN IMMEDIATE``). A plain deferred transaction that waited for the lock would
  find its snapshot stale once it got it and fail with "database is locked" instead of
  waiting, as soon as several dispatchers share one file.
- ``finish`` records each occurrence in ``delivery`` (unique per schedule and due time),
  releases the lease and stores the next due time, all in one transaction, and only for
  rows whose lease the caller still holds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import ColumnElement, Integer, and_, bindparam, func, literal, or_, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from coach.recurrence import Weekly, days_from_text, days_text, next_occurrence
from storage.store import Store
from storage.tables import Delivery, Schedule, metadata
from storage.utc import UTCDateTime

PENDING, CLAIMED, PAUSED = "pending", "claimed", "paused"
# Why a schedule is paused: the person asked, or their DMs are closed (told or not yet).
BY_PERSON, DMS_CLOSED, DMS_CLOSED_TOLD = "person", "dms_closed", "dms_closed_told"
SHARD_SHIFT = 22  # a Discord id's top bits are a timestamp; this gives the shard's input


@asynccontextmanager
async def claiming(store: Store) -> AsyncIterator[AsyncSession]:
    """A session for ``claim`` and ``finish``, holding SQLite's write lock from the start."""
    async with store.session() as session:
        if store.backend == "sqlite":
            await session.execute(text("BEGIN IMMEDIATE"))
        yield session


def rule_of(row: Schedule) -> Weekly:
    return Weekly(days_from_text(row.weekdays), time.fromisoformat(row.local_time), row.timezone)


@dataclass(frozen=True, slots=True)
class Due:
    """One claimed occurrence of a schedule, for a dispatcher to act on."""

    schedule_id: int
    kind: str
    person_id: int | None
    guild_id: int | None
    rule: Weekly
    due_at: datetime


@dataclass(frozen=True, slots=True)
class Finished:
    """What a dispatcher did with one claimed occurrence."""

    schedule_id: int
    due_at: datetime
    outcome: str
    next_due_at: datetime
    sent: bool = False
    pause_reason: str | None = None
    attempts: int = 0
    error: str | None = None


async def add_schedule(
    session: AsyncSession,
    *,
    kind: str,
    person_id: int | None,
    guild_id: int | None,
    rule: Weekly,
    now: datetime,
) -> Schedule:
    row = Schedule(
        kind=kind,
        person_id=person_id,
        guild_id=guild_id,
        weekdays=days_text(rule.weekdays),
        local_time=rule.at.strftime("%H:%M"),
        timezone=rule.zone,
        next_due_at=next_occurrence(rule, now),
        created_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def schedules_of(
    session: AsyncSession, person_id: int, kind: str | None = None
) -> list[Schedule]:
    query = select(Schedule).where(col(Schedule.person_id) == person_id)
    if kind is not None:
        query = query.where(col(Schedule.kind) == kind)
    rows = await session.execute(query.order_by(col(Schedule.id)))
    return list(rows.scalars())


async def pause(session: AsyncSession, row: Schedule, reason: str) -> None:
    row.status, row.paused_reason = PAUSED, reason
    row.lease_owner = row.lease_expires_at = None
    await session.flush()


async def resume(session: AsyncSession, row: Schedule, now: datetime) -> None:
    """Pending again from the next occurrence after now: nothing missed while paused is sent."""
    row.status, row.paused_reason = PENDING, None
    row.next_due_at = next_occurrence(rule_of(row), now)
    row.attempts, row.last_error = 0, None
    await session.flush()


async def reschedule(session: AsyncSession, row: Schedule, due_at: datetime) -> None:
    """Move the next due time of a pending schedule (snooze, or skip the next one)."""
    row.next_due_at = due_at
    await session.flush()


async def latest_delivery(session: AsyncSession, schedule_id: int) -> datetime | None:
    return (
        await session.execute(
            select(func.max(col(Delivery.due_at))).where(col(Delivery.schedule_id) == schedule_id)
        )
    ).scalar_one_or_none()


async def untold_dms_closed(session: AsyncSession, person_id: int) -> list[Schedule]:
    """Schedules paused because this person's DMs were closed, that they were not told of."""
    rows = await session.execute(
        select(Schedule).where(
            col(Schedule.person_id) == person_id, col(Schedule.paused_reason) == DMS_CLOSED
        )
    )
    return list(rows.scalars())


def _due(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(col(Schedule.status) == PENDING, col(Schedule.next_due_at) <= now),
        and_(col(Schedule.status) == CLAIMED, col(Schedule.lease_expires_at) <= now),
    )


def _ours(
    kinds: Collection[str], shard_count: int | None, shard_ids: Collection[int] | None
) -> ColumnElement[bool]:
    """Kinds this process can send: personal ones, and server ones on its own shards."""
    handled = col(Schedule.kind).in_(sorted(kinds))
    if shard_count is None or shard_ids is None:
        return handled
    # PostgreSQL defines bigint >> int only, hence the typed literal.
    shard = col(Schedule.guild_id).op(">>")(literal(SHARD_SHIFT, Integer)) % shard_count
    return and_(handled, or_(col(Schedule.person_id).is_not(None), shard.in_(sorted(shard_ids))))


async def claim(
    session: AsyncSession,
    *,
    owner: str,
    now: datetime,
    lease_until: datetime,
    limit: int,
    kinds: Collection[str],
    shard_count: int | None = None,
    shard_ids: Collection[int] | None = None,
) -> list[Due]:
    """Lease up to ``limit`` due occurrences of ``kinds`` to ``owner``, oldest first."""
    # A CTE, because PostgreSQL evaluates it once: an IN (subquery) may be re-run by the
    # planner and lock more than ``limit`` rows.
    chosen = (
        select(col(Schedule.id))
        .where(_due(now), _ours(kinds, shard_count, shard_ids))
        .order_by(col(Schedule.next_due_at))
        .limit(limit)
        .with_for_update(skip_locked=True)  # SQLite has no row locks and drops this
        .cte("chosen")
    )
    result = await session.execute(
        update(Schedule)
        .where(col(Schedule.id) == chosen.c.id)
        .values(status=CLAIMED, lease_owner=owner, lease_expires_at=lease_until)
        .returning(
            col(Schedule.id),
            col(Schedule.kind),
            col(Schedule.person_id),
            col(Schedule.guild_id),
            col(Schedule.weekdays),
            col(Schedule.local_time),
            col(Schedule.timezone),
            col(Schedule.next_due_at),
        )
        .execution_options(synchronize_session=False)
    )
    return sorted(
        (
            Due(
                schedule_id=row.id,
                kind=row.kind,
                person_id=row.person_id,
                guild_id=row.guild_id,
                rule=Weekly(
                    days_from_text(row.weekdays),
                    time.fromisoformat(row.local_time),
                    row.timezone,
                ),
                due_at=row.next_due_at,
            )
            for row in result
        ),
        key=lambda due: due.due_at,
    )


async def finish(
    session: AsyncSession, *, owner: str, done: Sequence[Finished], now: datetime
) -> list[int]:
    """Record each occurrence once and release its lease; returns the schedule ids recorded.

    A row whose lease this owner no longer holds (it expired and another dispatcher took
    it, or the person paused or deleted it meanwhile) is left alone. Three statements a
    batch, whatever its size: which rows are still held (locked until commit), one
    executemany to release them, one insert of the deliveries.
    """
    if not done:
        return []
    held_ids = set(
        (
            await session.execute(
                select(col(Schedule.id))
                .where(
                    col(Schedule.id).in_([item.schedule_id for item in done]),
                    col(Schedule.lease_owner) == owner,
                    col(Schedule.status) == CLAIMED,
                )
                .with_for_update()
            )
        ).scalars()
    )
    held = [item for item in done if item.schedule_id in held_ids]
    if not held:
        return []
    table = metadata.tables["schedule"]
    await session.execute(
        update(table)
        .where(table.c.id == bindparam("schedule_id"))
        .values(
            status=bindparam("status"),
            paused_reason=bindparam("pause_reason"),
            next_due_at=bindparam("next_due_at"),
            lease_owner=None,
            lease_expires_at=None,
            attempts=bindparam("attempts"),
            last_error=bindparam("error"),
            last_sent_at=func.coalesce(
                bindparam("sent_at", type_=UTCDateTime()), table.c.last_sent_at
            ),
        ),
        [
            {
                "schedule_id": item.schedule_id,
                "status": PAUSED if item.pause_reason else PENDING,
                "pause_reason": item.pause_reason,
                "next_due_at": item.next_due_at,
                "attempts": item.attempts,
                "error": item.error,
                "sent_at": now if item.sent else None,
            }
            for item in held
        ],
    )
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    recorded = await session.execute(
        dialect.insert(Delivery)
        .values(
            [
                {"schedule_id": i.schedule_id, "due_at": i.due_at, "outcome": i.outcome, "at": now}
                for i in held
            ]
        )
        .on_conflict_do_nothing(index_elements=["schedule_id", "due_at"])
        .returning(col(Delivery.schedule_id))
    )
    return [row.schedule_id for row in recorded]


async def next_wake(
    session: AsyncSession,
    *,
    kinds: Collection[str],
    shard_count: int | None = None,
    shard_ids: Collection[int] | None = None,
) -> datetime | None:
    """The earliest instant something this process can claim becomes due.

    That is a pending row's due time or a claimed row's lease expiry, filtered like
    ``claim``, so rows for other shards or kinds never cause a wake-up here.
    """
    ours = _ours(kinds, shard_count, shard_ids)
    pending = select(func.min(col(Schedule.next_due_at))).where(
        ours, col(Schedule.status) == PENDING
    )
    leased = select(func.min(col(Schedule.lease_expires_at))).where(
        ours, col(Schedule.status) == CLAIMED
    )
    times = [(await session.execute(query)).scalar_one_or_none() for query in (pending, leased)]
    return min((t for t in times if t is not None), default=None)
