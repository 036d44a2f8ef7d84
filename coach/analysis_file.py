"""Reading the JSON file ``legday analyze`` takes (balance-model.md, last section).

The file's shape is a set of pydantic models, checked strictly, and every error names
where it is (``sets[3].at``), since a person fixes it by hand. Fields left out are
unknown, never zero. Unknown keys are errors rather than ignored: a misspelt
``red_flag`` must not silently drop a red flag. Exercise names go through the catalog
exactly as a chat entry does, bodyweight rule included: a catalog bodyweight exercise
logged without a load is 0 kg added. The records' own range checks (an RPE from 1 to
10, ...) run when the models become ``coach.training`` records.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictStr,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

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

FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Times outside these years are typos, and near years 1 and 9999 dates cannot be shifted."""
LIMIT = 1_000_000.0
"""Any number's bound, so sums and ratios stay finite; fields with a natural range have
their own (the chat notation's for sets)."""
EXAMPLE_TIME = "2026-11-21T20:00:00+00:00"
EXAMPLE_DAY = "2026-11-16"
HINTS = {
    "as_of": f'e.g. "{EXAMPLE_TIME}"',
    "at": f'e.g. "{EXAMPLE_TIME}"',
    "exercise": "the name as you would type it in chat",
}


# -- values ----------------------------------------------------------------------------


def _time(value: object) -> datetime:
    """An ISO 8601 time with a UTC offset, in a plausible year."""
    if not isinstance(value, str):
        raise PydanticCustomError(
            "time", f"must be an ISO 8601 time with an offset, like {EXAMPLE_TIME}"
        )
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "time", f"{_short(value)} is not an ISO 8601 time; write it like {EXAMPLE_TIME}"
        ) from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise PydanticCustomError(
            "time", f"{_short(value)} has no UTC offset; write it like {EXAMPLE_TIME}"
        )
    if not FIRST_YEAR <= at.year <= LAST_YEAR:
        raise PydanticCustomError("time", f"the year must be from {FIRST_YEAR} to {LAST_YEAR}")
    return at


def _day(value: object) -> date:
    """A local date, ``YYYY-MM-DD``, in a plausible year."""
    if not isinstance(value, str):
        raise PydanticCustomError("day", f"must be a local date like {EXAMPLE_DAY}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "day", f"{_short(value)} is not a date; write it like {EXAMPLE_DAY}"
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PydanticCustomError("day", f"the year must be from {FIRST_YEAR} to {LAST_YEAR}")
    return day


def _zone(value: object) -> ZoneInfo:
    if not isinstance(value, str):
        raise PydanticCustomError("zone", 'must be an IANA name like "Europe/Berlin"')
    try:
        return ZoneInfo(read_zone(value))
    except ZoneError as error:
        raise PydanticCustomError("zone", str(error)) from None


def _whole(value: float) -> float:
    if math.isfinite(value) and not value.is_integer():
        raise PydanticCustomError("whole", f"must be a whole number, not {value:g}")
    return value


def _number(low: float = -LIMIT, high: float = LIMIT) -> Any:
    """A finite JSON number from ``low`` to ``high``; true and "5" are not numbers."""
    return Field(default=None, ge=low, le=high, strict=True, allow_inf_nan=False)


Time = Annotated[datetime, PlainValidator(_time)]
Day = Annotated[date, PlainValidator(_day)]
Zone = Annotated[ZoneInfo, PlainValidator(_zone)]
Whole = Annotated[float, AfterValidator(_whole)]


class _Record(BaseModel):
    # Strict per field where it matters (numbers, flags, text); enums read their values.
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class _Profile(_Record):
    sex: Sex | None = None
    bodyweight_kg: float | None = _number(high=MAX_WEIGHT_KG)
    days_per_week: Whole | None = _number()
    goal: Goal | None = None
    unit: Unit | None = None


class _Set(_Record):
    at: Time
    exercise: Annotated[StrictStr, Field(min_length=1, pattern=r"\S")]
    weight_kg: float | None = _number(-MAX_WEIGHT_KG, MAX_WEIGHT_KG)
    reps: Whole | None = _number(high=MAX_REPS)
    seconds: Whole | None = _number(high=MAX_SECONDS)
    distance_m: float | None = _number(low=0)
    rpe: float | None = _number()
    rir: float | None = _number()
    warmup: StrictBool | None = None
    bodyweight: StrictBool | None = None

    @model_validator(mode="after")
    def _one_effort(self) -> _Set:
        if self.rpe is not None and self.rir is not None:
            raise PydanticCustomError("effort", 'give "rpe" or "rir", not both')
        return self


class _Pain(_Record):
    score: Whole | None = _number()
    days: Whole | None = _number()
    worsening: StrictBool | None = None
    location: StrictStr | None = None


class _CheckIn(_Record):
    at: Time
    sleep_hours: float | None = _number()
    soreness: Whole | None = _number()
    energy: Whole | None = _number()
    leg_weakness: LegWeakness | None = None
    numbness_tingling: StrictBool | None = None
    pain: _Pain | None = None
    red_flags: list[RedFlag] | None = None
    after_fall: StrictBool | None = None
    being_treated: StrictBool | None = None


class _Deload(_Record):
    first_day: Day
    last_day: Day


class _File(_Record):
    as_of: Time
    timezone: Zone | None = None
    profile: _Profile | None = None
    sets: list[_Set] | None = None
    checkins: list[_CheckIn] | None = None
    deloads: list[_Deload] | None = None


# -- reading ---------------------------------------------------------------------------


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
    try:
        file = _File.model_validate(data)
    except ValidationError as error:
        raise ValueError(_explain(error.errors())) from None
    catalog = catalog if catalog is not None else load_catalog()
    return AnalysisInput(
        as_of=file.as_of,
        tz=file.timezone or ZoneInfo("UTC"),
        profile=_profile(file.profile),
        sets=tuple(
            _set(row, f"sets[{i}]", catalog, custom) for i, row in enumerate(file.sets or ())
        ),
        checkins=tuple(
            _checkin(row, f"checkins[{i}]") for i, row in enumerate(file.checkins or ())
        ),
        deloads=tuple(_deload(row, f"deloads[{i}]") for i, row in enumerate(file.deloads or ())),
    )


def _profile(given: _Profile | None) -> Profile:
    if given is None:
        return Profile()
    return _build(
        "profile",
        lambda: Profile(
            sex=given.sex,
            bodyweight_kg=given.bodyweight_kg,
            days_per_week=_int(given.days_per_week),
            goal=given.goal or Goal.BALANCED,
            unit=given.unit or Unit.KG,
        ),
    )


def _set(given: _Set, where: str, catalog: Catalog, custom: Sequence[Exercise]) -> TrainingSet:
    typed = given.exercise.strip()
    exercise = catalog.resolve(typed, custom).exercise
    rir = given.rir
    rpe = given.rpe if rir is None else _build(where, lambda: rir_to_rpe(rir))
    bodyweight = given.bodyweight
    weight_kg = given.weight_kg
    # As in chat: a catalog bodyweight exercise with nothing typed moves no external load.
    if bodyweight is None:
        bodyweight = bool(exercise and exercise.bodyweight)
    if bodyweight and weight_kg is None:
        weight_kg = 0.0
    return _build(
        where,
        lambda: TrainingSet(
            at=given.at,
            exercise=exercise,
            typed_name=typed,
            weight_kg=weight_kg,
            reps=_int(given.reps),
            seconds=_int(given.seconds),
            distance_m=given.distance_m,
            rpe=rpe,
            warmup=bool(given.warmup),
            bodyweight=bodyweight,
        ),
    )


def _checkin(given: _CheckIn, where: str) -> CheckIn:
    pain = None if given.pain is None else _pain(given.pain, f"{where}.pain")
    return _build(
        where,
        lambda: CheckIn(
            at=given.at,
            sleep_hours=given.sleep_hours,
            soreness=_int(given.soreness),
            energy=_int(given.energy),
            leg_weakness=given.leg_weakness,
            numbness_tingling=given.numbness_tingling,
            pain=pain,
            red_flags=frozenset(given.red_flags or ()),
            after_fall=given.after_fall,
            being_treated=given.being_treated,
        ),
    )


def _deload(given: _Deload, where: str) -> Deload:
    return _build(where, lambda: Deload(given.first_day, given.last_day))


def _pain(given: _Pain, where: str) -> Pain:
    location = given.location
    return _build(
        where,
        lambda: Pain(
            score=_int(given.score),
            days=_int(given.days),
            worsening=given.worsening,
            location=pain_area(location) if location and location.strip() else None,
        ),
    )


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


_T = TypeVar("_T")


def _build(where: str, make: Callable[[], _T]) -> _T:
    """Run a record's own range checks, naming the place in the file when one fails."""
    try:
        return make()
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None


# -- errors ----------------------------------------------------------------------------


def _where(loc: Sequence[int | str]) -> str:
    """``("sets", 3, "at")`` as the file's reader says it: ``sets[3].at``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text or "the file"


def _short(value: object) -> str:
    """A value as the message shows it: a 400-digit number is cut, not printed."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


SAYS = {
    "model_type": "{where} must be a JSON object",
    "list_type": "{where} must be a JSON list",
    "bool_type": "{where} must be true or false, not {value}",
    "enum": "{where}: {value} is not one of {expected}",
    "string_type": '{where} must be text, like "knee"',
}
"""Pydantic's error types, as the person reads them; the rest are below."""


def _explain(errors: Sequence[ErrorDetails]) -> str:
    """One sentence for the first problem, naming where it is; unknown fields together."""
    first = errors[0]
    loc, kind, value = first["loc"], first["type"], first.get("input")
    where, ctx = _where(loc), first.get("ctx") or {}
    key = loc[-1] if loc else None
    if kind == "extra_forbidden":
        parent = loc[:-1]
        unknown = [e["loc"][-1] for e in errors if e["type"] == kind and e["loc"][:-1] == parent]
        allowed = ", ".join(sorted(_record_at(parent).model_fields))
        return (
            f"{_where(parent)} has unknown field{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)}; allowed: {allowed}"
        )
    if isinstance(key, str) and (kind == "missing" or value is None or key == "exercise"):
        hint = f", {HINTS[key]}" if key in HINTS else ""
        return f'{_where(loc[:-1])} needs "{key}"{hint}'
    # bool is an int in Python, but true kg is a mistake in the file, not a weight.
    if kind == "float_type" and (isinstance(value, bool) or not isinstance(value, int | float)):
        return f"{where} must be a number, not {_short(value)}"
    # Out of range, not finite, or an integer too large for any float.
    if kind in ("float_type", "finite_number", "less_than_equal", "greater_than_equal"):
        low, high = _bounds(loc)
        return f"{where} must be from {low:g} to {high:g}, not {_short(value)}"
    if kind in SAYS:
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return SAYS[kind].format(where=where, value=_short(value), expected=expected)
    message = first["msg"]
    return f"{where} {message}" if message.startswith("must ") else f"{where}: {message}"


def _record_at(loc: Sequence[int | str]) -> type[BaseModel]:
    """The model that reads this place in the file: the one its last name holds."""
    names = [part for part in loc if isinstance(part, str)]
    return _RECORDS.get(names[-1], _File) if names else _File


def _bounds(loc: Sequence[int | str]) -> tuple[float, float]:
    rules = _record_at(loc[:-1]).model_fields[str(loc[-1])].metadata
    low = next((rule.ge for rule in rules if hasattr(rule, "ge")), -LIMIT)
    high = next((rule.le for rule in rules if hasattr(rule, "le")), LIMIT)
    return low, high


_RECORDS: dict[str, type[BaseModel]] = {
    "profile": _Profile,
    "sets": _Set,
    "checkins": _CheckIn,
    "pain": _Pain,
    "deloads": _Deload,
}
