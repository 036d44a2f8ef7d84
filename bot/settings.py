"""Every setting in one typed place, read from ``LEGDAY_*`` variables and ``.env``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./data/legday.db"


class SettingsError(Exception):
    """Settings that cannot start the bot; the message is one line naming the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="LEGDAY_",
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,  # .env.example ships blank lines like LEGDAY_DEV_GUILD_ID=
        extra="ignore",
    )

    discord_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    dev_guild_id: int | None = Field(default=None, gt=0)
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: Annotated[list[int] | None, NoDecode] = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    # Prometheus metrics on this port (off unless set); all interfaces need 0.0.0.0.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_host: str = "127.0.0.1"
    # Written by `legday run`, read by `legday health`; one file per process.
    heartbeat_file: Path = Path("data/heartbeat.json")
    heartbeat_seconds: float = Field(default=30.0, ge=1.0, le=3600.0)
    # Processes that draw charts and build large reports (0: a thread, as in tests).
    render_workers: int = Field(default=1, ge=0, le=32)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        """A URL for SQLite or PostgreSQL; the error never echoes it (it may hold a password)."""
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            backend = make_url(value).get_backend_name()
        except ArgumentError:
            raise ValueError(
                "not a database URL; use e.g. sqlite:///./data/legday.db or "
                "postgresql://user:password@host/db"
            ) from None
        if backend not in ("sqlite", "postgresql", "postgres"):
            raise ValueError(f"{backend} is not supported; use SQLite or PostgreSQL")
        return value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _parse_shard_ids(cls, value: object) -> object:
        """Accept ``0,1,2`` and ranges like ``0-3``, as people write them in env files."""
        if not isinstance(value, str):
            return value
        if not value.strip():
            return None
        ids: list[int] = []
        for part in value.split(","):
            first, _, last = part.strip().partition("-")
            try:
                ids.extend(range(int(first), int(last or first) + 1))
            except ValueError:
                raise ValueError(f"expected ids like 0,1,2 or 0-3, got {value!r}") from None
        return ids

    @model_validator(mode="after")
    def _shards_fit(self) -> Settings:
        if self.shard_ids is not None:
            if self.shard_count is None:
                raise ValueError("LEGDAY_SHARD_IDS needs LEGDAY_SHARD_COUNT as well")
            if any(not 0 <= shard < self.shard_count for shard in self.shard_ids):
                raise ValueError("LEGDAY_SHARD_IDS must lie between 0 and LEGDAY_SHARD_COUNT - 1")
        return self


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    field = str(first["loc"][0]).upper() if first["loc"] else ""
    message = str(first["msg"]).removeprefix("Value error, ")
    if message.startswith("LEGDAY_"):
        return message
    return f"LEGDAY_{field}: {message}"


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning a validation failure into one clear line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(_describe(error)) from None
