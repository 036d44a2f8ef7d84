"""A person's findings: judged from what they stored, and shown as embed fields.

Shared by /balance and /checkin; never shown to anyone but that person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import discord
from sqlalchemy.ext.asyncio import AsyncSession

from coach.catalog import load_catalog
from coach.finding import SAFETY_CODES
from coach.findings import Assessment, Finding, Severity, assess
from coach.text import counted
from coach.training import CheckIn, TrainingSet
from cogs._common import BRAND, OwnerView, zone_of
from cogs._fit import fit_embed
from cogs._render import clip
from storage.coach_data import checkins_of, profile_of, training_sets
from storage.deloads import deloads_of
from storage.people import get_person

ICONS = {Severity.URGENT: "🚨", Severity.HIGH: "🔴", Severity.MEDIUM: "🟠", Severity.INFO: "🔵"}
URGENT_COLOUR = discord.Colour.from_rgb(200, 40, 40)
MAX_FINDINGS = 8
TOP_FINDINGS = 3
"""/balance shows the findings that matter most first; the rest wait behind a button."""
IDENTIFIER = re.compile(r"[a-z]+(?:_[a-z]+)+")
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


def subject_text(subject: str) -> str:
    """A finding's subject as people read it: an exercise by its name (``back_squat`` is
    Back Squat), a muscle or area in words (``lower_back`` is lower back)."""
    exercise = load_catalog().get(subject)
    if exercise is not None:
        return exercise.name
    return subject.replace("_", " ") if IDENTIFIER.fullmatch(subject) else subject


def title(finding: Finding) -> str:
    words = finding.code.value.replace("_", " ").capitalize()
    return f"{ICONS[finding.severity]} {words}" + (
        f": {subject_text(finding.subject)}" if finding.subject else ""
    )


SEVERITY_ORDER = (Severity.URGENT, Severity.HIGH, Severity.MEDIUM, Severity.INFO)


def most_important(findings: Sequence[Finding]) -> list[Finding]:
    """Safety findings first, then by severity; equal ones keep the coach's order."""
    return sorted(
        findings,
        key=lambda f: (f.code not in SAFETY_CODES, SEVERITY_ORDER.index(f.severity)),
    )


def add_findings(
    embed: discord.Embed, findings: Sequence[Finding], shown: int = MAX_FINDINGS
) -> None:
    """The first ``shown`` findings as fields, and a line counting the rest."""
    for finding in findings[:shown]:
        embed.add_field(
            name=clip(title(finding), 256),
            value=clip(f"{finding.message}\n**Next:** {finding.advice}", 1024),
            inline=False,
        )
    if len(findings) > shown:
        rest = len(findings) - shown
        embed.add_field(
            name="…", value=f"{counted(rest, 'more finding')}, less important", inline=False
        )


class MoreFindings(OwnerView):
    """The findings left out of an answer, one press away, for its owner only."""

    def __init__(self, owner_id: int, rest: Sequence[Finding]) -> None:
        super().__init__(owner_id)
        self.rest = list(rest)
        self.more.label = f"Show {counted(len(self.rest), 'more finding')}"

    @discord.ui.button(style=discord.ButtonStyle.secondary)
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        self.stop()
        embed = discord.Embed(title="Your other findings", colour=BRAND)
        add_findings(embed, self.rest)
        await interaction.response.send_message(embed=fit_embed(embed), ephemeral=True)


def is_safety(assessment: Assessment) -> bool:
    """Whether a safety finding stops training advice: the answer is about that alone."""
    return assessment.care.blocks_training
