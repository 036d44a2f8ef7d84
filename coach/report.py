"""The weekly group report, built from hard-set counts per member rather than from sets.

Reports cover hundreds of members and months of logs, so the database hands over counts:
each member's hard sets per region and leg days in each report week (``week_starts``
says where the weeks fall), and this week's hard sets per session and exercise. Sessions
(M0), hard sets (M1, inferred warm-ups left out) and leg days (M5: a session with 3+ hard
sets of the leg-day patterns) are the coach's own (``coach.metrics``): storage keeps each
set's session and hardness as ``session_marks`` worked them out, and adds them up. A
session belongs to the local day of its first set, so a session across midnight is one
session on its first day; an Olympic (``full``) set counts half lower and half upper (M2).

The report judges this week's counts: it sees regions, patterns, muscles, sessions and
days, not loads, so findings that need weights or check-ins (plateaus, squat:bench,
overreaching) never appear in a report. Check-ins stay private: a member whose own answer
would hold a safety or pain finding (``coach.care``, the rule every path uses) gets a row
marked ``private``, with no finding at all, so the report shows a neutral icon and nothing
about health. A member's goal is judged as in their own answer: goal ``legs`` makes
LEGS_ONLY a note, never red.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from coach.care import care_state
from coach.exercise import Exercise
from coach.findings import MUSCLE_LOW_MEDIUM, Finding, top_finding
from coach.metrics import SESSION_GAP, MuscleGroup, group_sets, muscle_sets
from coach.training import CheckIn, Profile, TrainingSet
from coach.vocabulary import Muscle

WEEKS = 8
# Counts already sit on the member's own local days; judging them on a UTC clock keeps
# each day where it is.
UTC_ZONE = ZoneInfo("UTC")
# The middle of the lower:upper band typical splits sit in (balance spec, LEGS_NEGLECTED).
BAND_LOW, BAND_HIGH = 0.5, 0.9
# The same band as a share of lower sets among lower and upper ones.
SHARE_LOW, SHARE_HIGH = BAND_LOW / (1 + BAND_LOW), BAND_HIGH / (1 + BAND_HIGH)

# Sessions of one day are laid out this far apart, so the model sees them as separate
# sessions (M0) and never as one with the next day's: 7 of them end by 18:00.
SLOT = SESSION_GAP + timedelta(seconds=1)
SLOTS = 7


@dataclass(frozen=True, slots=True)
class SessionSets:
    """One session of a member's week: its day (the member's local day of its first set)
    and its hard sets per exercise key."""

    day: date
    sets: Mapping[str, int]


def week_starts(today: date) -> tuple[date, ...]:
    """The first local day of each report week, oldest first; the last week ends ``today``."""
    return tuple(today - timedelta(days=7 * k + 6) for k in reversed(range(WEEKS)))


@dataclass(frozen=True, slots=True)
class Week:
    """One member's (or the group's) hard sets in a 7-day window of local days (M2: an
    Olympic set counts half lower, half upper), and leg days: local days with a leg-day
    session (M5)."""

    lower: float = 0
    upper: float = 0
    core: float = 0
    leg_days: int = 0

    @property
    def total(self) -> int:
        """Hard sets, each once: an Olympic set's halves add up to one."""
        return round(self.lower + self.upper + self.core)

    @property
    def lu(self) -> float | None:
        return self.lower / self.upper if self.upper else None

    @property
    def lower_share(self) -> float | None:
        both = self.lower + self.upper
        return self.lower / both if both else None

    @property
    def off_balance(self) -> float | None:
        """How far the lower share lies outside the typical band; 0 inside it.

        Measured on the share of lower sets rather than on lower:upper, which has no
        value without upper sets: a week of legs only is as far off (share 1) however
        many leg sets it has, so fewer of them is no move toward balance.
        """
        share = self.lower_share
        if share is None:
            return None
        return max(SHARE_LOW - share, share - SHARE_HIGH, 0.0)


@dataclass(frozen=True, slots=True)
class Member:
    person_id: int
    name: str
    weeks: Sequence[Week]
    """One per ``week_starts``, oldest first."""
    sessions: Sequence[SessionSets]
    """This week's sessions, in time order: the member's top finding is judged from them."""
    profile: Profile = field(default_factory=Profile)
    checkins: Sequence[CheckIn] = ()
    """The check-ins that may count (``coach.care``): only whether one holds a private
    state is used."""
    first_day: date | None = None
    """The member's first local day with a logged set, as far back as the report reads:
    like ``/balance``, what is missing is judged only with some history (2 days logged,
    the first at least 3 days ago)."""


@dataclass(frozen=True, slots=True)
class MemberRow:
    person_id: int
    name: str
    week: Week
    streak: int
    top: Finding | None
    private: bool = False
    """A safety or pain state stands: shown neutral, ``top`` is None."""
    judged: bool = True
    """False before the member has history enough (2 days logged, the first at least 3
    days ago): what is missing is not judged yet, so no finding is no sign of balance."""


@dataclass(frozen=True, slots=True)
class GroupReport:
    today: date
    week: Week
    legs_twice: int
    rows: tuple[MemberRow, ...]
    most_improved: MemberRow | None
    weekly: tuple[Week, ...]
    """The group's weeks, oldest first; the last one is this week."""
    trained: int = 0
    """Members with hard sets this week: the body map's average is theirs."""
    muscles: Mapping[Muscle, float] = field(default_factory=dict)
    """Those members' average hard sets per muscle this week (M4's fractional sets)."""
    neglected: tuple[Neglect, ...] = ()
    """The muscle groups most members hardly trained this week, the most neglected first."""


@dataclass(frozen=True, slots=True)
class Neglect:
    """A muscle group that ``members`` of ``of`` trained under ``NEGLECTED_BELOW`` sets."""

    group: MuscleGroup
    members: int
    of: int


NEGLECTED_BELOW = MUSCLE_LOW_MEDIUM
"""Under this many hard sets a week a muscle group is neglected: MUSCLE_LOW's medium."""


def _neglected(groups: Sequence[Mapping[MuscleGroup, float]]) -> tuple[Neglect, ...]:
    """The groups more than half the members trained under ``NEGLECTED_BELOW`` sets."""
    found = [
        Neglect(group, sum(sets[group] < NEGLECTED_BELOW for sets in groups), len(groups))
        for group in MuscleGroup
    ]
    most = [n for n in found if 2 * n.members > n.of]
    return tuple(sorted(most, key=lambda n: -n.members))


def _average(per_member: Sequence[Mapping[Muscle, float]]) -> dict[Muscle, float]:
    if not per_member:
        return dict.fromkeys(Muscle, 0.0)
    return {m: sum(sets[m] for sets in per_member) / len(per_member) for m in Muscle}


Exercises = Mapping[str, Exercise]


def _streak(weeks: Sequence[Week]) -> int:
    """Weeks in a row, up to this one, with two leg days or more."""
    streak = 0
    for week in reversed(weeks):
        if week.leg_days < 2:
            break
        streak += 1
    return streak


class _WeekSets:
    """This week's counts as the sets the balance model reads.

    A set here is only an exercise in a session, so one object per session slot and
    exercise serves every set of it, of every member: a big server's week is then a few
    thousand objects. A day's sessions take the day's slots in order (M0 keeps them
    apart; an eighth session of one day, were there one, would share the last slot).
    """

    def __init__(self, today: date, exercises: Exercises) -> None:
        self.first = today - timedelta(days=6)
        self.exercises = exercises
        self.made: dict[tuple[datetime, str], TrainingSet | None] = {}

    def one(self, at: datetime, key: str) -> TrainingSet | None:
        if (at, key) not in self.made:
            exercise = self.exercises.get(key)
            self.made[at, key] = (
                None if exercise is None else TrainingSet(at=at, exercise=exercise, typed_name=key)
            )
        return self.made[at, key]

    def history(self, first_day: date | None) -> list[TrainingSet]:
        """A stand-in for the member's logs before the week, which only says they logged
        before it: a set of no exercise, so it trains nothing."""
        if first_day is None or first_day >= self.first:
            return []
        return [TrainingSet(datetime.combine(first_day, time(12), UTC), None, "")]

    def of(self, sessions: Sequence[SessionSets]) -> list[TrainingSet]:
        """This week's hard sets of known exercises."""
        sets: list[TrainingSet] = []
        slots: dict[date, int] = {}
        for session in sessions:
            slot = slots.get(session.day, 0)
            slots[session.day] = slot + 1
            at = datetime.combine(session.day, time(), UTC) + min(slot, SLOTS - 1) * SLOT
            for key, count in session.sets.items():
                if (one := self.one(at, key)) is not None:
                    sets += [one] * count
        return sets


def _sum(weeks: Sequence[Week]) -> Week:
    return Week(
        lower=sum(w.lower for w in weeks),
        upper=sum(w.upper for w in weeks),
        core=sum(w.core for w in weeks),
        leg_days=sum(w.leg_days for w in weeks),
    )


def _improvement(weeks: Sequence[Week]) -> float | None:
    """How much closer to the balanced band this week is than last week.

    Positive only for a member who was outside the band and moved toward it; someone
    outside it who moved away, or stayed as far, has none.
    """
    before, after = weeks[-2].off_balance, weeks[-1].off_balance
    if before is None or after is None:
        return None
    return before - after


def build_report(
    members: Sequence[Member], today: date, exercises: Exercises, now: datetime | None = None
) -> GroupReport:
    """The report for the week ending on ``today`` (the server's local date), made at ``now``
    (which decides which check-ins still count; the end of ``today`` when not given).

    ``exercises`` maps every key the counts may hold (catalog and custom) to its exercise;
    keys it lacks count nowhere, like unclassified sets everywhere else.
    """
    history = {m.person_id: m.weeks for m in members}
    week_sets = _WeekSets(today, exercises)
    as_of = datetime.combine(today, time(23, 59), UTC)

    this_week = {m.person_id: week_sets.of(m.sessions) for m in members}

    def row(m: Member) -> MemberRow:
        private = care_state(m.checkins, now or as_of).private_state
        # From this week's counts and the profile: check-ins never show in a report.
        sets = week_sets.history(m.first_day) + this_week[m.person_id]
        top = None if private else top_finding(sets, m.profile, UTC_ZONE, as_of)
        return MemberRow(
            person_id=m.person_id,
            name=m.name,
            week=m.weeks[-1],
            streak=_streak(m.weeks),
            top=top.finding if top else None,
            private=private,
            judged=top.judged if top else True,
        )

    rows = tuple(
        sorted(
            map(row, members),
            key=lambda row: (-row.week.total, row.name.lower()),
        )
    )
    active = [sets for sets in this_week.values() if sets]
    gains = [
        (gain, row)
        for row in rows
        if (gain := _improvement(history[row.person_id])) is not None and gain > 0
    ]
    weekly = tuple(_sum([weeks[k] for weeks in history.values()]) for k in range(WEEKS))
    return GroupReport(
        today=today,
        week=weekly[-1],
        legs_twice=sum(row.week.leg_days >= 2 for row in rows),
        rows=rows,
        most_improved=max(gains, key=lambda pair: pair[0])[1] if gains else None,
        weekly=weekly,
        # Over the members who trained this week (a week off neglects no muscle in
        # particular), averaged or counted: nobody's own numbers.
        trained=len(active),
        muscles=_average([muscle_sets(sets) for sets in active]),
        neglected=_neglected([group_sets(sets) for sets in active]),
    )
