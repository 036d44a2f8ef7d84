"""/balance: your week in numbers, what stands out, what to do next, and a chart."""

from __future__ import annotations

import asyncio
import io

import discord
from discord import app_commands

from bot.bot import LegDayBot
from coach.metrics import HISTORY, MuscleGroup
from coach.text import counted
from coach.units import format_number
from coach.vocabulary import Muscle
from cogs._body_map import alt_text, body_map, body_map_embed
from cogs._charts import HIGH_SETS, LOW_SETS, balance_alt, balance_chart
from cogs._common import BRAND, LegDayCog, timestamp
from cogs._findings import (
    TOO_EARLY,
    TOP_FINDINGS,
    URGENT_COLOUR,
    MoreFindings,
    add_findings,
)
from cogs._installs import personal
from cogs._render import clip
from services import balance as service
from services.balance import is_safety

FOOTER_LIMIT = 2048

LOWER_GROUPS = {MuscleGroup.QUADS.value, MuscleGroup.HAMSTRINGS.value, MuscleGroup.GLUTES.value}


def _ratio(value: float | None, missing: str) -> str:
    return f"{value:.2f}" if value is not None else missing


def muscle_line(name: str, sets: float) -> str:
    mark = "below" if sets < LOW_SETS else "above" if sets > HIGH_SETS else "in"
    return f"{name} {sets:g} ({mark} range)"


def since_legs(balance: service.Balance) -> str:
    """Days since the last leg day, or how far back there is none: the look-back, or the
    person's first set when their logs are younger than it (two days of logs are not
    "none in 12 weeks")."""
    days, first = balance.assessment.metrics.days_since_legs, balance.first_set_at
    if days is not None:
        return "today" if days == 0 else counted(days, "day")
    if first is None:
        return "none logged yet"
    if first > balance.assessment.metrics.as_of - HISTORY:
        return f"none since your first set, {timestamp(first, 'R')}"
    return f"none in {HISTORY.days // 7} weeks"


def balance_embed(balance: service.Balance, alt: str) -> discord.Embed:
    assessment = balance.assessment
    m = assessment.metrics
    safety = is_safety(assessment)
    embed = discord.Embed(
        title="Your balance, last 7 days",
        description=f"Hard sets: **{format_number(m.lower_sets)}** lower · "
        f"**{format_number(m.upper_sets)}** upper · **{format_number(m.core_sets)}** core",
        colour=URGENT_COLOUR if safety else BRAND,
    )
    # With no upper sets there is no ratio: say which side is missing, or that both are.
    missing = "no upper sets" if m.lower_sets else "no lower or upper sets"
    embed.add_field(name="Lower:upper", value=_ratio(m.lu, missing) + " (typical 0.5-0.9)")
    embed.add_field(name="Leg days", value=f"{m.leg_days} (aim for 2+)")
    embed.add_field(name="Since legs", value=since_legs(balance))
    embed.add_field(name="Push:pull", value=_ratio(m.push_pull, "no pulling"))
    embed.add_field(name="Posterior:anterior", value=_ratio(m.posterior_ratio, "no quad work"))
    embed.add_field(
        name=f"Sets per muscle (aim {LOW_SETS}-{HIGH_SETS} a week)",
        value="\n".join(muscle_line(g.value, m.group_sets[g]) for g in MuscleGroup),
        inline=False,
    )
    if balance.ranked:
        add_findings(embed, balance.ranked, TOP_FINDINGS)
    elif not m.has_history:
        embed.add_field(name="⏳ Too early to judge", value=TOO_EARLY, inline=False)
    else:
        embed.add_field(name="✅ Nothing stands out", value="Balanced week. Keep it going.")
    embed.set_image(url="attachment://balance.png")
    # The chart's alt text, since Discord shows none for attachments in embeds.
    embed.set_footer(text=clip(alt, FOOTER_LIMIT))
    return embed


class Balance(LegDayCog):
    @personal
    @app_commands.command(description="Your upper/lower balance, leg days, muscles and advice")
    @app_commands.describe(weeks="How many weeks the chart shows (2-12, default 6)")
    async def balance(
        self, interaction: discord.Interaction, weeks: app_commands.Range[int, 2, 12] = 6
    ) -> None:
        user_id = interaction.user.id
        balance = await service.balance(self.bot.store, user_id, weeks, now=self.bot.clock.now())
        await interaction.response.defer(ephemeral=True, thinking=True)
        assessment, history = balance.assessment, balance.weeks
        groups = {g.value: assessment.metrics.group_sets[g] for g in MuscleGroup}
        sets_of = assessment.metrics.muscle_sets
        muscles = {m.value: sets_of.get(m, 0.0) for m in Muscle}
        png, body = await asyncio.gather(
            self.bot.offload.run(balance_chart, groups, LOWER_GROUPS, history),
            self.bot.offload.run(body_map, muscles, "Your muscles, last 7 days"),
        )
        rest = balance.ranked[TOP_FINDINGS:]
        more = MoreFindings(user_id, rest) if rest else None
        await interaction.followup.send(
            embeds=[
                balance_embed(balance, balance_alt(groups, history)),
                body_map_embed(alt_text(muscles, "your")),
            ],
            files=[
                discord.File(io.BytesIO(png), filename="balance.png"),
                discord.File(io.BytesIO(body), filename="body.png"),
            ],
            ephemeral=True,
            view=more or discord.utils.MISSING,
        )
        if more is not None:
            more.origin = interaction


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Balance(bot))
