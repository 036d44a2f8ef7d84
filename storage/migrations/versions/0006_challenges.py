"""challenges

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 05:46:59.095011
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

import storage.utc

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "challenge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("metric", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("goal", sa.Float(), nullable=False),
        sa.Column("team", sa.Boolean(), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("starts_at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", storage.utc.UTCDateTime(timezone=True), nullable=True),
        sa.Column("creator_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge")),
        sa.UniqueConstraint("guild_id", "name_key", name=op.f("uq_challenge_guild_id_name_key")),
    )
    with op.batch_alter_table("challenge", schema=None) as batch_op:
        batch_op.create_index("ix_challenge_guild_ends", ["guild_id", "ends_at"], unique=False)

    op.create_table(
        "challenge_announcement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenge.id"],
            name=op.f("fk_challenge_announcement_challenge_id_challenge"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge_announcement")),
        sa.UniqueConstraint(
            "challenge_id",
            "kind",
            "week",
            name=op.f("uq_challenge_announcement_challenge_id_kind_week"),
        ),
    )
    op.create_table(
        "challenge_badge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("awarded_at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenge.id"],
            name=op.f("fk_challenge_badge_challenge_id_challenge"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_challenge_badge_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge_badge")),
        sa.UniqueConstraint(
            "challenge_id", "person_id", name=op.f("uq_challenge_badge_challenge_id_person_id")
        ),
    )
    op.create_table(
        "challenge_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("joined_at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.Column("excluded_by", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenge.id"],
            name=op.f("fk_challenge_member_challenge_id_challenge"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_challenge_member_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge_member")),
        sa.UniqueConstraint(
            "challenge_id", "person_id", name=op.f("uq_challenge_member_challenge_id_person_id")
        ),
    )
    op.create_table(
        "challenge_exclusion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("challenge_id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("excluded_by", sa.BigInteger(), nullable=False),
        sa.Column("at", storage.utc.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenge.id"],
            name=op.f("fk_challenge_exclusion_challenge_id_challenge"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["logged_set.id"],
            name=op.f("fk_challenge_exclusion_set_id_logged_set"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge_exclusion")),
        sa.UniqueConstraint(
            "challenge_id", "set_id", name=op.f("uq_challenge_exclusion_challenge_id_set_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("challenge_exclusion")
    op.drop_table("challenge_member")
    op.drop_table("challenge_badge")
    op.drop_table("challenge_announcement")
    with op.batch_alter_table("challenge", schema=None) as batch_op:
        batch_op.drop_index("ix_challenge_guild_ends")

    op.drop_table("challenge")
