"""End-to-end helpers: a server with two members, and a look at what was stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from storage.tables import LoggedSet
from tests.db import every


@dataclass
class Gym:
    env: Any
    guild: Any
    channel: Any
    alice: Any
    bob: Any

    async def sets(self, member: Any | None = None) -> list[LoggedSet]:
        query = select(LoggedSet).order_by(LoggedSet.id)
        if member is not None:
            query = query.where(LoggedSet.person_id == member.id)
        return await every(self.env.bot.store, query)


@pytest.fixture
def gym(simcord_env) -> Gym:
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("gym")
    alice = guild.add_member(simcord_env.create_user("alice"))
    bob = guild.add_member(simcord_env.create_user("bob"))
    return Gym(simcord_env, guild, channel, alice, bob)


def shown(result: Any) -> Any:
    """The message a deferred command ended up showing (the edited reply or a follow-up)."""
    return result.followups[0] if result.followups else result.response


def layout_text(message: Any) -> str:
    """Every text of a Components V2 message (or interaction reply), in reading order, one
    per line."""
    message = getattr(message, "message", message)  # a reply: its discord.Message
    texts: list[str] = []

    def walk(items: Any) -> None:
        for item in items:
            if getattr(item, "content", None):
                texts.append(item.content)
            walk(getattr(item, "children", []) or [])
            if getattr(item, "accessory", None) is not None:
                walk([item.accessory])

    walk(message.components)
    return "\n".join(texts)


def layout_buttons(message: Any) -> list[str]:
    """The labels of a layout's buttons."""
    message = getattr(message, "message", message)
    labels: list[str] = []

    def walk(items: Any) -> None:
        for item in items:
            if getattr(item, "label", None) and getattr(item, "custom_id", None):
                labels.append(item.label)
            walk(getattr(item, "children", []) or [])
            if getattr(item, "accessory", None) is not None:
                walk([item.accessory])

    walk(message.components)
    return labels


def layout_media(message: Any) -> list[tuple[str, str | None]]:
    """Each media gallery item of a layout: its address and its alt text."""
    message = getattr(message, "message", message)
    found: list[tuple[str, str | None]] = []

    def walk(items: Any) -> None:
        for item in items:
            for media in getattr(item, "items", None) or []:
                found.append((media.media.url, media.description))
            walk(getattr(item, "children", []) or [])

    walk(message.components)
    return found
