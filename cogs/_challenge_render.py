"""Embeds for challenges: the board (paged, with your own rank), the posts, and the list."""

from __future__ import annotations

from datetime import timedelta

import discord

from coach.challenges import METRIC_UNITS, Board, Metric, Standing, progress_bar
from coach.text import counted
from coach.units import from_kg
from coach.vocabulary import Unit
from cogs._common import BRAND, timestamp
from cogs._fit import fit_embed, fit_lines
from cogs._render import TITLE_LIMIT, clip
from storage.tables import Challenge

PER_PAGE = 10
TOP_IN_POSTS = 5
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}
YOU = " ◀ **you**"
"""Marks the reader's own row, in boards only they see."""


def number(value: float) -> str:
    """Whole numbers without decimals, the rest with one: 24, 1,140, 7.5."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def amount(metric: Metric, value: float, unit: Unit) -> str:
    """A score or goal as the reader reads it: lower volume in their unit, the rest as is."""
    if metric is Metric.LOWER_VOLUME:
        return number(round(from_kg(value, unit), 1))
    return number(value)


def goal_text(challenge: Challenge, unit: Unit = Unit.KG) -> str:
    metric = Metric(challenge.metric)
    label = METRIC_UNITS[metric]
    if metric is Metric.LOWER_VOLUME:
        label = f"{unit.value} lower volume"
    return f"{amount(metric, challenge.goal, unit)} {label}"


def when_text(challenge: Challenge) -> str:
    # ends_at is the midnight after the last day; show the last day itself.
    last = challenge.ends_at - timedelta(seconds=1)
    return f"{timestamp(challenge.starts_at, 'D')} to {timestamp(last, 'D')}"


def standing_line(board: Board, standing: Standing, metric: Metric, unit: Unit) -> str:
    mark = MEDALS.get(standing.rank, f"**{standing.rank}.**")
    score = amount(metric, standing.score, unit)
    if board.team:
        return f"{mark} <@{standing.person_id}> {score}"
    done = " ✅" if standing.reached_at is not None else ""
    bar = progress_bar(standing.score, board.goal)
    return f"{mark} <@{standing.person_id}> `{bar}` {score}{done}"


def team_line(board: Board, metric: Metric, unit: Unit) -> str:
    percent = 100 * board.total / board.goal
    return (
        f"Team: `{progress_bar(board.total, board.goal, 20)}` "
        f"{amount(metric, board.total, unit)} / {amount(metric, board.goal, unit)} "
        f"({percent:.0f} %)"
    )


def moderation_note(board: Board) -> str | None:
    """The board says when a moderator took sets or members out."""
    parts = []
    if board.excluded_sets:
        parts.append(counted(board.excluded_sets, "set"))
    if board.excluded_members:
        parts.append(counted(board.excluded_members, "member"))
    return f"Excluded by moderators: {' and '.join(parts)}." if parts else None


def marked_lines(
    board: Board, rows: list[Standing], metric: Metric, unit: Unit, viewer: int | None
) -> list[str]:
    """A line per standing, the ``viewer``'s own marked."""
    return [
        standing_line(board, s, metric, unit) + (YOU if s.person_id == viewer else "") for s in rows
    ]


def _embed(
    challenge: Challenge,
    board: Board,
    title: str,
    rows: list[Standing],
    unit: Unit,
    viewer: int | None = None,
) -> discord.Embed:
    metric = Metric(challenge.metric)
    lines = [f"Goal: **{goal_text(challenge, unit)}** · {'team' if board.team else 'individual'}"]
    lines.append(when_text(challenge))
    if board.team:
        lines.append(team_line(board, metric, unit))
    lines.append("")
    lines += marked_lines(board, rows, metric, unit, viewer) or ["Nobody has joined yet."]
    embed = discord.Embed(
        title=clip(title, TITLE_LIMIT), description="\n".join(lines), colour=BRAND
    )
    note = moderation_note(board)
    if note:
        embed.add_field(name="Moderation", value=note, inline=False)
    return embed


def board_pages(
    challenge: Challenge, board: Board, viewer_id: int, unit: Unit
) -> list[discord.Embed]:
    """Ten rows a page, in the viewer's unit; a page without the viewer shows their rank."""
    rows = list(board.standings)
    mine = board.standing_of(viewer_id)
    pages = []
    chunks = [rows[i : i + PER_PAGE] for i in range(0, len(rows), PER_PAGE)] or [[]]
    for index, chunk in enumerate(chunks, start=1):
        title = f"🏋️ {challenge.name}: leaderboard"
        embed = _embed(challenge, board, title, chunk, unit, viewer_id)
        if mine is not None and mine not in chunk:
            you = standing_line(board, mine, Metric(challenge.metric), unit)
            embed.add_field(name="You", value=you, inline=False)
        embed.set_footer(text=f"Page {index} of {len(chunks)} · {len(rows)} taking part")
        pages.append(fit_embed(embed))
    return pages


def post_embed(challenge: Challenge, board: Board, title: str, unit: Unit) -> discord.Embed:
    """A channel post: the top of the board, and how to join (while one still can) or
    look closer.

    Read by everyone, so a volume is in ``unit``, the creator's (they chose the goal in
    it), and the footer says so; each member's /challenge board is in their own unit.
    """
    embed = _embed(challenge, board, title, list(board.standings[:TOP_IN_POSTS]), unit)
    open_ = challenge.ended_at is None
    footer = "Join with /challenge join · full board: /challenge board"
    if not open_:
        footer = "Full board: /challenge board"
    if Metric(challenge.metric) is Metric.LOWER_VOLUME:
        footer = f"Volumes in {unit.value}, the creator's unit; /challenge board shows yours"
        footer += " · join with /challenge join" if open_ else ""
    embed.set_footer(text=footer)
    return fit_embed(embed)


def winners_text(challenge: Challenge, board: Board, unit: Unit) -> str:
    """The end post's verdict: who won, or why nobody did (README: first to the goal,
    else best at the end; a team wins only at its goal)."""
    names = ", ".join(f"<@{s.person_id}>" for s in board.winners)
    if board.team and board.reached:
        return f"The team reached its goal! A badge for everyone who contributed: {names}."
    if board.team and board.total > 0:
        got = amount(board.metric, board.total, unit)
        return (
            f"The team fell short of its goal: {got} of {goal_text(challenge, unit)}. "
            "No badges this time."
        )
    if not board.winners:
        return "No winner this time: nobody scored."
    badge = "A badge is on their profile."
    if not board.reached:
        return f"Nobody reached the goal, so the best score wins: {names}. {badge}"
    return f"Winner{'s' if len(board.winners) > 1 else ''}: {names}. {badge}"


def list_embed(challenges: list[Challenge], members: dict[int, int], unit: Unit) -> discord.Embed:
    lines = [
        f"**{c.name}**: {goal_text(c, unit)}{' (team)' if c.team else ''}, {when_text(c)}, "
        f"{members.get(c.id or 0, 0)} taking part{' · ended' if c.ended_at else ''}"
        for c in challenges
    ]
    text = (
        fit_lines(lines, what="challenges")
        or "No challenges yet. Start one with `/challenge create`."
    )
    return discord.Embed(title="Challenges", description=text, colour=BRAND)


def badges_embed(who: str | None, badges: list[tuple[str, str]]) -> discord.Embed:
    """``who`` is someone else's name; None for the person asking: "Your challenge badges"."""
    lines = [f"🏅 **{name}** {when}" for name, when in badges]
    return discord.Embed(
        title=clip(f"{who}'s challenge badges" if who else "Your challenge badges", TITLE_LIMIT),
        description=fit_lines(lines, what="badges") or "No badges yet.",
        colour=BRAND,
    )
