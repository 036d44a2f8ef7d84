"""/checkin: a short private form on sleep, soreness, energy, legs, pain and red flags.

Two steps: four quick selects, then the safety question (which must be answered), with
pain described in a small form if there is any. A red flag answers with urgent-care
advice only, and leg-day nudges stay paused until a later check-in has none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.bot import LegDayBot
from coach.findings import Code
from coach.training import CheckIn, LegWeakness, Pain, RedFlag
from cogs._common import BRAND, OwnerView, reply_problem
from cogs._findings import URGENT_COLOUR, add_findings, is_safety, judge
from storage.coach_data import add_checkin
from storage.people import get_person

SLEEP = {
    "4.5": "Under 5 hours",
    **{str(hours): f"{hours} hours" for hours in range(5, 9)},
    "9": "9 hours or more",
}
SORENESS = ["None", "A little", "Moderate", "Quite sore", "Very sore"]
ENERGY = ["Drained", "Low", "OK", "Good", "Great"]
WEAKNESS = {
    LegWeakness.NONE: "Legs feel normal",
    LegWeakness.MILD: "Legs feel a bit weak",
    LegWeakness.MARKED: "Legs feel clearly weak",
}
RED_FLAGS = {
    RedFlag.SUDDEN_WEAKNESS: "Sudden weakness in an arm or a leg",
    RedFlag.ONE_SIDED: "Weakness or numbness on one side of the body",
    RedFlag.SPEECH_OR_FACE: "Trouble speaking, or one side of the face drooping",
    RedFlag.SADDLE_NUMBNESS: "Numbness around the groin, buttocks or inner thighs",
    RedFlag.BLADDER_BOWEL: "New trouble controlling bladder or bowel",
    RedFlag.CHEST_PAIN: "Chest pain or pressure",
    RedFlag.DIZZINESS_FAINTING: "Dizziness or fainting during exercise",
    RedFlag.DARK_URINE_SEVERE_PAIN: "Dark, cola-coloured urine with severe muscle pain",
}
NUMBNESS = "numbness"
NONE = "none"


@dataclass
class Answers:
    """What the person has answered so far; anything left out stays unknown."""

    sleep_hours: float | None = None
    soreness: int | None = None
    energy: int | None = None
    leg_weakness: LegWeakness | None = None
    safety: set[str] | None = None
    pain: Pain | None = None

    def checkin(self, at: datetime) -> CheckIn:
        safety = self.safety or set()
        return CheckIn(
            at=at,
            sleep_hours=self.sleep_hours,
            soreness=self.soreness,
            energy=self.energy,
            leg_weakness=self.leg_weakness,
            numbness_tingling=NUMBNESS in safety,
            pain=self.pain,
            red_flags=frozenset(RedFlag(flag) for flag in safety if flag in RED_FLAGS),
        )


def _options(labels: dict[str, str]) -> list[discord.SelectOption]:
    return [discord.SelectOption(label=label, value=value) for value, label in labels.items()]


def _numbered(labels: list[str], first: int) -> dict[str, str]:
    return {str(first + n): f"{first + n}: {label}" for n, label in enumerate(labels)}


class Question(discord.ui.Select["OwnerView"]):
    """A one-choice question that writes its answer into the shared ``Answers``."""

    def __init__(
        self,
        answers: Answers,
        name: str,
        placeholder: str,
        labels: dict[str, str],
        convert: Callable[[str], object],
        row: int,
    ) -> None:
        super().__init__(
            custom_id=f"checkin:{name}", placeholder=placeholder, options=_options(labels), row=row
        )
        self.answers, self.name, self.convert = answers, name, convert

    async def callback(self, interaction: discord.Interaction) -> None:
        setattr(self.answers, self.name, self.convert(self.values[0]))
        for option in self.options:
            option.default = option.value == self.values[0]
        await interaction.response.edit_message(view=self.view)


class FirstStep(OwnerView):
    def __init__(self, bot: LegDayBot, owner_id: int) -> None:
        super().__init__(owner_id)
        self.bot, self.answers = bot, Answers()
        self.add_item(Question(self.answers, "sleep_hours", "Sleep last night", SLEEP, float, 0))
        self.add_item(
            Question(self.answers, "soreness", "Muscle soreness", _numbered(SORENESS, 0), int, 1)
        )
        self.add_item(
            Question(self.answers, "energy", "Energy today", _numbered(ENERGY, 1), int, 2)
        )
        weakness = {w.value: label for w, label in WEAKNESS.items()}
        self.add_item(Question(self.answers, "leg_weakness", "Your legs", weakness, LegWeakness, 3))

    @discord.ui.button(label="Next: pain and safety", style=discord.ButtonStyle.primary, row=4)
    async def next(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        self.stop()
        second = SecondStep(self.bot, self.owner_id, self.answers)
        second.origin = self.origin
        await interaction.response.edit_message(embed=second.embed(), view=second)


class SafetyQuestion(discord.ui.Select["SecondStep"]):
    def __init__(self) -> None:
        options = _options({flag.value: label for flag, label in RED_FLAGS.items()})
        options.append(
            discord.SelectOption(label="Numbness or tingling (not sudden)", value=NUMBNESS)
        )
        options.append(discord.SelectOption(label="None of these", value=NONE))
        super().__init__(
            custom_id="checkin:safety",
            placeholder="Right now, do any of these apply? Pick all that do.",
            options=options,
            min_values=1,
            max_values=len(options),
            row=0,
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        if self.view is None:  # Discord only calls a select shown in a view
            return
        chosen = set(self.values)
        if NONE in chosen and len(chosen) > 1:
            return await reply_problem(
                interaction, "You picked “None of these” and something else; pick again."
            )
        self.view.answers.safety = chosen - {NONE}
        await interaction.response.edit_message(embed=self.view.embed(), view=self.view)


class SecondStep(OwnerView):
    def __init__(self, bot: LegDayBot, owner_id: int, answers: Answers) -> None:
        super().__init__(owner_id)
        self.bot, self.answers = bot, answers
        self.add_item(SafetyQuestion())

    def embed(self) -> discord.Embed:
        pain = self.answers.pain
        lines = [
            "Safety first: answer the question below (pick **None of these** if none apply).",
            f"Pain: {pain.score}/10 at {pain.location or 'unspecified'} for {pain.days} days"
            if pain
            else "Pain: none added. Press **I have pain** to describe it.",
        ]
        if self.answers.safety is not None:
            lines.append("Safety question answered. Press **Submit** when ready.")
        return discord.Embed(
            title="Check-in, step 2 of 2", description="\n".join(lines), colour=BRAND
        )

    @discord.ui.button(label="I have pain", style=discord.ButtonStyle.secondary, row=1)
    async def pain(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        await interaction.response.send_modal(PainForm(self))

    @discord.ui.button(label="Submit", style=discord.ButtonStyle.success, row=1)
    async def submit(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        if self.answers.safety is None:
            return await reply_problem(
                interaction,
                "Please answer the safety question first; pick “None of these” if none apply.",
            )
        self.stop()
        embed = await save_and_assess(self.bot, self.owner_id, self.answers)
        await interaction.response.edit_message(embed=embed, view=None)


class PainForm(discord.ui.Modal, title="Describe the pain"):
    score: discord.ui.TextInput[PainForm] = discord.ui.TextInput(
        label="How bad, 0 (none) to 10 (worst)", custom_id="score", max_length=2
    )
    days: discord.ui.TextInput[PainForm] = discord.ui.TextInput(
        label="For how many days?", custom_id="days", max_length=4
    )
    where: discord.ui.TextInput[PainForm] = discord.ui.TextInput(
        label="Where? (e.g. left knee)", custom_id="where", max_length=60, required=False
    )
    worse: discord.ui.TextInput[PainForm] = discord.ui.TextInput(
        label="Getting worse? yes or no", custom_id="worse", max_length=3
    )

    def __init__(self, step: SecondStep) -> None:
        super().__init__()
        self.step = step

    async def on_submit(self, interaction: discord.Interaction) -> None:
        score, days = self.score.value.strip(), self.days.value.strip()
        worse = self.worse.value.strip().lower()
        if not (score.isdigit() and int(score) <= 10 and days.isdigit() and worse in ("yes", "no")):
            return await reply_problem(
                interaction,
                "Nothing was saved: give the pain as a number 0-10, the days as a number and "
                "yes or no for worse. Example: 5, 21, left knee, no.",
            )
        self.step.answers.pain = Pain(
            score=int(score),
            days=int(days),
            worsening=worse == "yes",
            location=self.where.value.strip() or None,
        )
        await interaction.response.edit_message(embed=self.step.embed(), view=self.step)


async def save_and_assess(bot: LegDayBot, user_id: int, answers: Answers) -> discord.Embed:
    now = bot.clock.now()
    async with bot.store.session() as session:
        await get_person(session, user_id, now)
        await add_checkin(session, user_id, answers.checkin(now))
        assessment = (await judge(session, user_id, now)).assessment
    safety = is_safety(assessment.findings)
    embed = discord.Embed(
        title="Check-in saved" if not safety else "Please look after this first",
        colour=URGENT_COLOUR if safety else BRAND,
    )
    if assessment.findings:
        add_findings(embed, assessment.findings)
    else:
        embed.description = "Nothing stands out. Good work; see /balance for the details."
    if any(f.code == Code.SAFETY_URGENT for f in assessment.findings):
        embed.set_footer(text="Leg-day nudges are paused until a check-in without these signs.")
    return embed


class CheckInCog(commands.Cog, name="Check-in"):
    def __init__(self, bot: LegDayBot) -> None:
        self.bot = bot

    @app_commands.command(
        description="A one-minute private check-in: sleep, soreness, energy, pain"
    )
    async def checkin(self, interaction: discord.Interaction) -> None:
        view = FirstStep(self.bot, interaction.user.id)
        embed = discord.Embed(
            title="Check-in, step 1 of 2",
            description="Answer what you can; skip what you don't know. Only you see this.",
            colour=BRAND,
        )
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
        view.origin = interaction


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(CheckInCog(bot))
