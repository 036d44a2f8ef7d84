"""Metrics that SimCord cannot show: Discord's HTTP answers (429s included) and the
dispatcher's claims, outcomes and lag."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy.orm import Session

from bot.dispatcher import GRACE, Dispatcher, Handled
from bot.telemetry import Metrics, component_name
from coach.recurrence import Weekly
from storage import schedules
from storage.store import Store
from storage.tables import Person

MONDAYS = Weekly(frozenset({0}), time(18), "UTC")
CREATED = datetime(2026, 3, 1, tzinfo=UTC)
DUE = datetime(2026, 3, 2, 18, tzinfo=UTC)


def value(metrics: Metrics, name: str, **labels: str) -> float:
    found = metrics.registry.get_sample_value(name, labels)
    return 0.0 if found is None else found


async def test_discord_requests_are_counted_by_status_with_429s_apart():
    async def answer(request: web.Request) -> web.Response:
        return web.Response(status=int(request.match_info["status"]))

    app = web.Application()
    app.router.add_route("*", "/{status}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    metrics = Metrics()
    try:
        async with aiohttp.ClientSession(trace_configs=[metrics.trace()]) as session:
            for status in (200, 429, 429, 204):
                async with session.post(f"http://127.0.0.1:{port}/{status}"):
                    pass
            async with session.get(f"http://127.0.0.1:{port}/200"):
                pass
    finally:
        await runner.cleanup()

    requests = "legday_discord_requests_total"
    assert value(metrics, requests, method="POST", status="429") == 2
    assert value(metrics, requests, method="POST", status="200") == 1
    assert value(metrics, requests, method="GET", status="200") == 1


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


def two_people_on_mondays(session: Session) -> None:
    for person in (1, 2):
        session.add(Person(id=person, created_at=CREATED))
    session.flush()
    for person in (1, 2):
        schedules.put_schedule(
            session, kind="legday", person_id=person, guild_id=None, rule=MONDAYS, now=CREATED
        )


@pytest.fixture
async def store(database_url):
    store = Store(database_url)
    await store.run(two_people_on_mondays)
    yield store
    await store.close()


async def drain_at(store: Store, metrics: Metrics, now: datetime, handled: Handled) -> None:
    async def handler(_due, _now):
        return handled

    dispatcher = Dispatcher(store, FixedClock(now), observer=metrics)
    dispatcher.register("legday", handler)
    await dispatcher.drain()
    assert dispatcher.ticked_at is not None


async def test_the_dispatcher_counts_claims_outcomes_lateness_and_lag(store):
    metrics = Metrics()
    ten_minutes_late = DUE + timedelta(minutes=10)

    await drain_at(store, metrics, ten_minutes_late, Handled("sent", sent=True))

    scheduled = "legday_scheduled_total"
    assert value(metrics, scheduled, kind="legday", event="claimed") == 2
    assert value(metrics, scheduled, kind="legday", event="sent") == 2
    assert value(metrics, scheduled, kind="legday", event="late") == 2
    assert value(metrics, "legday_dispatch_lag_seconds_count", kind="legday") == 2
    assert value(metrics, "legday_dispatch_lag_seconds_sum", kind="legday") == 2 * 600


async def test_failures_retries_and_missed_occurrences_are_counted(store):
    metrics = Metrics()
    failing = Handled("failed", error="HTTP 503", passing=True)

    await drain_at(store, metrics, DUE, failing)  # on time: tried again later
    await drain_at(store, metrics, DUE + GRACE + timedelta(minutes=1), failing)  # too late

    scheduled = "legday_scheduled_total"
    assert value(metrics, scheduled, kind="legday", event="retry") == 2
    assert value(metrics, scheduled, kind="legday", event="missed") == 2
    assert value(metrics, scheduled, kind="legday", event="late") == 2  # the missed ones
    assert value(metrics, scheduled, kind="legday", event="sent") == 0
    assert value(metrics, "legday_errors_total", kind="schedule") == 2


@pytest.mark.parametrize(
    ("custom_id", "name"),
    [
        ("reminder:log:12:1700000000", "reminder:log"),
        ("checkin:safety", "checkin:safety"),
        ("3f2b9c0d41e84c7fa1d2b3c4d5e6f708", "view"),
        ("", "view"),
    ],
)
def test_buttons_are_counted_under_few_names(custom_id, name):
    assert component_name(custom_id) == name
