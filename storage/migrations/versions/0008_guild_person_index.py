"""order the server index by person, so "did they train here lately" is one probe

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 10:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = ("ix_logged_set_guild_performed_person", ["guild_id", "performed_at", "person_id"])
NEW = ("ix_logged_set_guild_person_performed", ["guild_id", "person_id", "performed_at"])


def _replace(drop: tuple[str, list[str]], create: tuple[str, list[str]]) -> None:
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_index(drop[0])
        batch_op.create_index(create[0], create[1], unique=False)


def upgrade() -> None:
    _replace(OLD, NEW)


def downgrade() -> None:
    _replace(NEW, OLD)
