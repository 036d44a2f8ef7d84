"""A server's weekly report (``services.reports`` builds it) as Discord pages plus a chart
and the group's body map: used by /report and the schedule. The report is built, and both
images drawn, off the event loop."""

from __future__ import annotations

import io
from dataclasses import dataclass

import discord

from bot.bot import LegDayBot
from coach.report import NEGLECTED_BELOW, GroupReport, MemberRow
from coach.text import counted
from cogs._body_map import BODY, alt_text, body_map, body_map_embed
from cogs._charts import MAX_MEMBER_BARS, report_alt, report_chart
from cogs._common import BRAND
from cogs._findings import ICONS
from cogs._render import clip
from services.reports import built_report

ROWS_PER_PAGE = 10
FOOTER_LIMIT = 2048
CHART = "report.png"
JOIN = "Join with `/settings share on`, leave with `/settings share off`."
NEUTRAL = "⚪"
"""A member who is not judged in public this week (a private state, or too little history
yet): nothing about why is shown."""


@dataclass(frozen=True, slots=True)
class RenderedReport:
    report: GroupReport
    pages: list[discord.Embed]
    chart: bytes
    chart_alt: str
    """The chart's alt text: its numbers, in words."""
    body: bytes
    body_alt: str
    """The body map's alt text: its numbers and the neglected muscles, in words."""

    @property
    def members(self) -> int:
        """How many opted-in members it covers."""
        return len(self.report.rows)

    def files(self) -> list[discord.File]:
        return [
            discord.File(io.BytesIO(self.chart), filename=CHART),
            discord.File(io.BytesIO(self.body), filename=BODY),
        ]

    def embeds(self, pages: int) -> list[discord.Embed]:
        """The first ``pages`` pages, then the body map with its alt text."""
        return [*self.pages[:pages], body_map_embed(self.body_alt)]


def neglect_text(report: GroupReport) -> str:
    """The muscle groups most of those who trained left under the MUSCLE_LOW line."""
    if not report.trained:
        return "Nobody trained this week."
    if not report.neglected:
        return f"No muscle group was neglected by most of the {report.trained} who trained."
    groups = ", ".join(f"{n.group.value} ({n.members} of {n.of})" for n in report.neglected)
    return f"Most of the group did under {NEGLECTED_BELOW:g} hard sets for: {groups}."


def group_body_alt(report: GroupReport) -> str:
    muscles = {muscle.value: sets for muscle, sets in report.muscles.items()}
    who = f"the group's average ({report.trained} who trained)"
    return f"{neglect_text(report)} {alt_text(muscles, who)}"


def _share(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else "n/a"


def _icon(row: MemberRow) -> str:
    if row.top and not row.private:
        return ICONS[row.top.severity]
    # A newcomer not yet judged shares the neutral icon with a private state, so that it
    # says nothing about which of the two stands.
    return NEUTRAL if row.private or not row.judged else "✅"


def row_line(row: MemberRow) -> str:
    icon = _icon(row)
    lu = f"{row.week.lu:.2f}" if row.week.lu is not None else "–"
    streak = f" · 🔥 {row.streak} wk" if row.streak >= 2 else ""
    leg_days = counted(row.week.leg_days, "leg day")
    return f"{icon} <@{row.person_id}> L:U {lu} · {leg_days}{streak}"


def report_title(report: GroupReport) -> str:
    return f"Weekly balance report · week to {report.today:%d %b %Y}"


def taking_part(report: GroupReport) -> str:
    people = len(report.rows)
    return f"**{counted(people, 'member')}** take{'s' if people == 1 else ''} part. {JOIN}"


def highlights(report: GroupReport) -> list[tuple[str, str]]:
    """(heading, text) of the group's week, the most improved and the longest streaks."""
    week = report.week
    found = [
        (
            "The group's week",
            f"**{week.total}** hard sets · lower share **{_share(week.lower_share)}** · "
            f"**{report.legs_twice}** of {len(report.rows)} trained legs twice",
        )
    ]
    if report.most_improved is not None:
        found.append(("Most improved balance", f"<@{report.most_improved.person_id}>"))
    streaks = sorted((r for r in report.rows if r.streak >= 2), key=lambda r: -r.streak)[:3]
    if streaks:
        lines = "\n".join(f"<@{r.person_id}> {r.streak} weeks" for r in streaks)
        found.append(("Leg-day streaks", lines))
    return found


LEGEND = f"🔴 high 🟠 medium 🔵 info ✅ nothing stands out {NEUTRAL} not judged this week."


def _summary(report: GroupReport, alt: str) -> discord.Embed:
    embed = discord.Embed(title=report_title(report), description=taking_part(report), colour=BRAND)
    for heading, text in highlights(report):
        embed.add_field(name=heading, value=text, inline=False)
    embed.set_image(url=f"attachment://{CHART}")
    # The chart's alt text (Discord shows none for an attachment), then the icons' key.
    embed.set_footer(text=clip(alt, FOOTER_LIMIT - len(LEGEND) - 1) + f" {LEGEND}")
    return embed


def pages_of(report: GroupReport, alt: str) -> list[discord.Embed]:
    """The summary first (``alt`` is its chart's alt text); member rows 10 to a page,
    inside Discord's embed limits."""
    pages = [_summary(report, alt)]
    rows = report.rows
    for start in range(0, len(rows), ROWS_PER_PAGE):
        chunk = rows[start : start + ROWS_PER_PAGE]
        field = f"Members {start + 1}-{start + len(chunk)} of {len(rows)}"
        if start == 0:
            pages[0].add_field(name=field, value="\n".join(map(row_line, chunk)), inline=False)
        else:
            page = discord.Embed(colour=BRAND).add_field(
                name=field, value="\n".join(map(row_line, chunk)), inline=False
            )
            pages.append(page)
    return pages


async def _names(guild: discord.Guild, rows: tuple[MemberRow, ...]) -> list[str]:
    names: list[str] = []
    for row in rows:
        member = guild.get_member(row.person_id)
        if member is None:
            try:
                member = await guild.fetch_member(row.person_id)
            except discord.HTTPException:
                member = None
        names.append(member.display_name if member else f"member {len(names) + 1}")
    return names


async def render_report(bot: LegDayBot, guild: discord.Guild) -> RenderedReport:
    report = await bot.offload.run(built_report, bot.store.url, guild.id, bot.clock.now())
    bars = report.rows if len(report.rows) <= MAX_MEMBER_BARS else ()
    names = await _names(guild, bars)
    chart_rows = [
        (n, r.week.lower, r.week.upper, r.week.core) for n, r in zip(names, bars, strict=True)
    ]
    shares = [week.lower_share for week in report.weekly]
    chart = await bot.offload.run(report_chart, chart_rows, shares)
    alt = report_alt(chart_rows, shares)
    muscles = {muscle.value: sets for muscle, sets in report.muscles.items()}
    body = await bot.offload.run(body_map, muscles, "The group's average, last 7 days")
    return RenderedReport(report, pages_of(report, alt), chart, alt, body, group_body_alt(report))
