"""``legday console``: the real bot and cogs against a simulated Discord, in a terminal.

A way to try Leg Day before creating a Discord application. You are a member of a server
with one channel; slash commands run exactly as in Discord, and the replies are printed as
text. Plain text (no leading ``/``) is sent to the bot as a DM, which logs it too.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

import discord
import simcord
from discord import app_commands

from bot.bot import LegDayBot
from bot.settings import Settings

HELP = """\
Type a slash command as in Discord, e.g.
  /log squat 3x5 100kg @8          /log bench 80kg 5,5,4 when:yesterday
  /history    /pr squat    /settings unit lb    /settings timezone Europe/Berlin
Plain text without / is sent to the bot as a DM (it logs that too).
Buttons and menus:  click Undo    pick 1 (an option of the last menu)    type <text> (a form)
Time:  wait 2h  or  wait 1d      Other:  help   quit"""

TIMESTAMP = re.compile(r"<t:(\d+)(?::([a-zA-Z]))?>")
WAIT = re.compile(r"^(\d+(?:\.\d+)?)\s*([mhd])$")
WAIT_UNITS = {"m": 60, "h": 3600, "d": 86400}


def readable_timestamps(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        moment = datetime.fromtimestamp(int(match.group(1)), UTC)
        if match.group(2) == "d":
            return moment.strftime("%Y-%m-%d")
        return moment.strftime("%Y-%m-%d %H:%M UTC")

    return TIMESTAMP.sub(replace, text)


def render(message: discord.Message) -> str:
    """A message as text: content, embeds with fields, buttons and select options."""
    out: list[str] = []
    if message.content:
        out.append(message.content)
    for embed in message.embeds:
        if embed.title:
            out.append(f"== {embed.title} ==")
        if embed.description:
            out.append(embed.description)
        for item in embed.fields:
            out.append(f"-- {item.name}\n{item.value}")
        if embed.footer.text:
            out.append(f"({embed.footer.text})")
    for attachment in message.attachments:
        out.append(f"[attachment: {attachment.filename}]")
    for row in message.components:
        for child in getattr(row, "children", []):
            if isinstance(child, discord.components.Button):
                out.append(f"[{child.label}]" + (" (disabled)" if child.disabled else ""))
            elif isinstance(child, discord.components.SelectMenu):
                out.append(f"menu: {child.placeholder or ''}")
                out += [f"  {n}. {o.label}" for n, o in enumerate(child.options, start=1)]
    return readable_timestamps("\n".join(out))


def find_command(tree: app_commands.CommandTree, words: list[str]) -> tuple[Any, int]:
    """The command named by the first words (group then subcommand), and how many it took."""
    command = tree.get_command(words[0]) if words else None
    if isinstance(command, app_commands.Group) and len(words) > 1:
        sub = command.get_command(words[1])
        if sub is not None:
            return sub, 2
    return command, 1


def command_options(command: app_commands.Command[Any, Any, Any], rest: str) -> dict[str, Any]:
    """``name:value`` pairs; leftover text goes to the first parameter not yet given."""
    params = {p.name: p for p in command.parameters}
    options: dict[str, str] = {}
    if params:
        pattern = re.compile(r"(?:^|\s)(" + "|".join(map(re.escape, params)) + r"):")
        pieces = pattern.split(rest)
        free = pieces[0].strip()
        for name, value in zip(pieces[1::2], pieces[2::2], strict=True):
            options[name] = value.strip()
        if free:
            target = next((p for p in command.parameters if p.name not in options), None)
            if target is None:
                raise ValueError(f"I don't know where to put `{free}`.")
            options[target.name] = free
    return {name: convert(params[name], value) for name, value in options.items()}


def convert(param: app_commands.Parameter, value: str) -> Any:
    kind = param.type
    try:
        if kind is discord.AppCommandOptionType.integer:
            return int(value)
        if kind is discord.AppCommandOptionType.number:
            return float(value)
    except ValueError:
        raise ValueError(f"`{param.name}` takes a number, e.g. `{param.name}:30`.") from None
    if kind is discord.AppCommandOptionType.boolean:
        return value.lower() in ("1", "true", "yes", "on")
    return value


@dataclass
class Console:
    """One simulated member talking to the bot; remembers the last thing shown."""

    env: Any
    member: Any
    channel: Any
    write: Callable[[str], object]
    last_message: Any = None
    last_result: Any = None
    handlers: dict[str, Callable[[str], Any]] = field(default_factory=dict)

    def show(self, message: discord.Message | None, prefix: str = "bot") -> None:
        if message is not None:
            self.last_message = message
            self.write(f"{prefix}> " + render(message).replace("\n", "\n     ") + "\n")

    def show_result(self, result: Any) -> None:
        self.last_result = result
        if result.modal is not None:
            title = result.modal.get("title", "form")
            self.write(f"bot> [form: {title}] answer with: type <text>\n")
            return
        if result.response is not None:
            self.show(result.response.message)
        for followup in result.followups:
            self.show(
                followup.message, prefix="bot (to channel)" if not followup.ephemeral else "bot"
            )
        if result.response is None and not result.followups:
            self.write("bot> (no visible answer)\n")

    async def slash(self, line: str) -> None:
        words = line[1:].split()
        command, used = find_command(self.env.bot.tree, words)
        if not isinstance(command, app_commands.Command):
            self.write("Unknown command. Type `help`, or `/help` for the bot's list.\n")
            return
        rest = line[1:].split(None, used)[used] if len(line[1:].split(None, used)) > used else ""
        try:
            options = command_options(command, rest)
        except ValueError as error:
            self.write(f"{error}\n")
            return
        self.show_result(await self.member.slash(self.channel, command.qualified_name, **options))

    async def dm(self, text: str) -> None:
        await self.member.send_dm(text)
        self.show(self.member.user.dm_channel.last_message)

    async def click(self, label: str) -> None:
        # A button on a DM reply (the Undo after logging by DM, a reading to pick) is
        # pressed as the user in their DMs, not as the server member.
        in_dm = getattr(self.last_message, "guild", None) is None
        clicker = self.member.user if in_dm else self.member
        self.show_result(await clicker.click(self.last_message, label=label))

    async def pick(self, number: str) -> None:
        menus = [
            child
            for row in self.last_message.components
            for child in getattr(row, "children", [])
            if isinstance(child, discord.components.SelectMenu)
        ]
        options = menus[0].options if menus else []
        index = int(number) - 1
        if not 0 <= index < len(options):
            self.write("No such option on the last menu.\n")
            return
        self.show_result(await self.member.select(self.last_message, [options[index].value]))

    async def type_into_form(self, text: str) -> None:
        if self.last_result is None or self.last_result.modal is None:
            self.write("No form is open.\n")
            return
        field_id = self.last_result.modal["components"][0]["components"][0]["custom_id"]
        self.show_result(await self.member.submit_modal(self.last_result, {field_id: text}))

    async def wait(self, amount: str) -> None:
        match = WAIT.match(amount.strip())
        if match is None:
            self.write("Say how long, e.g. `wait 2h` or `wait 1d`.\n")
            return
        await self.env.advance_time(float(match.group(1)) * WAIT_UNITS[match.group(2)])
        self.write(f"(it is now {self.env.now():%Y-%m-%d %H:%M} UTC)\n")

    async def handle(self, line: str) -> bool:
        """Run one line; False when the person wants to leave."""
        line = line.strip()
        verb, _, rest = line.partition(" ")
        if not line:
            return True
        if line in ("quit", "exit"):
            return False
        if line == "help":
            self.write(HELP + "\n")
        else:
            try:
                await self._act(line, verb, rest)
            except simcord.SetupError as error:
                # What Discord's own client refuses before the bot ever sees it (an option
                # out of range, a button that is not there) is shown the way the client would.
                self.write(f"Discord would not send that: {error}\n")
        return True

    async def _act(self, line: str, verb: str, rest: str) -> None:
        if line.startswith("/"):
            await self.slash(line)
        elif verb in ("click", "pick", "type", "wait"):
            if verb != "wait" and self.last_message is None and verb != "type":
                self.write("Nothing to act on yet.\n")
                return
            action = {
                "click": self.click,
                "pick": self.pick,
                "type": self.type_into_form,
                "wait": self.wait,
            }[verb]
            await action(shlex.split(rest)[0] if verb == "click" and rest else rest)
        else:
            await self.dm(line)


async def run_console(settings: Settings, stdin: TextIO = sys.stdin) -> None:
    bot = LegDayBot(settings.model_copy(update={"shard_count": 1, "shard_ids": None}))
    env = simcord.Env(bot, shard_count=1, check_errors=False)
    await env.start()
    try:
        # The simulation starts its clock in the past; move it to the real present.
        real_now = datetime.now(UTC)
        if real_now > env.now():
            await env.advance_time((real_now - env.now()) / timedelta(seconds=1))
        guild = env.create_guild("Leg Day Gym")
        channel = guild.create_text_channel("gym")
        member = guild.add_member(env.create_user("you"))
        console = Console(env, member, channel, write=sys.stdout.write)
        sys.stdout.write(f"Leg Day console, store: {bot.store.backend}. {HELP}\n")
        while True:
            if stdin.isatty():
                sys.stdout.write("you> ")
                sys.stdout.flush()
            line = stdin.readline()
            if not line or not await console.handle(line):
                break
            sys.stdout.flush()
    finally:
        await env.shutdown()
