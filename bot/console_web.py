"""``legday console --web``: the console's server in SimCord's browser preview.

The same persistent server as the terminal console (same data, same members), shown in a
Discord-like page on 127.0.0.1: the slash-command picker, buttons, forms and charts work
with a mouse, and the page's "Viewing as" picker switches between the members. The
terminal keeps taking console lines meanwhile (``wait 1d`` moves time on, and what the bot
sends by itself then appears in the page after it is refreshed).
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TextIO

from bot.console import Console, console_session, read_and_run
from bot.settings import Settings


@asynccontextmanager
async def web_preview(
    console: Console, port: int = 0, *, width: int = 1100, height: int = 800
) -> AsyncIterator[Any]:
    """The page for #gym, which every member of the server may view and act in."""
    world = console.world
    preview = console.env.preview(
        world.channels["gym"],
        viewers=list(world.members.values()),
        layout="channel",
        width=width,
        height=height,
        port=port,
    )
    async with preview:
        yield preview


async def run_web(
    settings: Settings,
    *,
    demo: bool = False,
    port: int = 8765,
    stdin: TextIO = sys.stdin,
    write: Callable[[str], object] = sys.stdout.write,
) -> int:
    async with (
        console_session(settings, write, demo=demo) as console,
        web_preview(console, port) as preview,
    ):
        write(
            f"Leg Day in your browser: {preview.url}\n"
            "(the address holds a key to this session: keep it to yourself)\n"
            "This terminal still takes console lines (help, wait 1d, quit); "
            "press Refresh preview in the page to see what they changed.\n"
        )
        await read_and_run(console, stdin, after=preview.refresh)
        if not stdin.isatty():
            await preview.wait_closed()  # input came from a pipe: serve until the page ends it
    return 0
