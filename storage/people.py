"""People and servers: created on first contact, settings changed in place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import bindparam
from sqlalchemy import select as select_columns
from sqlalchemy.orm import Session
from sqlmodel import col

from coach.notation import Order, Shape
from coach.records import Announce
from coach.vocabulary import Unit
from coach.when import DateOrder
from storage.bests_cache import NOBODY, Version
from storage.inserts import insert_if_new
from storage.tables import Person, Server

_Row = TypeVar("_Row", Person, Server)


def _get_or_create(session: Session, kind: type[_Row], id_: int, now: datetime) -> _Row:
    """The row with this Discord id, created with defaults the first time it appears."""
    row = session.get(kind, id_)
    if row is None:
        # Two first commands at once: the database lets one insert, both then read it.
        session.execute(insert_if_new(session, kind(id=id_, created_at=now), ["id"]))
        row = session.get(kind, id_)
        if row is None:
            raise LookupError(f"{kind.__name__} {id_} was neither found nor created")
    return row


def get_person(session: Session, user_id: int, now: datetime) -> Person:
    """This person's row, stored with defaults the first time they appear."""
    return _get_or_create(session, Person, user_id, now)


def read_person(session: Session, user_id: int, now: datetime) -> Person:
    """This person's settings to read, without storing anyone: someone not stored yet gets
    a row of defaults that is not added, so a refused command leaves nothing behind."""
    return session.get(Person, user_id) or Person(id=user_id, created_at=now)


def get_server(session: Session, guild_id: int, now: datetime) -> Server:
    """This server's row, stored with defaults the first time it appears."""
    return _get_or_create(session, Server, guild_id, now)


def read_server(session: Session, guild_id: int, now: datetime) -> Server:
    """This server's settings to read, without storing it (``read_person``'s twin)."""
    return session.get(Server, guild_id) or Server(id=guild_id, created_at=now)


READING_COLUMNS: dict[Shape, str] = {
    Shape.WEIGHT_THEN_TWO: "reading_weight_then_two",
    Shape.SMALL_PAIR: "reading_small_pair",
}
"""The person column holding their reading of each ambiguous shape."""


def readings_of(person: Person) -> dict[Shape, Order]:
    """The readings this person picked, by shape; shapes they never picked are left out."""
    return _readings(getattr(person, column) for column in READING_COLUMNS.values())


def _readings(names: Iterable[str | None]) -> dict[Shape, Order]:
    picked = zip(READING_COLUMNS, names, strict=True)
    return {shape: Order[name] for shape, name in picked if name and name in Order.__members__}


def set_reading(person: Person, shape: Shape, order: Order | None) -> None:
    """Saves how this person reads ``shape``; None asks them again next time."""
    setattr(person, READING_COLUMNS[shape], order.name if order is not None else None)


@dataclass(frozen=True, slots=True)
class LoggingSettings:
    """The settings logging a set needs: how to read weights and lines, the day, sharing."""

    unit: Unit
    timezone: str | None
    share_reports: bool
    stored: bool
    """False for someone new: their row is made only when something of theirs is stored."""
    readings: dict[Shape, Order]
    bodyweight_kg: float | None = None  # weighted pull-ups and dips move it too
    date_order: DateOrder | None = None  # how they write 3/4; None: ask when it matters
    announce: Announce = Announce.MAIN  # which new records go to the channel
    sets_version: Version = NOBODY  # storage.bests_cache


# Plain values: loading a whole tracked Person cost /log more than the read.
_LOGGING_SETTINGS = select_columns(
    col(Person.unit),
    col(Person.timezone),
    col(Person.share_reports),
    col(Person.bodyweight_kg),
    col(Person.date_order),
    col(Person.announce_records),
    col(Person.created_at),
    col(Person.sets_version),
    col(Person.reading_weight_then_two),
    col(Person.reading_small_pair),
).where(col(Person.id) == bindparam("person_id"))


def logging_settings(session: Session, user_id: int, now: datetime) -> LoggingSettings:
    """This person's logging settings; the defaults for someone new, who is not stored."""
    row = session.connection().execute(_LOGGING_SETTINGS, {"person_id": user_id}).one_or_none()
    if row is None:
        person = Person(id=user_id, created_at=now)
        return LoggingSettings(
            Unit(person.unit), person.timezone, person.share_reports, False, readings_of(person)
        )
    unit, timezone, share_reports, bodyweight_kg, date_order, announce, *rest = row
    made_at, changes, *readings = rest
    return LoggingSettings(
        Unit(unit),
        timezone,
        bool(share_reports),
        True,
        _readings(readings),
        bodyweight_kg,
        date_order_of(date_order),
        announce_of(announce),
        Version(made_at, changes),
    )


def announce_of(stored: str | None) -> Announce:
    """Which of the person's records are announced; the main lifts' e1RM until they chose."""
    return Announce(stored) if stored in {a.value for a in Announce} else Announce.MAIN


def date_order_of(stored: str | None) -> DateOrder | None:
    """The person's date order, None until they chose one."""
    return DateOrder(stored) if stored in {order.value for order in DateOrder} else None
