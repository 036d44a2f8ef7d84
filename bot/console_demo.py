"""``legday console --demo``: a gym of four that has trained together for four weeks.

The four weeks are not written into the database behind the bot's back: the simulated
clock starts four weeks ago and every session is logged with ``/log`` at the time it was
done, so reminders, weekly reports and challenge posts happen along the way exactly as
they would have. The four people differ on purpose, so every command has something to
say: one is balanced (the server's owner), one skips legs, one only trains legs, and one
trains in pounds in New York.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from bot.console import Console

WEEKS = 4
CHALLENGE = "Leg Day Month"


@dataclass(frozen=True)
class Lifter:
    name: str
    zone: str
    unit: str
    hour: int
    # weekday (0 = Monday) -> what they log that day; {step} is the week number, so the
    # loads climb a little every week the way a beginner's do.
    plan: dict[int, str]
    about: str
    bodyweight: int | None = None  # in the lifter's unit; weighted pull-ups count it


LIFTERS = (
    Lifter(
        "you",
        "Europe/London",
        "kg",
        18,
        {
            0: "squat 3x5 {squat}kg @7; bench 3x5 {bench}kg @8; row 3x8 50kg",
            3: "deadlift 3x5 {deadlift}kg @8; ohp 3x6 40kg; bss 3x10 each 16kg; pullups 3x6",
        },
        "balanced, the server's owner (Manage Server)",
    ),
    Lifter(
        "ben",
        "Europe/Berlin",
        "kg",
        19,
        {
            0: "bench 4x8 {bench}kg @8; incline db press 3x10 26kg; curls 3x12 14kg",
            2: "pullups 4x8 +{added}kg; row 4x10 60kg; lateral raise 3x15 10kg",
            4: "ohp 4x6 45kg; dips 3x10 bw+10; triceps pushdown 3x12 30kg",
        },
        "skips legs",
        82,
    ),
    Lifter(
        "cleo",
        "Europe/Madrid",
        "kg",
        8,
        {
            1: "squat 5x5 {squat}kg @8; rdl 3x8 70kg; calf raise 4x15 60kg",
            4: "leg press 4x12 {press}kg; bss 3x10 each 20kg; leg curl 3x12 35kg",
        },
        "only trains legs",
        64,
    ),
    Lifter(
        "dan",
        "America/New_York",
        "lb",
        7,
        {
            0: "bench 3x5 {bench_lb}; row 3x8 135; curls 3x10 30",
            2: "squat 3x5 {squat_lb}; rdl 3x8 185; calf raise 3x15 90",
            5: "deadlift 1x5 {deadlift_lb}; ohp 3x5 95; pullups 3x8",
        },
        "trains in lb in New York",
        180,
    ),
)


def loads(week: int) -> dict[str, float]:
    """This week's working weights: each lift climbs by a plate or two a week."""
    return {
        "squat": 80 + 5 * week,
        "bench": 60 + 2.5 * week,
        "deadlift": 100 + 5 * week,
        "press": 140 + 10 * week,
        "added": 5 + 2.5 * week,
        "bench_lb": 155 + 5 * week,
        "squat_lb": 185 + 10 * week,
        "deadlift_lb": 225 + 10 * week,
    }


def sessions(today: date) -> list[tuple[datetime, Lifter, str]]:
    """Every session of the four weeks before ``today``, in the order they happened."""
    first = today - timedelta(days=7 * WEEKS)
    planned = []
    for offset in range(7 * WEEKS):
        day = first + timedelta(days=offset)
        week = offset // 7
        for lifter in LIFTERS:
            entry = lifter.plan.get(day.weekday())
            # Dan misses a week's Saturday: real logs have gaps.
            if entry is None or (lifter.name == "dan" and week == 2 and day.weekday() == 5):
                continue
            local = datetime.combine(day, time(lifter.hour), ZoneInfo(lifter.zone))
            text = entry.format(**{k: f"{v:g}" for k, v in loads(week).items()})
            planned.append((local.astimezone(UTC), lifter, text))
    return sorted(planned, key=lambda item: item[0])


async def seed_demo(console: Console, *, fresh: bool) -> None:
    """Replay four weeks of the demo gym on a new server; an existing one is left as it is."""
    if fresh:
        await _replay(console)
    console.write(
        "Demo gym: "
        + ", ".join(f"@{lifter.name} ({lifter.about})" for lifter in LIFTERS)
        + ".\nTry: /balance   as ben   /balance   /report preview   "
        f"/challenge board {CHALLENGE}   wait 1d   (you are @you)\n"
    )


async def _replay(console: Console) -> None:
    env, world = console.env, console.world
    quiet = console.write
    console.write = lambda _text: None  # four weeks of replies are not worth reading
    try:
        plan = sessions(datetime.now(UTC).date())
        begin = datetime.combine(plan[0][0].date() - timedelta(days=1), time(9), UTC)
        await _advance_to(env, begin)
        for lifter in LIFTERS:
            if world.member(lifter.name) is None:
                world.add(lifter.name)
            await _as(console, lifter.name, f"/settings unit {lifter.unit}")
            await _as(console, lifter.name, f"/settings timezone {lifter.zone}")
            await _as(console, lifter.name, "/settings share on")
            if lifter.bodyweight is not None:
                await _as(console, lifter.name, f"/settings profile bodyweight:{lifter.bodyweight}")
        await _as(console, "you", "/report setup #reports monday 09:00 Europe/London")
        await _as(console, "ben", "/reminder legday daily 18:00")
        await _as(console, "you", "/reminder legday thu 17:00")
        ends = begin.date() + timedelta(days=7 * WEEKS + 13)
        await _as(
            console,
            "you",
            f"/challenge create name:{CHALLENGE} metric:leg_sets goal:40 "
            f"starts:{begin.date()} ends:{ends}",
        )
        for lifter in LIFTERS[1:]:
            await _as(console, lifter.name, f"/challenge join name:{CHALLENGE}")
        for moment, lifter, entry in plan:
            await _advance_to(env, moment)
            await _as(console, lifter.name, f"/log {entry}")
        await _advance_to(env, datetime.now(UTC))
        console.show_unprompted()  # marks four weeks of posts and DMs as already seen
    finally:
        console.write = quiet
        console.member, console.target, console.last_result = world.owner, None, None


async def _as(console: Console, name: str, line: str) -> None:
    console.member = console.world.members[name]
    await console.run(line)


async def _advance_to(env: Any, moment: datetime) -> None:
    if moment > env.now():
        await env.advance_time((moment - env.now()).total_seconds())
