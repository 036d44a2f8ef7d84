"""sets keep their session (M0) and whether they are hard (M1); deload weeks people log

Revision ID: 0021
Revises: 0019
Create Date: 2026-12-01 09:00:00

Every stored set is worked out once here with the coach's own rules
(``coach.metrics.session_marks``), person by person, so reports and challenge boards can
add up sessions and hard sets from the first run; ``storage.sessions`` keeps them right
from then on. The indexes that covered warm-up flags now cover the kept columns.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.metrics import session_marks
from coach.training import TrainingSet
from coach.vocabulary import Pattern, Region
from storage.utc import UTCDateTime

revision: str = "0021"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BOARD = "ix_logged_set_person_performed"
BOARD_BEFORE = [
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
    "source",
]
BOARD_AFTER = [
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
REPORT_BEFORE = (
    "ix_logged_set_person_day",
    ["person_id", "local_date", "exercise_key", "warmup", "rpe"],
)
REPORT_AFTER = (
    "ix_logged_set_person_session",
    ["person_id", "session_at", "local_date", "exercise_key", "hard"],
)


def _exercises(connection: sa.Connection) -> dict[str, Exercise]:
    known = {e.key: e for e in load_catalog().exercises}
    rows = connection.execute(sa.text("SELECT id, name, region, pattern FROM custom_exercise"))
    for row in rows:
        key = f"custom:{row.id}"
        known[key] = Exercise(key, row.name, Region(row.region), Pattern(row.pattern), ())
    return known


def _backfill(connection: sa.Connection) -> None:
    """Every set's session and hardness, person by person. The answers gather in a
    temporary table and go into ``logged_set`` in one statement: a person's sets lie
    all over the table, and updating them one by one reads a page for each."""
    exercises = _exercises(connection)
    marks = sa.Table(
        "session_marks",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("hard", sa.Boolean(), nullable=False),
        prefixes=["TEMPORARY"],
    )
    marks.create(connection)
    read = sa.text(
        "SELECT id, performed_at, exercise_key, exercise_name, weight_kg, reps, rpe, "
        "warmup, bodyweight FROM logged_set WHERE person_id = :person "
        "ORDER BY performed_at, id"
    ).columns(performed_at=UTCDateTime())
    people = connection.execute(sa.text("SELECT DISTINCT person_id FROM logged_set")).scalars()
    for person in list(people):
        rows = connection.execute(read, {"person": person}).all()
        sets = [
            TrainingSet(
                at=row.performed_at,
                exercise=exercises.get(row.exercise_key) if row.exercise_key else None,
                typed_name=row.exercise_name,
                weight_kg=row.weight_kg,
                reps=row.reps,
                rpe=row.rpe,
                warmup=bool(row.warmup),
                bodyweight=bool(row.bodyweight),
            )
            for row in rows
        ]
        found = session_marks(sets)
        changed = [
            {"id": row.id, "session_at": start, "hard": hard}
            for row, (start, hard) in zip(rows, found, strict=True)
            if start is not None or hard
        ]
        if changed:
            connection.execute(marks.insert(), changed)
    connection.execute(
        sa.text(
            "UPDATE logged_set SET session_at = m.session_at, hard = m.hard "
            "FROM session_marks AS m WHERE logged_set.id = m.id"
        )
    )
    marks.drop(connection)


def upgrade() -> None:
    # Plain ALTERs, not a batch: SQLite adds columns and indexes in place, where a batch
    # would copy the whole table.
    op.add_column("logged_set", sa.Column("session_at", UTCDateTime(timezone=True), nullable=True))
    op.add_column(
        "logged_set", sa.Column("hard", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.drop_index(REPORT_BEFORE[0], table_name="logged_set")
    _backfill(op.get_bind())  # reads each person's sets through the person/time index
    op.drop_index(BOARD, table_name="logged_set")
    op.create_index(BOARD, "logged_set", BOARD_AFTER, unique=False)
    op.create_index(REPORT_AFTER[0], "logged_set", REPORT_AFTER[1], unique=False)
    op.create_table(
        "deload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name="fk_deload_person_id_person", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_deload"),
    )
    op.create_index("ix_deload_person_first_day", "deload", ["person_id", "first_day"])


def downgrade() -> None:
    op.drop_index("ix_deload_person_first_day", table_name="deload")
    op.drop_table("deload")
    with op.batch_alter_table("logged_set", schema=None) as batch_op:
        batch_op.drop_index(REPORT_AFTER[0])
        batch_op.create_index(REPORT_BEFORE[0], REPORT_BEFORE[1], unique=False)
        batch_op.drop_index(BOARD)
        batch_op.create_index(BOARD, BOARD_BEFORE, unique=False)
        batch_op.drop_column("hard")
        batch_op.drop_column("session_at")
