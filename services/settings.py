"""A person's own settings (/settings): what each change checks and stores, and the
settings read back for showing.

Every change makes the person's row if it is their first contact, and a refused change
(a ``UserError``) rolls back with it, so a mistake leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from coach.notation import ORDERS, Order, Shape
from coach.plates import PlateSet, plate_set
from coach.problems import UserError
from coach.records import Announce
from coach.recurrence import Weekly
from coach.rest import NAMES as REST_NAMES
from coach.rest import read_rests, rests_text
from coach.units import to_kg
from coach.vocabulary import Unit
from coach.when import DateOrder
from services.reminders import KINDS as REMINDER_KINDS
from storage import schedules
from storage.challenges import badges_of
from storage.people import (
    announce_of,
    date_order_of,
    get_person,
    read_person,
    readings_of,
    set_reading,
)
from storage.store import Store
from storage.tables import Person

LINES: dict[str, Shape] = {"135x4x8": Shape.WEIGHT_THEN_TWO, "14x12": Shape.SMALL_PAIR}
"""Each ambiguous shape by the example people pick it with in /settings reading."""

BODYWEIGHT_KG = (20, 350)
"""Bodyweights outside this are taken for a typing mistake, not a person."""


@dataclass(frozen=True, slots=True)
class PersonSettings:
    """A person's settings as read, with the badges they won."""

    unit: Unit
    timezone: str | None
    share_reports: bool
    announce: Announce
    date_order: DateOrder | None
    sex: str | None
    bodyweight_kg: float | None
    days_per_week: int | None
    goal: str
    readings: dict[Shape, Order]
    """The reading picked for each ambiguous shape; a shape left out is asked each time."""
    plates: PlateSet | None
    rests: dict[str, int]
    badges: list[str]


Changes = Mapping[str, object]


def _settings(person: Person, badges: list[str]) -> PersonSettings:
    return PersonSettings(
        unit=Unit(person.unit),
        timezone=person.timezone,
        share_reports=person.share_reports,
        announce=announce_of(person.announce_records),
        date_order=date_order_of(person.date_order),
        sex=person.sex,
        bodyweight_kg=person.bodyweight_kg,
        days_per_week=person.days_per_week,
        goal=person.goal,
        readings=readings_of(person),
        plates=PlateSet.read(person.plates),
        rests=read_rests(person.rest_seconds),
        badges=badges,
    )


async def _change(
    store: Store, user_id: int, changes: Callable[[Person], Changes], *, now: datetime
) -> PersonSettings:
    """Apply what ``changes`` works out from the person's current row, in one transaction."""
    person, badges = await store.run(_apply, user_id, changes, now)
    return _settings(person, badges)


def _apply(
    session: Session, user_id: int, changes: Callable[[Person], Changes], now: datetime
) -> tuple[Person, list[str]]:
    person = get_person(session, user_id, now)
    for name, value in changes(person).items():
        setattr(person, name, value)
    return person, [badge.name for badge in badges_of(session, user_id)]


def _set(**changes: object) -> Callable[[Person], Changes]:
    return lambda _person: changes


def _read(session: Session, user_id: int, now: datetime) -> tuple[Person, list[str]]:
    person = read_person(session, user_id, now)
    return person, [badge.name for badge in badges_of(session, user_id)]


async def show(store: Store, user_id: int, *, now: datetime) -> PersonSettings:
    """The person's settings; looking stores nobody."""
    return _settings(*await store.run(_read, user_id, now))


async def set_unit(store: Store, user_id: int, unit: Unit, *, now: datetime) -> PersonSettings:
    return await _change(store, user_id, _set(unit=unit), now=now)


@dataclass(frozen=True, slots=True)
class ZoneSet:
    """A time zone set: the settings, and the reminders that moved with it."""

    settings: PersonSettings
    reminders: list[Weekly]
    next_due_at: datetime | None
    """The soonest a moved reminder is due now: the dispatcher must wake by then."""


async def set_timezone(store: Store, user_id: int, zone: str, *, now: datetime) -> ZoneSet:
    """``zone`` is a key ``coach.zones.read_zone`` gave. The person's reminders move with
    them: the same days and local time, in the new zone."""
    return await store.run(_set_timezone, user_id, zone, now)


def _set_timezone(session: Session, user_id: int, zone: str, now: datetime) -> ZoneSet:
    person, badges = _apply(session, user_id, _set(timezone=zone), now)
    moved = schedules.move_to_zone(session, user_id, REMINDER_KINDS, zone, now)
    due = [row.next_due_at for row in moved if row.status == schedules.PENDING]
    return ZoneSet(
        _settings(person, badges), [schedules.rule_of(row) for row in moved], min(due, default=None)
    )


async def set_profile(
    store: Store,
    user_id: int,
    *,
    sex: str | None,
    bodyweight: float | None,
    days_per_week: int | None,
    goal: str | None,
    now: datetime,
) -> PersonSettings:
    """The details given (None: unchanged); ``bodyweight`` is in the person's unit."""

    def changes(person: Person) -> Changes:
        given: dict[str, object] = {"sex": sex, "days_per_week": days_per_week, "goal": goal}
        if bodyweight is not None:
            kg = to_kg(bodyweight, Unit(person.unit))
            if not BODYWEIGHT_KG[0] <= kg <= BODYWEIGHT_KG[1]:
                raise UserError(
                    "That bodyweight looks off. Example: `bodyweight:82` (in your unit)."
                )
            given["bodyweight_kg"] = round(kg, 2)
        given = {name: value for name, value in given.items() if value is not None}
        if not given:
            raise UserError("Give at least one detail, e.g. `/settings profile days_per_week:3`.")
        return given

    return await _change(store, user_id, changes, now=now)


async def set_line_reading(
    store: Store, user_id: int, line: str, order: Order | None, *, now: datetime
) -> PersonSettings:
    """How the person reads the shape ``line`` (a key of ``LINES``) stands for; None: ask."""
    shape = LINES[line]
    if order is not None and order not in ORDERS[shape]:
        options = " or ".join(f"`{o.value}`" for o in ORDERS[shape])
        raise UserError(f"`{line}` can mean {options}, or `ask me`. Example: `means:ask me`.")

    def changes(person: Person) -> Changes:
        set_reading(person, shape, order)
        return {}

    return await _change(store, user_id, changes, now=now)


async def set_date_order(
    store: Store, user_id: int, order: DateOrder, *, now: datetime
) -> PersonSettings:
    return await _change(store, user_id, _set(date_order=order.value), now=now)


async def set_announce(
    store: Store, user_id: int, announce: Announce, *, now: datetime
) -> PersonSettings:
    return await _change(store, user_id, _set(announce_records=announce.value), now=now)


async def set_share(store: Store, user_id: int, share: bool, *, now: datetime) -> PersonSettings:
    return await _change(store, user_id, _set(share_reports=share), now=now)


async def set_plates(
    store: Store, user_id: int, plates: str, bar: float | None, *, now: datetime
) -> PersonSettings:
    """Their own plates and bar, in their unit; ``standard`` goes back to a gym's set.
    A ``PlateError`` (a ``UserError``) says what does not read."""
    if plates.strip().lower() == "standard":
        return await _change(store, user_id, _set(plates=None), now=now)

    def changes(person: Person) -> Changes:
        return {"plates": plate_set(plates, Unit(person.unit), bar).text()}

    return await _change(store, user_id, changes, now=now)


async def set_rest(
    store: Store, user_id: int, pattern: str, seconds: int | None, *, now: datetime
) -> PersonSettings:
    """The rest after a movement pattern (one of ``coach.rest.NAMES``); None: the usual."""
    if pattern not in REST_NAMES:
        raise UserError("Pick a pattern from the list, e.g. `pattern:squat seconds:180`.")

    def changes(person: Person) -> Changes:
        chosen = read_rests(person.rest_seconds)
        if seconds is None:
            chosen.pop(pattern, None)
        else:
            chosen[pattern] = seconds
        return {"rest_seconds": rests_text(chosen)}

    return await _change(store, user_id, changes, now=now)
