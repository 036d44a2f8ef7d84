"""Alembic environment: runs on the connection the store hands in, or on a URL from a shell.

From a shell (``alembic revision --autogenerate``) the URL is ``LEGDAY_DATABASE_URL`` when
set, else ``sqlalchemy.url`` from alembic.ini. Storage does not read the bot's settings.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.engine import Connection

from storage.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _shell_url() -> str:
    url = os.environ.get("LEGDAY_DATABASE_URL") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("Set LEGDAY_DATABASE_URL to the database to compare the tables with.")
    return url


given = context.config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    # `alembic revision --autogenerate` from a shell, for developers writing migrations.
    from storage.store import run_blocking

    run_blocking(_shell_url(), lambda session: _run(session.connection()))
