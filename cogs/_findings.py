"""Findings as embed fields, shared by /balance and /checkin (and nobody else's eyes)."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from coach.findings import Code, Finding, Severity
from cogs._render import clip

ICONS = {Severity.URGENT: "🚨", Severity.HIGH: "🔴", Severity.MEDIUM: "🟠", Severity.INFO: "🔵"}
SAFETY = {Code.SAFETY_URGENT, Code.SEE_PROFESSIONAL}
URGENT_COLOUR = discord.Colour.from_rgb(200, 40, 40)
MAX_FINDINGS = 8


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


def is_safety(findings: Sequence[Finding]) -> bool:
    return any(f.code in SAFETY for f in findings)
