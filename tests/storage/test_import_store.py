"""Importing exports on each back-end: idempotent, all or nothing, undoable, and counted
like logged sets everywhere but in challenges."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coach.catalog import load_catalog
from coach.challenges import Metric
from coach.imports.plan import Summary
from coach.imports.rows import ImportFileError
from coach.vocabulary import Unit
from storage import logbook
from storage.imports import ImportRequest, last_import, run_import, undo_import
from storage.store import Store
from storage.tables import DataImport, LoggedSet, Person
from tests.storage.test_challenge_rules import ALICE, MONDAY, a_challenge, log, scores

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
STRONG = (FIXTURES / "strong_comma.csv").read_text(encoding="utf-8")


async def do_import(
    store: Store, text: str, *, write: bool = True, person: int = ALICE, now: datetime = NOW
) -> Summary:
    request = ImportRequest(person, "export.csv", now, zone="Europe/Stockholm", unit=Unit.KG)
    return await store.run(run_import, request, io.StringIO(text), load_catalog(), write=write)


async def count(store: Store, table: type = LoggedSet) -> int:
    return await store.run(
        lambda session: session.execute(select(func.count()).select_from(table)).scalar_one()
    )


async def test_a_preview_writes_nothing_and_the_import_writes_what_it_showed(store: Store):
    preview = await do_import(store, STRONG, write=False)
    assert await count(store) == 0

    done = await do_import(store, STRONG)

    assert done.as_json() == preview.as_json()
    assert (done.sets, done.workouts, done.rows) == (24, 5, 24)
    assert await count(store) == 24
    assert await count(store, DataImport) == 1


async def test_importing_the_same_file_again_adds_nothing(store: Store):
    await do_import(store, STRONG)

    again = await do_import(store, STRONG)

    assert (again.sets, again.already_there) == (0, 24)
    assert await count(store) == 24
    assert await count(store, DataImport) == 1  # an import that added nothing leaves no record


async def test_a_newer_overlapping_export_adds_only_the_new_sets(store: Store):
    header, *rows = STRONG.splitlines(keepends=True)
    await do_import(store, header + "".join(rows[:10]))

    newer = await do_import(store, STRONG)

    assert (newer.sets, newer.already_there) == (14, 10)
    assert await count(store) == 24


@pytest.mark.parametrize(
    "broken",
    [
        STRONG + "2022-09-01 10:00:00,A,1h,Squat (Barbell),1,100,lots,0,0,,,\n",
        STRONG + "2022-09-01 10:00:00,A,1h\n",
        STRONG + 'not a date,A,1h,"Squat,1,100,5,0,0,,,\n',
    ],
)
async def test_a_file_broken_after_good_rows_stores_nothing(store: Store, broken: str):
    with pytest.raises(ImportFileError, match="Row 26"):
        await do_import(store, broken)

    assert await count(store) == 0
    assert await count(store, DataImport) == 0


async def test_undo_removes_the_last_import_and_nothing_else(store: Store):
    liftosaur = (FIXTURES / "liftosaur.csv").read_text(encoding="utf-8")
    await do_import(store, STRONG, now=NOW)
    await do_import(store, liftosaur, now=NOW + timedelta(minutes=1))
    await log(store, MONDAY)

    def unit(session: Session) -> tuple[int, int]:
        last = last_import(session, ALICE)
        assert last is not None
        assert last.format == "Liftosaur"
        removed = undo_import(session, ALICE, last.id)
        refused = undo_import(session, ALICE + 1, last.id)
        return removed, refused

    removed, refused = await store.run(unit)

    assert (removed, refused) == (22, 0)
    assert await count(store) == 24 + 1


async def test_imported_sets_count_for_records_like_logged_ones(store: Store):
    await do_import(store, STRONG)

    bests = await store.run(logbook.bests, ALICE, "back_squat")

    assert bests.weight_by_reps == {6: 110.0, 12: 90.0}


async def test_imported_sets_never_count_in_a_challenge(store: Store):
    challenge = await a_challenge(store, Metric.LEG_SETS)
    performed = MONDAY.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    export = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds\n"
        + f"{performed},Legs,1h,Squat (Barbell),1,100,5,0,0\n"
        + f"{performed},Legs,1h,Squat (Barbell),2,100,5,0,0\n"
    )
    # Imported an hour after the sets, inside the window: live sets like these would count.
    request_time = MONDAY + timedelta(hours=1)
    await store.run(
        run_import,
        ImportRequest(ALICE, "x.csv", request_time, zone="UTC"),
        io.StringIO(export),
        load_catalog(),
        write=True,
    )
    assert await count(store) == 2
    assert (await scores(store, challenge))[ALICE] == 0

    await log(store, MONDAY, logged_at=request_time)

    assert (await scores(store, challenge))[ALICE] == 1


async def test_a_preview_does_not_even_create_the_person(store: Store):
    await do_import(store, STRONG, write=False, person=ALICE + 50)

    assert await count(store, Person) == 0
