"""The one way sets get logged, from /log, a DM or the console: read, check, store, judge.

All or nothing: if any line cannot be read, nothing is stored and the person is told which.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.bot import LegDayBot
from coach.catalog import load_catalog
from coach.entries import Entry, read_entries
from coach.records import Record, new_records
from coach.text import clean_text, visible_name
from coach.vocabulary import Unit
from coach.when import WhenError, resolve_day
from cogs._common import zone_of
from storage import logbook
from storage.custom_exercises import custom_exercises_of
from storage.people import logging_settings, person_row


@dataclass(frozen=True, slots=True)
class Logged:
    batch_id: str
    entries: tuple[Entry, ...]
    records: tuple[tuple[str, Record], ...]
    unit: Unit
    performed_at: datetime
    zone_known: bool
    shares: bool


@dataclass(frozen=True, slots=True)
class Refused:
    message: str


def _refusal(errors: tuple[str, ...]) -> Refused:
    more = f" ({len(errors) - 1} more line(s) had problems too.)" if len(errors) > 1 else ""
    return Refused(f"Nothing was logged. {errors[0]}{more}")


def _performed_at(now: datetime, day: date, zone_now: datetime) -> datetime:
    """Today means now; an earlier day keeps the current local time of day."""
    if day == zone_now.date():
        return now
    return datetime.combine(day, zone_now.timetz()).astimezone(now.tzinfo)


async def log_text(
    bot: LegDayBot,
    *,
    user_id: int,
    guild_id: int | None,
    text: str,
    when: str | None = None,
    note: str | None = None,
    source: str = "slash",
) -> Logged | Refused:
    # One unit of work: parsing, the bests and the insert in one transaction.
    return await bot.store.run(
        _log, user_id, guild_id, text, when, note, source, now=bot.clock.now()
    )


def _log(
    session: Session,
    user_id: int,
    guild_id: int | None,
    text: str,
    when: str | None,
    note: str | None,
    source: str,
    *,
    now: datetime,
) -> Logged | Refused:
    # NUL and other control characters: dropped alike on every database (see coach.text).
    text, note = clean_text(text), (visible_name(note) if note else None)
    person = logging_settings(session, user_id, now)
    unit = person.unit
    read = read_entries(text, unit, load_catalog(), bodyweight_kg=person.bodyweight_kg)
    if read.could_be_custom:
        custom = custom_exercises_of(session, user_id)
        read = read_entries(text, unit, load_catalog(), custom, person.bodyweight_kg)
    if read.errors:
        return _refusal(read.errors)
    if not read.loggable:
        return Refused("Nothing to log there. Try: `squat 3x5 100kg @8`.")
    local_now = now.astimezone(zone_of(person.timezone))
    day = resolve_day(when or "", local_now.date())
    if isinstance(day, WhenError):
        return Refused(day.message)

    by_exercise: dict[str, list[Entry]] = defaultdict(list)
    for entry in read.loggable:
        if entry.exercise is not None:
            by_exercise[entry.exercise.key].append(entry)
    records = []
    for key, entries in by_exercise.items():
        bests, volume_before = logbook.bests(session, user_id, key, excluding_day=day)
        sets = [s for entry in entries for s in entry.sets]
        volume = volume_before + sum(entry.volume_kg for entry in entries)
        records += [(entries[0].name, record) for record in new_records(bests, sets, volume)]
    performed_at = _performed_at(now, day, local_now)
    if not person.stored:
        person_row(session, user_id, now)
    where = logbook.Where(user_id, guild_id, performed_at, now, day, source, note)
    return Logged(
        batch_id=logbook.add_entries(session, where, read.loggable),
        entries=read.loggable,
        records=tuple(records),
        unit=unit,
        performed_at=performed_at,
        zone_known=person.timezone is not None,
        shares=person.share_reports,
    )
