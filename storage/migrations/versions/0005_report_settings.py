"""report settings and the report's index

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 05:45:39.635396
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.utc

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_index("ix_logged_set_guild_performed")
        batch_op.create_index(
            "ix_logged_set_guild_performed_person",
            ["guild_id", "performed_at", "person_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_logged_set_person_day",
            ["person_id", "local_date", "exercise_key", "warmup", "rpe"],
            unique=False,
        )
    with op.batch_alter_table("server", schema=None) as batch_op:
        batch_op.add_column(sa.Column("report_channel_id", sa.BigInteger(), nullable=True))
        # Existing servers start with no failures.
        batch_op.add_column(
            sa.Column("report_failures", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column(
                "report_last_result", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column("report_last_at", storage.utc.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_index("ix_logged_set_person_day")
        batch_op.drop_index("ix_logged_set_guild_performed_person")
        batch_op.create_index(
            "ix_logged_set_guild_performed", ["guild_id", "performed_at"], unique=False
        )
    with op.batch_alter_table("server", schema=None) as batch_op:
        batch_op.drop_column("report_last_at")
        batch_op.drop_column("report_last_result")
        batch_op.drop_column("report_failures")
        batch_op.drop_column("report_channel_id")
