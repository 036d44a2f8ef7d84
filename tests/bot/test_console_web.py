"""`legday console --web`: the console's server in SimCord's browser preview, in Chromium.

A real headless Chromium (Debian's ``chromium``) opens the page, types ``/log`` into the
composer, picks the command, fills its option, sends it, and clicks the reply's button;
the page must show the bot's answers. Chromium is driven over its DevTools protocol with
aiohttp (which the preview extra brings), so no browser-automation package is needed.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.console import console_session
from bot.console_web import web_preview
from bot.settings import Settings

CHROMIUM = shutil.which("chromium")
SCREENSHOT = Path(__file__).parents[2] / "docs" / "console-web.png"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)


class Page:
    """One Chromium tab, spoken to over the DevTools protocol."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self.ids)
        await self.socket.send_json({"id": call_id, "method": method, "params": params})
        async for message in self.socket:
            data = json.loads(message.data)
            if data.get("id") == call_id:
                if "error" in data:
                    raise AssertionError(f"{method}: {data['error']}")
                return data.get("result", {})
        raise AssertionError("Chromium closed the connection")

    async def js(self, expression: str, *, test: bool = False) -> Any:
        result = await self.call(
            "Runtime.evaluate",
            expression=f"Boolean({expression})" if test else expression,
            returnByValue=True,
        )
        return result.get("result", {}).get("value")

    async def text(self) -> str:
        return await self.js("document.body.innerText") or ""

    async def until(self, what: str, seconds: float = 20) -> None:
        """Wait for the page to show ``what``, as a person would wait for a reply."""
        for _ in range(int(seconds * 10)):
            if await self.js(what, test=True):
                return
            await asyncio.sleep(0.1)
        raise AssertionError(f"the page never showed {what}:\n{await self.text()}")

    async def press(self, key: str, code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                code=key,
                windowsVirtualKeyCode=code,
                nativeVirtualKeyCode=code,
                **({"text": "\r"} if key == "Enter" and kind == "keyDown" else {}),
            )

    async def type(self, text: str) -> None:
        await self.call("Input.insertText", text=text)


def shows(text: str) -> str:
    return f"document.body.innerText.includes({json.dumps(text)})"


@pytest.fixture
async def page(tmp_path: Path) -> AsyncIterator[Page]:
    async with (
        console_session(settings_in(tmp_path), lambda _text: None) as console,
        web_preview(console) as preview,
        chromium(preview.url, tmp_path, "1100,800") as opened,
    ):
        yield opened


def settings_in(tmp_path: Path) -> Settings:
    url = f"sqlite:///{tmp_path / 'data' / 'console.db'}"
    return Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]


@asynccontextmanager
async def chromium(url: str, tmp_path: Path, size: str) -> AsyncIterator[Page]:
    """A headless Chromium window of ``size`` ("width,height") on ``url``."""
    browser = await asyncio.create_subprocess_exec(
        CHROMIUM or "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--remote-debugging-port=0",
        f"--user-data-dir={tmp_path / 'chromium'}",
        f"--window-size={size}",
        url,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    try:
        assert browser.stderr is not None
        endpoint = ""
        while "ws://" not in endpoint:
            line = await asyncio.wait_for(browser.stderr.readline(), 30)
            assert line, "Chromium exited before it listened"
            endpoint = line.decode()
        port = endpoint.split("ws://127.0.0.1:")[1].split("/")[0]
        async with aiohttp.ClientSession() as http:
            tabs = await (await http.get(f"http://127.0.0.1:{port}/json/list")).json()
            tab = next(t for t in tabs if t["type"] == "page")
            async with http.ws_connect(tab["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield Page(ws)
    finally:
        browser.kill()
        await browser.wait()


async def test_a_log_and_its_undo_button_in_the_browser(page: Page):
    await page.call("Emulation.setFocusEmulationEnabled", enabled=True)
    composer = "document.querySelector('#channel-composer-input')"
    await page.until(f"{composer} && {composer}.placeholder.includes('gym')")
    await page.js(f"{composer}.focus()")
    await page.type("/log")
    await page.until("document.querySelector('.command-entry.is-active') !== null")
    await page.press("Enter", 13)  # picks /log in the command picker
    # Without text /log opens a form, so `entry` is an option to add, as in Discord.
    await page.until("document.querySelector('.command-ghost') !== null")
    await page.js("document.querySelector('.command-ghost').click()")
    await page.until("document.querySelector('.command-suggestion[data-value=entry]') !== null")
    await page.js("document.querySelector('.command-suggestion[data-value=entry]').click()")
    await page.until("document.querySelector('.command-option-input[data-option=entry]') !== null")
    entry = "document.querySelector('.command-option-input[data-option=entry]')"
    # The picker re-renders the option row as it opens: type once the field keeps focus.
    await page.until(f"({entry}.focus(), document.activeElement === {entry})")
    await page.type("squat 3x5 100kg @8")
    await page.until(f"{entry}.value === 'squat 3x5 100kg @8'")
    send = "document.querySelector('button[aria-label=Send]')"
    await page.until(f"!{send}.disabled")
    await page.js(f"{send}.click()")

    await page.until(shows("Logged Back Squat: 3 x 5 at 100 kg @8"))
    shot = await page.call("Page.captureScreenshot", format="png")
    screenshot = base64.b64decode(shot["data"])
    assert screenshot.startswith(b"\x89PNG")
    if os.environ.get("LEGDAY_UPDATE_SCREENSHOT"):  # refreshes the README's picture
        SCREENSHOT.write_bytes(screenshot)
    await page.js(
        "[...document.querySelectorAll('button')]"
        ".find(b => b.innerText.trim().endsWith('Undo')).click()"
    )
    await page.until(shows("Undone: removed Back Squat 3 x 5 at 100 kg @8"))


LIVE_BOARD = Path(__file__).parents[2] / "docs" / "live-board.png"


async def test_the_live_board_on_a_phone_sized_page(tmp_path: Path):
    """A challenge's live board as the preview draws Components V2, at phone width."""
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    lines = [
        "member add mia --unit lb",
        "member add theo",
        "member add ben",
        f"/challenge create name:Leg Day Month metric:leg_sets goal:24 starts:{tomorrow} "
        f"ends:{tomorrow + timedelta(days=27)}",
        *(f"as {name}\n/challenge join Leg Day Month" for name in ("mia", "theo", "ben")),
        "wait 1d",
        "as theo",
        "/log squat 5x5 100kg; rdl 3x8 80kg; leg press 4x10 150kg",
        "as mia",
        "/log squat 4x6 185lb; leg curl 3x12 90lb",
        "as ben",
        "/log front squat 3x5 70kg",
        "wait 1m",
    ]
    async with console_session(settings_in(tmp_path), lambda _text: None) as console:
        for line in "\n".join(lines).splitlines():
            await console.handle(line)
        async with (
            web_preview(console, width=420, height=760) as preview,
            chromium(preview.url, tmp_path, "420,760") as page,
        ):
            await page.until(shows("Leg Day Month: live board"))
            await page.until(shows("4 taking part"))
            text = await page.text()
            # Viewed by @you, whose own replies are all before it: the board is the last.
            await page.until(shows("Viewport updated"))
            shot = await page.call("Page.captureScreenshot", format="png")
    picture = base64.b64decode(shot["data"])
    assert picture.startswith(b"\x89PNG")
    medals = ("🥇", "🥈", "🥉")
    ranks = [line.split(" ")[:2] for line in text.splitlines() if line.startswith(medals)]
    assert ranks == [["🥇", "@theo"], ["🥈", "@mia"], ["🥉", "@ben"]]  # 12, 7 and 3 leg sets
    if os.environ.get("LEGDAY_UPDATE_SCREENSHOT"):  # refreshes docs/live-board.png
        LIVE_BOARD.write_bytes(picture)
    (tmp_path / "live-board.png").write_bytes(picture)
