"""What a process keeps of a person's bests: only at the version it was read, and only as
many answers as it may hold, the least recently used going first."""

from __future__ import annotations

from datetime import UTC, date, datetime

from coach.records import Bests, Standing
from storage.bests_cache import BestsCache, Known, Version

DAY = date(2026, 11, 30)
MADE = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def version(changes: int, made_at: datetime = MADE) -> Version:
    return Version(made_at, changes)


def known(person_id: int, volume: float = 500.0) -> Known:
    return Known(person_id, "back_squat", DAY, Standing(Bests(e1rm_kg=120.0), 2500.0, volume))


def test_an_answer_is_good_only_at_the_version_it_was_kept_at():
    cache = BestsCache()
    cache.put(known(1), version(3))

    assert cache.get(1, "back_squat", DAY, version(3)) == known(1)
    assert cache.get(1, "back_squat", DAY, version(4)) is None  # their sets changed since
    assert cache.get(1, "back_squat", date(2026, 12, 1), version(3)) is None  # another day
    assert cache.get(2, "back_squat", DAY, version(3)) is None  # someone else
    # Forgotten and back with as many changes: a row made anew.
    assert cache.get(1, "back_squat", DAY, version(3, datetime(2026, 12, 1, tzinfo=UTC))) is None


def test_the_least_recently_used_answer_goes_first():
    cache = BestsCache(size=2)
    cache.put(known(1), version(1))
    cache.put(known(2), version(1))
    assert cache.get(1, "back_squat", DAY, version(1)) is not None  # 1 is used: 2 is now the oldest

    cache.put(known(3), version(1))

    assert cache.get(2, "back_squat", DAY, version(1)) is None
    assert cache.get(1, "back_squat", DAY, version(1)) is not None
    assert cache.get(3, "back_squat", DAY, version(1)) is not None
