"""A server's weekly report as Discord pages plus a chart: used by /report and the schedule."""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from datetime import datetime, timedelta

import discord

from bot.bot import LegDayBot
from coach.catalog import load_catalog
from coach.metrics import LEG_DAY_PATTERNS
from coach.report import WEEKS, GroupReport, Member, MemberRow, build_report, week_starts
from coach.zones import stored_zone
from cogs._charts import MAX_MEMBER_BARS, report_chart
from cogs._common import BRAND
from cogs._findings import ICONS
from storage import reports
from storage.coach_data import counted_checkins, profiles
from storage.custom_exercises import custom_exercises
from storage.people import get_server
from storage.store import Store

ROWS_PER_PAGE = 10
CHART = "report.png"
JOIN = "Join with `/settings share on`, leave with `/settings share off`."
NEUTRAL = "⚪"
"""A member who is not judged in public this week: nothing about why is shown."""


@dataclass(frozen=True, slots=True)
class RenderedReport:
    pages: list[discord.Embed]
    chart: bytes

    def file(self) -> discord.File:
        return discord.File(io.BytesIO(self.chart), filename=CHART)


def _share(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else "n/a"


def row_line(row: MemberRow) -> str:
    icon = NEUTRAL if row.private else ICONS[row.top.severity] if row.top else "✅"
    lu = f"{row.week.lu:.2f}" if row.week.lu is not None else "–"
    streak = f" · 🔥 {row.streak} wk" if row.streak >= 2 else ""
    return f"{icon} <@{row.person_id}> L:U {lu} · {row.week.leg_days} leg day(s){streak}"


def _summary(report: GroupReport) -> discord.Embed:
    people = len(report.rows)
    embed = discord.Embed(
        title=f"Weekly balance report · week to {report.today:%d %b %Y}",
        description=f"**{people}** member(s) take part. {JOIN}",
        colour=BRAND,
    )
    week = report.week
    embed.add_field(
        name="The group's week",
        value=f"**{week.total}** hard sets · lower share **{_share(week.lower_share)}** · "
        f"**{report.legs_twice}** of {people} trained legs twice",
        inline=False,
    )
    if report.most_improved is not None:
        embed.add_field(
            name="Most improved balance", value=f"<@{report.most_improved.person_id}>", inline=False
        )
    streaks = sorted((r for r in report.rows if r.streak >= 2), key=lambda r: -r.streak)[:3]
    if streaks:
        embed.add_field(
            name="Leg-day streaks",
            value="\n".join(f"<@{r.person_id}> {r.streak} weeks" for r in streaks),
            inline=False,
        )
    embed.set_image(url=f"attachment://{CHART}")
    kind = (
        "each member's lower, upper and core sets this week"
        if 0 < people <= MAX_MEMBER_BARS
        else f"the group's lower-body share over {WEEKS} weeks"
    )
    embed.set_footer(
        text=f"Chart: {kind}. 🔴 high 🟠 medium 🔵 info ✅ nothing stands out "
        f"{NEUTRAL} not judged this week."
    )
    return embed


def pages_of(report: GroupReport) -> list[discord.Embed]:
    """The summary first; member rows 10 to a page, inside Discord's embed limits."""
    pages = [_summary(report)]
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


async def group_report(store: Store, guild_id: int, now: datetime) -> GroupReport:
    """The server's report on the 7 full local days before today, in its time zone.

    Today is left out whole: a Monday report at 09:00 would otherwise count nine hours of
    Monday and never the rest of it, which falls before the next report's window.
    """
    async with store.session() as session:
        server = await get_server(session, guild_id, now)
        today = now.astimezone(stored_zone(server.timezone)).date() - timedelta(days=1)
        people = await reports.participants(session, guild_id, now - timedelta(weeks=WEEKS))
        custom = await custom_exercises(session, *people) if people else []
        exercises = load_catalog().by_key(custom)
        regions = {key: exercise.region for key, exercise in exercises.items()}
        legs = [key for key, exercise in exercises.items() if exercise.pattern in LEG_DAY_PATTERNS]
        weeks = await reports.weekly_counts(session, people, today, regions, legs)
        days = await reports.daily_counts(session, people, week_starts(today)[-1])
        goals = await profiles(session, people)
        answers = await counted_checkins(session, people, now)
    members = [
        Member(person, "", weeks[person], days[person], goals[person], answers[person])
        for person in people
    ]
    return build_report(members, today, exercises, now)


def built_report(url: str, guild_id: int, now: datetime) -> GroupReport:
    """``group_report`` on a database connection of its own, for a render worker: for a
    thousand members, reading the rows and building the report is a second of Python,
    which must not run on the bot's event loop."""

    async def build() -> GroupReport:
        store = Store(url)
        try:
            return await group_report(store, guild_id, now)
        finally:
            await store.close()

    return asyncio.run(build())


async def render_report(bot: LegDayBot, guild: discord.Guild) -> RenderedReport:
    report = await bot.offload.run(built_report, bot.store.url, guild.id, bot.clock.now())
    bars = report.rows if len(report.rows) <= MAX_MEMBER_BARS else ()
    names = await _names(guild, bars)
    chart_rows = [
        (n, r.week.lower, r.week.upper, r.week.core) for n, r in zip(names, bars, strict=True)
    ]
    shares = [week.lower_share for week in report.weekly]
    chart = await bot.offload.run(report_chart, chart_rows, shares)
    return RenderedReport(pages_of(report), chart)
