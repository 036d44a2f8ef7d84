"""Schedules in the database: create and change them, claim what is due, record what was sent.

The database is the only truth about schedules; a process that dies loses nothing.

- ``claim`` takes due rows for one dispatcher in a single statement: on PostgreSQL the
  row choice is ``FOR UPDATE SKIP LOCKED``, so concurrent claimers never wait for or
  take each other's rows; SQLite runs the same ``UPDATE ... RETURNING`` with its one
  writer at a time. A claim is a lease: a row whose lease has expired (its dispatcher
  died) is due again, exactly like a pending one. Leases are stamped and compared in
  the database's time, so a process with a wrong clock neither takes a live lease nor
  lets its own lapse early; ``renew`` extends the leases a live dispatcher holds.
- ``claim``, ``renew``, ``release`` and ``finish`` are units for ``Store.run`` (the
  dispatcher records every occurrence on its own). Each starts with a write, so on
  SQLite it takes the write lock at its first statement: a transaction that read
  first and then waited for the lock would find its snapshot stale and fail instead.
- ``finish`` records each occurrence in ``delivery`` (unique per schedule and due time),
  releases the lease and stores the next due time, all in one transaction, and only for
  rows whose lease the caller still holds. An occurrence to try again keeps its due
  time, gets a ``retry_at`` and no delivery yet.
- ``put_schedule`` sets a person's (or a server's) one schedule of a kind in a single
  upsert, so two commands at once leave one row and neither fails.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.recurrence import Weekly, days_from_text, days_text, next_occurrence
from storage.sql_time import database_now
from storage.tables import Delivery, Schedule, metadata
from storage.utc import UTCDateTime

PENDING, CLAIMED, PAUSED, DONE = "pending", "claimed", "paused", "done"
# Why a schedule is paused: the person asked, or their DMs are closed (told or not yet).
BY_PERSON, DMS_CLOSED, DMS_CLOSED_TOLD = "person", "dms_closed", "dms_closed_told"
SHARD_SHIFT = 22  # a Discord id's top bits are a timestamp; this gives the shard's input


def shard_of(guild_id: int | None, shard_count: int) -> int:
    """The shard Discord routes a server's events to; DMs (no server) come on shard 0."""
    return ((guild_id or 0) >> SHARD_SHIFT) % shard_count


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
    attempts: int = 0  # failed tries of this occurrence so far (it is being retried)
    challenge_id: int | None = None  # a challenge's announcements


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
    retry_at: datetime | None = None  # try this occurrence again then, not yet recorded
    done: bool = False  # no occurrence comes after this one


def _dialect(session: Session) -> Any:
    return sqlite if session.get_bind().dialect.name == "sqlite" else postgresql


def put_schedule(
    session: Session,
    *,
    kind: str,
    person_id: int | None,
    guild_id: int | None,
    rule: Weekly,
    now: datetime,
    due_at: datetime | None = None,
) -> Schedule:
    """Set the one schedule of ``kind`` for the person (or, without one, the server).

    An existing one is replaced in place, pending from its next occurrence (or from
    ``due_at``, for a one-off such as a rest timer); a send in flight for it is no longer
    recorded (its lease is gone). One statement, so two calls at once both succeed and
    leave one row.
    """
    values = {
        "guild_id": guild_id,
        "weekdays": days_text(rule.weekdays),
        "local_time": rule.at.strftime("%H:%M"),
        "timezone": rule.zone,
        "next_due_at": due_at or next_occurrence(rule, now),
        "status": PENDING,
        "paused_reason": None,
        "lease_owner": None,
        "lease_expires_at": None,
        "attempts": 0,
        "last_error": None,
        "retry_at": None,
    }
    insert = (
        _dialect(session)
        .insert(Schedule)
        .values(kind=kind, person_id=person_id, created_at=now, **values)
    )
    if person_id is not None:
        upsert = insert.on_conflict_do_update(index_elements=["kind", "person_id"], set_=values)
    else:
        upsert = insert.on_conflict_do_update(
            index_elements=["kind", "guild_id"],
            index_where=and_(
                col(Schedule.person_id).is_(None), col(Schedule.challenge_id).is_(None)
            ),
            set_=values,
        )
    row = session.scalars(upsert.returning(Schedule), execution_options={"populate_existing": True})
    return row.one()


def schedules_of(
    session: Session, person_id: int, kinds: Collection[str] | None = None
) -> list[Schedule]:
    """The person's schedules, of ``kinds`` only when given."""
    if isinstance(kinds, str):
        # A bare kind is a collection of its letters and would silently match nothing.
        raise TypeError("kinds is a collection of kinds, e.g. ['legday']")
    query = select(Schedule).where(col(Schedule.person_id) == person_id)
    if kinds is not None:
        query = query.where(col(Schedule.kind).in_(sorted(kinds)))
    rows = session.execute(query.order_by(col(Schedule.id)))
    return list(rows.scalars())


def pause(session: Session, row: Schedule, reason: str) -> None:
    row.status, row.paused_reason = PAUSED, reason
    row.lease_owner = row.lease_expires_at = None
    session.flush()


def move_to_zone(
    session: Session, person_id: int, kinds: Collection[str], zone: str, now: datetime
) -> list[Schedule]:
    """The person's schedules of ``kinds``, moved to ``zone`` at the same days and local
    time (someone who moved wants 18:00 where they are now); the moved rows.

    A pending one keeps the day it was next due, at its time in the new zone, unless that
    has passed (then its next occurrence there): a skip stays skipped, a snooze does not.
    """
    rows = schedules_of(session, person_id, kinds)
    for row in rows:
        old = rule_of(row)
        row.timezone = zone
        if row.status != PENDING:
            continue  # a paused one starts from its next occurrence when resumed
        day = row.next_due_at.astimezone(ZoneInfo(old.zone)).date()
        same_day = datetime.combine(day, old.at, ZoneInfo(zone))
        row.next_due_at = same_day if same_day > now else next_occurrence(rule_of(row), now)
        # A retry was of the old time: the moved occurrence starts afresh, as on resume.
        row.attempts, row.last_error, row.retry_at = 0, None, None
    session.flush()
    return rows


def resume(session: Session, row: Schedule, now: datetime) -> None:
    """Pending again from the next occurrence after now: nothing missed while paused is sent."""
    row.status, row.paused_reason = PENDING, None
    row.next_due_at = next_occurrence(rule_of(row), now)
    row.attempts, row.last_error, row.retry_at = 0, None, None
    session.flush()


def reschedule(session: Session, row: Schedule, due_at: datetime) -> None:
    """Move the next due time of a pending schedule (snooze, or skip the next one)."""
    row.next_due_at = due_at
    session.flush()


def latest_delivery(session: Session, schedule_id: int) -> datetime | None:
    return (
        session.execute(
            select(func.max(col(Delivery.due_at))).where(col(Delivery.schedule_id) == schedule_id)
        )
    ).scalar_one_or_none()


def untold_dms_closed(session: Session, person_id: int) -> list[Schedule]:
    """Schedules paused because this person's DMs were closed, that they were not told of."""
    rows = session.execute(
        select(Schedule).where(
            col(Schedule.person_id) == person_id, col(Schedule.paused_reason) == DMS_CLOSED
        )
    )
    return list(rows.scalars())


def people_untold_dms_closed(session: Session) -> set[int]:
    """Everyone with a schedule paused for closed DMs who was not told yet."""
    rows = session.execute(
        select(col(Schedule.person_id))
        .where(col(Schedule.paused_reason) == DMS_CLOSED, col(Schedule.person_id).is_not(None))
        .distinct()
    )
    return {person for person in rows.scalars() if person is not None}


def _tried_at() -> ColumnElement[datetime]:
    """When a pending row is next tried: its due time, or its retry time after a failure."""
    return func.coalesce(col(Schedule.retry_at), col(Schedule.next_due_at))


def _due(now: datetime) -> ColumnElement[bool]:
    """Pending and due by the caller's clock, or leased until before the database's now."""
    return or_(
        and_(col(Schedule.status) == PENDING, _tried_at() <= now),
        and_(col(Schedule.status) == CLAIMED, col(Schedule.lease_expires_at) <= database_now()),
    )


def _ours(
    kinds: Collection[str], shard_count: int | None, shard_ids: Collection[int] | None
) -> ColumnElement[bool]:
    """Kinds this process can send, on its own shards (``shard_of``): a schedule belongs
    to the shard of the server it was set in, one set in DMs to shard 0, where Discord
    routes DMs. So each row has exactly one process, and adding processes splits the work
    instead of racing for it."""
    handled = col(Schedule.kind).in_(sorted(kinds))
    if shard_count is None or shard_ids is None:
        return handled
    # PostgreSQL defines bigint >> int only, hence the typed literal.
    guild = func.coalesce(col(Schedule.guild_id), literal(0, BigInteger))
    shard = guild.op(">>")(literal(SHARD_SHIFT, Integer)) % shard_count
    return and_(handled, shard.in_(sorted(shard_ids)))


def claim(
    session: Session,
    *,
    owner: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    kinds: Collection[str],
    shard_count: int | None = None,
    shard_ids: Collection[int] | None = None,
) -> list[Due]:
    """Lease up to ``limit`` due occurrences of ``kinds`` to ``owner`` for ``lease`` of
    database time, oldest first. ``now`` (the caller's clock) decides what is due."""
    # A CTE, because PostgreSQL evaluates it once: an IN (subquery) may be re-run by the
    # planner and lock more than ``limit`` rows.
    chosen = (
        select(col(Schedule.id))
        .where(_due(now), _ours(kinds, shard_count, shard_ids))
        .order_by(_tried_at())
        .limit(limit)
        .with_for_update(skip_locked=True)  # SQLite has no row locks and drops this
        .cte("chosen")
    )
    result = session.execute(
        update(Schedule)
        .where(col(Schedule.id) == chosen.c.id)
        .values(status=CLAIMED, lease_owner=owner, lease_expires_at=database_now(lease))
        .returning(
            # A retried occurrence goes on counting its tries; a new one starts at none.
            case((col(Schedule.retry_at).is_not(None), col(Schedule.attempts)), else_=0).label(
                "tries"
            ),
            col(Schedule.id),
            col(Schedule.kind),
            col(Schedule.person_id),
            col(Schedule.guild_id),
            col(Schedule.challenge_id),
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
                attempts=row.tries,
                challenge_id=row.challenge_id,
            )
            for row in result
        ),
        key=lambda due: due.due_at,
    )


def _held(owner: str, ids: Collection[int]) -> ColumnElement[bool]:
    return and_(
        col(Schedule.id).in_(sorted(ids)),
        col(Schedule.lease_owner) == owner,
        col(Schedule.status) == CLAIMED,
    )


def renew(session: Session, *, owner: str, ids: Collection[int], lease: timedelta) -> set[int]:
    """Extend ``owner``'s leases on ``ids`` to ``lease`` from the database's now; returns
    the ids it still held (a row paused, changed or deleted meanwhile is not among them)."""
    if not ids:
        return set()
    result = session.execute(
        update(Schedule)
        .where(_held(owner, ids))
        .values(lease_expires_at=database_now(lease))
        .returning(col(Schedule.id))
        .execution_options(synchronize_session=False)
    )
    return {row_id for row_id in result.scalars() if row_id is not None}


def release(session: Session, *, owner: str, ids: Collection[int]) -> None:
    """Give back leases never acted on (the dispatcher is stopping): due again at once."""
    if ids:
        session.execute(
            update(Schedule)
            .where(_held(owner, ids))
            .values(status=PENDING, lease_owner=None, lease_expires_at=None)
            .execution_options(synchronize_session=False)
        )


def finish(session: Session, *, owner: str, done: Sequence[Finished], now: datetime) -> list[int]:
    """Record each occurrence once and release its lease; returns the schedule ids recorded.

    A row whose lease this owner no longer holds (it expired and another dispatcher took
    it, or the person paused or deleted it meanwhile) is left alone. Two statements an
    occurrence, both built once: release it if still held, then insert its delivery.
    """
    record = _RECORD[session.get_bind().dialect.name]
    recorded: list[int] = []
    for item in done:
        if _release_finished(session, owner, item, now) and item.retry_at is None:
            values = {"schedule": item.schedule_id, "due": item.due_at, "result": item.outcome}
            recorded += session.execute(record, values | {"when": now}).scalars()
    return recorded


def _record_statement(dialect: Any) -> Any:
    table = metadata.tables["delivery"]
    return (
        dialect.insert(table)
        .values(
            schedule_id=bindparam("schedule"),
            due_at=bindparam("due", type_=UTCDateTime()),
            outcome=bindparam("result"),
            at=bindparam("when", type_=UTCDateTime()),
        )
        .on_conflict_do_nothing(index_elements=["schedule_id", "due_at"])
        .returning(table.c.schedule_id)
    )


_RECORD = {"sqlite": _record_statement(sqlite), "postgresql": _record_statement(postgresql)}
_TABLE = metadata.tables["schedule"]
# Built once: the dispatcher runs it for every occurrence, so it is never compiled again.
_RELEASE_FINISHED = (
    update(_TABLE)
    .where(
        _TABLE.c.id == bindparam("schedule_id"),
        _TABLE.c.lease_owner == bindparam("owner"),
        _TABLE.c.status == CLAIMED,
    )
    .values(
        status=bindparam("status"),
        paused_reason=bindparam("pause_reason"),
        next_due_at=bindparam("next_due_at", type_=UTCDateTime()),
        lease_owner=None,
        lease_expires_at=None,
        attempts=bindparam("attempts"),
        last_error=bindparam("error"),
        retry_at=bindparam("retry_at", type_=UTCDateTime()),
        last_sent_at=func.coalesce(
            bindparam("sent_at", type_=UTCDateTime()), _TABLE.c.last_sent_at
        ),
    )
    .returning(_TABLE.c.id)
)


def _release_finished(session: Session, owner: str, item: Finished, now: datetime) -> bool:
    """Store what comes next for one finished occurrence, if ``owner`` still holds it."""
    result = session.execute(
        _RELEASE_FINISHED,
        {
            "schedule_id": item.schedule_id,
            "owner": owner,
            "status": DONE if item.done else PAUSED if item.pause_reason else PENDING,
            "pause_reason": item.pause_reason,
            # A retry is the same occurrence: it stays due at its own time.
            "next_due_at": item.due_at if item.retry_at else item.next_due_at,
            "attempts": item.attempts,
            "error": item.error,
            "retry_at": item.retry_at,
            "sent_at": now if item.sent else None,
        },
    )
    return result.first() is not None


def next_wake(
    session: Session,
    *,
    now: datetime,
    kinds: Collection[str],
    shard_count: int | None = None,
    shard_ids: Collection[int] | None = None,
) -> datetime | None:
    """The earliest instant, by the caller's clock (``now``), something this process can
    claim becomes due.

    That is a pending row's due (or retry) time or a claimed row's lease expiry, filtered
    like ``claim``, so rows for other shards or kinds never cause a wake-up here. A lease
    runs in database time, so what is left of it is added to ``now``.
    """
    ours = _ours(kinds, shard_count, shard_ids)
    pending = (
        session.execute(select(func.min(_tried_at())).where(ours, col(Schedule.status) == PENDING))
    ).scalar_one_or_none()
    expiry, database = (
        session.execute(
            select(func.min(col(Schedule.lease_expires_at)), database_now()).where(
                ours, col(Schedule.status) == CLAIMED
            )
        )
    ).one()
    lapses = now + max(expiry - database, timedelta(0)) if expiry is not None else None
    return min((t for t in (pending, lapses) if t is not None), default=None)
