"""challenge announcements are schedule rows, sent by the dispatcher like reminders

A schedule row may belong to a challenge (``challenge_id``, one row per challenge); a
server's own schedules are then those with neither a person nor a challenge. Every
challenge whose end was not announced yet gets its row, due now: its first run posts
whatever is due and sets the next due time itself.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01 12:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

import storage.utc

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SERVER_ONLY = sa.text("person_id IS NULL")
SERVER_OWN = sa.text("person_id IS NULL AND challenge_id IS NULL")
UTC_TIME = storage.utc.UTCDateTime(timezone=True)

challenge = sa.table(
    "challenge",
    sa.column("id", sa.Integer()),
    sa.column("guild_id", sa.BigInteger()),
    sa.column("timezone", sa.String()),
    sa.column("starts_at", UTC_TIME),
)
announcement = sa.table(
    "challenge_announcement", sa.column("challenge_id", sa.Integer()), sa.column("kind")
)
schedule = sa.table(
    "schedule",
    sa.column("kind", sa.String()),
    sa.column("guild_id", sa.BigInteger()),
    sa.column("challenge_id", sa.Integer()),
    sa.column("weekdays", sa.String()),
    sa.column("local_time", sa.String()),
    sa.column("timezone", sa.String()),
    sa.column("next_due_at", UTC_TIME),
    sa.column("status", sa.String()),
    sa.column("attempts", sa.Integer()),
    sa.column("created_at", UTC_TIME),
)


def upgrade() -> None:
    # A plain column: SQLite can add a reference only inline, which reads back unlike the
    # model's, and challenges are never deleted (the handler finishes a row whose
    # challenge is gone). No batch mode, which on SQLite would rebuild the table.
    op.add_column("schedule", sa.Column("challenge_id", sa.Integer(), nullable=True))
    op.create_index("uq_schedule_challenge", "schedule", ["challenge_id"], unique=True)
    _one_per_server_and_kind(SERVER_OWN)
    _add_rows_for_running_challenges()


def _one_per_server_and_kind(where: sa.TextClause) -> None:
    """A server's one schedule of each kind: the rows ``where`` picks out."""
    op.drop_index("uq_schedule_server_kind", "schedule")
    op.create_index(
        "uq_schedule_server_kind",
        "schedule",
        ["kind", "guild_id"],
        unique=True,
        sqlite_where=where,
        postgresql_where=where,
    )


def _add_rows_for_running_challenges() -> None:
    ended = sa.select(announcement.c.challenge_id).where(announcement.c.kind == "end")
    running = op.get_bind().execute(
        sa.select(challenge.c.id, challenge.c.guild_id, challenge.c.timezone, challenge.c.starts_at)
        .where(challenge.c.id.not_in(ended))
        .order_by(challenge.c.id)
    )
    # Python's clock, not the database's: the server's time zone must not matter.
    now = datetime.now(UTC)
    rows = [
        {
            "kind": "challenge",
            "guild_id": guild_id,
            "challenge_id": challenge_id,
            # Its weeks start at local midnight on the weekday it started.
            "weekdays": str(starts_at.astimezone(ZoneInfo(zone)).weekday()),
            "local_time": "00:00",
            "timezone": zone,
            "next_due_at": now,
            "status": "pending",
            "attempts": 0,
            "created_at": now,
        }
        for challenge_id, guild_id, zone, starts_at in running
    ]
    if rows:
        op.bulk_insert(schedule, rows)


def downgrade() -> None:
    op.execute(
        "DELETE FROM delivery WHERE schedule_id IN "
        "(SELECT id FROM schedule WHERE challenge_id IS NOT NULL)"
    )
    op.execute("DELETE FROM schedule WHERE challenge_id IS NOT NULL")
    _one_per_server_and_kind(SERVER_ONLY)
    op.drop_index("uq_schedule_challenge", "schedule")
    op.drop_column("schedule", "challenge_id")
