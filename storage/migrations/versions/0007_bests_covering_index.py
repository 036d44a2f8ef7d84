"""widen the person/exercise index so /log reads a person's bests from the index alone

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_logged_set_person_exercise"
COVERING = [
    "person_id",
    "exercise_key",
    "local_date",
    "reps",
    "weight_kg",
    "e1rm_kg",
    "warmup",
    "bodyweight",
    "per_side",
]


def _replace(columns: list[str]) -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_index(NAME)
        batch_op.create_index(NAME, columns, unique=False)


def upgrade() -> None:
    _replace(COVERING)


def downgrade() -> None:
    _replace(COVERING[:3])
