"""Stored check-ins on each back-end: one query loads the ones that may count, oldest
first, for one person or many."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from coach.training import CheckIn, Pain, PainArea, RedFlag
from storage.coach_data import add_checkin, checkins_of, counted_checkins
from storage.people import get_person
from storage.store import Store

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


async def test_the_check_ins_that_may_count_come_oldest_first_with_every_answer(
    store: Store,
) -> None:
    moment = NOW - timedelta(days=2)
    answers = [
        CheckIn(NOW - timedelta(days=29), sleep_hours=5),  # older than any rule looks
        CheckIn(moment, red_flags=frozenset({RedFlag.CALF_SWOLLEN_WARM}), after_fall=True),
        CheckIn(moment, being_treated=True, pain=Pain(score=4, location=PainArea.SHOULDER)),
        CheckIn(NOW - timedelta(days=27), sleep_hours=6),
        CheckIn(NOW + timedelta(hours=1), sleep_hours=7),  # not known yet at NOW
    ]

    def record(session: Session) -> None:
        for person in (1, 2):
            get_person(session, person, NOW)
        for answer in answers:
            add_checkin(session, 1, answer)
        add_checkin(session, 2, CheckIn(moment, energy=2))

    await store.run(record)

    def read(session: Session) -> tuple[dict[int, list[CheckIn]], list[CheckIn]]:
        return counted_checkins(session, [1, 2, 3], NOW), checkins_of(session, 1, NOW)

    both, alone = await store.run(read)

    assert both[1] == [answers[3], answers[1], answers[2]]  # same instant: stored order
    assert both[2] == [CheckIn(moment, energy=2)]
    assert both[3] == []
    assert alone == both[1]
