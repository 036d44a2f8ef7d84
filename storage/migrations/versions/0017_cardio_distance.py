"""cardio logs: how far, in metres, beside the seconds a set already keeps

Revision ID: 0017
Revises: 0010
Create Date: 2026-11-30 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable and without a default: every set logged before is simply not a distance.
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.add_column(sa.Column("distance_m", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_column("distance_m")
