"""widen the person/time index so a challenge board adds up its sets from the index alone

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21 12:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_logged_set_person_performed"
COVERING = [
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


def _replace(columns: list[str]) -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_index(NAME)
        batch_op.create_index(NAME, columns, unique=False)


def upgrade() -> None:
    _replace(COVERING)


def downgrade() -> None:
    _replace(COVERING[:2])
