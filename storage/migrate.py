"""Alembic wiring: the configuration used by ``legday db upgrade`` and by the bot at start."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """A configuration that needs no ini file; ``connection`` is reused when given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade_connection(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")
