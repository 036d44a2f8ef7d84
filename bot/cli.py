"""The ``legday`` command line: run the bot, manage the database, and offline tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot import __version__
from bot.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from bot.bot import LegDayBot

log = logging.getLogger("legday")

CONSOLE_DATABASE = "sqlite+aiosqlite:///./data/console.db"

# View Channels, Send Messages, Embed Links, Attach Files, Read Message History.
BOT_PERMISSIONS = 1024 | 2048 | 16384 | 32768 | 65536

NO_TOKEN_HELP = f"""\
Leg Day needs a Discord bot token to connect, and none is set.

1. Open https://discord.com/developers/applications and choose "New Application".
2. Under "Bot", press "Reset Token" and copy the token. No privileged intents are needed.
3. Put it in a file named .env next to pyproject.toml (never commit this file):
       LEGDAY_DISCORD_TOKEN=your-token-here
   (.env.example in deploy/ lists every setting.)
4. Invite the bot with this link, replacing APPLICATION_ID with the id on "General Information":
       https://discord.com/oauth2/authorize?client_id=APPLICATION_ID&scope=bot+applications.commands&permissions={BOT_PERMISSIONS}
5. Run `legday run` again. To try Leg Day without Discord first, run `legday console`.
"""


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        print(f"legday: {error}", file=sys.stderr)
        raise SystemExit(2) from None


async def _run_until_signalled(settings: Settings, token: str) -> None:
    import discord

    from bot.bot import LegDayBot

    bot = LegDayBot(settings)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, _close_on, bot, signum)
    try:
        async with bot:
            await bot.start(token)
    except discord.LoginFailure:
        print("legday: Discord rejected the token. Check LEGDAY_DISCORD_TOKEN.", file=sys.stderr)
        raise SystemExit(2) from None


def _close_on(bot: LegDayBot, signum: signal.Signals) -> None:
    log.info("received %s, shutting down", signum.name)
    asyncio.get_running_loop().create_task(bot.close())


def cmd_run(_args: argparse.Namespace) -> int:
    from bot.logs import configure_logging

    settings = _settings_or_exit()
    if settings.discord_token is None:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return 2
    token = settings.discord_token.get_secret_value()
    configure_logging(settings.log_level, settings.log_format, secrets=[token])
    asyncio.run(_run_until_signalled(settings, token))
    return 0


def cmd_db_upgrade(_args: argparse.Namespace) -> int:
    from storage.store import Store

    settings = _settings_or_exit()

    async def upgrade() -> str:
        store = Store(settings.database_url)
        try:
            await store.migrate()
        finally:
            await store.close()
        return store.backend

    backend = asyncio.run(upgrade())
    print(f"database ({backend}) is at the newest schema")
    return 0


def parse_report(text: str, unit: str) -> dict[str, object]:
    """What the bot would do with ``text``: entries, refused lines and lines it would ask about.

    Nobody has picked a reading here, so every ambiguous line is listed with its readings.
    """
    from coach.catalog import load_catalog
    from coach.entries import Entry, read_entries
    from coach.vocabulary import Unit

    def exercise(entry: Entry) -> dict[str, object]:
        known = entry.exercise
        return {
            "key": known.key if known else None,
            "name": entry.name,
            "region": known.region.value if known else None,
            "pattern": known.pattern.value if known else None,
        }

    read = read_entries(text, Unit(unit), load_catalog())
    return {
        "entries": [
            {
                "exercise": exercise(entry),
                "sets": [
                    {
                        "weight_kg": s.weight_kg,
                        "reps": s.reps,
                        "seconds": s.seconds,
                        "rpe": s.rpe,
                        "warmup": s.warmup,
                        "bodyweight": s.bodyweight,
                    }
                    for s in entry.sets
                ],
                "note": entry.note,
            }
            for entry in read.entries
        ],
        "errors": [{"message": message} for message in read.errors],
        "ambiguous": [
            {"line": question.line, "readings": [option.label for option in question.options]}
            for question in read.questions
        ],
    }


def cmd_parse(args: argparse.Namespace) -> int:
    import json

    if args.batch is not None:
        # One process for a whole corpus: loading the catalog dominates a single parse.
        with open(args.batch, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    case = json.loads(line)
                    report = parse_report(str(case["text"]), str(case.get("unit", args.unit)))
                    print(json.dumps(report, ensure_ascii=False))
        return 0
    if not args.text:
        print("give TEXT to read, or --batch FILE", file=sys.stderr)
        return 2
    report = parse_report(" ".join(args.text), args.unit)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if report["entries"] else 1


def cmd_analyze(args: argparse.Namespace) -> int:
    """The bot's judgement of the data in FILE (format in the balance spec), as JSON."""
    import json
    from pathlib import Path

    from coach.analysis_file import load_analysis_input
    from coach.findings import assess, to_json_dict

    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"))
        given = load_analysis_input(data)
    except OSError as error:
        print(f"legday: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    except ValueError as error:  # json.JSONDecodeError is a ValueError too
        print(f"legday: {args.file}: {error}", file=sys.stderr)
        return 2
    assessment = assess(given.sets, given.checkins, given.profile, given.tz, given.as_of)
    print(json.dumps(to_json_dict(assessment), indent=2, ensure_ascii=False))
    return 0


def cmd_console(args: argparse.Namespace) -> int:
    try:
        import simcord  # noqa: F401
    except ImportError:
        print(
            "legday: the console needs the simulated Discord (simcord); run it with "
            "`python -m uv run --locked legday console`.",
            file=sys.stderr,
        )
        return 2
    from bot.console import run_console

    settings = _settings_or_exit().model_copy(update={"database_url": args.database})
    asyncio.run(run_console(settings))
    return 0


def cmd_schedule_next(args: argparse.Namespace) -> int:
    """The next occurrences of a weekly schedule, one ISO UTC time a line."""
    from datetime import UTC, datetime

    from coach.recurrence import RecurrenceError, Weekly, occurrences, parse_days, parse_time

    try:
        rule = Weekly(parse_days(args.days), parse_time(args.time), args.tz)
        after = datetime.fromisoformat(args.after) if args.after else datetime.now(UTC)
    except (RecurrenceError, ValueError) as error:
        print(f"legday: {error}", file=sys.stderr)
        return 2
    if after.tzinfo is None:
        after = after.replace(tzinfo=rule.tz)  # a bare time is read in the schedule's zone
    for moment in occurrences(rule, after, args.count):
        print(moment.isoformat().replace("+00:00", "Z"))
    return 0


def cmd_version(_args: argparse.Namespace) -> int:
    print(f"legday {__version__}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="legday", description="Leg Day, the balanced-training bot."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    add("run", cmd_run, "connect to Discord and serve (needs LEGDAY_DISCORD_TOKEN)")
    add("version", cmd_version, "print the version")
    parse = add("parse", cmd_parse, "show, as JSON, what the bot would log for TEXT")
    parse.add_argument("--unit", choices=["kg", "lb"], default="kg", help="unit of bare numbers")
    parse.add_argument("text", nargs="*", help='e.g. "squat 3x5 100kg @8"')
    parse.add_argument(
        "--batch",
        metavar="FILE",
        help='JSON lines of {"text": ..., "unit": "kg"|"lb"}; prints one JSON result per line',
    )
    analyze = add("analyze", cmd_analyze, "print the findings and metrics for a JSON file")
    analyze.add_argument("file", help="a file in the format of the balance spec")
    console = add("console", cmd_console, "try Leg Day in the terminal against a simulated Discord")
    console.add_argument(
        "--database",
        default=CONSOLE_DATABASE,
        help=f"where the console keeps its data (default: {CONSOLE_DATABASE})",
    )
    db = commands.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", required=True, metavar="ACTION"
    )
    db.add_parser("upgrade", help="apply pending migrations").set_defaults(handler=cmd_db_upgrade)
    schedule = commands.add_parser("schedule", help="weekly schedules").add_subparsers(
        dest="schedule_command", required=True, metavar="ACTION"
    )
    upcoming = schedule.add_parser(
        "next", help="print the next occurrences of a weekly schedule, in UTC"
    )
    upcoming.set_defaults(handler=cmd_schedule_next)
    upcoming.add_argument("--days", required=True, help="e.g. mon,thu")
    upcoming.add_argument("--time", required=True, help="local time, e.g. 18:00 or 6pm")
    upcoming.add_argument("--tz", required=True, help="IANA zone, e.g. Europe/Berlin")
    upcoming.add_argument("--after", help="ISO time to count from (default: now)")
    upcoming.add_argument("--count", type=int, default=5, help="how many (default: 5)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
