"""/settings: unit, time zone, profile, line readings, plates, rests and report sharing,
each person's own."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands

from bot.bot import LegDayBot
from coach.notation import ORDERS, Order, Shape
from coach.plates import PlateSet, plate_set
from coach.problems import UserError
from coach.records import Announce
from coach.rest import MAX_REST, MIN_REST, clock_text, read_rests, rests_text
from coach.rest import NAMES as REST_NAMES
from coach.units import format_weight, to_kg
from coach.vocabulary import Unit
from coach.when import DateOrder
from coach.zones import stored_zone, zone_label
from cogs._common import BRAND, LegDayCog
from cogs._fit import FIELD_LIMIT, fit_lines
from cogs._installs import personal_group
from cogs._transformers import TimeZone
from storage.challenges import badges_of
from storage.people import (
    announce_of,
    date_order_of,
    get_person,
    read_person,
    readings_of,
    set_reading,
)
from storage.tables import Person

LINES: dict[str, Shape] = {"135x4x8": Shape.WEIGHT_THEN_TWO, "14x12": Shape.SMALL_PAIR}
"""Each ambiguous shape by the example people pick it with in /settings reading."""

MEANINGS: dict[tuple[Shape, Order], str] = {
    (Shape.WEIGHT_THEN_TWO, Order.REPS_SETS): "8 sets of 4 at 135",
    (Shape.WEIGHT_THEN_TWO, Order.SETS_REPS): "4 sets of 8 at 135",
    (Shape.SMALL_PAIR, Order.SETS_REPS): "14 sets of 12",
    (Shape.SMALL_PAIR, Order.WEIGHT_REPS): "12 reps at 14",
}


def readings_text(person: Person) -> str:
    picked = readings_of(person)
    lines = []
    for example, shape in LINES.items():
        order = picked.get(shape)
        meaning = MEANINGS[(shape, order)] if order is not None else "ask me"
        lines.append(f"`{example}`: {meaning}")
    return "\n".join(lines)


def settings_embed(person: Person, title: str, badges: list[str]) -> discord.Embed:
    unit = Unit(person.unit)
    embed = discord.Embed(title=title, colour=BRAND)
    embed.add_field(name="Unit", value=unit.value)
    embed.add_field(
        name="Time zone", value=zone_label(person.timezone) if person.timezone else "not set (UTC)"
    )
    embed.add_field(name="Shares in reports", value="on" if person.share_reports else "off")
    embed.add_field(name="Records announced", value=ANNOUNCED[announce_of(person.announce_records)])
    order = date_order_of(person.date_order)
    embed.add_field(
        name="Dates like 3/4", value=DATE_ORDERS[order] if order else "ask me when unclear"
    )
    profile = [
        f"Sex: {person.sex or 'not given'}",
        "Bodyweight: "
        + (format_weight(person.bodyweight_kg, unit) if person.bodyweight_kg else "not given"),
        f"Training days a week: {person.days_per_week or 'not given'}",
        f"Goal: {person.goal}",
    ]
    embed.add_field(name="Profile", value="\n".join(profile), inline=False)
    embed.add_field(name="Line readings", value=readings_text(person), inline=False)
    mine = PlateSet.read(person.plates)
    embed.add_field(name="Plates", value=mine.describe() if mine else "a gym's standard set")
    rests = read_rests(person.rest_seconds)
    embed.add_field(
        name="Rests",
        value=", ".join(f"{n.replace('_', ' ')} {clock_text(s)}" for n, s in rests.items())
        or "the usual (3:00 heavy lifts, 2:00 other compounds, 1:00 small ones)",
    )
    if badges:
        embed.add_field(
            name="🏅 Badges", value=fit_lines(badges, FIELD_LIMIT, "badges"), inline=False
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

    async def _change(
        self, interaction: discord.Interaction, title: str, **changes: object
    ) -> None:
        async with self.bot.store.session() as session:
            person = await get_person(session, interaction.user.id, self.bot.clock.now())
            for name, value in changes.items():
                setattr(person, name, value)
            badges = [badge.name for badge in await badges_of(session, interaction.user.id)]
        await interaction.response.send_message(
            embed=settings_embed(person, title, badges), ephemeral=True
        )

    @settings.command(name="show", description="See your current settings")
    async def show(self, interaction: discord.Interaction) -> None:
        await self._change(interaction, "Your settings")

    @settings.command(name="unit", description="Show and read weights in kg or lb")
    @app_commands.describe(unit="kg or lb; bare numbers you log are read in this unit")
    async def unit(self, interaction: discord.Interaction, unit: Literal["kg", "lb"]) -> None:
        await self._change(interaction, f"Weights are now in {unit}", unit=Unit(unit))

    @settings.command(name="timezone", description="Your time zone, for days and reminders")
    @app_commands.describe(timezone="A place like Europe/Berlin, or an offset like UTC+5")
    async def timezone(self, interaction: discord.Interaction, timezone: TimeZone) -> None:
        now = self.bot.clock.now().astimezone(stored_zone(timezone))
        await self._change(
            interaction,
            f"Time zone set: {zone_label(timezone)} (it's {now:%H:%M} there)",
            timezone=timezone,
        )

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
        async with self.bot.store.session() as session:
            now = self.bot.clock.now()
            unit = Unit((await read_person(session, interaction.user.id, now)).unit)
        changes: dict[str, object] = {"sex": sex, "days_per_week": days_per_week, "goal": goal}
        if bodyweight is not None:
            kg = to_kg(bodyweight, unit)
            if not 20 <= kg <= 350:
                raise UserError(
                    "That bodyweight looks off. Example: `bodyweight:82` (in your unit)."
                )
            changes["bodyweight_kg"] = round(kg, 2)
        changes = {name: value for name, value in changes.items() if value is not None}
        if not changes:
            raise UserError("Give at least one detail, e.g. `/settings profile days_per_week:3`.")
        await self._change(interaction, "Profile updated", **changes)

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
        shape = LINES[line]
        order = None if means == "ask me" else Order(means)
        if order is not None and order not in ORDERS[shape]:
            options = " or ".join(f"`{o.value}`" for o in ORDERS[shape])
            raise UserError(f"`{line}` can mean {options}, or `ask me`. Example: `means:ask me`.")
        async with self.bot.store.session() as session:
            person = await get_person(session, interaction.user.id, self.bot.clock.now())
            set_reading(person, shape, order)
            badges = [badge.name for badge in await badges_of(session, interaction.user.id)]
        title = f"`{line}` now reads as {MEANINGS[(shape, order)] if order else 'a question'}"
        await interaction.response.send_message(
            embed=settings_embed(person, title, badges), ephemeral=True
        )

    @settings.command(name="dates", description="How you write dates like 3/4 in when:")
    @app_commands.describe(order="day/month: 3/4 is 3 April · month/day: 3/4 is March 4")
    async def dates(
        self, interaction: discord.Interaction, order: Literal["day/month", "month/day"]
    ) -> None:
        chosen = DateOrder.DAY_MONTH if order == "day/month" else DateOrder.MONTH_DAY
        await self._change(
            interaction, f"Dates now read as {DATE_ORDERS[chosen]}", date_order=chosen.value
        )

    @settings.command(name="records", description="Which of your new records go to the channel")
    @app_commands.describe(
        announce="main lifts (default): new e1RM on squat, bench, deadlift, press; all; none"
    )
    async def records(
        self, interaction: discord.Interaction, announce: Literal["main lifts", "all", "none"]
    ) -> None:
        chosen = CHOICES[announce]
        title = f"Records announced in the channel: {ANNOUNCED[chosen]}"
        await self._change(interaction, title, announce_records=chosen.value)

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
        if plates.strip().lower() == "standard":
            return await self._change(interaction, "/plates uses a gym's plates again", plates=None)
        async with self.bot.store.session() as session:
            unit = Unit(
                (await read_person(session, interaction.user.id, self.bot.clock.now())).unit
            )
        mine = plate_set(plates, unit, bar)  # a PlateError is a UserError the tree answers
        await self._change(interaction, f"/plates now uses {mine.describe()}", plates=mine.text())

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
        if pattern not in REST_NAMES:
            raise UserError("Pick a pattern from the list, e.g. `pattern:squat seconds:180`.")
        async with self.bot.store.session() as session:
            person = await read_person(session, interaction.user.id, self.bot.clock.now())
            chosen = read_rests(person.rest_seconds)
        if seconds is None:
            chosen.pop(pattern, None)
            title = f"Rest after {pattern.replace('_', ' ')}: back to the usual"
        else:
            chosen[pattern] = seconds
            title = f"Rest after {pattern.replace('_', ' ')}: {clock_text(seconds)}"
        await self._change(interaction, title, rest_seconds=rests_text(chosen))

    @rest.autocomplete("pattern")
    async def pattern_choices(
        self, _interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        typed = current.lower().replace(" ", "_")
        return [
            app_commands.Choice(name=name.replace("_", " "), value=name)
            for name in sorted(REST_NAMES)
            if typed in name
        ][:25]

    @settings.command(name="share", description="Appear in your server's weekly reports")
    @app_commands.describe(
        share="on: you appear in reports, and records you pick (/settings records) are announced"
    )
    async def share(self, interaction: discord.Interaction, share: Literal["on", "off"]) -> None:
        title = (
            "You now appear in weekly reports" if share == "on" else "You're out of weekly reports"
        )
        await self._change(interaction, title, share_reports=share == "on")


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Settings(bot))
