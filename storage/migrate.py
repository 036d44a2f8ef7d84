"""Alembic wiring: the configuration used by ``legday db upgrade`` and by the bot at start."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """A configuration that needs no ini file; ``connection`` is reused when given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def newest_revision() -> str | None:
    """The head of the migrations this code ships, read once a process: Alembic reads
    every migration file to find it, and they do not change while the process runs."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_connection(connection: Connection) -> None:
    # A database already at the newest revision, as on every start but the first after an
    # upgrade, is only asked its revision: a full upgrade reads every migration file again.
    if MigrationContext.configure(connection).get_current_revision() == newest_revision():
        return
    command.upgrade(alembic_config(connection), "head")
