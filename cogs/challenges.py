"""/challenge: shared challenges for a server, scored from what members log.

The rules (who may create, end or exclude, what a goal or a date may be) are
``services.challenges``; this cog reads the options, calls it and answers. Excluding a
set or a member needs Manage Server, which the command checks itself.
"""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.bot import LegDayBot
from bot.tree import suggestions
from coach.challenges import Metric
from coach.problems import UserError
from coach.vocabulary import Unit
from coach.zones import zone_label
from cogs._challenge_goal import GoalWatch
from cogs._challenge_posts import ChallengePosts
from cogs._challenge_render import badges_embed, board_pages, goal_text, list_embed, when_text
from cogs._common import BRAND, ConfirmView, LegDayCog, PagesView, manages_server, timestamp
from cogs._installs import server_group
from cogs._live_board import LiveBoards, WhereAmI
from cogs._render import clip, stored_entry_text
from cogs._transformers import ChallengeName, TimeZone
from services import challenge_boards, challenges
from storage.tables import Challenge

MetricName = Literal[
    "leg_sets", "lower_volume", "leg_days", "balance_weeks", "squat_gain", "streak"
]


class Challenges(LegDayCog):
    challenge = app_commands.Group(
        name="challenge", description="Shared challenges for this server", **server_group()
    )

    def __init__(self, bot: LegDayBot) -> None:
        super().__init__(bot)
        # One cache for the board command and the posts: only members whose sets,
        # membership, excluded sets or own exercises changed are rescored.
        self.boards = challenge_boards.BoardCache()
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
                    running = await challenges.running(
                        self.bot.store, people, now=self.bot.clock.now()
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
            if challenge.id is None or not self._serves(challenge.guild_id):
                continue  # another process serves that server
            if challenge.board_message_id is not None:
                self.live.arm(challenge)
            self.goals.member_changed(challenge.id, member)

    def _serves(self, guild_id: int) -> bool:
        """Whether this process serves that server (its shard is one of ours)."""
        return self.bot.get_guild(guild_id) is not None

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Score the open challenges of the servers this process serves, so the first
        board after a restart is a cache hit; after a reconnect, a version check each."""
        await challenge_boards.warm(
            self.bot.store, self.boards, now=self.bot.clock.now(), serves=self._serves
        )

    def _board_changed(self, challenge: Challenge) -> None:
        """Who takes part changed: its live board, if it has one, shows it (throttled)."""
        if challenge.board_message_id is not None:
            self.live.arm(challenge)

    async def _unit(self, user_id: int) -> Unit:
        """The unit this person reads and types weights in."""
        return await challenges.unit_of(self.bot.store, user_id, now=self.bot.clock.now())

    @challenge.command(name="create", description="Start a challenge for this server")
    @app_commands.describe(
        name="A short name, e.g. Leg Day March",
        metric="What counts: leg sets, lower volume (in your unit), leg days, balanced weeks, "
        "squat gain (%), or a streak of weeks with two leg days",
        goal="The target, e.g. 30 (leg sets), 20000 (volume, in your unit), 6 (weeks), 5 (%)",
        starts="First day: today, tomorrow, a weekday or YYYY-MM-DD, in the challenge's time zone",
        ends="Last day: a weekday or YYYY-MM-DD (at most 26 weeks after the start)",
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
        asked = challenges.NewChallenge(
            guild_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            creator_id=interaction.user.id,
            name=name,
            metric=Metric(metric),
            goal=goal,
            starts=starts,
            ends=ends,
            team=team,
            zone=timezone,
        )
        created = await challenges.create(self.bot.store, asked, now=self.bot.clock.now())
        self.bot.dispatcher.wake_at(created.starts_at)
        found = created.challenge
        embed = discord.Embed(
            title=clip(f"Challenge created: {found.name}", 256),
            description=f"Goal: **{goal_text(found, created.unit)}**"
            + (" together, as a team" if team else " each")
            + f"\n{when_text(found)}\nDays run in **{zone_label(created.zone)}** time "
            f"({created.why}).\n"
            f"You're in. Others join with `/challenge join name:{found.name}`; "
            "announcements go to this channel.",
            colour=BRAND,
        )
        await interaction.response.send_message(embed=embed)

    @challenge.command(name="join", description="Take part in a challenge")
    @app_commands.rename(found="name")
    @app_commands.describe(found="Which challenge")
    async def join(self, interaction: discord.Interaction, found: ChallengeName) -> None:
        now = self.bot.clock.now()
        outcome = await challenges.join(self.bot.store, found, interaction.user.id, now=now)
        if outcome == challenges.JOINED:
            self._board_changed(found)
            unit = await self._unit(interaction.user.id)
            text = (
                f"You joined **{found.name}**: {goal_text(found, unit)}, {when_text(found)}. "
                "Sets you log from now on count."
            )
        elif outcome == challenges.ALREADY:
            text = f"You're already in **{found.name}**. See `/challenge board`."
        else:
            text = f"A moderator took you out of **{found.name}**."
        await interaction.response.send_message(text, ephemeral=True)

    @challenge.command(name="leave", description="Stop taking part in a challenge (asks first)")
    @app_commands.rename(found="name")
    @app_commands.describe(found="Which challenge")
    async def leave(self, interaction: discord.Interaction, found: ChallengeName) -> None:
        user_id = interaction.user.id
        await challenges.must_be_member(self.bot.store, found, user_id)

        async def confirmed(button: discord.Interaction) -> None:
            left = await challenges.leave(self.bot.store, found, user_id)
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
        listing = await challenges.listing(
            self.bot.store, interaction.guild_id, interaction.user.id, now=self.bot.clock.now()
        )
        await interaction.response.send_message(
            embed=list_embed(listing.challenges, listing.members, listing.unit), ephemeral=True
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
        seen = await challenge_boards.viewed_by(
            self.bot.store,
            found.id or 0,
            interaction.user.id,
            self.boards,
            now=self.bot.clock.now(),
        )
        pages = board_pages(seen.challenge, seen.board, interaction.user.id, seen.unit)
        if len(pages) == 1:
            await interaction.response.send_message(embed=pages[0], ephemeral=True)
            return
        await PagesView(interaction.user.id, pages).show(interaction, embed=pages[0])

    async def _post_live(self, interaction: discord.Interaction, found: Challenge) -> None:
        """The live board here, in place of the one before (which stops updating)."""
        challenges.may_post_live(found, interaction.user.id, manager=manages_server(interaction))
        channel = interaction.channel
        if not isinstance(channel, discord.abc.Messageable):
            raise app_commands.NoPrivateMessage()
        await interaction.response.defer(ephemeral=True, thinking=True)
        board = await challenge_boards.board(self.bot.store, found, self.boards)
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
        challenges.may_end(
            found,
            interaction.user.id,
            manager=manages_server(interaction),
            now=self.bot.clock.now(),
        )

        async def confirmed(button: discord.Interaction) -> None:
            now = self.bot.clock.now()
            await challenges.end(self.bot.store, found, now=now)
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
        await challenges.exclude(
            self.bot.store,
            found,
            member.id,
            entry,
            by=interaction.user.id,
            now=self.bot.clock.now(),
        )
        self._board_changed(found)
        what = (
            f"{member.mention} no longer counts in **{found.name}**."
            if entry is None
            else f"Excluded that entry of {member.mention} from **{found.name}**."
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
        won = await challenges.badges(
            self.bot.store, who.id, asker_id=interaction.user.id, guild_id=interaction.guild_id
        )
        shown = [(b.name, timestamp(b.awarded_at, "D")) for b in won]
        mine = who.id == interaction.user.id
        await interaction.response.send_message(
            embed=badges_embed(None if mine else who.display_name, shown), ephemeral=True
        )

    @exclude.autocomplete("entry")
    @suggestions
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
        entries = await challenges.counting_entries(
            self.bot.store, interaction.guild_id, name, member.id
        )
        choices = []
        for stored in entries:
            first = stored.first
            label = f"{first.local_date:%Y-%m-%d} {stored_entry_text(stored.sets, unit)}"
            if current.lower() in label.lower():
                choices.append(app_commands.Choice(name=clip(label, 100), value=str(stored.ref)))
        return choices


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Challenges(bot))
