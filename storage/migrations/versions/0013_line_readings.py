"""each person's reading of ambiguous line shapes (row 135x4x8, curl 14x12)

Revision ID: 0013
Revises: 0009
Create Date: 2026-11-30 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0013"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Null means "not chosen yet": the bot asks the first time such a line is logged.
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reading_weight_then_two",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column(
                "reading_small_pair", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("reading_small_pair")
        batch_op.drop_column("reading_weight_then_two")
