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
    from storage.store import Store

log = logging.getLogger("legday")

CONSOLE_DATABASE = "sqlite:///./data/console.db"
DEMO_DATABASE = "sqlite:///./data/demo.db"

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


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


async def _open_database(settings: Settings) -> str:
    """Migrate the database, or exit with one line naming the variable; its backend."""
    from storage.store import Store

    try:
        store = Store(settings.database_url)
        try:
            await store.migrate()
        finally:
            await store.close()
    except Exception as error:  # the drivers' connection errors share no base class
        print(
            f"legday: cannot open the database in LEGDAY_DATABASE_URL ({_first_line(error)}). "
            "Check that it is running and the URL, user and password are right.",
            file=sys.stderr,
        )
        raise SystemExit(2) from None
    return store.backend


async def _run_until_signalled(settings: Settings, token: str) -> None:
    import aiohttp
    import discord

    from bot.bot import LegDayBot
    from bot.health import Heartbeat

    heartbeat = Heartbeat(settings.heartbeat_file, settings.heartbeat_seconds)
    bot = LegDayBot(settings, heartbeat=heartbeat)
    try:
        bot.serve_metrics()
    except OSError as error:
        await bot.store.close()
        print(
            f"legday: cannot serve metrics on {settings.metrics_host}:{settings.metrics_port} "
            f"({error.strerror}). Check LEGDAY_METRICS_PORT and LEGDAY_METRICS_HOST.",
            file=sys.stderr,
        )
        raise SystemExit(2) from None
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, _close_on, bot, signum)
    try:
        async with bot:
            await bot.start(token)
    except discord.LoginFailure:
        print("legday: Discord rejected the token. Check LEGDAY_DISCORD_TOKEN.", file=sys.stderr)
        raise SystemExit(2) from None
    except (OSError, aiohttp.ClientError, TimeoutError, discord.GatewayNotFound) as error:
        print(
            f"legday: cannot reach Discord ({_first_line(error)}). Check the network, or "
            "https://discordstatus.com, and run `legday run` again.",
            file=sys.stderr,
        )
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
    asyncio.run(_open_database(settings))  # before logging, so a failure is one line
    configure_logging(settings.log_level, settings.log_format, secrets=[token])
    asyncio.run(_run_until_signalled(settings, token))
    return 0


def cmd_db_upgrade(_args: argparse.Namespace) -> int:
    settings = _settings_or_exit()
    backend = asyncio.run(_open_database(settings))
    print(f"database ({backend}) is at the newest schema")
    return 0


def parse_report(text: str, unit: str) -> dict[str, object]:
    """What the bot would do with ``text``: entries, refused lines, lines it would ask about,
    and the date line above the sets (``day``, with its time of day when it has one).

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
        "day": read.day,
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
                        "per_side": s.per_side,
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

    def no_constant(name: str) -> object:
        raise ValueError(f"{name} is not a number JSON allows; write a finite number")

    try:
        text = Path(args.file).read_text(encoding="utf-8")
        given = load_analysis_input(json.loads(text, parse_constant=no_constant))
    except OSError as error:
        print(f"legday: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    except RecursionError:
        print(f"legday: {args.file}: the JSON is nested too deeply", file=sys.stderr)
        return 2
    except ValueError as error:  # json.JSONDecodeError and UnicodeDecodeError are too
        print(f"legday: {args.file}: {error}", file=sys.stderr)
        return 2
    assessment = assess(
        given.sets, given.checkins, given.profile, given.tz, given.as_of, given.deloads
    )
    # Strict JSON: the loader's bounds keep every figure finite, so this never refuses.
    print(json.dumps(to_json_dict(assessment), indent=2, ensure_ascii=False, allow_nan=False))
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

    database = args.database or (DEMO_DATABASE if args.demo else CONSOLE_DATABASE)
    settings = _settings_or_exit().model_copy(update={"database_url": database})
    if args.web:
        from bot.console_web import run_web

        return asyncio.run(run_web(settings, demo=args.demo, port=args.port))
    asyncio.run(run_console(settings, demo=args.demo))
    return 0


def cmd_schedule_next(args: argparse.Namespace) -> int:
    """The next occurrences of a weekly schedule, one ISO UTC time a line."""
    from datetime import UTC, datetime

    from coach.recurrence import RecurrenceError, Weekly, occurrences, parse_days, parse_time
    from coach.zones import read_zone

    try:
        rule = Weekly(parse_days(args.days), parse_time(args.time), read_zone(args.tz))
        after = datetime.fromisoformat(args.after) if args.after else datetime.now(UTC)
    except (RecurrenceError, ValueError) as error:
        print(f"legday: {error}", file=sys.stderr)
        return 2
    if after.tzinfo is None:
        after = after.replace(tzinfo=rule.tz)  # a bare time is read in the schedule's zone
    for moment in occurrences(rule, after, args.count):
        print(moment.isoformat().replace("+00:00", "Z"))
    return 0


def _user_store(settings: Settings) -> Store:
    from storage.store import Store

    return Store(settings.database_url)


CLI_MAP_HINT = 'run again with --map "name = exercise; ..." or describe it with /exercise add'


def cmd_import(args: argparse.Namespace) -> int:
    """Preview (and with --yes, write) an app export into a person's log."""
    import io
    import json
    import os
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfoNotFoundError

    from coach.imports.cells import check_start
    from coach.imports.plan import Summary, ZoneNeeded
    from coach.imports.preview import preview_lines
    from coach.imports.rows import ImportFileError
    from coach.vocabulary import Unit
    from services.data import read_import
    from storage.imports import ImportRequest

    request = ImportRequest(
        person_id=args.user,
        filename=os.path.basename(args.file),
        now=datetime.now(UTC),
        unit=Unit(args.unit) if args.unit else None,
        zone=args.zone,
        mapping=args.map,
    )
    settings = _settings_or_exit()

    async def go(text: io.TextIOWrapper) -> Summary:
        store = _user_store(settings)
        try:
            await store.migrate()
            return await read_import(store, request, text, write=args.yes)
        finally:
            await store.close()

    try:
        with open(args.file, "rb") as raw:
            check_start(raw.read(8192), os.fstat(raw.fileno()).st_size)
            raw.seek(0)
            summary = asyncio.run(go(io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")))
    except OSError as error:
        print(f"legday: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    except ImportFileError as error:
        print(f"legday: nothing was imported. {error}", file=sys.stderr)
        return 2
    except ZoneNeeded:
        print(
            "legday: this file's times have no zone and the person has none set: "
            "pass --zone, e.g. --zone Europe/Berlin.",
            file=sys.stderr,
        )
        return 2
    except ZoneInfoNotFoundError:
        print(f"legday: unknown time zone {args.zone!r}.", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary.as_json(), ensure_ascii=False))
    else:
        print("\n".join(preview_lines(summary, map_hint=CLI_MAP_HINT)))
        print("Imported." if args.yes else "Nothing written: run again with --yes to import.")
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    """Delete everything about one person, as /data forget does."""
    from services.data import forget

    settings = _settings_or_exit()

    async def go() -> dict[str, int]:
        store = _user_store(settings)
        try:
            await store.migrate()
            return await forget(store, args.user)
        finally:
            await store.close()

    touched = asyncio.run(go())
    if not touched:
        print(f"Leg Day holds nothing about user {args.user}.")
        return 0
    rows = ", ".join(f"{table} {count}" for table, count in sorted(touched.items()))
    print(f"Forgot user {args.user}: {rows}.")
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    """Exit 0 if the bot writing the heartbeat is connected and its dispatcher ticking."""
    from pathlib import Path

    from bot.health import check

    path = Path(args.file) if args.file else _settings_or_exit().heartbeat_file
    healthy, why = check(path)
    print(why, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1


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
    health = add(
        "health", cmd_health, "exit 0 if the running bot is connected and its dispatcher ticking"
    )
    health.add_argument("--file", help="the heartbeat file (default: LEGDAY_HEARTBEAT_FILE)")
    parse = add("parse", cmd_parse, "show, as JSON, what the bot would log for TEXT")
    parse.add_argument("--unit", choices=["kg", "lb"], default="kg", help="unit of bare numbers")
    parse.add_argument("text", nargs="*", help='e.g. "squat 3x5 100kg @8"')
    parse.add_argument(
        "--batch",
        metavar="FILE",
        help='JSON lines of {"text": ..., "unit": "kg"|"lb"}; prints one JSON result per line',
    )
    analyze = add("analyze", cmd_analyze, "print the findings and metrics for a JSON file")
    analyze.description = (
        "Judge a JSON file of sets and check-ins exactly as the bot does. The file's "
        "fields, every finding and its trigger: docs/coach.md."
    )
    analyze.add_argument("file", help="a JSON file as described in docs/coach.md")
    console = add("console", cmd_console, "try Leg Day in the terminal against a simulated Discord")
    console.add_argument(
        "--database",
        help=f"where the console keeps its data (default: {CONSOLE_DATABASE}, "
        f"with --demo {DEMO_DATABASE})",
    )
    console.add_argument(
        "--demo",
        action="store_true",
        help="a gym of four with four weeks of training, so every command has something to show",
    )
    console.add_argument(
        "--web",
        action="store_true",
        help="show the server in a browser page on 127.0.0.1 instead of the terminal",
    )
    console.add_argument("--port", type=int, default=8765, help="the page's port with --web")
    data_import = add("import", cmd_import, "preview an app export for a person; --yes imports it")
    data_import.add_argument("file", help="a Strong, Hevy, FitNotes or Liftosaur CSV export")
    data_import.add_argument("--user", type=int, required=True, help="the person's Discord id")
    data_import.add_argument(
        "--unit", choices=["kg", "lb"], help="unit of weights the file leaves open"
    )
    data_import.add_argument("--zone", help="IANA zone of times the file leaves open")
    data_import.add_argument(
        "--map", help='names the catalog does not match: "Jefferson Curl = rdl; High Row = row"'
    )
    data_import.add_argument("--yes", action="store_true", help="write the import")
    data_import.add_argument("--json", action="store_true", help="print the preview as JSON")
    forget_user = add("forget", cmd_forget, "delete everything Leg Day holds about a person")
    forget_user.add_argument("--user", type=int, required=True, help="the person's Discord id")
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
    upcoming.add_argument(
        "--tz", required=True, help="a place or offset, e.g. Europe/Berlin or UTC+5"
    )
    upcoming.add_argument("--after", help="ISO time to count from (default: now)")
    upcoming.add_argument("--count", type=int, default=5, help="how many (default: 5)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
