"""a person's plate set and rest defaults; a challenge's live board message; a person's
challenges found by person

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.utc

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable columns only: no table rebuild on SQLite, and every existing row reads as
    # "the standard plates", "the usual rests" and "no live board yet".
    op.add_column("person", sa.Column("plates", sa.String(length=120), nullable=True))
    op.add_column("person", sa.Column("rest_seconds", sa.String(length=400), nullable=True))
    op.add_column("challenge", sa.Column("board_channel_id", sa.BigInteger(), nullable=True))
    op.add_column("challenge", sa.Column("board_message_id", sa.BigInteger(), nullable=True))
    op.add_column(
        "challenge",
        sa.Column("board_edited_at", storage.utc.UTCDateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_challenge_member_person_id", "challenge_member", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_challenge_member_person_id", "challenge_member")
    with op.batch_alter_table("challenge", schema=None) as batch_op:
        batch_op.drop_column("board_edited_at")
        batch_op.drop_column("board_message_id")
        batch_op.drop_column("board_channel_id")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("rest_seconds")
        batch_op.drop_column("plates")
