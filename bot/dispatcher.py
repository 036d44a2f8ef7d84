"""The dispatcher: claims due schedules from the database, runs their handler, records them.

APScheduler only wakes it, with a one-shot at the nearest due time and, when several
processes share the database, a short interval job that notices rows the others add,
move or abandon. A process that runs every shard is the only one: it re-arms the
one-shot on every change it makes and after every drain, so it needs no polling (which
would also make simulated time crawl in tests and the console, a step a minute). Under
``legday run`` it ticks anyway, every heartbeat interval, so that ``legday health`` can
tell a live dispatcher (``ticked_at``) from a stuck one.

Never twice, never lost:
- Each wake-up drains everything due, one leased batch at a time, sending one at a
  time and recording each occurrence the moment its send returns. A dispatcher killed
  mid-batch can only have repeated its send in flight and any that returned while a
  record was being written (records are written together, so the next send never waits
  for one); the rest of its batch waits for the lease to lapse and goes out then, late.
- Leases run in database time (``storage.schedules``), and a live dispatcher renews its
  leases while it sends, so a slow send (Discord retrying for a minute and a half) or a
  clock minutes off never lets another process take a row it still holds. Before each
  send it checks the last renewal is recent; if renewing keeps failing it stops sending.
  After a slow send it gives back the rest of its batch for idle processes to take.
- A send that fails for a passing reason (429, 5xx) is tried again later, with a
  growing pause, for as long as the grace period allows; the occurrence keeps its due
  time, so it is still recorded once.

An occurrence missed by less than the grace period (downtime, a slow restart) is still
handled, once, late; an older one is recorded as missed and never sent, so coming back
after a day offline sends no burst of stale nudges.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.clock import BotClock, Clock
from coach.recurrence import next_occurrence
from storage import schedules
from storage.schedules import Due, Finished
from storage.store import Store

log = logging.getLogger(__name__)

GRACE = timedelta(hours=2)
# Renewed every third of itself while sending, so only a dead process's rows wait for it.
LEASE = timedelta(minutes=1)
BATCH = 50
POLL_SECONDS = 60.0
MIN_REARM = timedelta(seconds=1)
# A failed occurrence waits half as long as it is already late, within these bounds.
RETRY_MIN, RETRY_MAX = timedelta(minutes=1), timedelta(minutes=15)
RECORD_TRIES = 3
SLOW_SEND_SECONDS = 1.0
MISSED = "missed"
ONCE_DONE = "done"
"""Why a one-off schedule is paused: it has had its one occurrence."""


@dataclass(frozen=True, slots=True)
class Handled:
    """What a handler did with one occurrence: the delivery outcome and its details."""

    outcome: str
    sent: bool = False
    pause_reason: str | None = None
    attempts: int = 1
    error: str | None = None
    passing: bool = False  # failed for a reason that may pass: worth trying again
    # When the next occurrence is due, for a kind whose times no weekly rule gives (a
    # challenge's posts); None: the schedule's rule says.
    next_due_at: datetime | None = None
    done: bool = False  # nothing more to send, ever: the schedule is finished


def retry_time(due_at: datetime, now: datetime, grace: timedelta) -> datetime | None:
    """When to try a failed occurrence again, or None once its grace period is over."""
    if now >= due_at + grace:
        return None
    pause = min(max((now - due_at) / 2, RETRY_MIN), RETRY_MAX)
    return min(now + pause, due_at + grace)


Handler = Callable[[Due, datetime], Awaitable[Handled]]


class DispatchObserver(Protocol):
    """Told what the dispatcher claims and how each occurrence ends (the metrics)."""

    def claimed(self, claimed: Sequence[Due]) -> None: ...

    def finished(self, due: Due, finished: Finished, now: datetime) -> None: ...


class _Unobserved:
    def claimed(self, claimed: Sequence[Due]) -> None:
        pass

    def finished(self, due: Due, finished: Finished, now: datetime) -> None:
        pass


def lease_owner() -> str:
    """Unique per dispatcher, readable in the table: host, process, random suffix."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class _Recorder:
    """Records each occurrence as soon as its send returns, without making the next send
    wait for the database: whatever finished while one transaction was being written goes
    into the next one (a group commit), so a fast batch costs a few commits, not one each.
    """

    def __init__(self, write: Callable[[list[Finished]], Awaitable[None]]) -> None:
        self._write = write
        self._pending: list[Finished] = []
        self._writing: asyncio.Task[None] | None = None

    def add(self, finished: Finished) -> None:
        if self._writing is not None and self._writing.done():
            self._writing.result()  # a write that failed for good stops the batch
        self._pending.append(finished)
        if self._writing is None or self._writing.done():
            self._writing = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        while self._pending:
            group, self._pending = self._pending, []
            await self._write(group)

    async def flush(self) -> None:
        """Wait until every occurrence added so far is recorded."""
        if self._writing is not None:
            await self._writing


class Dispatcher:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        shard_count: int | None = None,
        shard_ids: Collection[int] | None = None,
        owner: str | None = None,
        grace: timedelta = GRACE,
        lease: timedelta = LEASE,
        batch: int = BATCH,
        poll_seconds: float | None = None,
        observer: DispatchObserver | None = None,
    ) -> None:
        self.store, self.clock = store, clock
        self.shard_count, self.shard_ids = shard_count, shard_ids
        self.owner = owner or lease_owner()
        self.grace, self.lease, self.batch = grace, lease, batch
        # Shard ids are only given when several processes split the shards between them;
        # a bot with a health heartbeat asks for a tick of its own (``poll_seconds``).
        if shard_ids is not None:
            poll_seconds = min(poll_seconds or POLL_SECONDS, POLL_SECONDS)
        self.poll_seconds = poll_seconds
        self.observer: DispatchObserver = observer or _Unobserved()
        self.ticked_at: float | None = None  # time.time() of the last claim that worked
        self.handlers: dict[str, Handler] = {}
        self.graces: dict[str, timedelta] = {}
        self.once: set[str] = set()
        self.waker: BotClock | None = None
        self._next_wake: datetime | None = None
        # Wake-ups can overlap (interval and one-shot together); one drain at a time.
        self._draining = asyncio.Lock()
        self._stopping = False
        self._held: set[int] = set()  # rows leased to this process right now
        self._renewed = 0.0  # time.monotonic() of the last renewal (or claim)

    def register(
        self,
        kind: str,
        handler: Handler,
        *,
        grace: timedelta | None = None,
        once: bool = False,
    ) -> None:
        """Send occurrences of ``kind`` with ``handler``; one later than ``grace`` (by
        default the dispatcher's) is recorded as missed instead, and a failed one is
        tried again until then. ``once``: each row of this kind is due one time (a rest
        timer); once handled or missed it is paused as ``ONCE_DONE`` and never comes
        round again."""
        self.handlers[kind] = handler
        if grace is not None:
            self.graces[kind] = grace
        if once:
            self.once.add(kind)

    def start(self, waker: BotClock) -> None:
        """Start waking up on ``waker`` (the bot's clock), at once for what is due now."""
        self.waker = waker
        if self.poll_seconds is not None:
            waker.every(f"{self.owner}:poll", self.poll_seconds, self.wake)
        waker.once(f"{self.owner}:next", self.clock.now(), self.wake)

    async def stop(self) -> None:
        """Finish the send in flight, give back the rest of the batch, and return."""
        self.waker = None
        self._stopping = True
        async with self._draining:
            pass
        self._stopping = False

    def wake_at(self, moment: datetime) -> None:
        """Make sure a wake-up happens by ``moment`` (a schedule was added or moved)."""
        if self.waker is None or (self._next_wake is not None and self._next_wake <= moment):
            return
        self._next_wake = moment
        self.waker.once(f"{self.owner}:next", moment, self.wake)

    async def wake(self) -> None:
        try:
            await self.drain()
        except Exception:
            # The next wake-up retries; nothing is lost while the rows stay in the table.
            log.exception("dispatcher wake-up failed")
        finally:
            await self._rearm()

    async def _rearm(self) -> None:
        try:
            await self._arm_next()
        except Exception:
            # Without a poll nothing else would wake it: look again in a while.
            log.exception("dispatcher could not read its next wake-up")
            self.wake_at(self.clock.now() + timedelta(seconds=POLL_SECONDS))

    async def drain(self) -> int:
        """Handle everything due now, batch by batch; returns how many occurrences."""
        total = 0
        async with self._draining:
            while not self._stopping:
                claimed = await self.store.run(
                    schedules.claim,
                    owner=self.owner,
                    now=self.clock.now(),
                    lease=self.lease,
                    limit=self.batch,
                    kinds=self.handlers,
                    shard_count=self.shard_count,
                    shard_ids=self.shard_ids,
                )
                self.ticked_at = time.time()
                if not claimed:
                    return total
                self.observer.claimed(claimed)
                self._held, self._renewed = {due.schedule_id for due in claimed}, time.monotonic()
                sent = asyncio.Event()
                renewing = asyncio.create_task(self._keep_leases(sent))
                try:
                    total += await self._send_batch(claimed)
                finally:
                    sent.set()  # not a cancel, which could cut a renewal mid-transaction
                    await renewing
                    left, self._held = self._held, set()
                    await self.store.run(schedules.release, owner=self.owner, ids=left)
        return total

    async def _send_batch(self, claimed: list[Due]) -> int:
        """One at a time: Discord's rate limits pace sending anyway. Returns how many.

        After a slow send the rest of the batch is given back, so that other processes
        share it instead of waiting behind this one.
        """
        handled = 0
        recorder = _Recorder(self._record)
        try:
            for due in claimed:
                if self._stopping or not await self._still_held(due.schedule_id):
                    break
                began = time.monotonic()
                finished = await self._handle(due, self.clock.now())
                # Not ours to give back any more: if recording fails, the row's lease lapses.
                self._held.discard(due.schedule_id)
                recorder.add(finished)
                handled += 1
                if time.monotonic() - began > SLOW_SEND_SECONDS:
                    break
        finally:
            await recorder.flush()
        return handled

    async def _renew(self) -> None:
        self._held &= await self.store.run(
            schedules.renew, owner=self.owner, ids=self._held, lease=self.lease
        )
        self._renewed = time.monotonic()

    async def _keep_leases(self, sent: asyncio.Event) -> None:
        """Renew this batch's leases every third of a lease until it has been sent."""
        while True:
            try:
                await asyncio.wait_for(sent.wait(), self.lease.total_seconds() / 3)
                return
            except TimeoutError:
                pass
            try:
                await self._renew()
            except Exception:
                log.exception("renewing leases failed; sending stops unless it recovers")

    async def _still_held(self, schedule_id: int) -> bool:
        """Whether to send this one: the lease is ours, renewed within half a lease.

        The renewal task keeps leases fresh; if it has been failing, renew now, and send
        nothing on a lease that may already be another process's.
        """
        if time.monotonic() - self._renewed > self.lease.total_seconds() / 2:
            try:
                await self._renew()
            except Exception:
                log.exception("cannot renew leases; leaving the batch to lapse")
                return False
        return schedule_id in self._held

    async def _record(self, finished: list[Finished]) -> None:
        """Record occurrences; a passing database error is retried, since a row left
        leased would be sent again by another process once its lease lapses."""
        for attempt in range(1, RECORD_TRIES + 1):
            try:
                await self.store.run(
                    schedules.finish, owner=self.owner, done=finished, now=self.clock.now()
                )
                return
            except Exception:
                if attempt == RECORD_TRIES:
                    raise
                ids = [item.schedule_id for item in finished]
                log.warning("recording schedules %s failed, again", ids)
                await asyncio.sleep(attempt)

    async def _handle(self, due: Due, now: datetime) -> Finished:
        # From now, not from the due time: after downtime the next one is in the future.
        upcoming = next_occurrence(due.rule, max(now, due.due_at))
        grace = self.graces.get(due.kind, self.grace)
        done = ONCE_DONE if due.kind in self.once else None
        if now - due.due_at > grace:
            log.info("schedule %s missed its %s occurrence", due.schedule_id, due.due_at)
            missed = Finished(
                due.schedule_id,
                due.due_at,
                MISSED,
                upcoming,
                attempts=due.attempts,
                pause_reason=done,
            )
            self.observer.finished(due, missed, now)
            return missed
        try:
            handled = await self.handlers[due.kind](due, now)
        except Exception as error:
            log.exception("schedule %s failed", due.schedule_id)
            handled = Handled("failed", error=f"{type(error).__name__}: {error}"[:200])
        attempts = due.attempts + handled.attempts
        again = retry_time(due.due_at, now, grace) if handled.passing else None
        if again is not None:
            log.info("schedule %s: %s; trying again at %s", due.schedule_id, handled.error, again)
        finished = Finished(
            schedule_id=due.schedule_id,
            due_at=due.due_at,
            outcome=handled.outcome,
            next_due_at=handled.next_due_at or upcoming,
            sent=handled.sent,
            pause_reason=handled.pause_reason or (done if again is None else None),
            attempts=attempts,
            error=handled.error,
            retry_at=again,
            done=handled.done and again is None,
        )
        self.observer.finished(due, finished, now)
        return finished

    async def _arm_next(self) -> None:
        # Forgotten before the read, not after: a wake-up asked for while it runs (a row
        # stored after the read began) arms itself, and a later time read here must not
        # replace it.
        self._next_wake = None
        upcoming = await self.store.run(
            schedules.next_wake,
            now=self.clock.now(),
            kinds=self.handlers,
            shard_count=self.shard_count,
            shard_ids=self.shard_ids,
        )
        if upcoming is not None:
            # Never sooner than a second away: a row due now that cannot be claimed (a
            # failing database) must not turn wake-ups into a busy loop.
            self.wake_at(max(upcoming, self.clock.now() + MIN_REARM))
