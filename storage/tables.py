"""The SQLModel tables: people, servers and the sets people log.

Discord ids are 64-bit, hence ``BigInteger``; every timestamp is aware UTC (``UTCDateTime``).
Constraint names follow one convention so Alembic can alter them on SQLite too.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

from coach.vocabulary import Unit
from storage.utc import UTCDateTime

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def _utc(nullable: bool = False) -> Column[datetime]:
    return Column(UTCDateTime(), nullable=nullable)


def _owned_by(table: str, id_type: type[Integer] | type[BigInteger] = Integer) -> Column[int]:
    """A required reference to ``table``'s id; the row goes when what owns it goes."""
    return Column(id_type, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False)


class Person(SQLModel, table=True):
    """Someone who uses Leg Day, keyed by their Discord user id."""

    __tablename__ = "person"

    id: int = Field(sa_type=BigInteger, primary_key=True, description="Discord user id")
    unit: Unit = Field(default=Unit.KG, sa_type=String(2))
    timezone: str | None = Field(default=None, max_length=64, description="IANA zone name")
    sex: str | None = Field(default=None, max_length=8)
    bodyweight_kg: float | None = None
    days_per_week: int | None = None
    goal: str = Field(default="balanced", max_length=16)
    share_reports: bool = Field(default=False, description="opted in to server reports")
    # How this person reads the ambiguous line shapes (coach.notation.Shape), as Order
    # names; None until they pick a reading the first time the bot asks.
    reading_weight_then_two: str | None = Field(default=None, max_length=16)
    reading_small_pair: str | None = Field(default=None, max_length=16)
    date_order: str | None = Field(
        default=None, max_length=3, description="dmy or mdy for dates like 3/4; None: ask"
    )
    announce_records: str | None = Field(
        default=None, max_length=8, description="main, all or none; None: main (e1RM, main lifts)"
    )
    # Their own plates for /plates, as "kg:25,20,10" (coach.plates); None: a gym's set.
    plates: str | None = Field(default=None, max_length=120)
    # Their rest defaults for /rest by movement pattern, as "squat=180,any=90" (coach.rest).
    rest_seconds: str | None = Field(default=None, max_length=400)
    # Moved on by every change of this person's sets (storage.sessions.settle), in any
    # process: what a process keeps of them is good while it stays (storage.bests_cache).
    sets_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = Field(sa_column=_utc())


class Server(SQLModel, table=True):
    """A Discord server (guild) and its Leg Day settings."""

    __tablename__ = "server"

    id: int = Field(sa_type=BigInteger, primary_key=True, description="Discord guild id")
    timezone: str = Field(default="UTC", max_length=64)
    reminder_channel_id: int | None = Field(default=None, sa_type=BigInteger)
    report_channel_id: int | None = Field(default=None, sa_type=BigInteger)
    report_failures: int = Field(default=0, description="weekly posts failed in a row")
    report_last_result: str | None = Field(default=None, max_length=200)
    report_last_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    report_set_by: int | None = Field(
        default=None, sa_type=BigInteger, description="who last ran /report setup; told of failures"
    )
    created_at: datetime = Field(sa_column=_utc())


IMPORTED = "import"
"""``LoggedSet.source`` of a set read from another app's export."""


class LoggedSet(SQLModel, table=True):
    """One set as logged: the load in kg for maths, and what the person typed for display."""

    __tablename__ = "logged_set"
    __table_args__ = (
        # Covers every column a challenge board reads of a member's sets in its window, so
        # the board's aggregate never reads the table (storage.challenge_tallies).
        Index(
            "ix_logged_set_person_performed",
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
            # Imported history never counts in a challenge, and the board says so from here.
            "source",
            # Volume: the load a set counts with, doubled per side (storage.sql_volume).
            "load_kg",
            "per_side",
        ),
        # "Did this person train in this server lately" is one probe, index only: the
        # weekly report asks it of everyone who opted in.
        Index("ix_logged_set_guild_person_performed", "guild_id", "person_id", "performed_at"),
        Index("ix_logged_set_batch", "batch_id"),
        # Covers every column of a person's bests on one exercise, which /log reads each
        # time: a long history is then scanned in the index, never row by row.
        Index(
            "ix_logged_set_person_exercise",
            "person_id",
            "exercise_key",
            "local_date",
            "reps",
            "weight_kg",
            "e1rm_kg",
            "warmup",
            "bodyweight",
            "per_side",
            "load_kg",
        ),
        # Covers the weekly report's count of hard sets per member and session, so a
        # year of logs is never read row by row.
        Index(
            "ix_logged_set_person_session",
            "person_id",
            "session_at",
            "local_date",
            "exercise_key",
            "hard",
        ),
        # An imported set is stored once per person, however often its file is imported.
        Index("uq_logged_set_person_fingerprint", "person_id", "fingerprint", unique=True),
        Index("ix_logged_set_import", "import_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owned_by("person", BigInteger))
    guild_id: int | None = Field(default=None, sa_type=BigInteger, description="None for DMs")
    performed_at: datetime = Field(sa_column=_utc())
    logged_at: datetime = Field(sa_column=_utc())
    local_date: date = Field(description="the training day in the person's zone when logged")
    exercise_key: str | None = Field(default=None, max_length=64, description="None: unresolved")
    exercise_name: str = Field(max_length=100, description="the name as typed")
    weight_kg: float | None = None
    weight_typed: float | None = None
    unit_typed: Unit | None = Field(default=None, sa_type=String(2))
    reps: int | None = None
    seconds: int | None = None
    distance_m: float | None = Field(default=None, description="cardio: how far, in metres")
    rpe: float | None = None
    warmup: bool = False
    bodyweight: bool = False
    per_side: bool = False
    e1rm_kg: float | None = Field(default=None, description="estimated 1RM, kept for records")
    load_kg: float | None = Field(
        default=None,
        description="a weighted bodyweight set's bodyweight + added load, when the profile "
        "had a bodyweight; records and volume use it instead of weight_kg",
    )
    note: str | None = Field(default=None, max_length=200)
    session_at: datetime | None = Field(
        default=None,
        sa_column=_utc(nullable=True),
        description="when the set's session (M0) began; None for cardio, in no session. "
        "Kept by storage.sessions from coach.metrics.session_marks",
    )
    hard: bool = Field(
        default=False,
        description="a hard set (M1: not a flagged or inferred warm-up, no RPE under 6); "
        "kept by storage.sessions",
    )
    batch_id: str = Field(max_length=32, description="one /log call; what /undo removes")
    entry_index: int = Field(default=0, description="which exercise of the batch")
    source: str = Field(default="slash", max_length=16)
    fingerprint: str | None = Field(
        default=None, max_length=32, description="imported sets: what the set is, hashed"
    )
    import_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("data_import.id", ondelete="CASCADE"), nullable=True),
        description="the import that added it; undoing the import removes it",
    )


class CustomExercise(SQLModel, table=True):
    """An exercise a person described themselves because the catalog did not know it."""

    __tablename__ = "custom_exercise"
    __table_args__ = (UniqueConstraint("person_id", "normalised_name"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owned_by("person", BigInteger))
    name: str = Field(max_length=100)
    normalised_name: str = Field(max_length=100)
    region: str = Field(max_length=8)
    pattern: str = Field(max_length=24)
    primary: str = Field(max_length=64, description="comma-separated muscles")
    secondary: str = Field(default="", max_length=128, description="comma-separated muscles")
    created_at: datetime = Field(sa_column=_utc())


class CheckInRow(SQLModel, table=True):
    """A person's short check-in: sleep, soreness, energy, pain and the red-flag answers.

    Only ever shown to that person; ``coach.care`` decides which ones count.
    ``pain_location`` holds a ``PainArea`` value; rows from before the fixed list hold the
    person's own words, read into an area when loaded (nothing is rewritten).
    """

    __tablename__ = "checkin"
    __table_args__ = (Index("ix_checkin_person_at", "person_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owned_by("person", BigInteger))
    at: datetime = Field(sa_column=_utc())
    sleep_hours: float | None = None
    soreness: int | None = None
    energy: int | None = None
    leg_weakness: str | None = Field(default=None, max_length=8)
    numbness_tingling: bool | None = None
    pain_score: int | None = None
    pain_days: int | None = None
    pain_worsening: bool | None = None
    pain_location: str | None = Field(default=None, max_length=60)
    red_flags: str = Field(default="", max_length=200, description="comma-separated RedFlag")
    after_fall: bool | None = None
    being_treated: bool | None = None


SERVER_OWN = "person_id IS NULL AND challenge_id IS NULL"
"""A server's own schedule (a report), of which it has one per kind."""


class Schedule(SQLModel, table=True):
    """Something that recurs, such as a leg-day reminder: the only record of when it is due.

    Owned by a person (delivered by DM) or by a server (sent in the server). Only the
    process running the shard of ``guild_id`` sends it, shard 0 when there is none (set
    in DMs). ``guild_id`` on a person's schedule is the server it was set in, whose
    reminder channel is the DM fallback.
    ``status`` is pending, claimed (``lease_owner`` is sending it until
    ``lease_expires_at``, database time) or paused (``paused_reason`` says why). A
    pending row with ``retry_at`` is the occurrence due at ``next_due_at`` whose send
    failed for a passing reason; it is tried again from ``retry_at``.

    One row per person and kind, and one per server and kind for a server's own (a
    second row would send everything twice); a challenge's announcements are one row of
    its own (``challenge_id``), whose handler sets each next due time and marks it
    ``done`` after the end.
    """

    __tablename__ = "schedule"
    __table_args__ = (
        Index("ix_schedule_status_due", "status", "next_due_at"),
        Index("ix_schedule_person", "person_id"),
        # Unique indexes, not constraints: SQLite adds those without rebuilding the table.
        Index("uq_schedule_kind_person", "kind", "person_id", unique=True),  # NULLs differ
        Index(
            "uq_schedule_server_kind",
            "kind",
            "guild_id",
            unique=True,
            sqlite_where=text(SERVER_OWN),
            postgresql_where=text(SERVER_OWN),
        ),
        Index("uq_schedule_challenge", "challenge_id", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16, description="what to send: legday, checkin, ...")
    person_id: int | None = Field(
        default=None,
        sa_column=Column(BigInteger, ForeignKey("person.id", ondelete="CASCADE"), nullable=True),
    )
    guild_id: int | None = Field(default=None, sa_type=BigInteger)
    # No reference: SQLite adds one to an existing table only inline, which reads back
    # unlike this model's; challenges are never deleted.
    challenge_id: int | None = Field(
        default=None, description="the challenge whose announcements this is"
    )
    weekdays: str = Field(max_length=13, description="0 = Monday, comma-separated")
    local_time: str = Field(max_length=5, description="HH:MM wall time in ``timezone``")
    timezone: str = Field(max_length=64, description="IANA zone name")
    next_due_at: datetime = Field(sa_column=_utc())
    status: str = Field(default="pending", max_length=8)
    paused_reason: str | None = Field(default=None, max_length=16)
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_expires_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    attempts: int = Field(default=0, description="failed sends of the current occurrence")
    last_error: str | None = Field(default=None, max_length=200)
    last_sent_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    retry_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    created_at: datetime = Field(sa_column=_utc())


class Delivery(SQLModel, table=True):
    """What happened to one occurrence of a schedule; unique, so it happens only once."""

    __tablename__ = "delivery"
    __table_args__ = (UniqueConstraint("schedule_id", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(sa_column=_owned_by("schedule"))
    due_at: datetime = Field(sa_column=_utc())
    outcome: str = Field(max_length=16, description="sent, fallback, missed, legs_done, ...")
    at: datetime = Field(sa_column=_utc())


class Challenge(SQLModel, table=True):
    """A server's shared challenge. The window is ``[starts_at, ends_at)``, fixed in
    ``timezone`` (the server's zone at creation); ``ended_at`` is set when it closed, by
    ``/challenge end`` early or by its end announcement."""

    __tablename__ = "challenge"
    __table_args__ = (
        UniqueConstraint("guild_id", "name_key"),
        Index("ix_challenge_guild_ends", "guild_id", "ends_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    guild_id: int = Field(sa_type=BigInteger)
    channel_id: int = Field(sa_type=BigInteger, description="where announcements go")
    name: str = Field(max_length=60)
    name_key: str = Field(max_length=60, description="lower-cased name, unique per server")
    metric: str = Field(max_length=16)
    goal: float
    team: bool = False
    timezone: str = Field(max_length=64)
    starts_at: datetime = Field(sa_column=_utc())
    ends_at: datetime = Field(sa_column=_utc())
    ended_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    creator_id: int = Field(sa_type=BigInteger)
    created_at: datetime = Field(sa_column=_utc())
    # The live board: one message that edits itself as members log (cogs._live_board).
    board_channel_id: int | None = Field(default=None, sa_type=BigInteger)
    board_message_id: int | None = Field(default=None, sa_type=BigInteger)
    board_edited_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))


class ChallengeMember(SQLModel, table=True):
    """Someone taking part; an excluded member stays, so leaving cannot undo an exclusion."""

    __tablename__ = "challenge_member"
    __table_args__ = (
        UniqueConstraint("challenge_id", "person_id"),
        # A person's challenges, asked after every log for the live boards to edit.
        Index("ix_challenge_member_person_id", "person_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(sa_column=_owned_by("challenge"))
    person_id: int = Field(sa_column=_owned_by("person", BigInteger))
    joined_at: datetime = Field(sa_column=_utc())
    excluded: bool = False
    excluded_by: int | None = Field(default=None, sa_type=BigInteger)
    goal_told_at: datetime | None = Field(
        default=None, sa_column=_utc(nullable=True), description="their reached goal was posted"
    )


class ChallengeExclusion(SQLModel, table=True):
    """A logged set a moderator excluded from one challenge."""

    __tablename__ = "challenge_exclusion"
    __table_args__ = (UniqueConstraint("challenge_id", "set_id"),)

    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(sa_column=_owned_by("challenge"))
    set_id: int = Field(sa_column=_owned_by("logged_set"))
    excluded_by: int = Field(sa_type=BigInteger)
    at: datetime = Field(sa_column=_utc())


class ChallengeBadge(SQLModel, table=True):
    """A win, kept on the person's profile; the name is copied so the badge reads alone."""

    __tablename__ = "challenge_badge"
    __table_args__ = (UniqueConstraint("challenge_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(sa_column=_owned_by("challenge"))
    person_id: int = Field(sa_column=_owned_by("person", BigInteger))
    guild_id: int = Field(sa_type=BigInteger)
    name: str = Field(max_length=60)
    awarded_at: datetime = Field(sa_column=_utc())


class ChallengeAnnouncement(SQLModel, table=True):
    """An announcement claimed for sending; unique, so each is posted once."""

    __tablename__ = "challenge_announcement"
    __table_args__ = (UniqueConstraint("challenge_id", "kind", "week"),)

    id: int | None = Field(default=None, primary_key=True)
    challenge_id: int = Field(sa_column=_owned_by("challenge"))
    kind: str = Field(max_length=8, description="start, week or end")
    week: int = Field(default=0, description="the challenge week a progress post is for")
    at: datetime = Field(sa_column=_utc())


class DataImport(SQLModel, table=True):
    """One import of another app's export; its sets go with it when it is undone."""

    __tablename__ = "data_import"
    __table_args__ = (Index("ix_data_import_person_at", "person_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owned_by("person", BigInteger))
    format: str = Field(max_length=16, description="the app that wrote the file")
    filename: str = Field(max_length=100)
    sets: int = Field(default=0, description="sets it added")
    at: datetime = Field(sa_column=_utc())


class Deload(SQLModel, table=True):
    """Days someone said they train lighter on purpose (``/deload``): a lower e1RM then
    is the plan, not a sign of overreaching."""

    __tablename__ = "deload"
    __table_args__ = (Index("ix_deload_person_first_day", "person_id", "first_day"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_owned_by("person", BigInteger))
    first_day: date = Field(description="the first local day of the deload")
    last_day: date = Field(description="its last local day, included")
    created_at: datetime = Field(sa_column=_utc())
