"""A person's settings, deloads and imports: the refusals no end-to-end test reaches,
each leaving nothing stored."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from coach.imports.cells import MAX_BYTES
from coach.notation import Order
from coach.problems import UserError
from coach.vocabulary import Unit
from coach.when import DateOrder
from services import data, deload, settings
from storage.store import Store
from storage.tables import Deload, Person
from tests.db import first, get

NOW = datetime(2026, 11, 21, 23, 30, tzinfo=UTC)
ALICE = 111


async def deload_rows(store: Store) -> int:
    return int(await first(store, select(func.count()).select_from(Deload)))


async def _stored(store: Store, person_id: int) -> Person | None:
    stored: Person | None = await get(store, Person, person_id)
    return stored


async def test_a_bodyweight_out_of_range_in_the_persons_unit_is_refused(store: Store) -> None:
    await settings.set_unit(store, ALICE, Unit.LB, now=NOW)
    # The range is in kg (20-350), checked after reading the number in pounds: 40 lb
    # (18 kg) is too light and 500 lb (227 kg) is fine, though 40 kg and 500 kg would
    # read the other way round.
    with pytest.raises(UserError, match="bodyweight looks off"):
        await settings.set_profile(
            store, ALICE, sex=None, bodyweight=40.0, days_per_week=3, goal=None, now=NOW
        )
    heavy = await settings.set_profile(
        store, ALICE, sex=None, bodyweight=500.0, days_per_week=None, goal=None, now=NOW
    )
    assert heavy.bodyweight_kg == pytest.approx(226.8, abs=0.01)
    assert heavy.days_per_week is None  # the refused change stored none of its details
    mine = await settings.set_profile(
        store, ALICE, sex=None, bodyweight=180.0, days_per_week=None, goal=None, now=NOW
    )
    assert mine.bodyweight_kg == pytest.approx(81.65, abs=0.01)


async def test_a_reading_the_line_cannot_have_is_refused_before_anyone_is_stored(
    store: Store,
) -> None:
    with pytest.raises(UserError, match="`14x12` can mean"):
        await settings.set_line_reading(store, ALICE, "14x12", Order.REPS_SETS, now=NOW)
    assert await _stored(store, ALICE) is None


async def test_plates_that_do_not_read_store_nobody(store: Store) -> None:
    with pytest.raises(UserError):
        await settings.set_plates(store, ALICE, "heavy ones", None, now=NOW)
    assert await _stored(store, ALICE) is None
    mine = await settings.set_plates(store, ALICE, "20, 10", 15.0, now=NOW)
    assert mine.plates is not None
    assert (mine.plates.plates, mine.plates.bar) == ((20.0, 10.0), 15.0)
    assert (await settings.set_plates(store, ALICE, " Standard ", None, now=NOW)).plates is None


async def test_a_deload_ends_on_the_persons_own_today(store: Store) -> None:
    with pytest.raises(UserError, match="no deload going on"):
        await deload.end(store, ALICE, now=NOW)
    await settings.set_timezone(store, ALICE, "Asia/Tokyo", now=NOW)  # already the 22nd there
    started = await deload.start(store, ALICE, None, 7, now=NOW)
    assert started.first_day == date(2026, 11, 22)
    # It began today, so ending it today leaves no deload at all.
    assert await deload.end(store, ALICE, now=NOW) == date(2026, 11, 22)
    with pytest.raises(UserError, match="no deload going on"):
        await deload.end(store, ALICE, now=NOW)


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (DateOrder.DAY_MONTH, date(2026, 11, 10)),
        (DateOrder.MONTH_DAY, "2026-10-11 is more than 14 days ago"),
        (None, "Tell me how you write dates"),  # no order chosen: asked, as /log asks
    ],
)
async def test_a_deload_reads_a_date_in_the_persons_own_date_order(
    store: Store, order: DateOrder | None, expected: date | str
) -> None:
    if order is not None:
        await settings.set_date_order(store, ALICE, order, now=NOW)
    if isinstance(expected, str):
        with pytest.raises(UserError, match=expected):
            await deload.start(store, ALICE, "10/11", 7, now=NOW)
        assert await deload_rows(store) == 0
    else:
        started = await deload.start(store, ALICE, "10/11", 7, now=NOW)
        assert started.first_day == expected
        assert await deload_rows(store) == 1


async def test_no_import_to_undo_and_files_too_large_are_refused(store: Store) -> None:
    with pytest.raises(UserError, match="no import to undo"):
        await data.last_import(store, ALICE)
    data.check_size(MAX_BYTES)
    with pytest.raises(UserError, match="over 20 MB"):
        data.check_size(MAX_BYTES + 1)
    assert await _stored(store, ALICE) is None


async def test_showing_settings_stores_nobody(store: Store) -> None:
    shown = await settings.show(store, ALICE, now=NOW)

    assert (shown.unit, shown.timezone, shown.badges) == (Unit.KG, None, [])
    assert await _stored(store, ALICE) is None
