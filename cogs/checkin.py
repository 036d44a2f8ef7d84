"""/checkin: a short private form on sleep, soreness, energy, legs, pain and red flags.

Two steps: four quick selects, then the safety question (which must be answered), whether
it followed a fall and whether the person is already being seen for it, with pain
described in a small form if there is any (its area picked from a list). A red flag
answers with urgent-care advice only; which check-ins count, and for how long leg-day
nudges stay paused, is ``coach.care``'s rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import discord
from discord import app_commands

from bot.bot import LegDayBot
from coach.problems import UserError
from coach.text import counted
from coach.training import LegWeakness, PainArea, RedFlag
from cogs._common import BRAND, Form, LegDayCog, OwnerView
from cogs._findings import TOO_EARLY, URGENT_COLOUR, add_findings, title
from cogs._installs import personal
from cogs._render import clip
from services import checkins as service
from services.balance import is_safety
from services.checkins import AFTER_FALL, BEING_TREATED, NUMBNESS, Answers

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
    RedFlag.CALF_SWOLLEN_WARM: "One calf swollen, warm or red",
    RedFlag.CANNOT_BEAR_WEIGHT: "Can't bear weight after a pop, twist or fall",
    RedFlag.BACK_PAIN_FEVER: "Back pain with fever or unexplained weight loss",
}
CONTEXT = {
    AFTER_FALL: "It started after a fall or injury",
    BEING_TREATED: "I'm already being seen by a doctor or physio for this",
}
AREAS = {area.value: area.value.capitalize() for area in PainArea}
NONE = "none"


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


class AnyOf(discord.ui.Select["SecondStep"]):
    """A question of the second step that takes any of its options (at least one if
    ``required``) and writes the answer into the step's ``Answers``."""

    def __init__(
        self,
        step: SecondStep,
        name: str,
        placeholder: str,
        options: list[discord.SelectOption],
        *,
        required: bool,
        row: int,
    ) -> None:
        super().__init__(
            custom_id=f"checkin:{name}",
            placeholder=placeholder,
            options=options,
            min_values=1 if required else 0,
            max_values=len(options),
            row=row,
        )
        self.step = step


class SafetyQuestion(AnyOf):
    def __init__(self, step: SecondStep) -> None:
        options = _options({flag.value: label for flag, label in RED_FLAGS.items()})
        options.append(
            discord.SelectOption(label="Numbness or tingling (not sudden)", value=NUMBNESS)
        )
        options.append(discord.SelectOption(label="None of these", value=NONE))
        placeholder = "Right now, do any of these apply? Pick all that do."
        super().__init__(step, "safety", placeholder, options, required=True, row=0)

    async def callback(self, interaction: discord.Interaction) -> None:
        chosen = set(self.values)
        if NONE in chosen and len(chosen) > 1:
            raise UserError("You picked “None of these” and something else; pick again.")
        self.step.answers.safety = chosen - {NONE}
        for option in self.options:
            option.default = option.value in chosen
        await interaction.response.edit_message(embed=self.step.embed(), view=self.step)


class ContextQuestion(AnyOf):
    """Optional: what the weakness or pain followed, and whether it is being looked after."""

    def __init__(self, step: SecondStep) -> None:
        placeholder = "Optional: about the pain or weakness"
        super().__init__(step, "context", placeholder, _options(CONTEXT), required=False, row=1)

    async def callback(self, interaction: discord.Interaction) -> None:
        self.step.answers.context = set(self.values)
        for option in self.options:
            option.default = option.value in self.values
        await interaction.response.edit_message(view=self.step)


class SecondStep(OwnerView):
    def __init__(self, bot: LegDayBot, owner_id: int, answers: Answers) -> None:
        super().__init__(owner_id)
        self.bot, self.answers = bot, answers
        self.add_item(SafetyQuestion(self))
        self.add_item(ContextQuestion(self))

    def embed(self) -> discord.Embed:
        pain = self.answers.pain
        lines = [
            "Safety first: answer the question below (pick **None of these** if none apply).",
            f"Pain: {pain.score}/10, {pain.location or 'area not given'}, "
            f"for {counted(pain.days or 0, 'day')}"
            if pain
            else "Pain: none added. Press **I have pain** to describe it.",
        ]
        if self.answers.safety is not None:
            lines.append("Safety question answered. Press **Submit** when ready.")
        return discord.Embed(
            title="Check-in, step 2 of 2", description="\n".join(lines), colour=BRAND
        )

    @discord.ui.button(label="I have pain", style=discord.ButtonStyle.secondary, row=2)
    async def pain(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        await interaction.response.send_modal(PainForm(self))

    @discord.ui.button(label="Submit", style=discord.ButtonStyle.success, row=2)
    async def submit(self, interaction: discord.Interaction, _b: discord.ui.Button[Any]) -> None:
        now = self.bot.clock.now()
        checkin = self.answers.checkin(now)  # refused while the safety question is open
        self.stop()
        checked = await service.check_in(self.bot.store, self.owner_id, checkin, now=now)
        await interaction.response.edit_message(embed=checked_embed(checked), view=None)


class PainForm(Form, title="Describe the pain"):
    score: discord.ui.TextInput[PainForm] = discord.ui.TextInput(
        label="How bad, 0 (none) to 10 (worst)", custom_id="score", max_length=2
    )
    days: discord.ui.TextInput[PainForm] = discord.ui.TextInput(
        label="For how many days?", custom_id="days", max_length=4
    )
    where: discord.ui.Label[PainForm] = discord.ui.Label(
        text="Where is it?",
        component=discord.ui.Select(
            custom_id="where", placeholder="Pick the area", options=_options(AREAS), required=False
        ),
    )
    worse: discord.ui.TextInput[PainForm] = discord.ui.TextInput(
        label="Getting worse? yes or no", custom_id="worse", max_length=3
    )

    def __init__(self, step: SecondStep) -> None:
        super().__init__()
        self.step = step

    async def submitted(self, interaction: discord.Interaction) -> None:
        area = cast(discord.ui.Select[Any], self.where.component).values
        self.step.answers.pain = service.pain(
            self.score.value, self.days.value, self.worse.value, area[0] if area else None
        )
        await interaction.response.edit_message(embed=self.step.embed(), view=self.step)


def checked_embed(checked: service.CheckedIn) -> discord.Embed:
    """The answer to a stored check-in: what it changed, safety first."""
    assessment, new, gone = checked.assessment, checked.new, checked.gone
    safety = is_safety(assessment)
    embed = discord.Embed(
        title="Check-in saved" if not safety else "Please look after this first",
        colour=URGENT_COLOUR if safety else BRAND,
    )
    if new:
        add_findings(embed, new)
    if gone:
        embed.add_field(
            name="✅ No longer standing",
            value=clip("\n".join(title(f)[2:] for f in gone), 1024),
            inline=False,
        )
    if not assessment.findings and not assessment.metrics.has_history:
        embed.description = f"Nothing stands out so far. {TOO_EARLY}"
    elif not assessment.findings:
        embed.description = "Nothing stands out. Good work; see /balance for the details."
    elif checked.changed_nothing:
        embed.description = (
            "This check-in changed nothing in what stands out; "
            f"/balance shows your {counted(len(assessment.findings), 'finding')}."
        )
    if assessment.care.pauses_reminders:
        embed.set_footer(
            text="Leg-day reminders are paused while this stands. Urgent signs count for 7 "
            "days, unless a check-in says you are being seen for them."
        )
    return embed


class CheckInCog(LegDayCog, name="Check-in"):
    @personal
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
        await view.show(interaction, embed=embed)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(CheckInCog(bot))
