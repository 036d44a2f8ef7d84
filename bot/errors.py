"""The one place app-command failures end up: a short private reply, the details in the log.

A ``coach.problems.UserError`` (bad input, something not found) is answered with its own
sentence; permission and cooldown failures with a sentence of their own; anything else
is a bug: logged with an id the person can quote.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from collections.abc import Awaitable
from typing import Any

import discord
from discord import app_commands

from bot.telemetry import RECEIVED_KINDS, component_name
from coach.problems import UserError

log = logging.getLogger(__name__)

# How an interaction ended, as the metrics and the command log line say it.
OK, REFUSED, RATE_LIMITED, ERROR = "ok", "refused", "rate_limited", "error"

PERMISSION_NAMES = {
    "manage_guild": "Manage Server",
    "send_messages": "Send Messages",
    "embed_links": "Embed Links",
    "attach_files": "Attach Files",
    "view_channel": "View Channel",
}


def permission_names(missing: list[str]) -> str:
    return ", ".join(PERMISSION_NAMES.get(p, p.replace("_", " ").title()) for p in missing)


async def send_private(interaction: discord.Interaction, content: str) -> None:
    """Answer only the person, whether or not the interaction was answered already."""
    if interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=True)
    else:
        await interaction.response.send_message(content, ephemeral=True)


def slow_down(retry_after: float) -> str:
    """The one sentence for anyone over a rate limit."""
    return f"Slow down a little: try again in {max(1, math.ceil(retry_after))} s."


def user_error(error: BaseException) -> UserError | None:
    """The ``UserError`` behind a failure: raised in a command (discord.py wraps it in
    ``CommandInvokeError``) or in an option's transformer (``TransformerError``)."""
    for found in (error, getattr(error, "original", None), error.__cause__):
        if isinstance(found, UserError):
            return found
    return None


def explain(error: app_commands.AppCommandError, command: str | None = None) -> str | None:
    """A sentence for failures that are the person's to fix; None for our own bugs."""
    if (problem := user_error(error)) is not None:
        return str(problem)
    if isinstance(error, app_commands.MissingPermissions):
        names = permission_names(error.missing_permissions)
        use = f" to use `/{command}`" if command else " for that"
        return f"You need the **{names}** permission{use}."
    if isinstance(error, app_commands.BotMissingPermissions):
        missing = permission_names(error.missing_permissions)
        return f"I'm missing the **{missing}** permission here. Ask a server admin to grant it."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command works in a server, not in DMs."
    if isinstance(error, app_commands.CommandOnCooldown):
        return slow_down(error.retry_after)
    return None


def log_failure(interaction: discord.Interaction, error: BaseException, where: str | None) -> str:
    """Log a bug with a fresh id and return the sentence the person sees.

    The id and the outcome go on the interaction too, for the command's own log line.
    """
    error_id = secrets.token_hex(4)
    interaction.extras.update(outcome=ERROR, error_id=error_id)
    log.error(
        "command failed [%s] %s guild=%s user=%s",
        error_id,
        where,
        interaction.guild_id,
        interaction.user.id,
        exc_info=error,
        extra={
            "error_id": error_id,
            "command": where,
            "guild_id": interaction.guild_id,
            "user_id": interaction.user.id,
        },
    )
    return (
        f"Something went wrong on my side and nothing was changed. Error id `{error_id}`: "
        "mention it if you report this."
    )


async def tell(interaction: discord.Interaction, message: str) -> None:
    try:
        await send_private(interaction, message)
    except discord.HTTPException:
        log.warning("could not deliver the error message for interaction %s", interaction.id)


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    command = interaction.command.qualified_name if interaction.command else None
    message = explain(error, command)
    if message is None:
        message = log_failure(interaction, getattr(error, "original", error), command)
    else:
        cooling = isinstance(error, app_commands.CommandOnCooldown)
        interaction.extras["outcome"] = RATE_LIMITED if cooling else REFUSED
    await tell(interaction, message)


async def on_component_error(
    interaction: discord.Interaction, error: Exception, item: discord.ui.Item[discord.ui.View]
) -> None:
    """Buttons, selects and modals fail the same way commands do."""
    custom_id = getattr(item, "custom_id", None) if item is not None else None
    await answer(interaction, error, f"component {custom_id}")
    pressed(interaction)


async def answer(interaction: discord.Interaction, error: BaseException, where: str) -> None:
    """One private sentence for a failure outside a command (a button, a form): the
    person's own mistake (a ``UserError``), or an id to quote for a bug, counted in the
    metrics as a component error."""
    problem = user_error(error)
    if problem is not None:
        interaction.extras["outcome"] = REFUSED
        await tell(interaction, str(problem))
        return
    metrics = getattr(interaction.client, "metrics", None)
    if metrics is not None:
        metrics.errors.labels("component").inc()
    await tell(interaction, log_failure(interaction, error, where))


def pressing(interaction: discord.Interaction) -> None:
    """A button, menu or form press begins: its clock starts (``pressed`` stops it)."""
    interaction.extras["began"] = time.perf_counter()


def pressed(interaction: discord.Interaction) -> None:
    """A press has been answered: counted by name and outcome and timed in the metrics,
    as commands are (from ``pressing``, or from now when it was not called)."""
    metrics = getattr(interaction.client, "metrics", None)
    if metrics is None:
        return
    now = time.perf_counter()
    data: dict[str, Any] = dict(interaction.data or {})
    metrics.handled(
        RECEIVED_KINDS.get(interaction.type, "component"),
        component_name(str(data.get("custom_id", ""))),
        str(interaction.extras.get("outcome", OK)),
        now - interaction.extras.get("began", now),
    )


async def observed(interaction: discord.Interaction, work: Awaitable[object], where: str) -> None:
    """Handle a press whose failures discord.py would only log (a dynamic item's) as
    commands are handled: a failure answered (``answer``), and the press counted and
    timed."""
    pressing(interaction)
    try:
        await work
    except Exception as error:
        await answer(interaction, error, where)
    finally:
        pressed(interaction)
