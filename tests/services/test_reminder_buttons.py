"""A reminder's buttons act for its owner only: Snooze and Skip check the owner in the
unit of work that acts, and someone else's press changes nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session
from sqlmodel import select

from coach.problems import UserError
from services import reminders, settings
from storage import schedules
from storage.store import Store
from storage.tables import Delivery, Schedule
from tests.db import add, every

NOW = datetime(2026, 11, 19, 12, 0, tzinfo=UTC)  # a Thursday
ALICE, BOB = 111, 222
FRIDAY = frozenset({4})
WEEK = timedelta(weeks=1)


async def alices_reminder_sent(store: Store) -> tuple[int, datetime]:
    """Alice's leg-day reminder, its first occurrence sent and the next one a week on."""
    await settings.set_timezone(store, ALICE, "Europe/Berlin", now=NOW)
    made = await reminders.set_reminder(
        store, ALICE, None, reminders.LEGDAY, FRIDAY, time(18), now=NOW
    )
    (row,) = await every(store, select(Schedule))
    due = made.next_due_at
    await add(store, Delivery(schedule_id=row.id, due_at=due, outcome="sent", at=due))

    def sent(session: Session) -> None:
        schedules.reschedule(session, session.get_one(Schedule, row.id), due + WEEK)

    await store.run(sent)
    return row.id, due


async def alices_reminder_snoozed(store: Store) -> tuple[int, datetime]:
    """Alice's leg-day reminder: its first occurrence sent, as the dispatcher records it
    (the next one a week on), then snoozed by her."""
    schedule_id, due = await alices_reminder_sent(store)
    await reminders.snooze(store, schedule_id, ALICE, due, now=due + timedelta(minutes=5))
    assert await next_due(store) == [due + timedelta(minutes=65)]
    return schedule_id, due


async def next_due(store: Store) -> list[datetime]:
    return [row.next_due_at for row in await every(store, select(Schedule))]


Press = Callable[..., Awaitable[Any]]


@pytest.mark.parametrize("press", [reminders.snooze, reminders.skip], ids=["snooze", "skip"])
async def test_someone_elses_press_is_refused_and_changes_nothing(
    store: Store, press: Press
) -> None:
    schedule_id, due = await alices_reminder_snoozed(store)
    before = await next_due(store)

    # Later than her snooze: had his Snooze gone through, it would have moved the row.
    with pytest.raises(UserError, match="isn't yours"):
        await press(store, schedule_id, BOB, due, now=due + timedelta(minutes=30))
    # The check Log it and Check in make before opening their forms.
    with pytest.raises(UserError, match="isn't yours"):
        await reminders.check_owner(store, schedule_id, BOB)

    assert await next_due(store) == before


async def test_the_owners_skip_drops_her_snooze(store: Store) -> None:
    schedule_id, due = await alices_reminder_snoozed(store)

    await reminders.check_owner(store, schedule_id, ALICE)
    await reminders.skip(store, schedule_id, ALICE, due, now=due + timedelta(minutes=10))

    assert await next_due(store) == [due + WEEK]


async def test_snoozing_an_older_occurrence_is_refused_and_changes_nothing(store: Store) -> None:
    schedule_id, due = await alices_reminder_sent(store)

    with pytest.raises(UserError, match="Only the latest active reminder"):
        await reminders.snooze(store, schedule_id, ALICE, due - WEEK, now=due)

    assert await next_due(store) == [due + WEEK]


async def test_a_snooze_never_goes_past_the_next_occurrence(store: Store) -> None:
    schedule_id, due = await alices_reminder_sent(store)
    late = due + WEEK - timedelta(minutes=30)

    again = await reminders.snooze(store, schedule_id, ALICE, due, now=late)

    assert again == due + WEEK
    assert await next_due(store) == [due + WEEK]


async def test_deleting_one_reminder_keeps_the_other(store: Store) -> None:
    await settings.set_timezone(store, ALICE, "Europe/Berlin", now=NOW)
    for kind in reminders.KINDS:
        await reminders.set_reminder(store, ALICE, None, kind, FRIDAY, time(18), now=NOW)

    chosen = await reminders.to_delete(store, ALICE, "legday", now=NOW)
    await reminders.delete(store, ALICE, [r.id for r in chosen])

    assert [r.kind for r in await reminders.listed(store, ALICE, now=NOW)] == [reminders.CHECKIN]
