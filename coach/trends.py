"""Hard sets by region, week by week: the history behind the balance and report charts."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.metrics import hard_sets, region_sets
from coach.training import TrainingSet
from coach.vocabulary import Region

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class WeekSets:
    """One trailing 7-day window, ending at ``end`` (exclusive start, inclusive end)."""

    end: datetime
    lower: float
    upper: float
    core: float

    @property
    def lower_share(self) -> float | None:
        """Lower sets as a share of lower + upper; None for a week without either."""
        total = self.lower + self.upper
        return self.lower / total if total else None


def weekly_regions(sets: Iterable[TrainingSet], as_of: datetime, weeks: int) -> list[WeekSets]:
    """``weeks`` trailing windows, oldest first, the last one ending at ``as_of``.

    The windows match the balance model's 7-day window, so the newest bar of a chart
    always agrees with the numbers beside it.
    """
    start = as_of - weeks * WEEK
    buckets: list[list[TrainingSet]] = [[] for _ in range(weeks)]
    for s in hard_sets(s for s in sets if start < s.at <= as_of):
        # Windows are (end - 7 d, end]: a set on a boundary belongs to the one it closes.
        buckets[math.ceil((s.at - start) / WEEK) - 1].append(s)
    result = []
    for index, bucket in enumerate(buckets):
        counts = region_sets(bucket)
        result.append(
            WeekSets(
                end=start + (index + 1) * WEEK,
                lower=counts[Region.LOWER],
                upper=counts[Region.UPPER],
                core=counts[Region.CORE],
            )
        )
    return result
