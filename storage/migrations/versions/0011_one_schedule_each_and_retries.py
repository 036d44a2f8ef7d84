"""one schedule per person and kind (and per server and kind), and retries of an occurrence

Before the unique indexes exist, duplicates left by concurrent commands are merged: the
newest row of each person and kind (or server and kind) is what its owner set last and
stays; the older ones go with their delivery records.

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-30 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.utc

revision: str = "0011"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SERVER_ONLY = sa.text("person_id IS NULL")
# Every row with a newer one of the same owner and kind; plain SQL both databases run.
OLDER_TWINS = """
    SELECT older.id FROM schedule AS older
    WHERE EXISTS (
        SELECT 1 FROM schedule AS newer
        WHERE newer.kind = older.kind AND newer.id > older.id AND (
            newer.person_id = older.person_id
            OR (newer.person_id IS NULL AND older.person_id IS NULL
                AND newer.guild_id = older.guild_id)
        )
    )
"""


def upgrade() -> None:
    # Deliveries first: SQLite only cascades with foreign keys on, which Alembic may not be.
    op.execute(f"DELETE FROM delivery WHERE schedule_id IN ({OLDER_TWINS})")
    op.execute(f"DELETE FROM schedule WHERE id IN ({OLDER_TWINS})")
    # No batch mode: on SQLite it rebuilds the table, and dropping the old one would
    # cascade to every delivery. A column and unique indexes need no rebuild.
    op.add_column(
        "schedule", sa.Column("retry_at", storage.utc.UTCDateTime(timezone=True), nullable=True)
    )
    op.create_index("uq_schedule_kind_person", "schedule", ["kind", "person_id"], unique=True)
    op.create_index(
        "uq_schedule_server_kind",
        "schedule",
        ["kind", "guild_id"],
        unique=True,
        sqlite_where=SERVER_ONLY,
        postgresql_where=SERVER_ONLY,
    )


def downgrade() -> None:
    op.drop_index("uq_schedule_server_kind", "schedule")
    op.drop_index("uq_schedule_kind_person", "schedule")
    op.drop_column("schedule", "retry_at")
