"""check-ins: after a fall or injury, already being treated

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 23:00:00

Both columns are nullable, so every stored check-in stays as it was: unknown, never
"no". Pain locations are not rewritten: old free text is read into an area on load.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.add_column(sa.Column("after_fall", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("being_treated", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_column("being_treated")
        batch_op.drop_column("after_fall")
