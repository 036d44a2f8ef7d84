"""Which check-ins count, and what they say about safety: one rule for every path.

``care_state`` is the only reader of check-ins for safety. ``assess`` (``legday analyze``,
/balance, the /checkin answer), the leg-day reminder and the weekly report all call it,
so they cannot disagree. The rule (balance-model.md, "Which check-ins count"):

- Pain, weakness, sleep, energy and soreness come from the check-ins of the last 14 days,
  pain and weakness from the latest of them. Older check-ins are history only, so a
  five-month-old pain report no longer blocks advice.
- A red flag (or marked leg weakness after a fall) stands for 7 days after the check-in
  that reported it, whatever later check-ins say, unless a later one answers
  ``being_treated``: symptoms that pass, like a TIA, still need checking.
- Weakness that grew across the last 3 check-ins that answered it, within 28 days, needs a
  professional even when the latest check-in is older than 14 days.
- Two check-ins at the same instant: the one given later is the newer (storage passes
  them oldest first, by time then id).

From that come the safety findings (SAFETY_URGENT, SEE_PROFESSIONAL, PAIN_CAUTION), whether
training advice and reminders stop, and which movement patterns advice must spare.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from coach.finding import Code, Evidence, Finding, Severity
from coach.text import counted
from coach.training import CheckIn, LegWeakness, Pain, PainArea, RedFlag
from coach.vocabulary import Pattern

CHECKIN_DAYS = 14
RED_FLAG_DAYS = 7
WEAKNESS_TREND_DAYS, WEAKNESS_TREND_CHECKINS = 28, 3
STORED_DAYS = WEAKNESS_TREND_DAYS
"""How far back a caller must load check-ins for every rule here to see what it needs."""
PAIN_SEVERE, PAIN_LONG_DAYS, PAIN_CAUTION_MIN = 7, 14, 3

NOT_MEDICAL_ADVICE = "This is general guidance, not medical advice."

RED_FLAG_WORDS: Mapping[RedFlag, str] = {
    RedFlag.SUDDEN_WEAKNESS: "sudden weakness",
    RedFlag.ONE_SIDED: "weakness or numbness on one side of the body",
    RedFlag.SPEECH_OR_FACE: "changes in speech or the face",
    RedFlag.SADDLE_NUMBNESS: "numbness in the saddle area",
    RedFlag.BLADDER_BOWEL: "new bladder or bowel trouble",
    RedFlag.CHEST_PAIN: "chest pain",
    RedFlag.DIZZINESS_FAINTING: "dizziness or fainting during exercise",
    RedFlag.DARK_URINE_SEVERE_PAIN: "dark, cola-coloured urine with severe muscle pain",
    RedFlag.CALF_SWOLLEN_WARM: "one calf swollen, warm or red",
    RedFlag.CANNOT_BEAR_WEIGHT: "being unable to bear weight after a pop, twist or fall",
    RedFlag.BACK_PAIN_FEVER: "back pain with fever or unexplained weight loss",
}
WEAK_AFTER_FALL = "marked leg weakness after a fall or injury"

SPARED_BY_AREA: Mapping[PainArea, frozenset[Pattern]] = {
    # Olympic lifts catch in a deep squat, pull from the floor and finish overhead on the
    # wrists: every area they load spares them too.
    PainArea.KNEE: frozenset(
        {Pattern.SQUAT, Pattern.LUNGE, Pattern.KNEE_EXTENSION, Pattern.OLYMPIC}
    ),
    # The spec spares barbell squats and hinges; advice works by pattern, so every squat
    # and hinge is spared: the cautious reading.
    PainArea.LOWER_BACK: frozenset({Pattern.SQUAT, Pattern.HINGE, Pattern.OLYMPIC}),
    PainArea.HIP: frozenset(
        {
            Pattern.SQUAT,
            Pattern.LUNGE,
            Pattern.HINGE,
            Pattern.HIP_ABDUCTION,
            Pattern.HIP_ADDUCTION,
            Pattern.OLYMPIC,
        }
    ),
    # Presses, dips and push-ups are all horizontal or vertical pushes in the catalog.
    PainArea.SHOULDER: frozenset(
        {Pattern.HORIZONTAL_PUSH, Pattern.VERTICAL_PUSH, Pattern.LATERAL_RAISE, Pattern.OLYMPIC}
    ),
    PainArea.ELBOW_OR_WRIST: frozenset(
        {Pattern.ELBOW_FLEXION, Pattern.ELBOW_EXTENSION, Pattern.OLYMPIC}
    ),
    PainArea.ANKLE_OR_FOOT: frozenset({Pattern.CALF, Pattern.LUNGE}),
    PainArea.OTHER: frozenset(),
}
"""Patterns that load each area (our own reading of the spec's PAIN_CAUTION list)."""

SPARING = "leaves out the exercises that load your {area} most"
"""What a finding promises of sparing: the spec's list is the heaviest loads, not all of
them (knee pain keeps leg curls, which bend the knee), so it says "most"."""

URGENT_SIGNS = (
    "Get urgent care instead if the weakness spreads, numbness reaches the groin or inner "
    "thighs, or you have new bladder or bowel trouble."
)


@dataclass(frozen=True, slots=True)
class CareState:
    """What the check-ins that count say, for every path that gives advice.

    ``findings``: the safety and pain findings, most important first (empty when none).
    ``counted``: the check-ins of the last 14 days, oldest first (sleep, energy, soreness).
    ``latest``: the newest of them, the one pain and weakness come from.
    ``blocks_training``: SAFETY_URGENT, or SEE_PROFESSIONAL without ``being_treated``,
    stands: no training advice at all. ``spared_patterns``: what advice must avoid.
    """

    findings: tuple[Finding, ...]
    counted: tuple[CheckIn, ...]
    latest: CheckIn | None
    blocks_training: bool
    pain_area: PainArea | None
    spared_patterns: frozenset[Pattern]

    @property
    def pauses_reminders(self) -> bool:
        """Leg-day nudges pause exactly while training advice is withheld."""
        return self.blocks_training

    @property
    def private_state(self) -> bool:
        """A safety or pain finding stands: a group report shows a neutral icon."""
        return bool(self.findings)


def _words(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _urgent_signs(c: CheckIn) -> list[str]:
    signs = [RED_FLAG_WORDS[f] for f in sorted(c.red_flags, key=list(RedFlag).index)]
    if c.leg_weakness is LegWeakness.MARKED and c.after_fall:
        signs.append(WEAK_AFTER_FALL)
    return signs


def _standing_signs(ordered: Sequence[CheckIn], as_of: datetime) -> list[str]:
    """Urgent signs of the last 7 days that no later ``being_treated`` check-in answered."""
    since = as_of - timedelta(days=RED_FLAG_DAYS)
    signs: list[str] = []
    for i, c in enumerate(ordered):
        if c.at <= since or any(later.being_treated for later in ordered[i + 1 :]):
            continue
        signs += [s for s in _urgent_signs(c) if s not in signs]
    return signs


def _pain_reasons(pain: Pain | None) -> list[str]:
    """What about the reported pain needs a professional; a score of 0 is no pain now."""
    if pain is None or pain.score == 0:
        return []
    where = f"{pain.location} pain" if pain.location else "pain"
    reasons = []
    if pain.score is not None and pain.score >= PAIN_SEVERE:
        reasons.append(f"{where} at {pain.score}/10")
    if pain.days is not None and pain.days > PAIN_LONG_DAYS:
        score = f" ({pain.score}/10)" if pain.score is not None and not reasons else ""
        reasons.append(f"{where}{score} lasting {counted(pain.days, 'day')}")
    if pain.worsening:
        reasons.append(f"{where} getting worse")
    return reasons


def weakness_grew(ordered: Sequence[CheckIn], as_of: datetime) -> bool:
    """Whether leg weakness rose to marked over the last 3 check-ins that answered it,
    within 28 days: none -> mild -> marked, mild twice then marked, never falling."""
    since = as_of - timedelta(days=WEAKNESS_TREND_DAYS)
    answers = [c.leg_weakness for c in ordered if c.at > since and c.leg_weakness is not None]
    last = answers[-WEAKNESS_TREND_CHECKINS:]
    if len(last) < WEAKNESS_TREND_CHECKINS or last[-1] is not LegWeakness.MARKED:
        return False
    rank = list(LegWeakness).index
    rising = all(rank(a) <= rank(b) for a, b in pairwise(last))
    return rising and rank(last[0]) < rank(last[-1])


def _evidence(latest: CheckIn | None) -> dict[str, float | int | str | None]:
    pain = latest.pain if latest else None
    return {
        "pain_score": pain.score if pain else None,
        "pain_days": pain.days if pain else None,
        "pain_worsening": pain.worsening if pain else None,
        "pain_area": pain.location.value if pain and pain.location else None,
        "numbness_tingling": latest.numbness_tingling if latest else None,
        "leg_weakness": latest.leg_weakness.value if latest and latest.leg_weakness else None,
        "being_treated": latest.being_treated if latest else None,
    }


def _urgent(signs: list[str]) -> Finding:
    return Finding(
        Code.SAFETY_URGENT,
        Severity.URGENT,
        None,
        f"A check-in in the last {RED_FLAG_DAYS} days reports {_words(signs)}. Please stop "
        f"training and seek urgent medical care now. {NOT_MEDICAL_ADVICE}",
        {"red_flags": ", ".join(signs)},
        "Seek urgent medical care now, even if it has passed: symptoms that come and go still "
        "need checking. Call your local emergency number or go to an emergency department. "
        f"Leg-day reminders are paused for {RED_FLAG_DAYS} days from that check-in, or until "
        "a check-in says you are being seen for it.",
    )


def _professional(reasons: list[str], latest: CheckIn | None, subject: str | None) -> Finding:
    evidence: Evidence = _evidence(latest)
    if latest is not None and latest.being_treated:
        spare = ""
        area = latest.pain.location if latest.pain else None
        if area is not None and SPARED_BY_AREA[area]:
            spare = f" Training advice here {SPARING.format(area=area)}."
        return Finding(
            Code.SEE_PROFESSIONAL,
            Severity.INFO,
            subject,
            f"Your check-in reports {_words(reasons)}, and you are being seen for it. "
            f"{NOT_MEDICAL_ADVICE}",
            evidence,
            f"Follow your clinician's plan, and let it decide what you train.{spare} "
            f"{URGENT_SIGNS}",
        )
    return Finding(
        Code.SEE_PROFESSIONAL,
        Severity.HIGH,
        subject,
        f"Your check-in reports {_words(reasons)}. {NOT_MEDICAL_ADVICE}",
        evidence,
        "Get it assessed by a doctor or physiotherapist within a few days, and don't train "
        f"through it. {URGENT_SIGNS} Leg-day reminders are paused meanwhile; once you are "
        "being seen for it, say so in your next check-in.",
    )


def _caution(pain: Pain) -> Finding:
    area = pain.location
    days = f" for {pain.days} day{'' if pain.days == 1 else 's'}" if pain.days else ""
    where = f"{area} pain" if area else "Pain"
    if area is not None and SPARED_BY_AREA[area]:
        train = (
            f"Train around it: the advice here {SPARING.format(area=area)} and offers "
            "other options; stop any exercise that hurts."
        )
    else:
        train = "Train around it: skip any exercise that hurts it."
    return Finding(
        Code.PAIN_CAUTION,
        Severity.MEDIUM,
        area.value if area else None,
        # As the check-in said it: read days later, "for 3 days" is not how long it is now.
        f"{where[0].upper()}{where[1:]} was {pain.score}/10{days} at your last check-in. "
        f"{NOT_MEDICAL_ADVICE}",
        {"pain_score": pain.score, "pain_days": pain.days, "pain_area": area},
        f"{train} See a physiotherapist if it is not better within 2 weeks.",
    )


def care_state(checkins: Iterable[CheckIn], as_of: datetime) -> CareState:
    """What the check-ins up to ``as_of`` mean for advice, by the rule in the docstring."""
    # sorted is stable: of two check-ins at the same instant the later given stays later.
    ordered = [c for c in sorted(checkins, key=lambda c: c.at) if c.at <= as_of]
    counted = tuple(c for c in ordered if c.at > as_of - timedelta(days=CHECKIN_DAYS))
    latest = counted[-1] if counted else None
    pain = latest.pain if latest and latest.pain and latest.pain.score != 0 else None
    area = pain.location if pain else None

    def state(finding: Finding, blocks: bool) -> CareState:
        # Spared patterns only matter, and are only explained, when training advice is given.
        spared = frozenset() if blocks or area is None else SPARED_BY_AREA[area]
        return CareState((finding,), counted, latest, blocks, area, spared)

    signs = _standing_signs(ordered, as_of)
    if signs:
        return state(_urgent(signs), blocks=True)
    reasons = _pain_reasons(pain)
    subject = area.value if area and reasons else None
    if latest is not None and latest.numbness_tingling:
        reasons.append("numbness or tingling")
    if latest is not None and latest.leg_weakness is LegWeakness.MARKED:
        reasons.append("marked leg weakness")
    elif weakness_grew(ordered, as_of):
        reasons.append(f"leg weakness that grew over your last {WEAKNESS_TREND_CHECKINS} check-ins")
    if reasons:
        finding = _professional(reasons, latest, subject)
        return state(finding, blocks=finding.severity is Severity.HIGH)
    if pain is not None and pain.score is not None and pain.score >= PAIN_CAUTION_MIN:
        return state(_caution(pain), blocks=False)
    return CareState((), counted, latest, False, None, frozenset())
