"""The one way sets get logged, from /log, a DM or the console: read, check, store, judge;
and the way they are undone.

The lines that were read are stored as one batch (one Undo) and the refused ones are listed
back. A line that reads two ways stores nothing at all until the person picks a reading,
which becomes their default for that shape of line. Whoever calls tells listeners (the live
challenge boards) that the person's sets changed: that is the bot's business, not this one.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from functools import partial

from sqlalchemy.orm import Session

from coach.care import care_state
from coach.catalog import load_catalog
from coach.entries import Entry, Question, ReadResult, read_entries
from coach.exercise import Exercise
from coach.notation import Order, Shape
from coach.problems import UserError
from coach.records import Record, new_records, worth_announcing
from coach.text import clean_text, counted, visible_name
from coach.vocabulary import Unit
from coach.when import Day, WhenError, local_moment, read_day
from coach.zones import stored_zone
from storage import logbook
from storage.bests_cache import NOBODY, BestsCache, Known, Version, sets_version
from storage.coach_data import checkins_of
from storage.custom_exercises import custom_exercises_of
from storage.people import LoggingSettings, get_person, logging_settings, read_person, set_reading
from storage.store import Store
from storage.tables import LoggedSet


@dataclass(frozen=True, slots=True)
class Logged:
    batch_id: str
    entries: tuple[Entry, ...]
    records: tuple[tuple[str, Record], ...]
    unit: Unit
    performed_at: datetime
    zone_known: bool
    shares: bool
    refused: tuple[str, ...] = ()
    """Lines of the message that were not logged, each with what to fix."""
    announced: tuple[tuple[str, Record], ...] = ()
    """The records for the channel, as the person chose (``coach.records.Announce``)."""
    kept_private: bool = False
    """A check-in's answer that stops training (seek urgent care, see a professional)
    stands: the records are noted, not celebrated, and never announced in the channel."""
    day_note: str | None = None
    """What the day typed was read as, when that may surprise (a weekday meaning a week ago)."""
    known: tuple[Known, ...] = ()
    """The bests read or kept for this log, brought up to date with it, and the person's
    ``sets_version`` they are good at (none when someone else changed their sets meanwhile),
    for ``BestsCache`` once the log is stored."""
    version: Version = NOBODY


@dataclass(frozen=True, slots=True)
class Request:
    """What was asked to be logged, kept so a picked reading can log it again."""

    user_id: int
    guild_id: int | None
    text: str
    when: str | None = None
    note: str | None = None
    source: str = "slash"


@dataclass(frozen=True, slots=True)
class _Refused:
    """Nothing was logged; returned, not raised, by the unit of work, so that what it did
    store before refusing (a reading just picked) is kept. ``log_text`` raises it."""

    message: str


@dataclass(frozen=True, slots=True)
class Asked:
    """A line with two readings: nothing was stored, the person picks one."""

    question: Question


Outcome = Logged | Asked


def _refusal(errors: tuple[str, ...]) -> _Refused:
    rest = counted(len(errors) - 1, "more line")
    more = f" ({rest} had problems too.)" if len(errors) > 1 else ""
    return _Refused(f"Nothing was logged. {errors[0]}{more}")


def _performed_at(now: datetime, when: Day, zone: tzinfo) -> datetime | WhenError:
    """The local time typed with the day; else today means now, and an earlier day keeps
    the current local time of day."""
    zone_now = now.astimezone(zone)
    if when.at is not None:
        moment = local_moment(when.day, when.at, zone)
        if isinstance(moment, WhenError):
            return moment
        if moment > now:
            return WhenError(f"{when.at:%H:%M} today is still to come: log sets once they're done.")
        return moment.astimezone(now.tzinfo)
    if when.day == zone_now.date():
        return now
    return datetime.combine(when.day, zone_now.timetz()).astimezone(now.tzinfo)


async def log_text(
    store: Store,
    request: Request,
    picked: Sequence[tuple[Shape, Order]] = (),
    *,
    now: datetime,
    cache: BestsCache,
) -> Outcome:
    """Log what was asked; ``picked`` is a reading the person just chose, saved first.
    ``cache`` holds the bests of earlier logs, and gets this one's.

    Raises ``UserError`` when nothing could be logged, saying why.
    """
    # NUL and other control characters: dropped alike on every database (see coach.text).
    note = visible_name(request.note) if request.note else None
    request = replace(request, text=clean_text(request.text), note=note)
    text, user_id = request.text, request.user_id
    picks = tuple(picked)
    if len(text) <= READ_ON_LOOP_CHARS:
        # One unit of work: on SQLite that is one hop to the store, not one per query.
        outcome = await store.run(_log, request, picks, now=now, cache=cache)
    else:
        # A long message can take tens of milliseconds to read: read it on a worker thread,
        # between fetching what reading needs and storing what was read.
        person, custom = await store.run(_reading_inputs, user_id, picks, now=now)
        read = await asyncio.to_thread(
            partial(
                read_entries,
                text,
                person.unit,
                load_catalog(),
                custom,
                bodyweight_kg=person.bodyweight_kg,
                choices=person.readings,
            )
        )
        outcome = await store.run(_log, request, (), now=now, cache=cache, read=read)
    if isinstance(outcome, _Refused):
        raise UserError(outcome.message)
    if isinstance(outcome, Logged):
        for known in outcome.known:  # stored now: good for the next log
            cache.put(known, outcome.version)
    return outcome


READ_ON_LOOP_CHARS = 300
"""Messages up to this long are read inside /log's unit of work (on a worker thread on
SQLite, on the event loop on PostgreSQL): a few lines take well under 1 ms."""


def _reading_inputs(
    session: Session, user_id: int, picked: tuple[tuple[Shape, Order], ...], *, now: datetime
) -> tuple[LoggingSettings, tuple[Exercise, ...]]:
    _save_picks(session, user_id, picked, now)
    return logging_settings(session, user_id, now), tuple(custom_exercises_of(session, user_id))


def _save_picks(
    session: Session, user_id: int, picked: tuple[tuple[Shape, Order], ...], now: datetime
) -> None:
    if picked:
        chooser = get_person(session, user_id, now)
        for shape, order in picked:
            set_reading(chooser, shape, order)
        session.flush()


def _log(
    session: Session,
    request: Request,
    picked: tuple[tuple[Shape, Order], ...],
    *,
    now: datetime,
    cache: BestsCache,
    read: ReadResult | None = None,
) -> Outcome | _Refused:
    user_id, text = request.user_id, request.text
    _save_picks(session, user_id, picked, now)
    person = logging_settings(session, user_id, now)
    unit = person.unit
    if read is None:
        weighed = person.bodyweight_kg
        read = read_entries(
            text, unit, load_catalog(), bodyweight_kg=weighed, choices=person.readings
        )
        if read.could_be_custom:
            custom = custom_exercises_of(session, user_id)
            read = read_entries(
                text, unit, load_catalog(), custom, bodyweight_kg=weighed, choices=person.readings
            )
    if read.questions:
        return Asked(read.questions[0])
    if not read.loggable:
        if read.errors:
            return _refusal(read.errors)
        return _Refused("Nothing to log there. Try: `squat 3x5 100kg @8`.")
    zone = stored_zone(person.timezone)
    local_now = now.astimezone(zone)
    read_when = read_day(request.when or read.day or "", local_now.date(), person.date_order)
    if isinstance(read_when, WhenError):
        return _Refused(read_when.message)
    if read_when.at is not None and person.timezone is None:
        # Without a zone a time of day names no instant: the day is kept, and the reply says.
        untimed = "I kept the day, not the time: set `/settings timezone` and I'll read times too."
        note = " ".join(filter(None, [read_when.note, untimed]))
        read_when = replace(read_when, at=None, note=note)
    day = read_when.day
    performed_at = _performed_at(now, read_when, zone)
    if isinstance(performed_at, WhenError):
        return _Refused(performed_at.message)

    by_exercise: dict[str, list[Entry]] = defaultdict(list)
    for entry in read.loggable:
        if entry.exercise is not None:
            by_exercise[entry.exercise.key].append(entry)
    records, known = [], []
    for key, entries in by_exercise.items():
        kept = cache.get(user_id, key, day, person.sets_version)
        standing = logbook.standing(session, user_id, key, day) if kept is None else kept.standing
        sets = [s for entry in entries for s in entry.sets]
        volume = sum(entry.volume_kg for entry in entries)
        records += [(key, entries[0].name, r) for r in new_records(standing, sets, volume)]
        known.append(Known(user_id, key, day, standing.after(sets, volume)))
    if not person.stored:
        get_person(session, user_id, now)
    where = logbook.Where(
        user_id, request.guild_id, performed_at, now, day, request.source, request.note
    )
    batch_id = logbook.add_entries(session, where, read.loggable)
    # Moved on by one: this log was the only change, and what was read is good after it.
    version = sets_version(session, user_id)
    fresh = version == person.sets_version.next()
    announced = tuple(
        (name, record)
        for key, name, record in records
        if worth_announcing(person.announce, key, record)
    )
    # Cheering a lift the person was told not to train through, in the channel or in the
    # reply, would undo that advice; check-ins are read only when there is a record (most
    # logs have none).
    kept_private = bool(records) and (
        care_state(checkins_of(session, user_id, now), now).blocks_training
    )
    return Logged(
        batch_id=batch_id,
        entries=read.loggable,
        records=tuple((name, record) for _key, name, record in records),
        announced=() if kept_private else announced,
        kept_private=kept_private,
        unit=unit,
        performed_at=performed_at,
        zone_known=person.timezone is not None,
        shares=person.share_reports,
        refused=read.errors,
        day_note=read_when.note,
        known=tuple(known) if fresh else (),
        version=version,
    )


@dataclass(frozen=True, slots=True)
class LastLog:
    """The sets of someone's last logging call, which /undo offers to remove."""

    batch_id: str
    sets: list[LoggedSet]
    unit: Unit


def _last_log(session: Session, user_id: int, now: datetime) -> LastLog | None:
    """The person's last batch with its sets and their unit; None when there is none."""
    unit = Unit(read_person(session, user_id, now).unit)
    batch_id = logbook.last_batch_id(session, user_id)
    rows = logbook.batch_sets(session, user_id, batch_id) if batch_id else []
    if not batch_id or not rows:
        return None
    return LastLog(batch_id, rows, unit)


async def last_log(store: Store, user_id: int, *, now: datetime) -> LastLog:
    """What /undo would remove; a ``UserError`` when there is nothing."""
    found = await store.run(_last_log, user_id, now)
    if found is None:
        raise UserError("You have nothing logged to undo. Log with `/log squat 3x5 100kg`.")
    return found


async def undo(store: Store, owner_id: int, batch_id: str) -> list[LoggedSet]:
    """Remove the sets one logging call stored (Undo, /undo): the sets removed, none if
    they were gone already."""
    return await store.run(logbook.delete_batch, owner_id, batch_id)
