"""entries records and custom exercises

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 04:52:00.306351
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.utc

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "custom_exercise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("normalised_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("region", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("pattern", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("primary", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("secondary", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("created_at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_custom_exercise_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_exercise")),
        sa.UniqueConstraint(
            "person_id",
            "normalised_name",
            name=op.f("uq_custom_exercise_person_id_normalised_name"),
        ),
    )
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.add_column(sa.Column("local_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("e1rm_kg", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("entry_index", sa.Integer(), nullable=False, server_default="0")
        )
    # Rows logged before this revision get their UTC day; the zone they were logged in is
    # not known any more. On PostgreSQL a bare ``::date`` would take the session's time
    # zone (the server's default), so the day is taken in UTC explicitly.
    day = (
        "date(performed_at)"
        if op.get_bind().dialect.name == "sqlite"
        else "(performed_at AT TIME ZONE 'UTC')::date"
    )
    op.execute(f"UPDATE logged_set SET local_date = {day}")
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.alter_column("local_date", existing_type=sa.Date(), nullable=False)
        batch_op.alter_column("entry_index", server_default=None)
        batch_op.create_index(
            "ix_logged_set_person_exercise",
            ["person_id", "exercise_key", "local_date"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_index("ix_logged_set_person_exercise")
        batch_op.drop_column("entry_index")
        batch_op.drop_column("e1rm_kg")
        batch_op.drop_column("local_date")

    op.drop_table("custom_exercise")
