"""Bounded retries with backoff when Discord fails transiently; none for refusals."""

from __future__ import annotations

from types import SimpleNamespace

import discord
import pytest

from bot import sending


def http_error(status: int) -> discord.HTTPException:
    cls = {403: discord.Forbidden, 500: discord.DiscordServerError}.get(
        status, discord.HTTPException
    )
    return cls(SimpleNamespace(status=status, reason="test"), "failed")


@pytest.fixture
def slept(monkeypatch) -> list[float]:
    delays: list[float] = []

    async def sleep(seconds: float) -> None:
        delays.append(seconds)

    monkeypatch.setattr(sending.asyncio, "sleep", sleep)
    return delays


def flaky(*failures: int):
    remaining = list(failures)

    async def send():
        if remaining:
            raise http_error(remaining.pop(0))
        return "sent"

    return send


async def test_transient_failures_are_retried_with_growing_backoff(slept):
    assert await sending._with_retries(flaky(500, 429)) == 3
    assert slept == [sending.BACKOFF_SECONDS, 2 * sending.BACKOFF_SECONDS]


async def test_retries_are_bounded(slept):
    with pytest.raises(discord.HTTPException):
        await sending._with_retries(flaky(*[502] * sending.TRIES))
    assert len(slept) == sending.TRIES - 1


@pytest.mark.parametrize("status", [403, 404, 400])
async def test_refusals_are_not_retried(slept, status):
    with pytest.raises(discord.HTTPException):
        await sending._with_retries(flaky(status))
    assert slept == []
