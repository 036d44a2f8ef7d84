"""A person's findings shown as embed fields (``services.balance`` judges them).

Shared by /balance and /checkin; never shown to anyone but that person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import discord

from coach.catalog import load_catalog
from coach.findings import Finding, Severity
from coach.text import counted
from cogs._common import BRAND, OwnerView, words
from cogs._fit import fit_embed
from cogs._render import clip

ICONS = {Severity.URGENT: "🚨", Severity.HIGH: "🔴", Severity.MEDIUM: "🟠", Severity.INFO: "🔵"}
URGENT_COLOUR = discord.Colour.from_rgb(200, 40, 40)
MAX_FINDINGS = 8
TOP_FINDINGS = 3
"""/balance shows the findings that matter most first; the rest wait behind a button."""
TOO_EARLY = (
    "What is missing (legs, a muscle, pulling) is judged once you have logged on 2 "
    "different days, the first at least 3 days ago. Keep logging."
)
"""Said instead of "nothing stands out" before there is history enough to judge by."""
IDENTIFIER = re.compile(r"[a-z]+(?:_[a-z]+)+")


def subject_text(subject: str) -> str:
    """A finding's subject as people read it: an exercise by its name (``back_squat`` is
    Back Squat), a muscle or area in words (``lower_back`` is lower back)."""
    exercise = load_catalog().get(subject)
    if exercise is not None:
        return exercise.name
    return words(subject) if IDENTIFIER.fullmatch(subject) else subject


def title(finding: Finding) -> str:
    what = words(finding.code.value).capitalize()
    return f"{ICONS[finding.severity]} {what}" + (
        f": {subject_text(finding.subject)}" if finding.subject else ""
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
