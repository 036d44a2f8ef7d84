"""What an operator sees of a running bot: the metrics endpoint, one log line per command,
and the heartbeat behind ``legday health``."""

from __future__ import annotations

import json
import logging
import re
import socket
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest
from discord import app_commands
from prometheus_client.parser import text_string_to_metric_families

from bot.bot import LegDayBot
from bot.clock import SimulatedClock
from bot.health import Heartbeat, check
from bot.logs import JsonFormatter
from bot.settings import Settings
from bot.tree import suggestions
from cogs._common import OwnerView
from tests.e2e.test_privacy import autocompleted

ENTRY = "squat 3x5 100kg @8"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def settings(database_url: str) -> Settings:
    # No render worker: starting one costs a second of CPU and nothing here draws a chart
    # (tests/bot/test_offload.py tests the workers).
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=database_url,
        shard_count=1,
        metrics_port=free_port(),
        metrics_host="127.0.0.1",
        render_workers=0,
    )


@pytest.fixture
async def simcord_bot(settings: Settings, tmp_path: Path) -> AsyncIterator[LegDayBot]:
    """The real bot with a heartbeat (as ``legday run`` gives it) and a failing command."""
    bot = LegDayBot(
        settings,
        clock=SimulatedClock(),
        heartbeat=Heartbeat(tmp_path / "heartbeat.json", interval=30.0),
    )

    @bot.tree.command(name="explode", description="Fails on purpose (test only).")
    async def explode(interaction: discord.Interaction) -> None:
        raise RuntimeError("kaboom")

    @bot.tree.command(name="pick", description="Offers choices that fail (test only).")
    async def pick(interaction: discord.Interaction, what: str) -> None:
        await interaction.response.send_message(what)

    @pick.autocomplete("what")
    @suggestions
    async def broken_choices(
        _interaction: discord.Interaction, _current: str
    ) -> list[app_commands.Choice[str]]:
        raise RuntimeError("kaboom")

    @bot.tree.command(name="fuse", description="A button that fails on purpose (test only).")
    async def fuse(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Careful.", view=Fuse(interaction.user.id))

    yield bot
    await bot.store.close()


class Fuse(OwnerView):
    @discord.ui.button(label="Light it", custom_id="fuse:light")
    async def light(self, _interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        raise RuntimeError("kaboom")


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample on ``/metrics``, keyed by name and sorted labels."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def command(
    name: str, outcome: str, kind: str = "command"
) -> tuple[str, tuple[tuple[str, str], ...]]:
    labels = {"type": kind, "name": name, "outcome": outcome}
    return "legday_interactions_total", tuple(sorted(labels.items()))


async def test_the_metrics_endpoint_counts_a_log_and_its_latency(simcord_env, gym):
    port = simcord_env.bot.serve_metrics()
    assert port == simcord_env.bot.settings.metrics_port
    assert scrape(port).get(command("log", "ok"), 0) == 0

    await gym.alice.slash(gym.channel, "log", entry=ENTRY)

    seen = scrape(port)
    assert seen[command("log", "ok")] == 1
    timed = ("legday_interaction_duration_seconds_count", (("name", "log"), ("type", "command")))
    assert seen[timed] == 1
    assert seen[("legday_shard_connected", (("shard", "0"),))] == 1
    assert ("legday_db_connections_in_use", ()) in seen


async def test_rate_limited_and_failed_commands_are_counted_apart(simcord_env, gym):
    port = simcord_env.bot.serve_metrics()
    assert port is not None
    for n in range(9):  # the ninth within 20 s is over the limit
        await gym.alice.slash(gym.channel, "log", entry=f"squat 3x5 {100 + n}kg")
    await gym.bob.slash(gym.channel, "explode")

    seen = scrape(port)
    assert seen[command("log", "ok")] == 8
    assert seen[command("log", "rate_limited")] == 1
    assert seen[command("explode", "error")] == 1
    assert seen[("legday_errors_total", (("kind", "command"),))] == 1
    assert [type(e) for e in simcord_env.take_bugs()] == [app_commands.CommandInvokeError]


async def test_refused_commands_and_autocompletes_are_counted_and_timed(simcord_env, gym):
    port = simcord_env.bot.serve_metrics()
    assert port is not None
    await gym.alice.slash(gym.channel, "log", entry="squat 3x5 100kg 🍌")  # not an entry
    offered = await gym.alice.autocomplete(gym.channel, "log", "when", "yes")

    seen = scrape(port)
    assert [choice["value"] for choice in offered] == ["yesterday"]
    assert seen[command("log", "refused")] == 1
    assert seen[command("log", "ok", "autocomplete")] == 1
    timed = (
        "legday_interaction_duration_seconds_count",
        (("name", "log"), ("type", "autocomplete")),
    )
    assert seen[timed] == 1


async def test_every_autocomplete_of_the_tree_is_counted(simcord_env, gym):
    """discord.py tells the tree nothing when an autocomplete ends: each callback must wear
    ``bot.tree.suggestions``, or it goes uncounted (and a failure unlogged)."""
    port = simcord_env.bot.serve_metrics()
    assert port is not None
    options = [(path, option) for path, _, option in autocompleted(simcord_env.bot)]
    assert len(options) >= 8
    for path, option in options:
        await gym.alice.autocomplete(gym.channel, path, option, "")

    seen = scrape(port)
    uncounted = [
        (path, option)
        for path, option in options
        if not any(
            name == "legday_interactions_total"
            and ("name", path) in labels
            and ("type", "autocomplete") in labels
            for name, labels in seen
        )
    ]
    assert uncounted == []


async def test_a_failing_autocomplete_offers_nothing_and_is_logged_as_an_error(
    simcord_env, gym, caplog
):
    port = simcord_env.bot.serve_metrics()
    assert port is not None
    with caplog.at_level(logging.INFO):
        offered = await gym.alice.autocomplete(gym.channel, "pick", "what", "a")

    assert offered == []
    seen = scrape(port)
    assert seen[command("pick", "error", "autocomplete")] == 1
    assert seen[("legday_errors_total", (("kind", "autocomplete"),))] == 1
    [failure] = [r for r in caplog.records if r.name == "bot.errors"]
    assert failure.command == "autocomplete of /pick"
    assert failure.error_id
    assert command_lines(caplog) == []  # one a keystroke: no command line


async def test_buttons_are_counted_by_outcome_and_timed_like_commands(simcord_env, gym):
    port = simcord_env.bot.serve_metrics()
    assert port is not None
    logged = await gym.alice.slash(gym.channel, "log", entry=ENTRY)
    await gym.alice.click(logged.response, label="Undo")
    fuse = await gym.alice.slash(gym.channel, "fuse")
    failed = await gym.alice.click(fuse.response, label="Light it")

    seen = scrape(port)
    # Undo's view has a random custom id ("view"); the fuse's names itself.
    assert seen[command("view", "ok", "component")] == 1
    assert seen[command("view", "received", "component")] == 1
    timed = ("legday_interaction_duration_seconds_count", (("name", "view"), ("type", "component")))
    assert seen[timed] == 1
    assert seen[command("fuse:light", "error", "component")] == 1
    assert seen[("legday_errors_total", (("kind", "component"),))] == 1
    assert "error id" in failed.response.content.lower()
    assert [str(e) for e in simcord_env.take_bugs()] == ["kaboom"]


async def test_forms_and_refused_presses_are_counted_by_outcome(simcord_env, gym):
    port = simcord_env.bot.serve_metrics()
    assert port is not None
    opened = await gym.alice.slash(gym.channel, "log")
    await gym.alice.submit_modal(opened, {"entry": "squat 3x5 100kg"})
    opened = await gym.alice.slash(gym.channel, "log")
    await gym.alice.submit_modal(opened, {"entry": "squat 3x5 100kg", "day": "someday"})
    fuse = await gym.alice.slash(gym.channel, "fuse")
    refused = await gym.bob.click(fuse.response, label="Light it")  # Alice's to press

    seen = scrape(port)
    assert "belong to the person who asked" in refused.response.content
    assert refused.ephemeral  # the refusal is for the one who pressed
    assert seen[command("fuse:light", "refused", "component")] == 1
    # The /log form's custom id is random ("view"), as Undo's is.
    assert seen[command("view", "ok", "modal")] == 1
    assert seen[command("view", "refused", "modal")] == 1
    timed = ("legday_interaction_duration_seconds_count", (("name", "view"), ("type", "modal")))
    assert seen[timed] == 2


async def test_closing_the_bot_stops_serving_metrics(simcord_env):
    port = simcord_env.bot.serve_metrics()
    assert port is not None
    scrape(port)

    await simcord_env.bot.close()

    with pytest.raises(urllib.error.URLError):
        scrape(port)


def command_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.commands"]


async def test_each_command_logs_one_line_without_what_was_typed(simcord_env, gym, caplog):
    with caplog.at_level(logging.INFO, logger="bot.commands"):
        await gym.alice.slash(gym.channel, "log", entry=ENTRY)

    [line] = command_lines(caplog)
    fields = json.loads(JsonFormatter().format(line))
    assert fields["command"] == "log"
    assert fields["outcome"] == "ok"
    assert fields["guild_id"] == gym.guild.id
    assert fields["shard"] == 0
    assert fields["duration_ms"] > 0
    assert fields["error_id"] is None
    assert "squat" not in json.dumps(fields)
    assert str(gym.alice.id) not in json.dumps(fields)


async def test_a_failed_command_logs_the_error_id_the_person_saw(simcord_env, gym, caplog):
    with caplog.at_level(logging.INFO, logger="bot.commands"):
        result = await gym.alice.slash(gym.channel, "explode")

    shown = re.search(r"Error id `([0-9a-f]{8})`", result.response.content)
    assert shown, result.response.content
    [line] = command_lines(caplog)
    assert (line.command, line.outcome, line.error_id) == ("explode", "error", shown.group(1))
    assert f"error_id={shown.group(1)}" in line.getMessage()
    assert [type(e) for e in simcord_env.take_bugs()] == [app_commands.CommandInvokeError]


async def test_the_heartbeat_says_healthy_while_running_and_is_gone_after(simcord_env):
    bot = simcord_env.bot
    path = bot.heartbeat.path
    await simcord_env.advance_time(15)  # the next beat, after the dispatcher's first tick

    healthy, why = check(path)
    assert healthy, why
    beat = json.loads(path.read_text())
    assert (beat["connected"], beat["shards"], beat["interval"]) == (True, [0], 30.0)
    assert beat["dispatcher_ticked_at"] is not None
    assert bot.dispatcher.poll_seconds == 30.0  # ticks even with nothing due

    await bot.close()

    healthy, why = check(path)
    assert not healthy
    assert why.startswith("no heartbeat file")
