"""Whatever a file holds, the ``analyze`` loader either reads it or raises ``ValueError``
(its documented error) saying what is wrong; and what it reads assesses to strict JSON,
with no ``Infinity`` or ``NaN``."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.analysis_file import load_analysis_input
from coach.catalog import load_catalog
from coach.findings import assess, to_json_dict

CATALOG = load_catalog()

NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.integers(min_value=-(10**400), max_value=-(10**300)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 5, 8, 10, 100, 1e308, -1e308, 5e-324, 1000.0, 3600, 24, 7]),
)
TIMES = st.one_of(
    st.sampled_from(
        [
            "2026-11-18T18:00:00+00:00",
            "0001-01-01T00:00:00+14:00",
            "0001-01-01T00:00:00-14:00",
            "9999-12-31T23:59:59-14:00",
            "9999-12-31T23:59:59+14:00",
            "1900-01-01T00:00:00+00:00",
            "2999-12-31T23:59:59-23:59",
            "2026-11-18",
            "2026-11-18T18:00:00",
        ]
    ),
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=12), TIMES)
ANYTHING = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def fields(names: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """Some of these fields with plausible values, and now and then anything at all."""
    return st.fixed_dictionaries(
        {}, optional={name: st.one_of(strategy, ANYTHING) for name, strategy in names.items()}
    )


SETS = fields(
    {
        "at": TIMES,
        "exercise": st.sampled_from(["back squat", "bench press", "rdl", "pullups", "???"]),
        "weight_kg": NUMBERS,
        "reps": NUMBERS,
        "seconds": NUMBERS,
        "rpe": NUMBERS,
        "rir": NUMBERS,
        "warmup": st.booleans(),
        "bodyweight": st.booleans(),
    }
)
CHECKINS = fields(
    {
        "at": TIMES,
        "sleep_hours": NUMBERS,
        "soreness": NUMBERS,
        "energy": NUMBERS,
        "leg_weakness": st.sampled_from(["none", "mild", "marked"]),
        "pain": fields({"score": NUMBERS, "days": NUMBERS, "location": st.text(max_size=5)}),
        "red_flags": st.lists(st.sampled_from(["sudden_weakness", "nope"]), max_size=2),
    }
)
FILES = st.one_of(
    ANYTHING,
    fields(
        {
            "as_of": TIMES,
            "timezone": st.sampled_from(["UTC", "Europe/Berlin", "UTC+14", "EST", "Etc/GMT+12"]),
            "profile": fields(
                {
                    "bodyweight_kg": NUMBERS,
                    "days_per_week": NUMBERS,
                    "sex": st.sampled_from(["male", "female", "x"]),
                }
            ),
            "sets": st.lists(SETS, max_size=4),
            "checkins": st.lists(CHECKINS, max_size=2),
        }
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILES)
def test_the_loader_reads_a_file_or_raises_its_documented_error(data: Any) -> None:
    try:
        read = load_analysis_input(data, CATALOG)
    except ValueError as error:
        problem = str(error)
    else:
        problem = None
        assessment = assess(read.sets, read.checkins, read.profile, read.tz, read.as_of)
        json.dumps(to_json_dict(assessment), allow_nan=False)
    assert problem is None or problem.strip()
