"""imports: the data_import table, a fingerprint and import link on logged sets, and the
source in the challenge board's covering index (imported sets never count)

Revision ID: 0014
Revises: 0009
Create Date: 2026-11-30 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.utc

revision: str = "0014"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COVERING = "ix_logged_set_person_performed"
COVERED = [
    "person_id",
    "performed_at",
    "exercise_key",
    "logged_at",
    "warmup",
    "rpe",
    "weight_kg",
    "reps",
    "seconds",
    "bodyweight",
    "id",
]


def upgrade() -> None:
    op.create_table(
        "data_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_data_import_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_import")),
    )
    with op.batch_alter_table("data_import", schema=None) as batch_op:
        batch_op.create_index("ix_data_import_person_at", ["person_id", "at"], unique=False)

    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )
        batch_op.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_logged_set_import_id_data_import"),
            "data_import",
            ["import_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(
            "uq_logged_set_person_fingerprint", ["person_id", "fingerprint"], unique=True
        )
        batch_op.create_index("ix_logged_set_import", ["import_id"], unique=False)
        batch_op.drop_index(COVERING)
        batch_op.create_index(COVERING, [*COVERED, "source"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_index(COVERING)
        batch_op.create_index(COVERING, COVERED, unique=False)
        batch_op.drop_index("ix_logged_set_import")
        batch_op.drop_index("uq_logged_set_person_fingerprint")
        batch_op.drop_constraint("fk_logged_set_import_id_data_import", type_="foreignkey")
        batch_op.drop_column("import_id")
        batch_op.drop_column("fingerprint")
    with op.batch_alter_table("data_import", schema=None) as batch_op:
        batch_op.drop_index("ix_data_import_person_at")
    op.drop_table("data_import")
