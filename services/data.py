"""A person's data (/data and the ``legday`` CLI): importing another app's export,
undoing it, exporting everything, and forgetting them.

Reading a large export or writing years of sets takes seconds: those units run apart
from the event loop (``Store.run_apart``).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import IO

from sqlalchemy.orm import Session

from coach.catalog import load_catalog
from coach.imports.cells import MAX_BYTES, check_start
from coach.imports.plan import Summary, ZoneNeeded
from coach.imports.rows import ImportFileError
from coach.problems import UserError
from storage import imports, personal_data
from storage.imports import ImportRequest
from storage.store import Store
from storage.tables import DataImport

NO_ZONE = (
    "Nothing was imported: this file's times have no time zone. Set yours first with "
    "`/settings timezone`, then import again."
)


def check_size(size: int) -> None:
    """A ``UserError`` unless a file of ``size`` bytes may be imported."""
    if size > MAX_BYTES:
        raise UserError("Nothing was imported: that file is over 20 MB; export less.")


async def read_import(
    store: Store, request: ImportRequest, text: IO[str], *, write: bool
) -> Summary:
    """Read an export (and with ``write``, store its new sets, as one transaction).

    Raises ``ImportFileError`` for a file that cannot be read and ``ZoneNeeded`` when its
    times have no zone and neither the request nor the person gives one.
    """
    return await store.run_apart(imports.run_import, request, text, load_catalog(), write=write)


def _text(data: bytes) -> IO[str]:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")


@dataclass(frozen=True, slots=True)
class Planned:
    """An import read but not written: what it would add, and how to write it."""

    request: ImportRequest
    summary: Summary


async def preview(
    store: Store,
    data: bytes,
    *,
    person_id: int,
    filename: str,
    guild_id: int | None,
    mapping: str | None,
    now: datetime,
) -> Planned:
    """What importing ``data`` would add, writing nothing; a ``UserError`` says why it
    cannot be imported."""
    request = ImportRequest(
        person_id=person_id, filename=filename, now=now, guild_id=guild_id, mapping=mapping
    )
    try:
        check_start(data, len(data))
        summary = await read_import(store, request, _text(data), write=False)
    except ImportFileError as error:
        raise UserError(f"Nothing was imported. {error}") from None
    except ZoneNeeded:
        raise UserError(NO_ZONE) from None
    return Planned(request, summary)


async def write(store: Store, planned: Planned, data: bytes) -> Summary | None:
    """Import what ``preview`` read; None if it can no longer be (the person's zone was
    cleared meanwhile)."""
    try:
        return await read_import(store, planned.request, _text(data), write=True)
    except (ImportFileError, ZoneNeeded):
        return None


async def last_import(store: Store, person_id: int) -> DataImport:
    """The person's latest import, to undo; a ``UserError`` when there is none."""
    record = await store.run(imports.last_import, person_id)
    if record is None or record.id is None:
        raise UserError("You have no import to undo.")
    return record


async def undo_import(store: Store, person_id: int, record: DataImport) -> int:
    """Remove the sets of the person's import ``record``; returns how many (0: removed
    already)."""
    if record.id is None:
        return 0  # never stored, so nothing of it to remove
    return await store.run(imports.undo_import, person_id, record.id)


def _export(session: Session, person_id: int) -> tuple[bytes, bytes]:
    everything = json.dumps(
        personal_data.everything_about(session, person_id), indent=2, ensure_ascii=False
    )
    return personal_data.strong_csv(session, person_id).encode(), everything.encode()


async def export(store: Store, person_id: int) -> tuple[bytes, bytes]:
    """The person's sets as Strong's semicolon CSV and everything about them as JSON, encoded."""
    return await store.run_apart(_export, person_id)


async def forget(store: Store, person_id: int) -> dict[str, int]:
    """Delete everything about the person; returns the rows touched per table (none: Leg
    Day held nothing about them)."""
    return await store.run(personal_data.forget, person_id)
