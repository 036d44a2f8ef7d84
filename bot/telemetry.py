"""Prometheus metrics, served on an opt-in port (``LEGDAY_METRICS_PORT``).

One registry per bot (not the library's global one), so several bots in one process (the
tests, the console) never collide. What is counted, and where:

- ``legday_interactions_total{type,name,outcome}`` and the latency histogram
  ``legday_interaction_duration_seconds{type,name}``: every slash command and
  autocomplete, timed in the command tree (``bot.tree``). Outcomes: ``ok``, ``refused``
  (the person's to fix: a permission, a cooldown), ``rate_limited`` and ``error`` (ours).
  Buttons, menus and forms (``type="component"|"modal"``, named by their custom id's
  leading words) count as ``received`` when they arrive and by outcome with their latency
  when handled (``bot.errors.pressed``); a gap between the two is presses nothing
  handled, such as an expired view's.
- ``legday_errors_total{kind}``: failures of ours, by where they happened.
- ``legday_scheduled_total{kind,event}`` (claimed, sent, fallback, failed, paused,
  missed, retry, late) and ``legday_dispatch_lag_seconds{kind}`` (handled minus due).
- ``legday_discord_requests_total{method,status}``: every HTTP request to Discord, a
  send being a POST; 429s show as ``status="429"``. From an aiohttp trace that
  discord.py's HTTP client takes.
- ``legday_shard_latency_seconds{shard}``, ``legday_shard_connected{shard}`` and
  ``legday_db_connections_in_use``: read when scraped.

The HTTP server runs on its own thread; a scrape reads counters (thread-safe) and a few
plain attributes of the bot, and never touches the event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import aiohttp
import discord
from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from storage.schedules import Due, Finished

if TYPE_CHECKING:
    from sqlalchemy.pool import Pool

log = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LAG_BUCKETS = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 7200.0)
LATE_SECONDS = 60.0
"""An occurrence handled more than this after its due time counts as late."""


RECEIVED_KINDS = {
    discord.InteractionType.component: "component",
    discord.InteractionType.modal_submit: "modal",
}


def component_name(custom_id: str) -> str:
    """``reminder:log`` of ``reminder:log:12:1700000000``; ``view`` for a random id, so the
    metric's names stay few."""
    words = []
    for part in custom_id.split(":"):
        if not (part.isalpha() and part.islower() and len(part) <= 24):
            break
        words.append(part)
    return ":".join(words) or "view"


class Metrics:
    """The bot's metrics; ``serve(port)`` exposes them."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        counter = partial(Counter, registry=self.registry)
        histogram = partial(Histogram, registry=self.registry)
        self.interactions = counter(
            "legday_interactions",
            "Interactions handled, by type, command name and outcome.",
            ["type", "name", "outcome"],
        )
        self.latency = histogram(
            "legday_interaction_duration_seconds",
            "Time from receiving an interaction to finishing handling it.",
            ["type", "name"],
            buckets=LATENCY_BUCKETS,
        )
        self.errors = counter(
            "legday_errors", "Failures of ours, by where they happened.", ["kind"]
        )
        self.scheduled = counter(
            "legday_scheduled",
            "Scheduled occurrences: claimed, then sent, fallback, failed, paused, missed or "
            "retry; late when handled over a minute after due.",
            ["kind", "event"],
        )
        self.dispatch_lag = histogram(
            "legday_dispatch_lag_seconds",
            "How late each occurrence was handled: now minus its due time.",
            ["kind"],
            buckets=LAG_BUCKETS,
        )
        self.discord_requests = counter(
            "legday_discord_requests",
            "HTTP requests to Discord by method and status (429 = rate limited).",
            ["method", "status"],
        )
        self._server: Any = None
        self._live: _LiveState | None = None

    def handled(self, kind: str, name: str, outcome: str, seconds: float) -> None:
        """One interaction handled: counted by outcome and timed; ours to fix if an error."""
        self.interactions.labels(kind, name, outcome).inc()
        self.latency.labels(kind, name).observe(seconds)
        if outcome == "error" and kind in {"command", "autocomplete"}:
            self.errors.labels(kind).inc()  # components count theirs where answered

    # -- the dispatcher's observer (bot.dispatcher.DispatchObserver) --

    def claimed(self, claimed: Iterable[Due]) -> None:
        for due in claimed:
            self.scheduled.labels(due.kind, "claimed").inc()

    def finished(self, due: Due, finished: Finished, now: datetime) -> None:
        event = finished.outcome
        if event == "failed":
            self.errors.labels("schedule").inc()
        if finished.retry_at is not None:
            event = "retry"
        elif finished.pause_reason is not None:
            event = "paused"
        self.scheduled.labels(due.kind, event).inc()
        lag = max((now - due.due_at).total_seconds(), 0.0)
        self.dispatch_lag.labels(due.kind).observe(lag)
        if lag > LATE_SECONDS:
            self.scheduled.labels(due.kind, "late").inc()

    # -- collectors and the server --

    def watch(self, bot: discord.AutoShardedClient, pool: Callable[[], Pool]) -> None:
        """Read the shards and the connection pool of ``bot`` at every scrape."""
        if self._live is None:  # set-up can run again (a restarted bot in the simulator)
            self._live = _LiveState(bot, pool)
            self.registry.register(self._live)

    def trace(self) -> aiohttp.TraceConfig:
        """An aiohttp trace for discord.py's HTTP client: counts requests by status."""
        config = aiohttp.TraceConfig()

        async def on_end(
            _session: aiohttp.ClientSession,
            _context: SimpleNamespace,
            params: aiohttp.TraceRequestEndParams,
        ) -> None:
            self.discord_requests.labels(params.method, str(params.response.status)).inc()

        async def on_exception(
            _session: aiohttp.ClientSession,
            _context: SimpleNamespace,
            params: aiohttp.TraceRequestExceptionParams,
        ) -> None:
            self.discord_requests.labels(params.method, "error").inc()

        config.on_request_end.append(on_end)
        config.on_request_exception.append(on_exception)
        return config

    def serve(self, port: int, host: str) -> int:
        """Serve ``/metrics`` on a thread of its own; returns the port (0 picks a free one)."""
        self._server, _thread = start_http_server(port, addr=host, registry=self.registry)
        bound: int = self._server.server_port
        log.info("metrics on http://%s:%d/metrics", host, bound)
        return bound

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class _LiveState(Collector):
    """Gauges read from the bot when scraped: per-shard latency and connection, the pool."""

    def __init__(self, bot: discord.AutoShardedClient, pool: Callable[[], Pool]) -> None:
        self._bot, self._pool = bot, pool

    def collect(self) -> Iterable[GaugeMetricFamily]:
        latency = GaugeMetricFamily(
            "legday_shard_latency_seconds", "Gateway heartbeat latency per shard.", labels=["shard"]
        )
        connected = GaugeMetricFamily(
            "legday_shard_connected", "1 while the shard's gateway is open.", labels=["shard"]
        )
        # A copy: the gateway adds and removes shards on the event loop meanwhile.
        for shard_id, shard in dict(self._bot.shards).items():
            connected.add_metric([str(shard_id)], 0.0 if shard.is_closed() else 1.0)
            if shard.latency == shard.latency:  # NaN before the first heartbeat
                latency.add_metric([str(shard_id)], shard.latency)
        in_use = GaugeMetricFamily(
            "legday_db_connections_in_use", "Database connections checked out of the pool."
        )
        checked_out = getattr(self._pool(), "checkedout", None)
        if checked_out is not None:
            in_use.add_metric([], float(checked_out()))
        return [latency, connected, in_use]
