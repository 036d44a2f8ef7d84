"""The console's simulated server, the same on every start.

The bot's database keys everything by Discord ids (server, channels, members), so the
console must hand the bot the same ids each time or yesterday's data becomes unreachable.
The guild and every member get ids the console chooses itself (kept in a small JSON file
next to the database); the channels are created first thing after the simulated Discord
starts, always in the same order at the same simulated instant, so their ids repeat too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import simcord
from simcord.backend.models.user import User

GUILD_NAME = "Leg Day Gym"
CHANNELS = ("gym", "reports", "general")
OWNER = "you"
# 2025-01-01 as a Discord snowflake timestamp: before the simulated clock ever runs, so
# these hand-picked ids can never meet one the simulated Discord allocates itself.
_ID_BASE = (1_735_689_600_000 - 1_420_070_400_000) << 22
GUILD_ID = _ID_BASE + 1
FIRST_MEMBER_ID = _ID_BASE + 100


def world_file(database_url: str) -> Path:
    """Where the server's members are kept: next to a SQLite file, else in ./data."""
    _, _, path = database_url.partition(":///")
    if database_url.startswith("sqlite") and path and path != ":memory:":
        return Path(path).with_suffix(".world.json")
    return Path("data") / "console.world.json"


@dataclass
class Roster:
    """The members the server has, in the order they joined; the first one owns it."""

    path: Path
    members: list[dict[str, Any]] = field(default_factory=list)
    # The simulated time when the console last stopped: `wait 3d` and quit must not put
    # the next start three days before the sets already logged.
    left_at: datetime | None = None

    @classmethod
    def load(cls, path: Path) -> Roster:
        if not path.exists():
            return cls(path, [{"name": OWNER, "id": FIRST_MEMBER_ID}])
        saved = json.loads(path.read_text(encoding="utf-8"))
        left_at = saved.get("left_at")
        return cls(path, saved["members"], datetime.fromisoformat(left_at) if left_at else None)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = {
            "guild_id": GUILD_ID,
            "members": self.members,
            "left_at": self.left_at.isoformat() if self.left_at else None,
        }
        self.path.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")

    def add(self, name: str) -> dict[str, Any]:
        entry = {"name": name, "id": max(m["id"] for m in self.members) + 1}
        self.members.append(entry)
        self.save()
        return entry


def _user(env: Any, entry: dict[str, Any]) -> Any:
    """A simulated user with the member's own id (SimCord 3.2.1 allocates ids itself)."""
    user_id = env.backend.reserve_id(entry["id"])
    env.backend.users[user_id] = User(id=user_id, name=entry["name"])
    return simcord.UserHandle(env, env.backend.users[user_id])


class World:
    """The guild, its channels and its members, built in a running simulated Discord."""

    def __init__(self, env: Any, roster: Roster) -> None:
        self.env = env
        self.roster = roster
        first, *others = roster.members
        owner = _user(env, first)
        self.guild = env.create_guild(GUILD_NAME, id=GUILD_ID, owner=owner)
        self.channels = {name: self.guild.create_text_channel(name) for name in CHANNELS}
        # The owner is a member already; the guild's owner has every permission.
        self.members: dict[str, Any] = {first["name"]: simcord.MemberActor(env, self.guild, owner)}
        for entry in others:
            self._join(entry)
        roster.save()

    def _join(self, entry: dict[str, Any]) -> Any:
        member = self.guild.add_member(_user(self.env, entry))
        self.members[entry["name"]] = member
        return member

    def add(self, name: str) -> Any:
        """A new member, kept for every later start."""
        return self._join(self.roster.add(name))

    @property
    def owner(self) -> Any:
        return self.members[self.roster.members[0]["name"]]

    def channel(self, name: str) -> Any | None:
        return self.channels.get(name.lstrip("#").lower())

    def member(self, name: str) -> Any | None:
        return self.members.get(name.lstrip("@"))

    def names(self) -> dict[int, str]:
        """Every member's and channel's id with the name people type for it."""
        named = {m.id: f"@{name}" for name, m in self.members.items()}
        return named | {c.id: f"#{name}" for name, c in self.channels.items()}

    def channel_named(self, channel_id: int) -> str:
        for name, channel in self.channels.items():
            if channel.id == channel_id:
                return f"#{name}"
        for name, member in self.members.items():
            if member.user.dm_channel.id == channel_id:
                return f"DM to {name}"
        return "elsewhere"
