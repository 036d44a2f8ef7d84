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
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import NamedTuple, TypedDict
from zoneinfo import ZoneInfo

from coach import advice
from coach.advice import proposed_leg_session
from coach.care import CareState, care_state
from coach.catalog import load_catalog
from coach.deload import Deload
from coach.finding import SAFETY_CODES, Code, Evidence, Finding, Severity
from coach.metrics import (
    HIGH_SORENESS,
    LEG_DAY_SETS,
    LOW_ENERGY,
    MAIN_LIFTS,
    SHORT_NIGHT_HOURS,
    VOLUME_HIGH_DAYS,
    VOLUME_HIGH_SETS,
    Bracket,
    Lift,
    Metrics,
    MuscleGroup,
    WeekBest,
    compute_metrics,
)
from coach.training import (
    CheckIn,
    Goal,
    LegWeakness,
    Profile,
    Sex,
    TrainingSet,
)
from coach.units import format_number, from_kg
from coach.vocabulary import Muscle, Pattern, Unit

__all__ = [
    "SAFETY_CODES",
    "Assessment",
    "AssessmentJson",
    "Code",
    "Finding",
    "FindingJson",
    "Severity",
    "Top",
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
EXPECTED_SQUAT_BENCH_UNKNOWN = 1.40
PLATEAU_WEEKS, PLATEAU_GAIN, PLATEAU_BASELINE_WEEKS = 4, 1.01, 8
PLATEAU_RISING_WEEKS, LAYOFF_WEEKS, MAX_PLATEAUS = 3, 3, 2
POSTERIOR_SWAP_LOWER_SETS = 20
BIG_LEG_DAY_SETS = 10
BACK_TO_BACK = 3
"""TOO_SOON: the same prime mover trained hard on consecutive days this many times."""
ENDURANCE_SESSIONS = 2
"""Cardio sessions in the window that make someone an endurance athlete (own judgement:
one walk does not)."""
LEG_GROUPS = frozenset({MuscleGroup.QUADS, MuscleGroup.HAMSTRINGS, MuscleGroup.GLUTES})
ADDS_WORK = frozenset(
    {
        Code.LEGS_SKIPPED,
        Code.LEGS_NEGLECTED,
        Code.LEGS_ONLY,
        Code.MUSCLE_LOW,
        Code.LEG_FREQUENCY_LOW,
        Code.POSTERIOR_GAP,
        Code.PUSH_PULL_IMBALANCE,
        Code.SQUAT_LAGS_BENCH,
    }
)
"""Findings whose advice adds sets: under a deload they wait for the week after it."""
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
    """What every rule may read. ``spared`` are the patterns no advice may name (a
    painful area); ``means`` is what advice may use (equipment logged lately, goal)."""

    metrics: Metrics
    profile: Profile
    care: CareState

    @property
    def spared(self) -> frozenset[Pattern]:
        return self.care.spared_patterns

    @property
    def means(self) -> advice.Means:
        return advice.Means(self.metrics.equipment_used, self.spared, self.profile.goal)

    @property
    def endurance(self) -> bool:
        return self.metrics.cardio_sessions >= ENDURANCE_SESSIONS

    def weight(self, kg: float) -> str:
        """A weight in the person's unit, one decimal at most."""
        unit = self.profile.unit
        return f"{format_number(from_kg(kg, unit))} {unit.value}"

    def load_step(self) -> str:
        """The plate-friendly load increase in the person's unit."""
        return "5-10 lb" if self.profile.unit is Unit.LB else "2.5-5 kg"


Rule = Callable[[_Context], Iterable[Finding]]


def _words(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# -- volume and balance ----------------------------------------------------------------


def _has_sets(m: Metrics) -> bool:
    return m.classified_sets > 0


def _judges_gaps(m: Metrics) -> bool:
    """Whether "what is missing" may be judged: sets this week and enough history."""
    return _has_sets(m) and m.has_history


def _legs_skipped(m: Metrics) -> bool:
    return m.has_history and m.lower_sets == 0 and m.classified_sets >= SKIPPED_MIN_TOTAL


def _sets(n: float) -> str:
    return f"{format_number(n)} set{'' if n == 1 else 's'}"


def _lu_words(m: Metrics) -> str:
    lu = "-" if m.lu is None else f"{m.lu:.2f}"
    lower, upper = format_number(m.lower_sets), format_number(m.upper_sets)
    return f"lower:upper {lu} ({lower} lower to {upper} upper hard sets)"


def _leg_advice(ctx: _Context) -> str:
    """The leg session to suggest: runner-sized for endurance athletes."""
    if ctx.endurance:
        return (
            "2 short leg strength sessions a week, heavy and brief, alongside your cardio: "
            f"{advice.runner_leg_session(ctx.means)}"
        )
    return advice.prescribe(advice.LEG_SESSION, ctx.means)


def _reps(ctx: _Context) -> str:
    """The rep ranges the advice gives: goal strength loads the main lifts heavier."""
    if ctx.profile.goal is Goal.STRENGTH:
        return "heavy (3-5 reps) for the main lift, 6-12 reps for the rest"
    return "6-12 reps"


def _legs_skipped_rule(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if not _legs_skipped(m):
        return
    empty = [g.value for g in MuscleGroup if g in LEG_GROUPS and m.group_sets[g] == 0]
    muscles = f" ({_words(empty)} got none)" if empty else ""
    yield Finding(
        Code.LEGS_SKIPPED,
        Severity.HIGH,
        None,
        f"0 leg sets in 7 days{muscles}, against {_sets(m.classified_sets)} in total.",
        {"lower_sets": 0, "total_sets": m.classified_sets, "empty_muscles": ", ".join(empty)},
        f"Make your next session a leg day built on compound lifts, {_reps(ctx)}: "
        f"{_leg_advice(ctx)}.",
    )


def _legs_neglected(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if not _judges_gaps(m) or _legs_skipped(m) or m.lu is None or m.lu >= LU_MEDIUM:
        return
    # A real leg day of 10+ sets means legs are trained, just not often: at most medium.
    high = m.lu < LU_HIGH and m.biggest_leg_day < BIG_LEG_DAY_SETS
    yield Finding(
        Code.LEGS_NEGLECTED,
        Severity.HIGH if high else Severity.MEDIUM,
        None,
        f"Legs are behind: {_lu_words(m)} in 7 days.",
        _lu_evidence(m),
        "Add lower-body sessions; typical splits sit at 0.5-0.9 lower sets per upper set. "
        f"For example: {_leg_advice(ctx)}.",
    )


def _legs_only(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if not _judges_gaps(m):
        return
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
    work = f"add pushing and pulling work: {advice.prescribe(advice.UPPER_SESSION, ctx.means)}."
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
    if not _judges_gaps(m):
        return
    skipped = _legs_skipped(m)
    for group in MuscleGroup:
        count = m.group_sets[group]
        leg = group in LEG_GROUPS
        if count >= MUSCLE_LOW_INFO or (leg and skipped):
            continue  # folded into LEGS_SKIPPED when that fires
        severity = Severity.MEDIUM if count < MUSCLE_LOW_MEDIUM else Severity.INFO
        if leg and ctx.endurance:
            severity = Severity.INFO
        work = advice.prescribe(advice.GROUP_WORK[group.value], ctx.means)
        if not work:
            continue  # everything that trains it is spared
        yield Finding(
            Code.MUSCLE_LOW,
            severity,
            group.value,
            f"{group.value.capitalize()}: {_sets(count)} in 7 days.",
            {"sets": count},
            f"Add sets for {group.value}: {work}. 10+ hard sets a week per muscle tends to "
            "give more growth (fewer still build strength).",
        )


def _leg_frequency_low(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if not _judges_gaps(m) or m.leg_days >= MIN_LEG_DAYS or _legs_skipped(m):
        return
    days = ctx.profile.days_per_week
    if ctx.endurance:
        how = f"Next leg session: {_leg_advice(ctx)}."
    elif advice.combines_back_and_legs(ctx.profile):
        how = (
            f"With {days} training days a week, combine back and legs in one session: "
            f"{advice.prescribe(advice.BACK_AND_LEGS_SESSION, ctx.means)}."
        )
    else:
        how = f"Next leg session: {_leg_advice(ctx)}."
    yield Finding(
        Code.LEG_FREQUENCY_LOW,
        Severity.MEDIUM,
        None,
        f"{m.leg_days} leg day{'' if m.leg_days == 1 else 's'} in 7 days (a leg day is a "
        f"session with at least {LEG_DAY_SETS} hard squat, lunge, hinge or leg curl/extension "
        "sets).",
        {"leg_days": m.leg_days, "days_since_legs": m.days_since_legs},
        f"Train legs at least twice a week. {how}",
    )


_POSTERIOR_NAMES = {Pattern.HINGE: "RDLs", Pattern.KNEE_FLEXION: "leg curls"}
"""How the advice names each slot of ``advice.POSTERIOR_WORK``."""


def _posterior_gap(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if m.squat_pattern_sets < POSTERIOR_MIN_SQUATS or m.posterior_ratio is None:
        return
    if m.posterior_ratio >= POSTERIOR_MEDIUM:
        return
    # Only what a painful area leaves (lower-back or hip pain spares the hinge): a squat or
    # lunge standing in for a spared RDL would work the front of the legs, not the back.
    left = tuple(s for s in advice.POSTERIOR_WORK if s[0].pattern not in ctx.spared)
    work = advice.prescribe(left or advice.POSTERIOR_WORK, ctx.means)
    what = " or ".join(_POSTERIOR_NAMES[s[0].pattern] for s in left)
    what = what or "pain-free back-of-the-leg work"
    if m.lower_sets >= POSTERIOR_SWAP_LOWER_SETS:
        how = (
            f"You already do {_sets(m.lower_sets)} for legs: swap some squat-pattern sets for "
            f"{what} instead of adding more: {work}."
        )
    else:
        how = f"Add {what} for the back of the legs: {work}."
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
        how,
    )


def _push_pull(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if not _judges_gaps(m) or m.push_sets < PUSH_MIN_SETS:
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
        f"Add rows and pull-ups: {advice.prescribe(advice.PULLING_WORK, ctx.means)}.",
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
    squat = advice.pick(advice.SQUAT_PRIORITY, ctx.means)
    how = (
        f"squat first in the session, {squat}, and add {ctx.load_step()} once you beat the top "
        "of the range by 1-2 reps on every set"
        if squat is not None
        else f"progressive overload on squats ({ctx.load_step()} steps) once the area allows"
    )
    yield Finding(
        Code.SQUAT_LAGS_BENCH,
        severity,
        "back_squat",
        f"Squat:bench is {m.squat_bench:.2f} (best e1RM over 8 weeks: squat "
        f"{ctx.weight(m.squat_e1rm)}, bench {ctx.weight(m.bench_e1rm)}); "
        f"about {expected:.2f} is typical.",
        {
            "squat_bench": round(m.squat_bench, 3),
            "squat_e1rm_kg": round(m.squat_e1rm, 1),
            "bench_e1rm_kg": round(m.bench_e1rm, 1),
            "expected": expected,
        },
        f"Prioritise squatting: {how}.",
    )


def _plateau(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    stalls = []
    for lift in m.weekly_best:
        stall = stalled_weeks(m.weekly_best[lift], m.current_week)
        if stall is not None:
            stalls.append((lift, stall))
    # One finding per family (its worse bracket is enough), main lifts first, at most 2.
    seen: set[str] = set()
    shown = 0
    for lift, (run, baseline) in sorted(stalls, key=lambda item: _plateau_order(m, item[0])):
        if lift.family in seen or shown == MAX_PLATEAUS:
            continue
        seen.add(lift.family)
        shown += 1
        name = m.lift_names.get(lift.family, lift.family)
        bests = ", ".join(format_number(from_kg(w.e1rm_kg, ctx.profile.unit)) for w in run)
        yield Finding(
            Code.PLATEAU,
            Severity.MEDIUM,
            lift.family,
            f"{name} ({lift.bracket.value} reps): best e1RM {bests} {ctx.profile.unit.value} "
            f"over the last {len(run)} weeks, against {ctx.weight(baseline)} before.",
            {
                "weeks": len(run),
                "bracket": lift.bracket.value,
                "baseline_e1rm_kg": round(baseline, 1),
                "latest_e1rm_kg": round(run[-1].e1rm_kg, 1),
            },
            f"Change something for the next few weeks: {_new_range(m, lift)}, or add 2-10 % "
            "load once you beat your target by 1-2 reps, or train "
            f"{advice.variation_for(lift.family)} instead.",
        )


def _plateau_order(m: Metrics, lift: Lift) -> tuple[int, str]:
    main = MAIN_LIFTS.index(lift.family) if lift.family in MAIN_LIFTS else len(MAIN_LIFTS)
    return main, m.lift_names.get(lift.family, lift.family)


def _new_range(m: Metrics, lift: Lift) -> str:
    """A rep range the person has not been using for this lift."""
    used = {b for other in m.weekly_best if other.family == lift.family for b in [other.bracket]}
    if used >= set(Bracket):
        return "a new rep range for a few weeks"
    return "sets of 8-10" if lift.bracket is Bracket.LOW else "sets of 3-5"


def stalled_weeks(
    weeks: Sequence[WeekBest], current_week: date
) -> tuple[tuple[WeekBest, ...], float] | None:
    """The last 4 trained weeks and the best before them, if the lift has stalled.

    Stalled: the last four weeks with the lift are consecutive calendar weeks, the latest
    is this week or last, none beat the best of the 8 weeks before them by more than 1 %,
    and the weekly best did not rise in each of the last 3 weeks. Weeks in the 4 after a
    layoff of 3+ weeks are not compared with the time before it: a lift coming back is
    rebuilding, not stuck. ``weeks`` is M11 for one lift and bracket, oldest first.
    """
    run = tuple(weeks[-PLATEAU_WEEKS:])
    if len(run) < PLATEAU_WEEKS or run[-1].week < current_week - timedelta(weeks=1):
        return None
    if any(b.week - a.week != timedelta(weeks=1) for a, b in pairwise(run)):
        return None
    recent = run[-(PLATEAU_RISING_WEEKS + 1) :]
    if all(b.e1rm_kg > a.e1rm_kg for a, b in pairwise(recent)):
        return None
    since = run[0].week - timedelta(weeks=PLATEAU_BASELINE_WEEKS)
    before = [w for w in weeks[:-PLATEAU_WEEKS] if w.week >= since]
    comeback = _after_layoff(weeks)
    if comeback is not None and run[0].week < comeback + timedelta(weeks=PLATEAU_WEEKS):
        before = [w for w in before if w.week >= comeback]
    baseline = max((w.e1rm_kg for w in before), default=None)
    if baseline is None or any(w.e1rm_kg > PLATEAU_GAIN * baseline for w in run):
        return None
    return run, baseline


def _after_layoff(weeks: Sequence[WeekBest]) -> date | None:
    """The first week trained after the latest gap of 3+ untrained weeks, if any."""
    found = None
    for a, b in pairwise(weeks):
        if b.week - a.week > timedelta(weeks=LAYOFF_WEEKS):
            found = b.week
    return found


def _overreaching(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    signals: list[str] = []
    if m.rpe_creep:
        c = m.rpe_creep[-1]
        signals.append(
            f"{c.name} {ctx.weight(c.weight_kg)} x {c.reps} felt RPE "
            f"{format_number(c.rpe_after)} after RPE {format_number(c.rpe_before)}"
        )
    drops = [c for c in m.main_lift_changes if c.ratio <= E1RM_DROP]
    if drops:
        d = min(drops, key=lambda c: c.ratio)
        signals.append(
            f"{d.name} e1RM {ctx.weight(d.current_kg)}, down from "
            f"{ctx.weight(d.previous_kg)} in the 4 weeks before"
        )
    sleep = m.sleep.short_nights >= SHORT_NIGHTS
    if sleep:
        signals.append(f"{m.sleep.short_nights} of the last 7 nights under {SHORT_NIGHT_HOURS:g} h")
    if m.low_energy_days >= LOW_ENERGY_DAYS:
        signals.append(f"energy {LOW_ENERGY} or lower on {m.low_energy_days} check-ins")
    if m.sore_days_legs_due:
        signals.append(f"soreness {HIGH_SORENESS}+ on a day legs were due")
    latest = ctx.care.latest
    weakness = latest.leg_weakness if latest is not None else None
    if weakness in (LegWeakness.MILD, LegWeakness.MARKED):
        signals.append(f"{weakness} leg weakness in your latest check-in")
    if m.volume_high:
        signals.append(
            f"very high volume for the {_words([_muscle(v.muscle) for v in m.volume_high])}"
        )
    if len(signals) < OVERREACHING_SIGNALS:
        return
    days = (
        "and spread the work so no muscle is trained hard two days running"
        if m.back_to_back or m.too_soon
        else "and keep training on the same days"
    )
    if m.deload_now:
        first = "Sleep first: aim for 7-9 h a night, and keep" if sleep else "Keep"
        week = "your deload week going"
    else:
        first = "Sleep first: aim for 7-9 h a night. Then take" if sleep else "Take"
        week = "a deload week"
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
            "volume_high": len(m.volume_high),
        },
        f"{first} {week}: about half your usual sets, stop 2 reps further from failure, {days}.",
    )


def _muscle(muscle: Muscle) -> str:
    return muscle.value.replace("_", " ")


def _volume_high(ctx: _Context) -> Iterable[Finding]:
    for v in ctx.metrics.volume_high:
        name = _muscle(v.muscle)
        facts = []
        if v.sets > VOLUME_HIGH_SETS:
            facts.append(f"{_sets(v.sets)} in 7 days")
        if v.days_in_a_row >= VOLUME_HIGH_DAYS:
            facts.append(f"trained hard {v.days_in_a_row} days in a row")
        yield Finding(
            Code.VOLUME_HIGH,
            Severity.MEDIUM,
            v.muscle.value,
            f"{name.capitalize()}: {' and '.join(facts)}.",
            {"sets": v.sets, "days_in_a_row": v.days_in_a_row},
            f"Spread or cut the {name} work: leave 48 h between hard sessions for a muscle; "
            "more is not better past about 20 sets a week.",
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
    m = ctx.metrics
    crowded = {v.muscle for v in m.volume_high}
    for muscle, pairs in m.back_to_back.items():
        # Four days in a row is VOLUME_HIGH already: one problem, one finding.
        if pairs < BACK_TO_BACK or muscle in crowded:
            continue
        name = _muscle(muscle)
        yield Finding(
            Code.TOO_SOON,
            Severity.INFO,
            muscle.value,
            f"{name.capitalize()} trained hard on consecutive days {pairs} times in 7 days.",
            {"back_to_back": pairs},
            f"Space hard sessions for the {name} 48 h apart.",
        )
    for t in m.too_soon:
        if t.muscle in m.back_to_back and m.back_to_back[t.muscle] >= BACK_TO_BACK:
            continue
        words = _muscle(t.muscle)
        yield Finding(
            Code.TOO_SOON,
            Severity.INFO,
            t.muscle.value,
            f"{words.capitalize()} trained at RPE 9+ twice, {t.hours_apart:.0f} h apart, "
            f"with soreness at {t.soreness}/4.",
            {"hours_apart": round(t.hours_apart, 1), "soreness": t.soreness},
            f"Space hard sessions for the {words} 48 h apart.",
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


def _no_work(ctx: _Context) -> Iterable[Finding]:
    m = ctx.metrics
    if m.classified_sets or m.unclassified_sets:
        return
    cardio = (
        f" ({m.cardio_sessions} cardio session{'' if m.cardio_sessions == 1 else 's'}, "
        "which count in no set total)"
        if m.cardio_sessions
        else ""
    )
    yield Finding(
        Code.NO_WORK,
        Severity.INFO,
        None,
        f"No working sets in the last 7 days{cardio}.",
        {"hard_sets": 0, "cardio_sessions": m.cardio_sessions},
        "Log your next session and I'll look at the balance.",
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
    _volume_high,
    _sleep_low,
    _too_soon,
    _unclassified,
    _no_work,
)


def _context(
    sets: Iterable[TrainingSet],
    checkins: Iterable[CheckIn],
    profile: Profile,
    tz: ZoneInfo,
    as_of: datetime,
    deloads: Sequence[Deload],
) -> _Context:
    care = care_state(checkins, as_of)
    metrics = compute_metrics(sets, care.counted, tz, as_of, deloads)
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
    training = [
        finding
        for rule in TRAINING_RULES
        for finding in rule(ctx)
        if not _loads_spared(finding, ctx.spared)
    ]
    yield from _consistent(training, ctx.metrics.deload_now)


def _consistent(findings: list[Finding], deloading: bool) -> list[Finding]:
    """One answer never contradicts itself: under a deload (advised, or one the person
    logged and is in), advice that adds sets waits for the week after it."""
    if not deloading and not any(f.code is Code.OVERREACHING for f in findings):
        return findings
    return [
        replace(f, advice=f"After your deload week: {f.advice[0].lower()}{f.advice[1:]}")
        if f.code in ADDS_WORK
        else f
        for f in findings
    ]


def assess(
    sets: Iterable[TrainingSet],
    checkins: Iterable[CheckIn],
    profile: Profile,
    tz: ZoneInfo,
    as_of: datetime,
    deloads: Sequence[Deload] = (),
) -> Assessment:
    """The findings for one person at ``as_of``, most important first; ``deloads`` are
    the ones they logged."""
    ctx = _context(sets, checkins, profile, tz, as_of, deloads)
    return Assessment(tuple(_ranked(ctx)), ctx.metrics, ctx.care)


class Top(NamedTuple):
    """A group report's verdict on one member (``top_finding``)."""

    finding: Finding | None
    judged: bool
    """Whether there was history enough to judge what is missing (``Metrics.has_history``):
    without it, no finding is no sign of balance."""


def top_finding(
    sets: Iterable[TrainingSet],
    profile: Profile,
    tz: ZoneInfo,
    as_of: datetime,
    deloads: Sequence[Deload] = (),
) -> Top:
    """``assess``'s first finding from the training alone, for a group report: check-ins
    never show there, so none are taken. Rules after the first that finds something never
    run, which adds up when a report judges a thousand members."""
    ctx = _context(sets, (), profile, tz, as_of, deloads)
    return Top(next(_ranked(ctx), None), ctx.metrics.has_history)


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
                f"{lift.family} {lift.bracket.value}": {
                    w.week.isoformat(): round(w.e1rm_kg, 1) for w in weeks
                }
                for lift, weeks in sorted(m.weekly_best.items())
            },
            "cardio_sessions": m.cardio_sessions,
            "sleep_mean_hours": _rounded(m.sleep.mean_hours, 2),
            "short_nights": m.sleep.short_nights,
            "in_deload": m.deload_now,
        },
    }
