"""``legday console``: the real bot and cogs against a simulated Discord, in a terminal.

A way to try Leg Day before creating a Discord application, alone or as a group. The
simulated server (its channels and members, see ``bot.console_world``) is the same on every
start, so the data in ``data/console.db`` stays reachable. Slash commands run exactly as in
Discord, and the replies are printed as text; so is everything the bot sends by itself
(reminders by DM, challenge posts, weekly reports) as simulated time passes. That time
keeps pace with the real clock between typed lines, as Discord's would, and ``wait`` moves
it further ahead. Plain text (no leading ``/``) is sent to the bot as a DM, which logs it too.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any, TextIO

import discord
import simcord
from discord import app_commands
from simcord.backend.models.message import EPHEMERAL_FLAG
from simcord.results import to_discord_message

from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from bot.console_input import (
    choose,
    components_of,
    form_fields,
    form_values,
    interactive,
    menu_choice,
    named_values,
    read_entry,
)
from bot.console_world import Roster, World, world_file
from bot.settings import Settings
from coach.zones import stored_zone
from services import settings as settings_service

HELP = """\
Type a slash command as in Discord, e.g.
  /log squat 3x5 100kg @8          /log bench 80kg 5,5,4 when:yesterday    /log (a form)
  /history    /pr squat    /balance    /settings unit lb    /report setup #reports monday 09:00 UTC
Options go in order or as name:value; channels as #gym, members as @lifter2, files by path
(/data import file:~/strong.csv).
Plain text without / is sent to the bot as a DM (it logs that too).
Buttons, menus, forms (on the last message the bot showed):
  click Undo   click Log it   click 2      a button by label (spaces are fine, no quotes) or number
  pick 1       pick Sleep: 7  pick 2: 1, 3 an option of a menu (MENU: first when there are several)
  type 5       type score:5 days:21 where:knee        fill a form, field by field name
Several lines: end a line with \\ to go on, or open a block with \"\"\" and close it with \"\"\".
In the channel: say squat 3x5 100kg (post it)   apps Log this (on the newest post there)
People and places: members   as lifter2   member add lifter3 --unit lb --zone America/New_York
                   channel #reports (where your slash commands run; #gym at first)
Time: wait 90s, wait 2h or wait 1d (what the bot sends meanwhile is shown)    Other: help  quit"""

COMPONENTS_V2 = discord.MessageFlags(components_v2=True).value
TIMESTAMP = re.compile(r"<t:(\d+)(?::([a-zA-Z]))?>")
MENTION = re.compile(r"<(@!?|#)(\d+)>")
WAIT = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd])$")
WAIT_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MEMBER_ADD = re.compile(r"^add\s+(\S+)((?:\s+--(?:unit|zone)\s+\S+)*)\s*$")


def relative(moment: datetime, now: datetime) -> str:
    """``in 2 minutes``, ``3 hours ago``: a relative timestamp as Discord's client words it."""
    seconds = round((moment - now).total_seconds())
    size = abs(seconds)
    unit, length = next(
        (pair for pair in (("day", 86400), ("hour", 3600), ("minute", 60)) if size >= pair[1]),
        ("second", 1),
    )
    count = round(size / length)
    amount = f"{count} {unit}{'' if count == 1 else 's'}"
    return f"in {amount}" if seconds > 0 else f"{amount} ago"


def wall_time(moment: datetime, zone: tzinfo) -> str:
    """A moment as the viewer's clock shows it, with the zone's short name."""
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def readable_timestamps(text: str, now: datetime, zone: tzinfo = UTC) -> str:
    """Discord's ``<t:...>`` as its client shows them, in the viewer's zone: the date, the
    time, or (``R``) relative to ``now``."""

    def replace(match: re.Match[str]) -> str:
        moment = datetime.fromtimestamp(int(match.group(1)), UTC)
        if match.group(2) == "d":
            return f"{moment.astimezone(zone):%Y-%m-%d}"
        if match.group(2) == "R":
            return relative(moment, now)
        return wall_time(moment, zone)

    return TIMESTAMP.sub(replace, text)


def readable_mentions(text: str, names: dict[int, str]) -> str:
    """``<@123>`` and ``<#456>`` as the ``@name`` and ``#name`` Discord's client shows."""

    def replace(match: re.Match[str]) -> str:
        name = names.get(int(match.group(2)))
        return name if name is not None else match.group(0)

    return MENTION.sub(replace, text)


def layout_lines(message: discord.Message) -> list[str]:
    """A Components V2 layout as text: headings as ``== title ==``, small print in
    brackets, a gallery's images by name with their alt text, separators as a rule."""
    out: list[str] = []
    for item in components_of(message):
        if isinstance(item, discord.TextDisplay):
            for line in item.content.splitlines():
                if line.startswith("#") and line.lstrip("#").startswith(" "):
                    out.append(f"== {line.lstrip('#').strip()} ==")
                elif line.startswith("-# "):
                    out.append(f"({line[3:]})")
                else:
                    out.append(line)
        elif isinstance(item, discord.MediaGalleryComponent):
            for media in item.items:
                name = media.media.url.rsplit("/", 1)[-1]
                out.append(f"[image {name}: {media.description or 'no description'}]")
        elif isinstance(item, discord.SeparatorComponent) and item.visible:
            out.append("-" * 20)
    return out


def render(
    message: discord.Message, files: Callable[[Any], str] | None = None, zone: tzinfo = UTC
) -> str:
    """A message as text: content, embeds with fields, a layout's texts and images,
    buttons and numbered menu options; timestamps in ``zone``, the viewer's."""
    out: list[str] = []
    if message.content:
        out.append(message.content)
    out += layout_lines(message)
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
        where = f" saved as {files(attachment)}" if files else ""
        out.append(f"[attachment: {attachment.filename}{where}]")
    buttons, menus = interactive(message)
    if buttons:
        out.append(
            " ".join(f"[{b.label}]" + (" (disabled)" if b.disabled else "") for b in buttons)
        )
    for number, menu in enumerate(menus, start=1):
        out.append(f"menu {number}: {menu.placeholder or ''}")
        out += [
            f"  {n}. {o.label}" + (" (picked)" if o.default else "")
            for n, o in enumerate(menu.options, start=1)
        ]
    # Relative times as of when the message was last written, which is when it is shown.
    return readable_timestamps("\n".join(out), message.edited_at or message.created_at, zone)


def find_command(tree: app_commands.CommandTree, words: list[str]) -> tuple[Any, int]:
    """The command named by the first words (group then subcommand), and how many it took."""
    command = tree.get_command(words[0]) if words else None
    if isinstance(command, app_commands.Group) and len(words) > 1:
        sub = command.get_command(words[1])
        if sub is not None:
            return sub, 2
    return command, 1


@dataclass
class Console:
    """The simulated server, who is typing, and the last thing the bot showed them."""

    env: Any
    world: World
    write: Callable[[str], object]
    files: Path
    member: Any = None
    channel: Any = None
    target: tuple[int, int] | None = None
    last_result: Any = None
    form_opener: Any = None  # who opened the open form: a member, or a user in a DM
    seen: set[int] = field(default_factory=set)
    # A live layout (a challenge's board) edits itself: shown again when its edit is new.
    seen_edits: dict[int, str | None] = field(default_factory=dict)
    # How far the simulated clock runs ahead of the real one: each `wait` adds to it.
    ahead: timedelta = timedelta(0)
    real_now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # Discord shows times on the viewer's clock: the member's /settings timezone here.
    zone: tzinfo = UTC

    def __post_init__(self) -> None:
        self.member = self.member or self.world.owner
        self.channel = self.channel or self.world.channels["gym"]

    # ---------------------------------------------------------------- showing

    def save_file(self, attachment: discord.Attachment) -> str:
        """Keep an image the bot sent, so a person can open it; the path is printed."""
        data = self.env.backend.cdn.get(attachment.url)
        path = self.files / f"{attachment.id}-{attachment.filename}"
        if data is not None and not path.exists():
            self.files.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return str(path)

    def show(self, message: discord.Message, prefix: str = "bot") -> None:
        self.seen.add(message.id)
        if interactive(message) != ([], []):
            self.target = (message.channel.id, message.id)
        text = render(message, self.save_file, self.zone).replace("\n", "\n     ")
        text = readable_mentions(text, self.world.names())
        self.write(f"{prefix}> {text}\n")

    def show_result(self, result: Any) -> None:
        self.last_result = result
        if result.modal is not None:
            self.show_form(result.modal)
        if result.response is not None:
            self.show(result.response.message)
        for followup in result.followups:
            self.show(followup.message, "bot" if followup.ephemeral else "bot (to channel)")
        if result.response is None and not result.followups and result.modal is None:
            self.write("bot> (no visible answer)\n")
        self.show_unprompted()

    def show_form(self, modal: dict[str, Any]) -> None:
        fields = form_fields(modal)
        lines = [f"bot> [form: {modal.get('title', 'form')}]"]
        for shown_field in fields:
            lines.append(f"     {shown_field['custom_id']}: {shown_field.get('label') or ''}")
            if filled := shown_field.get("value"):
                lines.append(f"       filled in: {filled} (type another to change it)")
            if options := shown_field.get("options"):
                lines.append("       one of: " + ", ".join(o["label"] for o in options))
        example = " ".join(f"{f['custom_id']}:..." for f in fields)
        lines.append(f"     answer with: type {example}" if len(fields) > 1 else "     type <text>")
        self.write("\n".join(lines) + "\n")

    def show_unprompted(self) -> None:
        """Everything the bot sent by itself since the last look: posts, DMs, reports."""
        places = [*self.world.channels.values()]
        places += [m.user.dm_channel for m in self.world.members.values()]
        # Stored messages are checked before they are built: a demo server has hundreds.
        fresh = [
            stored
            for place in places
            for stored in self.env.backend.messages.get(place.id, {}).values()
            if (stored.id not in self.seen or self._edited_layout(stored))
            and stored.author_id == self.env.bot.user.id
            and not stored.flags & EPHEMERAL_FLAG
        ]
        for stored in sorted(fresh, key=lambda m: m.id):
            message = to_discord_message(self.env, stored)
            where = self.world.channel_named(message.channel.id)
            when = wall_time(message.created_at, self.zone)
            if stored.id in self.seen:
                when = f"edited {wall_time(message.edited_at or message.created_at, self.zone)}"
            self.seen_edits[stored.id] = stored.edited_timestamp
            self.show(message, f"bot [{where}, {when}]")

    def _edited_layout(self, stored: Any) -> bool:
        """A layout message shown before whose content was edited since."""
        return bool(stored.flags & COMPONENTS_V2) and (
            stored.edited_timestamp != self.seen_edits.get(stored.id)
        )

    def current(self) -> discord.Message | None:
        """The last message with components, as it is now (views edit their messages)."""
        if self.target is None:
            return None
        return to_discord_message(self.env, self.env.backend.get_message(*self.target))

    def actor_for(self, message: discord.Message) -> Any:
        # In a DM the person acts as a user, not as a member of the server.
        return self.member.user if message.guild is None else self.member

    # ---------------------------------------------------------------- verbs

    async def slash(self, line: str) -> None:
        words = line[1:].split()
        command, used = find_command(self.env.bot.tree, words)
        if not isinstance(command, app_commands.Command):
            self.write("Unknown command. Type `help`, or `/help` for the bot's list.\n")
            return
        parts = line[1:].split(None, used)
        rest = parts[used] if len(parts) > used else ""
        # By the names Discord shows, which app_commands.rename may set apart from the
        # Python ones (/data import's ``map``).
        params = {p.display_name: p for p in command.parameters}
        required = [p.display_name for p in command.parameters if p.required]
        values = named_values(list(params), rest, required)
        options = {name: await self.convert(params[name], value) for name, value in values.items()}
        self.form_opener = self.member
        result = await self.member.slash(self.channel, command.qualified_name, **options)
        self.show_result(result)

    async def convert(self, param: app_commands.Parameter, value: str) -> Any:
        kind, option = param.type, param.display_name
        if kind is discord.AppCommandOptionType.attachment:
            # A file on this computer, attached as Discord's client would attach it.
            try:
                return await asyncio.to_thread(_attached, value)
            except OSError:
                raise ValueError(
                    f"`{option}` takes a file on this computer, e.g. `{option}:~/strong.csv`: "
                    f"I couldn't read `{value}`."
                ) from None
        try:
            if kind is discord.AppCommandOptionType.integer:
                return int(value)
            if kind is discord.AppCommandOptionType.number:
                return float(value)
        except ValueError:
            raise ValueError(f"`{option}` takes a number, e.g. `{option}:30`.") from None
        if kind is discord.AppCommandOptionType.boolean:
            return value.lower() in ("1", "true", "yes", "on")
        if kind is discord.AppCommandOptionType.channel:
            channel = self.world.channel(value)
            if channel is None:
                names = ", ".join(f"#{name}" for name in self.world.channels)
                raise ValueError(f"`{option}` takes a channel: {names}.")
            return channel
        if kind in (discord.AppCommandOptionType.user, discord.AppCommandOptionType.mentionable):
            member = self.world.member(value)
            if member is None:
                raise ValueError(f"`{option}` takes a member, e.g. @{self.member.name}.")
            return member
        return value

    async def say(self, text: str) -> None:
        """Post in the current channel as the current member, as people paste workouts."""
        if not text.strip():
            raise ValueError("Say what, e.g. `say squat 3x5 100kg`.")
        await self.member.send(self.channel, text)
        self.write(f"(posted in #{self.channel.name})\n")
        self.show_unprompted()

    def last_said(self) -> discord.Message | None:
        """The newest message a member (not the bot) posted in the current channel."""
        stored = [
            message
            for message in self.env.backend.messages.get(self.channel.id, {}).values()
            if message.author_id != self.env.bot.user.id
        ]
        latest = max(stored, key=lambda message: message.id, default=None)
        return to_discord_message(self.env, latest) if latest is not None else None

    async def apps(self, name: str) -> None:
        """A message's Apps menu (``apps Log this``), on the newest member's message here."""
        menus = self.env.bot.tree.get_commands(type=discord.AppCommandType.message)
        if not menus:
            raise ValueError("The bot has no message apps.")
        menu = menus[choose("app", name or "1", [m.name for m in menus])]
        target = self.last_said()
        if target is None:
            raise ValueError("Nobody has posted here yet: `say squat 3x5 100kg` first.")
        self.form_opener = self.member
        self.show_result(await self.member.context_menu(self.channel, menu.name, target))

    async def dm(self, text: str) -> None:
        await self.member.send_dm(text)
        self.show_unprompted()

    async def click(self, wanted: str) -> None:
        message = self.current()
        buttons, _ = interactive(message) if message else ([], [])
        if message is None or not buttons:
            raise ValueError("The last message has no buttons.")
        button = buttons[choose("button", wanted, [b.label or "" for b in buttons])]
        self.form_opener = self.actor_for(message)
        self.show_result(await self.form_opener.click(message, custom_id=button.custom_id))

    async def pick(self, text: str) -> None:
        message = self.current()
        if message is None:
            raise ValueError("The last message has no menu.")
        menu, values = menu_choice(interactive(message)[1], text)
        self.form_opener = self.actor_for(message)
        self.show_result(await self.form_opener.select(message, values, custom_id=menu.custom_id))

    async def type_into_form(self, text: str) -> None:
        result = self.last_result
        if result is None or result.modal is None:
            raise ValueError("No form is open.")
        fields = form_fields(result.modal)
        values = form_values(fields, named_values([f["custom_id"] for f in fields], text))
        # The one who opened the form submits it: a member, or a user in a DM.
        self.show_result(await (self.form_opener or self.member).submit_modal(result, values))

    async def keep_time(self) -> None:
        """Move the simulated clock on by the real time since the last line. Left still, it
        would hold a newcomer's ninth command in 20 s forever behind the rate limit, date
        every log to the minute the console started and keep every reminder away."""
        target = self.real_now() + self.ahead
        if target > self.env.now():
            await self.env.advance_time((target - self.env.now()) / timedelta(seconds=1))

    async def wait(self, amount: str) -> None:
        match = WAIT.match(amount.strip())
        if match is None:
            raise ValueError("Say how long, e.g. `wait 2h` or `wait 1d`.")
        seconds = float(match.group(1)) * WAIT_UNITS[match.group(2)]
        # Step an hour at a time so what the bot sends shows in the order it was sent.
        while seconds > 0:
            step = min(seconds, 3600.0)
            await self.env.advance_time(step)
            seconds -= step
            self.show_unprompted()
        self.ahead = self.env.now() - self.real_now()
        self.write(f"(it is now {wall_time(self.env.now(), self.zone)})\n")

    async def switch_member(self, name: str) -> None:
        member = self.world.member(name.strip())
        if member is None:
            raise ValueError(f"No member called {name}. `members` lists them.")
        self.member, self.target, self.last_result, self.form_opener = member, None, None, None
        self.write(f"(you are now {member.name})\n")

    async def switch_channel(self, name: str) -> None:
        channel = self.world.channel(name.strip())
        if channel is None:
            raise ValueError(
                f"No channel {name}: {', '.join('#' + n for n in self.world.channels)}"
            )
        self.channel = channel
        self.write(f"(slash commands now run in #{channel.name})\n")

    async def list_members(self, _rest: str) -> None:
        owner = self.world.owner
        for name, member in self.world.members.items():
            notes = [" owner, Manage Server" if member is owner else ""]
            notes.append(" <- you" if member is self.member else "")
            self.write(f"@{name}{''.join(notes)}\n")

    async def add_member(self, rest: str) -> None:
        match = MEMBER_ADD.match(rest.strip())
        if match is None:
            raise ValueError("Say it like `member add lifter3 --unit lb --zone America/New_York`.")
        name = match.group(1).lstrip("@")
        if self.world.member(name) is not None:
            raise ValueError(f"@{name} is already a member.")
        flags = dict(re.findall(r"--(unit|zone)\s+(\S+)", match.group(2)))
        member = self.world.add(name)
        self.write(f"(@{name} joined the server)\n")
        before = self.member
        self.member = member
        try:
            if "unit" in flags:
                await self.slash(f"/settings unit {flags['unit']}")
            if "zone" in flags:
                await self.slash(f"/settings timezone {flags['zone']}")
        finally:
            self.member = before

    async def handle(self, line: str) -> bool:
        """Run one typed entry at the real present; False when the person wants to leave."""
        await self.keep_time()
        return await self.run(line)

    async def run(self, line: str) -> bool:
        """Run one entry at the simulated present (the demo replays its weeks this way);
        False when the person wants to leave."""
        line = line.strip()
        verb, _, rest = line.partition(" ")
        if not line:
            self.show_unprompted()  # Enter alone: what has come meanwhile
            return True
        if line in ("quit", "exit"):
            return False
        if line == "help":
            self.write(HELP + "\n")
            return True
        try:
            self.zone = await self._viewers_zone()
            self.show_unprompted()  # what came meanwhile, before the answer to this line
            await self._act(line, verb, rest)
        except ValueError as error:
            self.write(f"{error}\n")
        except simcord.SetupError as error:
            # What Discord's own client refuses before the bot ever sees it (an option
            # out of range, a button that is not there) is shown the way the client would.
            self.write(f"Discord would not send that: {error}\n")
        return True

    async def _viewers_zone(self) -> tzinfo:
        """The zone the member typing set with /settings timezone, else UTC."""
        shown = await settings_service.show(self.env.bot.store, self.member.id, now=self.env.now())
        return stored_zone(shown.timezone) if shown.timezone else UTC

    async def _act(self, line: str, verb: str, rest: str) -> None:
        verbs: dict[str, Callable[[str], Any]] = {
            "click": self.click,
            "pick": self.pick,
            "type": self.type_into_form,
            "wait": self.wait,
            "as": self.switch_member,
            "channel": self.switch_channel,
            "members": self.list_members,
            "member": self.add_member,
            "say": self.say,
            "apps": self.apps,
        }
        if line.startswith("/"):
            await self.slash(line)
        elif verb in verbs:
            await verbs[verb](rest)
        else:
            await self.dm(line)


def _attached(path_text: str) -> tuple[str, bytes]:
    path = Path(path_text).expanduser()
    return path.name, path.read_bytes()


async def start_env(bot: LegDayBot) -> Any:
    """A running simulated Discord whose clock shows the real present."""
    env = simcord.Env(bot, shard_count=1, check_errors=False)
    await env.start()
    return env


def ahead_of_real_time(env: Any, roster: Roster) -> timedelta:
    """How far ahead of the real clock a start picks up: where the last run's waits left
    it, if that is still to come."""
    left_at = roster.left_at or env.now()
    return max(timedelta(0), left_at - datetime.now(UTC))


@asynccontextmanager
async def console_session(
    settings: Settings, write: Callable[[str], object], *, demo: bool = False
) -> AsyncIterator[Console]:
    """The bot against the persistent simulated server, ready for typed lines."""
    # Charts on a thread: the simulated world waits for its bot to settle, which a worker
    # process still importing matplotlib for seconds would not let it do in time.
    one_process = {"shard_count": 1, "shard_ids": None, "render_workers": 0}
    bot = LegDayBot(settings.model_copy(update=one_process), clock=SimulatedClock())
    env = await start_env(bot)
    try:
        world_path = world_file(settings.database_url)
        fresh = not world_path.exists()
        world = World(env, Roster.load(world_path))
        console = Console(env, world, write, files=world_path.parent / "console-files")
        if demo:
            from bot.console_demo import seed_demo

            # A new demo replays its four weeks from four weeks ago, up to the present.
            await seed_demo(console, fresh=fresh)
        # The simulation starts its clock in the past; it moves after the server is built,
        # so the server's ids are the same on every start.
        console.ahead = ahead_of_real_time(env, world.roster)
        await console.keep_time()
        yield console
        world.roster.left_at = env.now()
        world.roster.save()
    finally:
        await env.shutdown()
        await bot.store.close()  # SimCord detaches the bot without closing it


async def read_and_run(
    console: Console, stdin: TextIO, after: Callable[[], Awaitable[object]] | None = None
) -> None:
    """Run what is typed until ``quit`` or the end of the input."""
    tty = stdin.isatty()
    while True:
        if tty:
            console.write(f"{console.member.name}> ")
            sys.stdout.flush()
        line = read_entry(stdin, console.write if tty else lambda _: None)
        if line is None or not await console.handle(line):
            break
        if after is not None:
            await after()
        sys.stdout.flush()


async def run_console(
    settings: Settings,
    stdin: TextIO = sys.stdin,
    write: Callable[[str], object] = sys.stdout.write,
    *,
    demo: bool = False,
) -> None:
    async with console_session(settings, write, demo=demo) as console:
        write(f"Leg Day console, store: {console.env.bot.store.backend}. {HELP}\n")
        await read_and_run(console, stdin)
