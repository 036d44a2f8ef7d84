"""A person's findings: judged from what they stored, and shown as embed fields.

Shared by /balance and /checkin; never shown to anyone but that person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import discord
from sqlalchemy.ext.asyncio import AsyncSession

from coach.findings import Assessment, Finding, Severity, assess
from coach.training import CheckIn, TrainingSet
from cogs._common import zone_of
from cogs._render import clip
from storage.coach_data import checkins_of, profile_of, training_sets
from storage.deloads import deloads_of
from storage.people import get_person

ICONS = {Severity.URGENT: "🚨", Severity.HIGH: "🔴", Severity.MEDIUM: "🟠", Severity.INFO: "🔵"}
URGENT_COLOUR = discord.Colour.from_rgb(200, 40, 40)
MAX_FINDINGS = 8
# Plateaus compare three weeks with the eight before them (balance spec); 12 covers both.
HISTORY = timedelta(weeks=12)
DELOAD_LOOKBACK = timedelta(days=8)


@dataclass(frozen=True, slots=True)
class Judged:
    assessment: Assessment
    sets: list[TrainingSet]
    checkins: list[CheckIn]


async def judge(session: AsyncSession, person_id: int, now: datetime) -> Judged:
    """The balance model's verdict on everything this person stored, as of ``now``."""
    person = await get_person(session, person_id, now)
    sets = await training_sets(session, person_id, now - HISTORY)
    answers = await checkins_of(session, person_id, now)
    # Deloads matter for the window's sets: any that ended before it cannot.
    deloads = await deloads_of(session, person_id, (now - DELOAD_LOOKBACK).date())
    verdict = assess(sets, answers, profile_of(person), zone_of(person.timezone), now, deloads)
    return Judged(verdict, sets, answers)


def title(finding: Finding) -> str:
    words = finding.code.value.replace("_", " ").capitalize()
    return f"{ICONS[finding.severity]} {words}" + (
        f": {finding.subject}" if finding.subject else ""
    )


def add_findings(embed: discord.Embed, findings: Sequence[Finding]) -> None:
    for finding in findings[:MAX_FINDINGS]:
        embed.add_field(
            name=clip(title(finding), 256),
            value=clip(f"{finding.message}\n**Next:** {finding.advice}", 1024),
            inline=False,
        )
    if len(findings) > MAX_FINDINGS:
        embed.add_field(name="…", value=f"{len(findings) - MAX_FINDINGS} more, less important")


def is_safety(assessment: Assessment) -> bool:
    """Whether a safety finding stops training advice: the answer is about that alone."""
    return assessment.care.blocks_training
