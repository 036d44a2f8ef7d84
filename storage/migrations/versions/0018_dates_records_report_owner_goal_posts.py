"""a person's date order and which records are announced; who set a server's report up;
when a challenge member's reached goal was announced

Revision ID: 0018
Revises: 0011
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.utc

revision: str = "0018"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # All nullable without defaults: SQLite adds them without rebuilding a table, and None
    # means what everyone had before (ask about ambiguous dates, main-lift records only,
    # the server's owner, nothing announced yet).
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_order", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("announce_records", sa.String(length=8), nullable=True))
    with op.batch_alter_table("server", schema=None) as batch_op:
        batch_op.add_column(sa.Column("report_set_by", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("challenge_member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("goal_told_at", storage.utc.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("challenge_member", schema=None) as batch_op:
        batch_op.drop_column("goal_told_at")
    with op.batch_alter_table("server", schema=None) as batch_op:
        batch_op.drop_column("report_set_by")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("announce_records")
        batch_op.drop_column("date_order")
