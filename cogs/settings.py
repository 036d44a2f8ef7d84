"""/settings: unit, time zone, profile, line readings, plates, rests and report sharing,
each person's own."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands

from bot.bot import LegDayBot
from bot.tree import suggestions
from coach.notation import Order, Shape
from coach.records import Announce
from coach.recurrence import describe_days
from coach.rest import MAX_REST, MIN_REST, clock_text, usual_rests
from coach.rest import NAMES as REST_NAMES
from coach.units import format_weight
from coach.vocabulary import Unit
from coach.when import DateOrder
from coach.zones import stored_zone, zone_label
from cogs._common import BRAND, LegDayCog, words
from cogs._fit import FIELD_LIMIT, fit_lines
from cogs._installs import personal_group
from cogs._transformers import TimeZone
from services import settings as service
from services.settings import LINES, PersonSettings

MEANINGS: dict[tuple[Shape, Order], str] = {
    (Shape.WEIGHT_THEN_TWO, Order.REPS_SETS): "8 sets of 4 at 135",
    (Shape.WEIGHT_THEN_TWO, Order.SETS_REPS): "4 sets of 8 at 135",
    (Shape.SMALL_PAIR, Order.SETS_REPS): "14 sets of 12",
    (Shape.SMALL_PAIR, Order.WEIGHT_REPS): "12 reps at 14",
}


def readings_text(picked: dict[Shape, Order]) -> str:
    lines = []
    for example, shape in LINES.items():
        order = picked.get(shape)
        meaning = MEANINGS[(shape, order)] if order is not None else "ask me"
        lines.append(f"`{example}`: {meaning}")
    return "\n".join(lines)


def rests_field(chosen: dict[str, int]) -> str:
    """Their own rests, then the usual ones /rest times for every pattern they left."""
    lines = []
    if chosen:
        lines.append(
            "Yours: " + ", ".join(f"{words(n)} {clock_text(s)}" for n, s in chosen.items())
        )
    usual = "; ".join(
        f"{clock_text(seconds)} " + ", ".join(words(p) for p in patterns)
        for seconds, patterns in usual_rests(chosen)
    )
    if usual:
        lines.append(f"{'The usual for the rest' if chosen else 'The usual'}: {usual}")
    return "\n".join(lines)


def settings_embed(mine: PersonSettings, title: str) -> discord.Embed:
    unit = mine.unit
    embed = discord.Embed(title=title, colour=BRAND)
    embed.add_field(name="Unit", value=unit.value)
    embed.add_field(
        name="Time zone", value=zone_label(mine.timezone) if mine.timezone else "not set (UTC)"
    )
    embed.add_field(name="Shares in reports", value="on" if mine.share_reports else "off")
    embed.add_field(name="Records announced", value=ANNOUNCED[mine.announce])
    order = mine.date_order
    embed.add_field(
        name="Dates like 3/4", value=DATE_ORDERS[order] if order else "ask me when unclear"
    )
    profile = [
        f"Sex: {mine.sex or 'not given'}",
        "Bodyweight: "
        + (format_weight(mine.bodyweight_kg, unit) if mine.bodyweight_kg else "not given"),
        f"Training days a week: {mine.days_per_week or 'not given'}",
        f"Goal: {mine.goal}",
    ]
    embed.add_field(name="Profile", value="\n".join(profile), inline=False)
    embed.add_field(name="Line readings", value=readings_text(mine.readings), inline=False)
    plates = mine.plates
    embed.add_field(name="Plates", value=plates.describe() if plates else "a gym's standard set")
    embed.add_field(name="Rests", value=rests_field(mine.rests), inline=False)
    if mine.badges:
        embed.add_field(
            name="🏅 Badges", value=fit_lines(mine.badges, FIELD_LIMIT, "badges"), inline=False
        )
    return embed


ANNOUNCED = {
    Announce.MAIN: "e1RM of the main lifts",
    Announce.ALL: "every record",
    Announce.NONE: "none",
}
CHOICES = {"main lifts": Announce.MAIN, "all": Announce.ALL, "none": Announce.NONE}
DATE_ORDERS = {DateOrder.DAY_MONTH: "day/month (27/11)", DateOrder.MONTH_DAY: "month/day (11/27)"}


class Settings(LegDayCog):
    settings = app_commands.Group(
        name="settings", description="Your Leg Day settings", **personal_group()
    )

    async def _show(
        self,
        interaction: discord.Interaction,
        title: str,
        mine: PersonSettings,
        note: str | None = None,
    ) -> None:
        embed = settings_embed(mine, title)
        if note:
            embed.description = note
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @settings.command(name="show", description="See your current settings")
    async def show(self, interaction: discord.Interaction) -> None:
        mine = await service.show(self.bot.store, interaction.user.id, now=self.bot.clock.now())
        await self._show(interaction, "Your settings", mine)

    @settings.command(name="unit", description="Show and read weights in kg or lb")
    @app_commands.describe(unit="kg or lb; bare numbers you log are read in this unit")
    async def unit(self, interaction: discord.Interaction, unit: Literal["kg", "lb"]) -> None:
        mine = await service.set_unit(
            self.bot.store, interaction.user.id, Unit(unit), now=self.bot.clock.now()
        )
        await self._show(interaction, f"Weights are now in {unit}", mine)

    @settings.command(name="timezone", description="Your time zone, for days and reminders")
    @app_commands.describe(timezone="A place like Europe/Berlin, or an offset like UTC+5")
    async def timezone(self, interaction: discord.Interaction, timezone: TimeZone) -> None:
        now = self.bot.clock.now()
        zone_set = await service.set_timezone(
            self.bot.store, interaction.user.id, timezone, now=now
        )
        if zone_set.next_due_at is not None:
            self.bot.dispatcher.wake_at(zone_set.next_due_at)
        there = now.astimezone(stored_zone(timezone))
        title = f"Time zone set: {zone_label(timezone)} (it's {there:%H:%M} there)"
        moved = [
            f"{describe_days(rule.weekdays)} at {rule.at:%H:%M}" for rule in zone_set.reminders
        ]
        note = f"Your reminders moved with you: {'; '.join(moved)}, your time." if moved else None
        await self._show(interaction, title, zone_set.settings, note)

    @settings.command(name="profile", description="Optional details that sharpen the advice")
    @app_commands.describe(
        sex="Used only for strength-ratio norms",
        bodyweight="Your bodyweight, in your unit",
        days_per_week="How many days a week you usually train",
        goal="balanced (default), legs (you focus on legs on purpose) or strength",
    )
    async def profile(
        self,
        interaction: discord.Interaction,
        sex: Literal["male", "female"] | None = None,
        bodyweight: app_commands.Range[float, 20, 700] | None = None,
        days_per_week: app_commands.Range[int, 1, 7] | None = None,
        goal: Literal["balanced", "legs", "strength"] | None = None,
    ) -> None:
        mine = await service.set_profile(
            self.bot.store,
            interaction.user.id,
            sex=sex,
            bodyweight=bodyweight,
            days_per_week=days_per_week,
            goal=goal,
            now=self.bot.clock.now(),
        )
        await self._show(interaction, "Profile updated", mine)

    @settings.command(name="reading", description="How to read lines that could mean two things")
    @app_commands.describe(
        line="135x4x8 (a weight, then two counts) or 14x12 (a small number, then reps)",
        means="How you mean it; ask me: the bot asks with buttons each time",
    )
    async def reading(
        self,
        interaction: discord.Interaction,
        line: Literal["135x4x8", "14x12"],
        means: Literal["reps then sets", "sets then reps", "weight then reps", "ask me"],
    ) -> None:
        order = None if means == "ask me" else Order(means)
        mine = await service.set_line_reading(
            self.bot.store, interaction.user.id, line, order, now=self.bot.clock.now()
        )
        meaning = MEANINGS[(LINES[line], order)] if order else "a question"
        await self._show(interaction, f"`{line}` now reads as {meaning}", mine)

    @settings.command(name="dates", description="How you write dates like 3/4 in when:")
    @app_commands.describe(order="day/month: 3/4 is 3 April · month/day: 3/4 is March 4")
    async def dates(
        self, interaction: discord.Interaction, order: Literal["day/month", "month/day"]
    ) -> None:
        chosen = DateOrder.DAY_MONTH if order == "day/month" else DateOrder.MONTH_DAY
        mine = await service.set_date_order(
            self.bot.store, interaction.user.id, chosen, now=self.bot.clock.now()
        )
        await self._show(interaction, f"Dates now read as {DATE_ORDERS[chosen]}", mine)

    @settings.command(name="records", description="Which of your new records go to the channel")
    @app_commands.describe(
        announce="main lifts (default): new e1RM on squat, bench, deadlift, press; all; none"
    )
    async def records(
        self, interaction: discord.Interaction, announce: Literal["main lifts", "all", "none"]
    ) -> None:
        chosen = CHOICES[announce]
        mine = await service.set_announce(
            self.bot.store, interaction.user.id, chosen, now=self.bot.clock.now()
        )
        await self._show(
            interaction, f"Records announced in the channel: {ANNOUNCED[chosen]}", mine
        )

    @settings.command(name="plates", description="Your own plates and bar, for /plates")
    @app_commands.describe(
        plates="The plates you have, e.g. 20, 10, 5, 2.5 (in your unit); `standard` for a gym's",
        bar="Your bar's weight, in your unit (default 20 kg / 45 lb)",
    )
    async def plates(
        self,
        interaction: discord.Interaction,
        plates: app_commands.Range[str, 1, 100],
        bar: app_commands.Range[float, 1, 50] | None = None,
    ) -> None:
        mine = await service.set_plates(
            self.bot.store, interaction.user.id, plates, bar, now=self.bot.clock.now()
        )
        title = (
            f"/plates now uses {mine.plates.describe()}"
            if mine.plates
            else "/plates uses a gym's plates again"
        )
        await self._show(interaction, title, mine)

    @settings.command(name="rest", description="How long /rest times after each kind of lift")
    @app_commands.describe(
        pattern="A movement pattern, or `any` for every pattern you haven't set",
        seconds=f"{MIN_REST}-{MAX_REST} s; leave out to go back to the usual rest",
    )
    async def rest(
        self,
        interaction: discord.Interaction,
        pattern: str,
        seconds: app_commands.Range[int, MIN_REST, MAX_REST] | None = None,
    ) -> None:
        mine = await service.set_rest(
            self.bot.store, interaction.user.id, pattern, seconds, now=self.bot.clock.now()
        )
        after = f"Rest after {words(pattern)}"
        title = (
            f"{after}: back to the usual" if seconds is None else f"{after}: {clock_text(seconds)}"
        )
        await self._show(interaction, title, mine)

    @rest.autocomplete("pattern")
    @suggestions
    async def pattern_choices(
        self, _interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        typed = current.lower().replace(" ", "_")
        return [
            app_commands.Choice(name=words(name), value=name)
            for name in sorted(REST_NAMES)
            if typed in name
        ][:25]

    @settings.command(name="share", description="Appear in your server's weekly reports")
    @app_commands.describe(
        share="on: you appear in reports, and records you pick (/settings records) are announced"
    )
    async def share(self, interaction: discord.Interaction, share: Literal["on", "off"]) -> None:
        mine = await service.set_share(
            self.bot.store, interaction.user.id, share == "on", now=self.bot.clock.now()
        )
        title = (
            "You now appear in weekly reports" if share == "on" else "You're out of weekly reports"
        )
        await self._show(interaction, title, mine)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Settings(bot))
