"""Findings: what the metrics mean for a person, in the spec's order, with advice.

``assess`` is the balance model's entry point. Rules run in the order of the table in
balance-model.md. Decisions where the spec leaves room:

- Safety first. ``coach.care`` decides which check-ins count and gives the safety and
  pain findings (SAFETY_URGENT, SEE_PROFESSIONAL, PAIN_CAUTION). While training is
  blocked no other finding is given, check-in based ones included. Otherwise every piece
  of advice spares the painful area's patterns, and a finding about a lift of a spared
  pattern (a squat plateau under knee pain) is left out: it could only say "keep loading".
- Volume and frequency findings (LEGS_* to PUSH_PULL_IMBALANCE) need at least one
  classified hard set in the window: an empty week cannot tell "did not train" from
  "did not log", and a wall of "0 sets" findings would only nag.
- PLATEAU looks at the last three calendar weeks in which a lift was trained. They must
  be consecutive, the latest must be this week or last, and the baseline is the best
  e1RM of the 8 weeks before them (an older best, say before a layoff, is no baseline).
- Subjects are stable identifiers: the exercise key for a lift, the muscle group's name
  for a muscle, the typed name for an unclassified exercise, the location for pain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TypedDict
from zoneinfo import ZoneInfo

from coach import advice
from coach.advice import proposed_leg_session
from coach.care import CareState, care_state
from coach.catalog import load_catalog
from coach.finding import SAFETY_CODES, Code, Evidence, Finding, Severity
from coach.metrics import (
    HIGH_SORENESS,
    LEG_DAY_SETS,
    LOW_ENERGY,
    SHORT_NIGHT_HOURS,
    Metrics,
    MuscleGroup,
    WeekBest,
    compute_metrics,
)
from coach.training import CheckIn, Goal, Profile, Sex, TrainingSet
from coach.units import format_number
from coach.vocabulary import Pattern

__all__ = [
    "SAFETY_CODES",
    "Assessment",
    "AssessmentJson",
    "Code",
    "Finding",
    "FindingJson",
    "Severity",
    "assess",
    "proposed_leg_session",
    "stalled_weeks",
    "to_json_dict",
    "top_finding",
]


# Thresholds of the findings table (balance-model.md); "own judgement" bands included.
SKIPPED_MIN_TOTAL = 10
LU_HIGH, LU_MEDIUM = 0.33, 0.5
LU_ONLY_HIGH, LU_ONLY_MEDIUM = 3.0, 1.5
MUSCLE_LOW_MEDIUM, MUSCLE_LOW_INFO = 4.0, 10.0
MIN_LEG_DAYS = 2
POSTERIOR_MIN_SQUATS, POSTERIOR_MEDIUM = 6, 0.5
PUSH_MIN_SETS, PUSH_PULL_HIGH, PUSH_PULL_MEDIUM = 6, 2.5, 1.5
SQUAT_BENCH_HIGH, SQUAT_BENCH_SHARE = 1.0, 0.85
EXPECTED_SQUAT_BENCH = {Sex.MALE: 1.34, Sex.FEMALE: 1.47}
EXPECTED_SQUAT_BENCH_UNKNOWN = 1.34
PLATEAU_WEEKS, PLATEAU_GAIN, PLATEAU_BASELINE_WEEKS = 3, 1.01, 8
E1RM_DROP = 0.95
OVERREACHING_SIGNALS, SHORT_NIGHTS, LOW_ENERGY_DAYS = 2, 3, 3


@dataclass(frozen=True, slots=True)
class Assessment:
    findings: tuple[Finding, ...]
    metrics: Metrics
    care: CareState
    """The check-ins' verdict: whether training advice and reminders stop, what is spared."""


@dataclass(frozen=True, slots=True)
class _Context:
    """What every rule may read."""

    metrics: Metrics
    profile: Profile
    care: CareState


Rule = Callable[[_Context], Iterable[Finding]]


# -- volume and balance ----------------------------------------------------------------


def _has_sets(m: Metrics) -> bool:
    return m.classified_sets > 0


def _legs_skipped(m: Metrics) -> bool:
    return m.lower_sets == 0 and m.classified_sets >= SKIPPED_MIN_TOTAL


def _sets(n: float) -> str:
    return f"{format_number(n)} set{'' if n == 1 else 's'}"


def _lu_words(m: Metrics) -> str:
    lu = "-" if m.lu is None else f"{m.lu:.2f}"
    return f"lower:upper {lu} ({m.lower_sets} lower to {m.upper_sets} upper hard sets)"


def _legs_skipped_rule(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if not _legs_skipped(m):
        return
    yield Finding(
        Code.LEGS_SKIPPED,
        Severity.HIGH,
        None,
        f"0 leg sets in 7 days, against {_sets(m.classified_sets)} in total.",
        {"lower_sets": 0, "total_sets": m.classified_sets},
        "Make your next session a leg day built on compound lifts: "
        f"{advice.listing(advice.LEG_SESSION, ctx.care.spared_patterns)}.",
    )


def _legs_neglected(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if m.lu is None or m.lu >= LU_MEDIUM:
        return
    yield Finding(
        Code.LEGS_NEGLECTED,
        Severity.HIGH if m.lu < LU_HIGH else Severity.MEDIUM,
        None,
        f"Legs are behind: {_lu_words(m)} in 7 days.",
        _lu_evidence(m),
        "Add lower-body sessions; typical splits sit at 0.5-0.9 lower sets per upper set. "
        f"For example: {proposed_leg_session(ctx.profile, ctx.care.spared_patterns)}.",
    )


def _legs_only(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if m.lu is None:
        if not (m.upper_sets == 0 and m.lower_sets > 0):
            return
        severity = Severity.HIGH
        fact = f"{_sets(m.lower_sets)} for legs and none for the upper body in 7 days."
    elif m.lu > LU_ONLY_MEDIUM:
        severity = Severity.HIGH if m.lu > LU_ONLY_HIGH else Severity.MEDIUM
        fact = f"Mostly legs: {_lu_words(m)} in 7 days."
    else:
        return
    upper = advice.listing(advice.UPPER_SESSION, ctx.care.spared_patterns)
    work = f"add pushing and pulling work: {upper}."
    if ctx.profile.goal == Goal.LEGS:
        # People who focus on legs on purpose get a note, not a warning.
        severity = Severity.INFO
        work = f"Legs are your focus, so this is just a note; for balance, {work}"
    else:
        work = work[0].upper() + work[1:]
    yield Finding(Code.LEGS_ONLY, severity, None, fact, _lu_evidence(m), work)


def _lu_evidence(m: Metrics) -> Evidence:
    lu = None if m.lu is None else round(m.lu, 3)
    return {"lu": lu, "lower_sets": m.lower_sets, "upper_sets": m.upper_sets}


def _muscle_low(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if not _has_sets(m):
        return
    for group in MuscleGroup:
        count = m.group_sets[group]
        if count > MUSCLE_LOW_INFO:
            continue
        yield Finding(
            Code.MUSCLE_LOW,
            Severity.MEDIUM if count < MUSCLE_LOW_MEDIUM else Severity.INFO,
            group.value,
            f"{group.value.capitalize()}: {_sets(count)} in 7 days.",
            {"sets": count},
            f"Add sets for {group.value}: "
            f"{advice.listing(advice.GROUP_WORK[group], ctx.care.spared_patterns)}. "
            "10-20 sets a week per muscle is the evidence-backed range.",
        )


def _leg_frequency_low(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if not _has_sets(m) or m.leg_days >= MIN_LEG_DAYS or _legs_skipped(m):
        return
    days = ctx.profile.days_per_week
    if advice.combines_back_and_legs(ctx.profile):
        how = (
            f"With {days} training days a week, combine back and legs in one session: "
            f"{proposed_leg_session(ctx.profile, ctx.care.spared_patterns)}."
        )
    else:
        how = f"Next leg session: {proposed_leg_session(ctx.profile, ctx.care.spared_patterns)}."
    yield Finding(
        Code.LEG_FREQUENCY_LOW,
        Severity.MEDIUM,
        None,
        f"{m.leg_days} leg day{'' if m.leg_days == 1 else 's'} in 7 days "
        f"(a leg day has at least {LEG_DAY_SETS} lower-body hard sets).",
        {"leg_days": m.leg_days, "days_since_legs": m.days_since_legs},
        f"Train legs at least twice a week. {how}",
    )


def _posterior_gap(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if m.squat_pattern_sets < POSTERIOR_MIN_SQUATS or m.posterior_ratio is None:
        return
    if m.posterior_ratio >= POSTERIOR_MEDIUM:
        return
    yield Finding(
        Code.POSTERIOR_GAP,
        Severity.HIGH if m.posterior_ratio == 0 else Severity.MEDIUM,
        None,
        f"{_sets(m.posterior_sets)} of hinges and leg curls against {_sets(m.anterior_sets)} "
        f"of squats, lunges and leg extensions in 7 days.",
        {
            "posterior_ratio": round(m.posterior_ratio, 3),
            "posterior_sets": m.posterior_sets,
            "anterior_sets": m.anterior_sets,
            "squat_sets": m.squat_pattern_sets,
        },
        "Add RDLs or leg curls for the back of the legs: "
        f"{advice.listing(advice.POSTERIOR_WORK, ctx.care.spared_patterns)}.",
    )


def _push_pull(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if m.push_sets < PUSH_MIN_SETS:
        return
    if m.push_pull is not None and m.push_pull <= PUSH_PULL_MEDIUM:
        return
    high = m.push_pull is None or m.push_pull > PUSH_PULL_HIGH
    yield Finding(
        Code.PUSH_PULL_IMBALANCE,
        Severity.HIGH if high else Severity.MEDIUM,
        None,
        f"Push:pull is {m.push_sets}:{m.pull_sets} hard sets in 7 days.",
        {
            "push_pull": None if m.push_pull is None else round(m.push_pull, 3),
            "push_sets": m.push_sets,
            "pull_sets": m.pull_sets,
        },
        f"Add rows and pull-ups: {advice.listing(advice.PULLING_WORK, ctx.care.spared_patterns)}.",
    )


# -- strength trends -------------------------------------------------------------------


def _squat_lags_bench(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if m.squat_bench is None or m.squat_e1rm is None or m.bench_e1rm is None:
        return
    sex = ctx.profile.sex
    expected = EXPECTED_SQUAT_BENCH_UNKNOWN if sex is None else EXPECTED_SQUAT_BENCH[sex]
    if m.squat_bench < SQUAT_BENCH_HIGH:
        severity = Severity.HIGH
    elif m.squat_bench < SQUAT_BENCH_SHARE * expected:
        severity = Severity.MEDIUM
    else:
        return
    yield Finding(
        Code.SQUAT_LAGS_BENCH,
        severity,
        "back_squat",
        f"Squat:bench is {m.squat_bench:.2f} (best e1RM over 8 weeks: squat "
        f"{format_number(m.squat_e1rm)} kg, bench {format_number(m.bench_e1rm)} kg); "
        f"about {expected:.2f} is typical.",
        {
            "squat_bench": round(m.squat_bench, 3),
            "squat_e1rm_kg": round(m.squat_e1rm, 1),
            "bench_e1rm_kg": round(m.bench_e1rm, 1),
            "expected": expected,
        },
        f"Prioritise squatting: squat first in the session, {advice.SQUAT_PRIORITY}, and add "
        "2.5-5 kg once you beat the top of the range by 1-2 reps on every set.",
    )


def _plateau(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    for lift in sorted(m.weekly_best, key=lambda k: m.lift_names.get(k, k)):
        stall = stalled_weeks(m.weekly_best[lift], m.current_week)
        if stall is None:
            continue
        run, baseline = stall
        name = m.lift_names.get(lift, lift)
        bests = ", ".join(format_number(w.e1rm_kg) for w in run)
        yield Finding(
            Code.PLATEAU,
            Severity.MEDIUM,
            lift,
            f"{name}: best e1RM {bests} kg over the last {len(run)} weeks, against "
            f"{format_number(baseline)} kg before.",
            {
                "weeks": len(run),
                "baseline_e1rm_kg": round(baseline, 1),
                "latest_e1rm_kg": round(run[-1].e1rm_kg, 1),
            },
            "Change something for the next few weeks: a new rep range (say 8-10 instead of "
            "5s), or add 2-10 % load once you beat your target by 1-2 reps, or train "
            f"{advice.variation_for(lift)} instead.",
        )


def stalled_weeks(
    weeks: Sequence[WeekBest], current_week: date
) -> tuple[tuple[WeekBest, ...], float] | None:
    """The last 3 trained weeks and the best before them, if the lift has stalled.

    Stalled: the last three weeks with the lift are consecutive calendar weeks, the
    latest is this week or last, and none beat the best of the 8 weeks before them by
    more than 1 %. ``weeks`` is M11 for one lift, oldest first.
    """
    run = tuple(weeks[-PLATEAU_WEEKS:])
    if len(run) < PLATEAU_WEEKS or run[-1].week < current_week - timedelta(weeks=1):
        return None
    if any(b.week - a.week != timedelta(weeks=1) for a, b in pairwise(run)):
        return None
    since = run[0].week - timedelta(weeks=PLATEAU_BASELINE_WEEKS)
    baseline = max((w.e1rm_kg for w in weeks[:-PLATEAU_WEEKS] if w.week >= since), default=None)
    if baseline is None or any(w.e1rm_kg > PLATEAU_GAIN * baseline for w in run):
        return None
    return run, baseline


def _overreaching(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    signals: list[str] = []
    if m.rpe_creep:
        c = m.rpe_creep[-1]
        signals.append(
            f"{c.name} {format_number(c.weight_kg)} kg x {c.reps} felt RPE "
            f"{format_number(c.rpe_after)} after RPE {format_number(c.rpe_before)}"
        )
    drops = [c for c in m.main_lift_changes if c.ratio <= E1RM_DROP]
    if drops:
        d = min(drops, key=lambda c: c.ratio)
        signals.append(
            f"{d.name} e1RM {format_number(d.current_kg)} kg, down from "
            f"{format_number(d.previous_kg)} kg in the 4 weeks before"
        )
    if m.sleep.short_nights >= SHORT_NIGHTS:
        signals.append(f"{m.sleep.short_nights} of the last 7 nights under {SHORT_NIGHT_HOURS:g} h")
    if m.low_energy_days >= LOW_ENERGY_DAYS:
        signals.append(f"energy {LOW_ENERGY} or lower on {m.low_energy_days} check-ins")
    if m.sore_days_legs_due:
        signals.append(f"soreness {HIGH_SORENESS}+ on a day legs were due")
    if len(signals) < OVERREACHING_SIGNALS:
        return
    yield Finding(
        Code.OVERREACHING,
        Severity.HIGH,
        None,
        f"Signs of accumulated fatigue: {'; '.join(signals)}.",
        {
            "signals": len(signals),
            "rpe_creep": len(m.rpe_creep),
            "e1rm_drops": len(drops),
            "short_nights": m.sleep.short_nights,
            "low_energy_days": m.low_energy_days,
            "sore_days_legs_due": m.sore_days_legs_due,
        },
        "Take a deload week: about half your usual sets, stop 2 reps further from failure, "
        "and keep training on the same days.",
    )


# -- recovery and bookkeeping ----------------------------------------------------------


def _sleep_low(ctx: _Context) -> Iterable[Finding]:
    sleep = ctx.metrics.sleep
    if sleep.mean_hours is None or sleep.mean_hours >= SHORT_NIGHT_HOURS:
        return
    yield Finding(
        Code.SLEEP_LOW,
        Severity.MEDIUM,
        None,
        f"Average sleep {sleep.mean_hours:.1f} h over {sleep.nights} "
        f"night{'' if sleep.nights == 1 else 's'} this week.",
        {"mean_hours": round(sleep.mean_hours, 2), "nights": sleep.nights},
        "Aim for 7-9 h a night; short sleep costs lower-body strength.",
    )


def _too_soon(ctx: _Context) -> Iterable[Finding]:
    for t in ctx.metrics.too_soon:
        muscle = t.muscle.value.replace("_", " ")
        yield Finding(
            Code.TOO_SOON,
            Severity.INFO,
            t.muscle.value,
            f"{muscle.capitalize()} trained at RPE 9+ twice, {t.hours_apart:.0f} h apart, "
            f"with soreness at {t.soreness}/4.",
            {"hours_apart": round(t.hours_apart, 1), "soreness": t.soreness},
            f"Space hard sessions for the {muscle} 48 h apart.",
        )


def _unclassified(ctx: _Context) -> Iterable[Finding]:
    for name, count in ctx.metrics.unclassified_names:
        yield Finding(
            Code.UNCLASSIFIED,
            Severity.INFO,
            name,
            f"{_sets(count)} of \u201c{name}\u201d in 7 days that I couldn't classify.",
            {"sets": count},
            f"Tag \u201c{name}\u201d as an exercise (pick what it is) so its sets count.",
        )


TRAINING_RULES: tuple[Rule, ...] = (
    _legs_skipped_rule,
    _legs_neglected,
    _legs_only,
    _muscle_low,
    _leg_frequency_low,
    _posterior_gap,
    _push_pull,
    _squat_lags_bench,
    _plateau,
    _overreaching,
    _sleep_low,
    _too_soon,
    _unclassified,
)


def _context(
    sets: Iterable[TrainingSet],
    checkins: Iterable[CheckIn],
    profile: Profile,
    tz: ZoneInfo,
    as_of: datetime,
) -> _Context:
    care = care_state(checkins, as_of)
    metrics = compute_metrics(sets, care.counted, tz, as_of)
    return _Context(metrics, profile, care)


def _loads_spared(finding: Finding, spared: frozenset[Pattern]) -> bool:
    """Whether the finding is about a lift whose pattern is spared (its subject is the key)."""
    lift = load_catalog().get(finding.subject) if finding.subject else None
    return lift is not None and lift.pattern in spared


def _ranked(ctx: _Context) -> Iterator[Finding]:
    """The findings, most important first: the safety and pain ones, then, unless they
    block training, the training ones that do not load a spared area."""
    yield from ctx.care.findings
    if ctx.care.blocks_training:
        return
    for rule in TRAINING_RULES:
        for finding in rule(ctx):
            if not _loads_spared(finding, ctx.care.spared_patterns):
                yield finding


def assess(
    sets: Iterable[TrainingSet],
    checkins: Iterable[CheckIn],
    profile: Profile,
    tz: ZoneInfo,
    as_of: datetime,
) -> Assessment:
    """The findings for one person at ``as_of``, most important first."""
    ctx = _context(sets, checkins, profile, tz, as_of)
    return Assessment(tuple(_ranked(ctx)), ctx.metrics, ctx.care)


def top_finding(
    sets: Iterable[TrainingSet],
    checkins: Iterable[CheckIn],
    profile: Profile,
    tz: ZoneInfo,
    as_of: datetime,
) -> Finding | None:
    """``assess``'s first finding alone: rules after the first that finds something never
    run, which adds up when a report judges a thousand members."""
    return next(_ranked(_context(sets, checkins, profile, tz, as_of)), None)


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


class FindingJson(TypedDict):
    code: str
    severity: str
    subject: str | None
    message: str
    evidence: dict[str, float | int | str | None]
    advice: str


class AssessmentJson(TypedDict):
    findings: list[FindingJson]
    metrics: dict[str, object]


def to_json_dict(assessment: Assessment) -> AssessmentJson:
    """The object ``legday analyze`` prints: findings (with advice) and the metrics.

    Ratios keep 3 decimals and kilograms 1, enough to check a threshold by eye.
    """
    m = assessment.metrics
    return {
        "findings": [
            {
                "code": f.code.value,
                "severity": f.severity.value,
                "subject": f.subject,
                "message": f.message,
                "evidence": dict(f.evidence),
                "advice": f.advice,
            }
            for f in assessment.findings
        ],
        "metrics": {
            "as_of": m.as_of.isoformat(),
            "lower_sets": m.lower_sets,
            "upper_sets": m.upper_sets,
            "core_sets": m.core_sets,
            "lu": _rounded(m.lu, 3),
            "leg_days": m.leg_days,
            "days_since_legs": m.days_since_legs,
            "push_sets": m.push_sets,
            "pull_sets": m.pull_sets,
            "push_pull": _rounded(m.push_pull, 3),
            "posterior_ratio": _rounded(m.posterior_ratio, 3),
            "muscle_sets": {muscle.value: sets for muscle, sets in m.muscle_sets.items()},
            "group_sets": {group.value: sets for group, sets in m.group_sets.items()},
            "unclassified_sets": m.unclassified_sets,
            "squat_e1rm_kg": _rounded(m.squat_e1rm, 1),
            "bench_e1rm_kg": _rounded(m.bench_e1rm, 1),
            "squat_bench": _rounded(m.squat_bench, 3),
            "weekly_best_e1rm_kg": {
                lift: {w.week.isoformat(): round(w.e1rm_kg, 1) for w in weeks}
                for lift, weeks in sorted(m.weekly_best.items())
            },
            "sleep_mean_hours": _rounded(m.sleep.mean_hours, 2),
            "short_nights": m.sleep.short_nights,
        },
    }
