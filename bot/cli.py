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
    db = commands.add_parser("db", help="database maintenance").add_subparsers(
        dest="db_command", required=True, metavar="ACTION"
    )
    db.add_parser("upgrade", help="apply pending migrations").set_defaults(handler=cmd_db_upgrade)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
