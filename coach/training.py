"""What the balance model reads: logged sets, check-ins and the person's profile.

Every field the person did not give is None, meaning unknown, never zero: "no sleep
reported" must not read as "slept 0 h". Records check their own ranges so a bad value
fails where it is built, not deep inside a metric.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from coach.exercise import Exercise
from coach.vocabulary import Unit


class RedFlag(StrEnum):
    """Symptoms that mean "stop and seek urgent care" (balance-model.md, SAFETY_URGENT)."""

    SUDDEN_WEAKNESS = "sudden_weakness"
    ONE_SIDED = "one_sided"
    SPEECH_OR_FACE = "speech_or_face"
    SADDLE_NUMBNESS = "saddle_numbness"
    BLADDER_BOWEL = "bladder_bowel"
    CHEST_PAIN = "chest_pain"
    DIZZINESS_FAINTING = "dizziness_fainting"
    DARK_URINE_SEVERE_PAIN = "dark_urine_severe_pain"
    CALF_SWOLLEN_WARM = "calf_swollen_warm"
    CANNOT_BEAR_WEIGHT = "cannot_bear_weight"
    BACK_PAIN_FEVER = "back_pain_fever"


class LegWeakness(StrEnum):
    """In rising order: the order is what "weakness that grew" compares."""

    NONE = "none"
    MILD = "mild"
    MARKED = "marked"


class PainArea(StrEnum):
    """Where pain is, from the fixed list /checkin offers and the analyze file names."""

    KNEE = "knee"
    LOWER_BACK = "lower back"
    HIP = "hip"
    SHOULDER = "shoulder"
    ELBOW_OR_WRIST = "elbow or wrist"
    ANKLE_OR_FOOT = "ankle or foot"
    OTHER = "other"


# Words people use for each area ("left knee", "low back", "lumbar"). Matching is per word,
# with a small typo allowance for words of 5+ letters, so "sholder" still finds the
# shoulder while "to" never becomes "toe".
_AREA_WORDS: dict[str, PainArea] = {
    **dict.fromkeys(("knee", "knees", "kneecap", "patella", "patellar"), PainArea.KNEE),
    **dict.fromkeys(("back", "lumbar", "spine", "sciatica", "sacrum", "si"), PainArea.LOWER_BACK),
    **dict.fromkeys(("hip", "hips", "groin", "glute", "glutes"), PainArea.HIP),
    **dict.fromkeys(("shoulder", "shoulders", "rotator", "ac", "delt"), PainArea.SHOULDER),
    **dict.fromkeys(
        ("elbow", "elbows", "wrist", "wrists", "forearm", "tennis", "golfers"),
        PainArea.ELBOW_OR_WRIST,
    ),
    **dict.fromkeys(
        ("ankle", "ankles", "foot", "feet", "heel", "achilles", "toe", "toes", "plantar"),
        PainArea.ANKLE_OR_FOOT,
    ),
}
_NOT_LOWER = frozenset({"upper", "mid", "middle", "neck", "thoracic"})
"""Back words that mean another part of the back: no catalog rule spares those."""
_TYPO_CUTOFF = 0.8
_TYPO_MIN_LETTERS = 5


def pain_area(text: str) -> PainArea:
    """The listed area a free-text location names, by its nearest word, else ``OTHER``.

    "left knee" is the knee, "low back" the lower back, "upper back" other.
    """
    folded = text.strip().lower()
    for area in PainArea:
        if folded == area.value:
            return area
    words = re.findall(r"[a-z]+", folded)
    if _NOT_LOWER.intersection(words):
        return PainArea.OTHER
    for word in words:
        if word in _AREA_WORDS:
            return _AREA_WORDS[word]
    for word in (w for w in words if len(w) >= _TYPO_MIN_LETTERS):
        nearest = difflib.get_close_matches(word, _AREA_WORDS, n=1, cutoff=_TYPO_CUTOFF)
        if nearest:
            return _AREA_WORDS[nearest[0]]
    return PainArea.OTHER


class Sex(StrEnum):
    """Only used to pick the expected squat:bench ratio."""

    MALE = "male"
    FEMALE = "female"


class Goal(StrEnum):
    BALANCED = "balanced"
    LEGS = "legs"
    STRENGTH = "strength"


def _require_aware(at: datetime, what: str) -> None:
    # Local calendar days (leg days) are only well defined for an instant in time.
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{what} needs a time zone offset, got {at.isoformat()}")


def _require_range(value: float | None, low: float, high: float, what: str) -> None:
    if value is not None and not low <= value <= high:
        raise ValueError(f"{what} must be between {low:g} and {high:g}, not {value:g}")


class SetBasics(Protocol):
    """What every record of a set offers, however light: its load, reps and effort, and
    whether it was a warm-up or a bodyweight set."""

    @property
    def weight_kg(self) -> float | None: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def rpe(self) -> float | None: ...
    @property
    def warmup(self) -> bool: ...
    @property
    def bodyweight(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class TrainingSet:
    """One logged set. ``exercise`` is None when the catalog could not classify it.

    ``weight_kg`` is the external load; for bodyweight sets it is the added (positive) or
    assisting (negative) load, 0 for plain bodyweight.
    """

    at: datetime
    exercise: Exercise | None
    typed_name: str
    weight_kg: float | None = None
    reps: int | None = None
    seconds: int | None = None
    rpe: float | None = None
    warmup: bool = False
    bodyweight: bool = False
    distance_m: float | None = None
    """Cardio only: how far, in metres (``seconds`` holds how long)."""

    def __post_init__(self) -> None:
        _require_aware(self.at, "a set's time")
        if self.distance_m is not None and self.distance_m < 0:
            raise ValueError(f"distance cannot be negative, got {self.distance_m:g} m")
        _require_range(self.rpe, 1, 10, "RPE")
        if self.reps is not None and self.reps < 0:
            raise ValueError(f"reps cannot be negative, got {self.reps}")
        if self.seconds is not None and self.seconds < 0:
            raise ValueError(f"seconds cannot be negative, got {self.seconds}")


@dataclass(frozen=True, slots=True)
class Pain:
    """Pain the person reported; each part may be unknown.

    ``location`` given as free text is read into its area (``pain_area``), so stored
    check-ins from before the fixed list keep meaning what they said.
    """

    score: int | None = None
    days: int | None = None
    worsening: bool | None = None
    location: PainArea | None = None

    def __post_init__(self) -> None:
        if self.location is not None and not isinstance(self.location, PainArea):
            object.__setattr__(self, "location", pain_area(self.location))
        _require_range(self.score, 0, 10, "pain score")
        if self.days is not None and self.days < 0:
            raise ValueError(f"pain days cannot be negative, got {self.days}")


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A short wellbeing check-in; ``sleep_hours`` is last night's or the week's average.

    ``after_fall``: the weakness or pain followed a fall or injury. ``being_treated``: the
    person is already being seen by a doctor or physiotherapist for it.
    """

    at: datetime
    sleep_hours: float | None = None
    soreness: int | None = None
    energy: int | None = None
    leg_weakness: LegWeakness | None = None
    numbness_tingling: bool | None = None
    pain: Pain | None = None
    red_flags: frozenset[RedFlag] = field(default_factory=frozenset)
    after_fall: bool | None = None
    being_treated: bool | None = None

    def __post_init__(self) -> None:
        _require_aware(self.at, "a check-in's time")
        _require_range(self.sleep_hours, 0, 24, "sleep hours")
        _require_range(self.soreness, 0, 4, "soreness")
        _require_range(self.energy, 1, 5, "energy")


@dataclass(frozen=True, slots=True)
class Profile:
    """What the person told us about themselves; all optional."""

    sex: Sex | None = None
    bodyweight_kg: float | None = None
    days_per_week: int | None = None
    goal: Goal = Goal.BALANCED
    unit: Unit = Unit.KG
    """The unit numbers in messages and advice are written in."""

    def __post_init__(self) -> None:
        if self.bodyweight_kg is not None and self.bodyweight_kg <= 0:
            raise ValueError(f"bodyweight must be positive, got {self.bodyweight_kg:g} kg")
        _require_range(self.days_per_week, 1, 7, "training days per week")
