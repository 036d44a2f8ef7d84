"""the bests and board indexes cover the load a set counts with again

``load_kg`` (bodyweight plus added load, or an assisted set's) came after the two
covering indexes, and every best and every volume reads it (``storage.sql_volume``), so
/log's two bests queries and a board's volume went back to reading the table row by row:
about 2 ms each for a lifter with a year of one exercise. Both indexes gain it, and the
board's also ``per_side``, which volume doubles by.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02 12:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BESTS = "ix_logged_set_person_exercise"
BESTS_BEFORE = [
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
BOARD = "ix_logged_set_person_performed"
BOARD_BEFORE = [
    "person_id",
    "performed_at",
    "exercise_key",
    "logged_at",
    "hard",
    "session_at",
    "rpe",
    "weight_kg",
    "reps",
    "seconds",
    "bodyweight",
    "id",
    "source",
]


def _replace(name: str, columns: list[str]) -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_index(name)
        batch_op.create_index(name, columns, unique=False)


def upgrade() -> None:
    _replace(BESTS, [*BESTS_BEFORE, "load_kg"])
    _replace(BOARD, [*BOARD_BEFORE, "load_kg", "per_side"])


def downgrade() -> None:
    _replace(BESTS, BESTS_BEFORE)
    _replace(BOARD, BOARD_BEFORE)
