"""What /log, DMs and the reminder's log form answer: the logged sets with Undo, a refusal,
or a question with one button per reading of an ambiguous line; and the ``sets_changed``
event every cog that changes someone's sets dispatches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import discord

from bot.bot import LegDayBot
from coach.entries import Option, Question
from coach.notation import Order, Shape
from coach.problems import UserError
from coach.vocabulary import Unit
from cogs._common import OwnerView
from cogs._installs import server_id
from cogs._render import clip, logged_embed, records_text, stored_entry_text
from services.log import Asked, Logged, Outcome, Request, log_text, undo
from storage.tables import LoggedSet


def removed_text(rows: list[LoggedSet], unit: Unit) -> str:
    entries: dict[int, list[LoggedSet]] = {}
    for row in rows:
        entries.setdefault(row.entry_index, []).append(row)
    return "; ".join(stored_entry_text(sets, unit) for sets in entries.values())


def sets_changed(bot: LegDayBot, user_id: int) -> None:
    """Tells whoever listens (``on_sets_changed``: the live challenge boards) that this
    person's sets changed."""
    bot.dispatch("sets_changed", user_id)


async def log_sets(
    bot: LegDayBot, request: Request, picked: Sequence[tuple[Shape, Order]] = ()
) -> Outcome:
    """``services.log.log_text`` with the bot's store, clock and bests, telling whoever
    listens when sets were stored; a ``UserError`` when nothing was."""
    outcome = await log_text(bot.store, request, picked, now=bot.clock.now(), cache=bot.bests)
    if isinstance(outcome, Logged):
        sets_changed(bot, request.user_id)
    return outcome


async def undo_batch(bot: LegDayBot, owner_id: int, batch_id: str) -> list[LoggedSet]:
    """``services.log.undo``, telling whoever listens when sets were removed."""
    removed = await undo(bot.store, owner_id, batch_id)
    if removed:
        sets_changed(bot, owner_id)
    return removed


class UndoView(OwnerView):
    def __init__(self, bot: LegDayBot, owner_id: int, batch_id: str, unit: Unit) -> None:
        super().__init__(owner_id)
        self.bot, self.batch_id, self.unit = bot, batch_id, unit

    @discord.ui.button(label="Undo", style=discord.ButtonStyle.secondary, emoji="↩️")
    async def undo(self, interaction: discord.Interaction, _button: discord.ui.Button[Any]) -> None:
        self.stop()
        removed = await undo_batch(self.bot, self.owner_id, self.batch_id)
        text = (
            f"Undone: removed {removed_text(removed, self.unit)}."
            if removed
            else "That was already removed."
        )
        await interaction.response.edit_message(content=text, embed=None, view=None)


BUTTON_LABEL_LIMIT = 80


def question_text(question: Question) -> str:
    line = clip(question.line.replace("`", "'"), 100)
    return (
        f"I can read `{line}` in more than one way, so"
        " nothing is logged yet. Which did you mean? Your pick becomes how I read lines like"
        " this from now on (change it with `/settings reading`)."
    )


class ReadingView(OwnerView):
    """One button per reading of an ambiguous line; the pick is saved, then the log runs."""

    def __init__(self, bot: LegDayBot, request: Request, question: Question) -> None:
        super().__init__(request.user_id)
        self.bot, self.request = bot, request
        for option in question.options:
            self.add_item(self._button(option))

    def _button(self, option: Option) -> discord.ui.Button[ReadingView]:
        button: discord.ui.Button[ReadingView] = discord.ui.Button(
            label=clip(option.label, BUTTON_LABEL_LIMIT), style=discord.ButtonStyle.primary
        )

        async def picked(interaction: discord.Interaction) -> None:
            self.stop()
            await log_and_answer(self.bot, interaction, self.request, option.choices, edit=True)

        button.callback = picked  # type: ignore[method-assign]
        return button


@dataclass
class Reply:
    """What to show for an outcome: a sentence, or an embed, with the buttons that go with it."""

    content: str | None
    embed: discord.Embed | None
    view: OwnerView | None

    def edit(self) -> dict[str, Any]:
        return {"content": self.content, "embed": self.embed, "view": self.view}

    def send(self) -> dict[str, Any]:
        sent: dict[str, Any] = {"content": self.content}
        if self.embed is not None:
            sent["embed"] = self.embed
        if self.view is not None:
            sent["view"] = self.view
        return sent

    def attach(self, interaction: discord.Interaction | None, message: Any) -> None:
        """Lets the view disable its buttons where it was shown, once it expires."""
        if self.view is not None:
            self.view.origin, self.view.message = interaction, message


def answer(bot: LegDayBot, request: Request, outcome: Outcome) -> Reply:
    if isinstance(outcome, Asked):
        view = ReadingView(bot, request, outcome.question)
        return Reply(question_text(outcome.question), None, view)
    undo = UndoView(bot, request.user_id, outcome.batch_id, outcome.unit)
    return Reply(None, logged_embed(outcome), undo)


async def log_and_answer(
    bot: LegDayBot,
    interaction: discord.Interaction,
    request: Request,
    picked: Sequence[tuple[Shape, Order]] = (),
    *,
    edit: bool = False,
) -> None:
    """Log and answer privately, as a new reply or (``edit``) in the message of the button
    pressed; the one way every slash command, form, menu and button logs. A refusal (a
    ``UserError``) is raised for the tree or the form to answer, except in place of the
    message of the button pressed, where it takes the question's place."""
    try:
        outcome = await log_sets(bot, request, picked)
    except UserError as problem:
        if not edit:
            raise
        await interaction.response.edit_message(content=str(problem), embed=None, view=None)
        return
    reply = answer(bot, request, outcome)
    if edit:
        await interaction.response.edit_message(**reply.edit())
    else:
        await interaction.response.send_message(**reply.send(), ephemeral=True)
    reply.attach(interaction, None)
    await announce(interaction, outcome)


async def announce(interaction: discord.Interaction, outcome: Outcome) -> None:
    """New records go to the channel, for people who share them: those they chose to
    announce (``/settings records``; e1RM records of the main lifts by default), in servers
    the bot is in (in a server that only the person added the bot to, it posts nothing)."""
    if (
        isinstance(outcome, Logged)
        and outcome.announced
        and outcome.shares
        and server_id(interaction) is not None
    ):
        await interaction.followup.send(
            f"🏆 {interaction.user.mention} set a new record!\n"
            + records_text(outcome.announced, outcome.unit),
            allowed_mentions=discord.AllowedMentions.none(),
        )
