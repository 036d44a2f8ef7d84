"""weighted bodyweight sets keep their bodyweight + added load for records and volume

Revision ID: 0016
Revises: 0009
Create Date: 2026-11-30 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Older sets have none: their records stay on the added load, as they were shown.
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.add_column(sa.Column("load_kg", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_column("load_kg")
