"""/challenge: shared challenges for a server, scored from what members log.

Anyone in a server may create a challenge (at most ``MAX_OPEN`` open at a time): they are
opt-in games, and joining is what puts a person on a board. Ending one early needs its
creator or Manage Server; excluding a set or a member needs Manage Server. Dates are
``YYYY-MM-DD`` in the challenge's time zone (chosen at creation, else the server's
report zone, else the creator's); the challenge keeps that zone for its life.
"""

from __future__ import annotations

import logging
import math
import re
from datetime import date, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.bot import LegDayBot
from coach.challenges import LISTED_FOR, MAX_DAYS, Metric, Window
from coach.problems import UserError
from coach.text import visible_name
from coach.units import to_kg
from coach.vocabulary import Unit
from coach.zones import stored_zone, zone_label
from cogs._challenge_goal import GoalWatch
from cogs._challenge_posts import ChallengePosts
from cogs._challenge_render import badges_embed, board_pages, goal_text, list_embed, when_text
from cogs._common import BRAND, ConfirmView, LegDayCog, PagesView, manages_server, timestamp
from cogs._installs import server_group
from cogs._live_board import LiveBoards, WhereAmI
from cogs._render import clip, stored_entry_text
from cogs._transformers import ChallengeName, TimeZone
from storage import challenge_board, challenges
from storage.logbook import EntryRef
from storage.people import get_person, get_server, read_person
from storage.tables import Challenge, Person, Server

log = logging.getLogger(__name__)

MAX_OPEN = 10
MAX_GOAL = 10_000_000.0
MAX_LEAD = timedelta(days=365)
"""How far ahead a challenge may start (dates near year 9999 would not fit a datetime)."""
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MetricName = Literal[
    "leg_sets", "lower_volume", "leg_days", "balance_weeks", "squat_gain", "streak"
]


def read_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if DATE.fullmatch(text.strip()) else None
    except ValueError:
        return None


def read_window(starts: str, ends: str, today: date, tz: ZoneInfo) -> Window:
    """The challenge's window; a ``UserError`` says what is wrong."""
    first, last = read_day(starts), read_day(ends)
    example = f"`starts:{today} ends:{today + timedelta(days=27)}`"
    if first is None or last is None:
        bad = starts if first is None else ends
        problem = f"`{clip(bad, 20)}` is not a date I can read: use YYYY-MM-DD"
    elif first < today:
        problem = f"The start is in the past ({today} is today here)"
    elif first > today + MAX_LEAD:
        problem = "The start is more than a year away"
    elif last <= first:
        problem = "The end must come after the start"
    elif (last - first).days + 1 > MAX_DAYS:
        problem = f"A challenge lasts at most {MAX_DAYS // 7} weeks"
    else:
        return Window.from_dates(first, last, tz)
    raise UserError(f"{problem}, e.g. {example}.")


COUNTED = {
    Metric.LEG_SETS: "leg sets",
    Metric.LEG_DAYS: "leg days",
    Metric.BALANCE_WEEKS: "balanced weeks",
    Metric.STREAK: "weeks",
}
"""Metrics that count whole things (half a leg day is no goal), and what they count."""


def challenge_zone(chosen: str | None, server: Server, creator: Person) -> tuple[str, str]:
    """The zone a new challenge's days run in, and why that one: the one chosen, else the
    zone the server's weekly report runs in, else the creator's own, else UTC."""
    if chosen is not None:
        return chosen, "as chosen"
    if server.report_channel_id is not None:
        return server.timezone, "the server's report zone; set another with `timezone:`"
    if creator.timezone is not None:
        return creator.timezone, "your time zone; set another with `timezone:`"
    return server.timezone, "no zone is set here; pick one with `timezone:`"


def creator_or_manager(interaction: discord.Interaction, found: Challenge, refusal: str) -> None:
    """What its creator or a moderator may do to a challenge: a check on the challenge
    named, so it runs in the command (a ``UserError`` saying ``refusal`` for anyone else)
    rather than as a decorator, which knows only the person."""
    if interaction.user.id != found.creator_id and not manages_server(interaction):
        raise UserError(refusal)


class Challenges(LegDayCog):
    challenge = app_commands.Group(
        name="challenge", description="Shared challenges for this server", **server_group()
    )

    def __init__(self, bot: LegDayBot) -> None:
        super().__init__(bot)
        # One cache for the board command and the posts: only members whose sets,
        # membership, excluded sets or own exercises changed are rescored.
        self.boards = challenge_board.BoardCache()
        self.live = LiveBoards(bot, self.boards)
        # Registers the announcements with the dispatcher.
        self.posts = ChallengePosts(bot, self.boards, self.live)
        self.goals = GoalWatch(bot, self.boards)
        self._changed: set[int] = set()  # people whose sets changed, not yet looked up
        self._looking = False

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(WhereAmI)

    @commands.Cog.listener()
    async def on_sets_changed(self, person_id: int) -> None:
        """A member logged, edited or removed sets: their live boards edit themselves
        (throttled), and a goal they or their team reached is said now.

        One lookup runs at a time, for everyone whose sets changed while the last one
        ran: at a busy gym's rate a read for each log would queue for connections."""
        self._changed.add(person_id)
        if self._looking:
            return
        self._looking = True
        try:
            while self._changed:
                people, self._changed = self._changed, set()
                try:
                    running = await self.bot.store.run(
                        challenges.open_challenges_of, people, self.bot.clock.now()
                    )
                except Exception:
                    self._changed |= people  # looked up with the next change instead
                    raise
                self._watch(running)
        finally:
            self._looking = False

    def _watch(self, running: list[tuple[Challenge, int]]) -> None:
        """Arm the live boards and goal checks of these (challenge, member) pairs."""
        for challenge, member in running:
            if challenge.id is None or self.bot.get_guild(challenge.guild_id) is None:
                continue  # another process serves that server
            if challenge.board_message_id is not None:
                self.live.arm(challenge)
            self.goals.member_changed(challenge.id, member)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        await self.warm_boards()

    async def warm_boards(self) -> None:
        """Score the open challenges of the servers this process serves (its shards'), so
        the first board after a restart is a cache hit instead of scoring everyone while
        someone waits. Again after a reconnect, that is only a version check each."""
        now = self.bot.clock.now()
        async with self.bot.store.session() as session:
            found = await challenges.open_challenges(session, now)
        for challenge in found:
            if self.bot.get_guild(challenge.guild_id) is None:
                continue
            try:
                async with self.bot.store.session() as session:
                    await self.boards.board(session, challenge)
            except Exception:
                # Only a head start: the first view then scores the board itself.
                log.exception("challenge %s: warming its board failed", challenge.id)

    def _board_changed(self, challenge: Challenge) -> None:
        """Who takes part changed: its live board, if it has one, shows it (throttled)."""
        if challenge.board_message_id is not None:
            self.live.arm(challenge)

    async def _unit(self, user_id: int) -> Unit:
        """The unit this person reads and types weights in."""
        async with self.bot.store.session() as session:
            return Unit((await get_person(session, user_id, self.bot.clock.now())).unit)

    @challenge.command(name="create", description="Start a challenge for this server")
    @app_commands.describe(
        name="A short name, e.g. Leg Day March",
        metric="What counts: leg sets, lower volume (in your unit), leg days, balanced weeks, "
        "squat gain (%), or a streak of weeks with two leg days",
        goal="The target, e.g. 30 (leg sets), 20000 (volume, in your unit), 6 (weeks), 5 (%)",
        starts="First day, YYYY-MM-DD in the challenge's time zone",
        ends="Last day, YYYY-MM-DD (at most 26 weeks after the start)",
        team="true: one shared goal for everyone; false (default): each for themselves",
        timezone="Where its days start and end, e.g. Europe/Berlin (default: the server's "
        "report zone, else yours)",
    )
    async def create(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 60],
        metric: MetricName,
        goal: float,
        starts: app_commands.Range[str, 1, 20],
        ends: app_commands.Range[str, 1, 20],
        team: bool = False,
        timezone: TimeZone | None = None,
    ) -> None:
        if interaction.guild_id is None or interaction.channel_id is None:
            raise app_commands.NoPrivateMessage()
        now = self.bot.clock.now()
        typed = goal
        # The goal is kept as shown (one decimal), so 5e-324 is not a goal of "0".
        goal = round(goal, 1) if math.isfinite(goal) else 0.0
        if not 0 < goal <= MAX_GOAL:
            raise UserError(
                f"The goal must be a number from 0.1 to {MAX_GOAL:,.0f}, e.g. `goal:30`."
            )
        if Metric(metric) in COUNTED and not typed.is_integer():
            raise UserError(
                f"A `{metric}` goal is a whole number of {COUNTED[Metric(metric)]}, e.g. `goal:8`."
            )
        shown_name = visible_name(name)
        if shown_name is None:
            raise UserError("The name needs something people can read, e.g. `Leg Day March`.")
        name = shown_name
        unit = await self._unit(interaction.user.id)
        if metric == Metric.LOWER_VOLUME:
            goal = to_kg(goal, unit)  # typed in the creator's unit, kept in kg
        # A UserError inside the block rolls it back: nothing is stored.
        async with self.bot.store.session() as session:
            server = await get_server(session, interaction.guild_id, now)
            creator = await read_person(session, interaction.user.id, now)
            key, why = challenge_zone(timezone, server, creator)
            tz = stored_zone(key)
            window = read_window(starts, ends, now.astimezone(tz).date(), tz)
            if len(await challenges.challenges_in(session, interaction.guild_id, now)) >= MAX_OPEN:
                raise UserError(
                    f"This server already has {MAX_OPEN} open challenges. End one first "
                    "with `/challenge end`."
                )
            created = await challenges.add_challenge(
                session,
                guild_id=interaction.guild_id,
                channel_id=interaction.channel_id,
                name=name,
                metric=Metric(metric),
                goal=goal,
                team=team,
                window=window,
                creator_id=interaction.user.id,
                now=now,
            )
            if created is None:
                raise UserError(
                    f"A challenge called `{clip(name, 60)}` exists already here. "
                    "Pick another name, e.g. `Leg Day April`."
                )
            await challenges.join(session, created.id or 0, interaction.user.id, now)
        self.bot.dispatcher.wake_at(window.start)
        embed = discord.Embed(
            title=clip(f"Challenge created: {created.name}", 256),
            description=f"Goal: **{goal_text(created, unit)}**"
            + (" together, as a team" if team else " each")
            + f"\n{when_text(created)}\nDays run in **{zone_label(tz.key)}** time ({why}).\n"
            f"You're in. Others join with `/challenge join name:{created.name}`; "
            "announcements go to this channel.",
            colour=BRAND,
        )
        await interaction.response.send_message(embed=embed)

    @challenge.command(name="join", description="Take part in a challenge")
    @app_commands.rename(found="name")
    @app_commands.describe(found="Which challenge")
    async def join(self, interaction: discord.Interaction, found: ChallengeName) -> None:
        now = self.bot.clock.now()
        if not challenges.is_open(found, now):
            raise UserError(f"**{found.name}** is over. See open ones with `/challenge list`.")
        async with self.bot.store.session() as session:
            outcome = await challenges.join(session, found.id or 0, interaction.user.id, now)
        if outcome == challenges.JOINED:
            self._board_changed(found)
        text = {
            challenges.JOINED: f"You joined **{found.name}**: "
            f"{goal_text(found, await self._unit(interaction.user.id))}, "
            f"{when_text(found)}. Sets you log from now on count.",
            challenges.ALREADY: f"You're already in **{found.name}**. See `/challenge board`.",
            challenges.EXCLUDED: f"A moderator took you out of **{found.name}**.",
        }[outcome]
        await interaction.response.send_message(text, ephemeral=True)

    @challenge.command(name="leave", description="Stop taking part in a challenge (asks first)")
    @app_commands.rename(found="name")
    @app_commands.describe(found="Which challenge")
    async def leave(self, interaction: discord.Interaction, found: ChallengeName) -> None:
        user_id, challenge_id = interaction.user.id, found.id or 0
        async with self.bot.store.session() as session:
            member = await challenges.is_member(session, challenge_id, user_id)
        if not member:
            raise UserError(f"You're not in **{found.name}**. Join with `/challenge join`.")

        async def confirmed(button: discord.Interaction) -> None:
            async with self.bot.store.session() as session:
                left = await challenges.leave(session, challenge_id, user_id)
            if left:
                self._board_changed(found)
            text = f"You left **{found.name}**." if left else "You had left already."
            await button.response.edit_message(content=text, embed=None, view=None)

        view = ConfirmView(user_id, confirmed, confirm_label="Leave", cancel_label="Stay")
        await view.show(
            interaction, f"Leave **{found.name}**? Your place on the board goes with you."
        )

    @challenge.command(name="list", description="This server's challenges")
    async def list_(self, interaction: discord.Interaction) -> None:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        since = self.bot.clock.now() - LISTED_FOR
        async with self.bot.store.session() as session:
            found = await challenges.challenges_in(session, interaction.guild_id, since)
            counts = await challenges.member_counts(session, [c.id or 0 for c in found])
        unit = await self._unit(interaction.user.id)
        await interaction.response.send_message(
            embed=list_embed(found, counts, unit), ephemeral=True
        )

    @challenge.command(name="board", description="A challenge's leaderboard, with your rank")
    @app_commands.rename(found="name")
    @app_commands.describe(
        found="Which challenge",
        post="True: post its live board in this channel, which updates as members log "
        "(creator or Manage Server)",
    )
    async def board(
        self, interaction: discord.Interaction, found: ChallengeName, post: bool = False
    ) -> None:
        if post:
            return await self._post_live(interaction, found)
        async with self.bot.store.session() as session:
            board = await self.boards.board(session, found)
        pages = board_pages(
            found, board, interaction.user.id, await self._unit(interaction.user.id)
        )
        if len(pages) == 1:
            await interaction.response.send_message(embed=pages[0], ephemeral=True)
            return
        await PagesView(interaction.user.id, pages).show(interaction, embed=pages[0])

    async def _post_live(self, interaction: discord.Interaction, found: Challenge) -> None:
        """The live board here, in place of the one before (which stops updating)."""
        creator_or_manager(
            interaction,
            found,
            "Only the challenge's creator or someone with **Manage Server** can post "
            "its live board. `/challenge board` shows it to you.",
        )
        channel = interaction.channel
        if not isinstance(channel, discord.abc.Messageable):
            raise app_commands.NoPrivateMessage()
        await interaction.response.defer(ephemeral=True, thinking=True)
        async with self.bot.store.session() as session:
            board = await self.boards.board(session, found)
        try:
            message = await self.live.post(channel, found, board)
        except discord.Forbidden:
            raise UserError("I may not post in this channel.") from None
        await interaction.followup.send(
            f"Live board posted: {message.jump_url}. It updates as members log, at most "
            "every 30 s.",
            ephemeral=True,
        )

    @challenge.command(name="end", description="End a challenge now (creator or Manage Server)")
    @app_commands.rename(found="name")
    @app_commands.describe(found="Which challenge")
    async def end(self, interaction: discord.Interaction, found: ChallengeName) -> None:
        creator_or_manager(
            interaction,
            found,
            "Only the challenge's creator or someone with the **Manage Server** "
            "permission can end it.",
        )
        if not challenges.is_open(found, self.bot.clock.now()):
            raise UserError(f"**{found.name}** has ended already.")

        async def confirmed(button: discord.Interaction) -> None:
            now = self.bot.clock.now()
            async with self.bot.store.session() as session:
                await challenges.end_early(session, found, now)
            self.bot.dispatcher.wake_at(now)  # the end post
            await button.response.edit_message(
                content=f"**{found.name}** has ended; the results are going to the channel.",
                embed=None,
                view=None,
            )

        view = ConfirmView(interaction.user.id, confirmed, confirm_label="End it")
        await view.show(
            interaction, f"End **{found.name}** now? Scores freeze and the winners are announced."
        )

    @challenge.command(name="exclude", description="Exclude a member or one entry (Manage Server)")
    @app_commands.rename(found="name")
    @app_commands.describe(
        found="Which challenge",
        member="Whose sets",
        entry="One of their entries; leave empty to exclude the member altogether",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def exclude(
        self,
        interaction: discord.Interaction,
        found: ChallengeName,
        member: discord.Member,
        entry: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        async with self.bot.store.session() as session:
            if entry is None:
                done = await challenges.exclude_member(
                    session, found.id or 0, member.id, interaction.user.id
                )
                what = f"{member.mention} no longer counts in **{found.name}**."
            else:
                counting = await challenge_board.counting_entries(
                    session, found, member.id, ref=_ref(entry)
                )
                done = bool(counting)
                ids = [s.id or 0 for stored in counting for s in stored.sets]
                if ids:
                    now = self.bot.clock.now()
                    await challenges.exclude_sets(
                        session, found.id or 0, ids, interaction.user.id, now
                    )
                what = f"Excluded that entry of {member.mention} from **{found.name}**."
        if done:
            self._board_changed(found)
        if not done:
            raise UserError(
                f"{member.mention} has no such entry or is not in **{found.name}**. "
                "Pick the entry from the list that appears as you type."
            )
        await interaction.response.send_message(
            what + " The board shows that a moderator excluded it.", ephemeral=True
        )

    @challenge.command(name="badges", description="Challenge badges someone has won")
    @app_commands.describe(member="Whose badges (default: yours)")
    async def badges(
        self, interaction: discord.Interaction, member: discord.Member | None = None
    ) -> None:
        who = member or interaction.user
        # Someone else's badges: only those won here, not which other servers they use.
        here = None if who.id == interaction.user.id else interaction.guild_id
        async with self.bot.store.session() as session:
            won = await challenges.badges_of(session, who.id, here)
        shown = [(b.name, timestamp(b.awarded_at, "D")) for b in won]
        await interaction.response.send_message(
            embed=badges_embed(None if here is None else who.display_name, shown),
            ephemeral=True,
        )

    @exclude.autocomplete("entry")
    async def entry_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Only for moderators, and only the member's sets that count in this server's
        challenge: nothing logged elsewhere, before they joined or by non-members."""
        member = getattr(interaction.namespace, "member", None)
        name = getattr(interaction.namespace, "name", None)
        if not manages_server(interaction) or member is None or not name:
            return []
        if interaction.guild_id is None:  # an exclude list belongs to a server
            return []
        unit = await self._unit(interaction.user.id)  # the moderator reads the list
        async with self.bot.store.session() as session:
            found = await challenges.find_challenge(session, interaction.guild_id, name)
            if found is None:
                return []
            entries = await challenge_board.counting_entries(session, found, member.id)
        choices = []
        for stored in entries:
            first = stored.first
            label = f"{first.local_date:%Y-%m-%d} {stored_entry_text(stored.sets, unit)}"
            if current.lower() in label.lower():
                choices.append(app_commands.Choice(name=clip(label, 100), value=str(stored.ref)))
        return choices


def _ref(text: str) -> EntryRef:
    """An entry reference from autocomplete; anything typed by hand matches no entry."""
    try:
        return EntryRef.parse(text)
    except ValueError:
        return EntryRef("", -1)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Challenges(bot))
