"""Reading the JSON file ``legday analyze`` takes (balance-model.md, last section).

The file is checked strictly and every error names where it is (``sets[3].at``), since a
person fixes it by hand. Fields left out are unknown, never zero. Unknown keys are
errors rather than ignored: a misspelt ``red_flag`` must not silently drop a red flag.
Exercise names go through the catalog exactly as a chat entry does, bodyweight rule
included: a catalog bodyweight exercise logged without a load is 0 kg added.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from coach.catalog import Catalog, load_catalog
from coach.deload import Deload
from coach.exercise import Exercise
from coach.notation import MAX_REPS, MAX_SECONDS, MAX_WEIGHT_KG
from coach.strength import rir_to_rpe
from coach.training import (
    CheckIn,
    Goal,
    LegWeakness,
    Pain,
    Profile,
    RedFlag,
    Sex,
    TrainingSet,
    pain_area,
)
from coach.vocabulary import Unit
from coach.zones import ZoneError, read_zone

_TOP_KEYS = frozenset({"as_of", "timezone", "profile", "sets", "checkins", "deloads"})
_DELOAD_KEYS = frozenset({"first_day", "last_day"})
_PROFILE_KEYS = frozenset({"sex", "bodyweight_kg", "days_per_week", "goal", "unit"})
_SET_KEYS = frozenset(
    {
        "at",
        "exercise",
        "weight_kg",
        "reps",
        "seconds",
        "distance_m",
        "rpe",
        "rir",
        "warmup",
        "bodyweight",
    }
)
_CHECKIN_KEYS = frozenset(
    {
        "at",
        "sleep_hours",
        "soreness",
        "energy",
        "leg_weakness",
        "numbness_tingling",
        "pain",
        "red_flags",
        "after_fall",
        "being_treated",
    }
)
_PAIN_KEYS = frozenset({"score", "days", "worsening", "location"})

_E = TypeVar("_E", bound=StrEnum)

FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Times outside these years are typos, and near years 1 and 9999 dates cannot be shifted."""
LIMIT = 1_000_000.0
"""Any number's bound, so sums and ratios stay finite; fields with a natural range have
their own (the chat notation's for sets)."""


@dataclass(frozen=True, slots=True)
class AnalysisInput:
    """Everything ``assess`` needs, read from one file."""

    as_of: datetime
    tz: ZoneInfo
    profile: Profile
    sets: tuple[TrainingSet, ...]
    checkins: tuple[CheckIn, ...]
    deloads: tuple[Deload, ...] = ()


def load_analysis_input(
    data: Mapping[str, object],
    catalog: Catalog | None = None,
    custom: Sequence[Exercise] = (),
) -> AnalysisInput:
    """Read a parsed analysis file; raises ``ValueError`` saying what is wrong and where."""
    top = _object(data, "the file")
    _only(top, _TOP_KEYS, "the file")
    if "as_of" not in top:
        raise ValueError('the file needs "as_of", e.g. "2026-11-21T20:00:00+00:00"')
    as_of = _time(top["as_of"], "as_of")
    tz = _zone(top.get("timezone", "UTC"))
    profile = _profile(top.get("profile"))
    catalog = catalog if catalog is not None else load_catalog()
    sets = tuple(
        _set(item, f"sets[{i}]", catalog, custom)
        for i, item in enumerate(_list(top.get("sets"), "sets"))
    )
    checkins = tuple(
        _checkin(item, f"checkins[{i}]")
        for i, item in enumerate(_list(top.get("checkins"), "checkins"))
    )
    deloads = tuple(
        _deload(item, f"deloads[{i}]")
        for i, item in enumerate(_list(top.get("deloads"), "deloads"))
    )
    return AnalysisInput(as_of, tz, profile, sets, checkins, deloads)


# -- records ---------------------------------------------------------------------------


def _profile(value: object) -> Profile:
    if value is None:
        return Profile()
    obj = _object(value, "profile")
    _only(obj, _PROFILE_KEYS, "profile")
    goal = _choice(obj, "goal", Goal, "profile")
    unit = _choice(obj, "unit", Unit, "profile")
    return _build(
        "profile",
        lambda: Profile(
            sex=_choice(obj, "sex", Sex, "profile"),
            bodyweight_kg=_number(obj, "bodyweight_kg", "profile", high=MAX_WEIGHT_KG),
            days_per_week=_integer(obj, "days_per_week", "profile"),
            goal=goal if goal is not None else Goal.BALANCED,
            unit=unit if unit is not None else Unit.KG,
        ),
    )


def _set(value: object, where: str, catalog: Catalog, custom: Sequence[Exercise]) -> TrainingSet:
    obj = _object(value, where)
    _only(obj, _SET_KEYS, where)
    typed = obj.get("exercise")
    if not isinstance(typed, str) or not typed.strip():
        raise ValueError(f'{where} needs "exercise", the name as you would type it in chat')
    exercise = catalog.resolve(typed, custom).exercise
    rpe = _number(obj, "rpe", where)
    rir = _number(obj, "rir", where)
    if rpe is not None and rir is not None:
        raise ValueError(f'{where}: give "rpe" or "rir", not both')
    if rir is not None:
        rpe = _build(where, lambda: rir_to_rpe(rir))
    bodyweight = _flag(obj, "bodyweight", where)
    weight_kg = _number(obj, "weight_kg", where, low=-MAX_WEIGHT_KG, high=MAX_WEIGHT_KG)
    # As in chat: a catalog bodyweight exercise with nothing typed moves no external load.
    if bodyweight is None:
        bodyweight = bool(exercise and exercise.bodyweight)
    if bodyweight and weight_kg is None:
        weight_kg = 0.0
    at = _time(_required(obj, "at", where), f"{where}.at")
    return _build(
        where,
        lambda: TrainingSet(
            at=at,
            exercise=exercise,
            typed_name=typed.strip(),
            weight_kg=weight_kg,
            reps=_integer(obj, "reps", where, high=MAX_REPS),
            seconds=_integer(obj, "seconds", where, high=MAX_SECONDS),
            distance_m=_number(obj, "distance_m", where, low=0),
            rpe=rpe,
            warmup=bool(_flag(obj, "warmup", where)),
            bodyweight=bodyweight,
        ),
    )


def _checkin(value: object, where: str) -> CheckIn:
    obj = _object(value, where)
    _only(obj, _CHECKIN_KEYS, where)
    at = _time(_required(obj, "at", where), f"{where}.at")
    flags = frozenset(
        _enum(flag, RedFlag, f"{where}.red_flags[{i}]")
        for i, flag in enumerate(_list(obj.get("red_flags"), f"{where}.red_flags"))
    )
    pain = _pain(obj.get("pain"), f"{where}.pain")
    return _build(
        where,
        lambda: CheckIn(
            at=at,
            sleep_hours=_number(obj, "sleep_hours", where),
            soreness=_integer(obj, "soreness", where),
            energy=_integer(obj, "energy", where),
            leg_weakness=_choice(obj, "leg_weakness", LegWeakness, where),
            numbness_tingling=_flag(obj, "numbness_tingling", where),
            pain=pain,
            red_flags=flags,
            after_fall=_flag(obj, "after_fall", where),
            being_treated=_flag(obj, "being_treated", where),
        ),
    )


def _deload(value: object, where: str) -> Deload:
    obj = _object(value, where)
    _only(obj, _DELOAD_KEYS, where)
    first = _day(_required(obj, "first_day", where), f"{where}.first_day")
    last = _day(_required(obj, "last_day", where), f"{where}.last_day")
    return _build(where, lambda: Deload(first, last))


def _pain(value: object, where: str) -> Pain | None:
    if value is None:
        return None
    obj = _object(value, where)
    _only(obj, _PAIN_KEYS, where)
    location = obj.get("location")
    if location is not None and not isinstance(location, str):
        raise ValueError(f'{where}.location must be text, like "knee"')
    return _build(
        where,
        lambda: Pain(
            score=_integer(obj, "score", where),
            days=_integer(obj, "days", where),
            worsening=_flag(obj, "worsening", where),
            location=pain_area(location) if location and location.strip() else None,
        ),
    )


# -- values ----------------------------------------------------------------------------

_T = TypeVar("_T")


def _build(where: str, make: Callable[[], _T]) -> _T:
    """Run a record's own range checks, naming the place in the file when one fails."""
    try:
        return make()
    except ValueError as error:
        if str(error).startswith(where):
            raise
        raise ValueError(f"{where}: {error}") from None


def _object(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise ValueError(f"{where} must be a JSON object")
    return value


def _list(value: object, where: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a JSON list")
    return value


def _only(obj: Mapping[str, object], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise ValueError(
            f"{where} has unknown field{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)}; allowed: {', '.join(sorted(allowed))}"
        )


def _required(obj: Mapping[str, object], key: str, where: str) -> object:
    if obj.get(key) is None:
        raise ValueError(f'{where} needs "{key}"')
    return obj[key]


def _time(value: object, where: str) -> datetime:
    example = "2026-11-21T20:00:00+00:00"
    if not isinstance(value, str):
        raise ValueError(f"{where} must be an ISO 8601 time with an offset, like {example}")
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{where}: {value!r} is not an ISO 8601 time; write it like {example}"
        ) from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{where}: {value!r} has no UTC offset; write it like {example}")
    if not FIRST_YEAR <= at.year <= LAST_YEAR:
        raise ValueError(f"{where}: the year must be from {FIRST_YEAR} to {LAST_YEAR}")
    return at


def _day(value: object, where: str) -> date:
    example = "2026-11-16"
    if not isinstance(value, str):
        raise ValueError(f"{where} must be a local date like {example}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a date; write it like {example}") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{where}: the year must be from {FIRST_YEAR} to {LAST_YEAR}")
    return day


def _zone(value: object) -> ZoneInfo:
    if not isinstance(value, str):
        raise ValueError('timezone must be an IANA name like "Europe/Berlin"')
    try:
        return ZoneInfo(read_zone(value))
    except ZoneError as error:
        raise ValueError(f"timezone: {error}") from None


def _number(
    obj: Mapping[str, object],
    key: str,
    where: str,
    *,
    low: float = -LIMIT,
    high: float = LIMIT,
) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    # bool is an int in Python, but true kg is a mistake in the file, not a weight.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where}.{key} must be a number, not {_short(value)}")
    # Compared before converting: an integer past 1e308 has no float, and NaN no order.
    if not (isinstance(value, int) or math.isfinite(value)) or not low <= value <= high:
        raise ValueError(f"{where}.{key} must be from {low:g} to {high:g}, not {_short(value)}")
    return float(value)


def _short(value: object) -> str:
    """A value as the message shows it: a 400-digit number is cut, not printed."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _integer(obj: Mapping[str, object], key: str, where: str, *, high: float = LIMIT) -> int | None:
    value = _number(obj, key, where, low=-LIMIT, high=high)
    if value is None:
        return None
    if not value.is_integer():
        raise ValueError(f"{where}.{key} must be a whole number, not {value:g}")
    return int(value)


def _flag(obj: Mapping[str, object], key: str, where: str) -> bool | None:
    value = obj.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(f"{where}.{key} must be true or false, not {value!r}")


def _choice(obj: Mapping[str, object], key: str, kind: type[_E], where: str) -> _E | None:
    value = obj.get(key)
    return None if value is None else _enum(value, kind, f"{where}.{key}")


def _enum(value: object, kind: type[_E], where: str) -> _E:
    allowed = ", ".join(member.value for member in kind)
    if not isinstance(value, str) or value not in {m.value for m in kind}:
        raise ValueError(f"{where}: {value!r} is not one of {allowed}")
    return kind(value)
