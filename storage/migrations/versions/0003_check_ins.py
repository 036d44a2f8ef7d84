"""check-ins

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 05:38:06.652790
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.utc

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checkin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sleep_hours", sa.Float(), nullable=True),
        sa.Column("soreness", sa.Integer(), nullable=True),
        sa.Column("energy", sa.Integer(), nullable=True),
        sa.Column("leg_weakness", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("numbness_tingling", sa.Boolean(), nullable=True),
        sa.Column("pain_score", sa.Integer(), nullable=True),
        sa.Column("pain_days", sa.Integer(), nullable=True),
        sa.Column("pain_worsening", sa.Boolean(), nullable=True),
        sa.Column("pain_location", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
        sa.Column("red_flags", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_checkin_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin")),
    )
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.create_index("ix_checkin_person_at", ["person_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_index("ix_checkin_person_at")

    op.drop_table("checkin")
