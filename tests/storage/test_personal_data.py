"""Forgetting a person leaves their id in no row of any table; exporting finds all of it."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, select
from sqlalchemy.orm import Session
from sqlmodel import col

from coach.catalog import load_catalog
from storage.imports import ImportRequest, run_import
from storage.personal_data import everything_about, forget, strong_csv
from storage.store import Store
from storage.tables import (
    Challenge,
    ChallengeBadge,
    ChallengeExclusion,
    ChallengeMember,
    CheckInRow,
    CustomExercise,
    DataImport,
    Delivery,
    Deload,
    LoggedSet,
    Person,
    Schedule,
    Server,
    metadata,
)

# Distinct from every other id in the fixture, so finding it anywhere means it was left.
ALICE, BOB, GUILD = 900_000_000_000_000_001, 900_000_000_000_000_002, 77
AT = datetime(2026, 3, 2, 18, tzinfo=UTC)


def a_set(person: int, batch: str, **changes: object) -> LoggedSet:
    values: dict[str, object] = {
        "person_id": person,
        "guild_id": GUILD,
        "performed_at": AT,
        "logged_at": AT,
        "local_date": AT.date(),
        "exercise_key": "back_squat",
        "exercise_name": "squat",
        "weight_kg": 100.0,
        "reps": 5,
        "batch_id": batch,
    }
    return LoggedSet(**(values | changes))


def _custom(person: int) -> CustomExercise:
    return CustomExercise(
        person_id=person,
        name="Zercher carry",
        normalised_name="zercher carry",
        region="lower",
        pattern="carry",
        primary="quads",
        created_at=AT,
    )


def _schedule(person: int) -> Schedule:
    return Schedule(
        kind="legday",
        person_id=person,
        guild_id=GUILD,
        weekdays="0",
        local_time="18:00",
        timezone="UTC",
        next_due_at=AT,
        created_at=AT,
    )


def _challenge(name: str, creator: int) -> Challenge:
    return Challenge(
        guild_id=GUILD,
        channel_id=5,
        name=name,
        name_key=name.casefold(),
        metric="leg_sets",
        goal=10,
        timezone="UTC",
        starts_at=AT,
        ends_at=AT + timedelta(days=7),
        creator_id=creator,
        created_at=AT,
    )


def _badge(challenge: Challenge, person_id: int) -> ChallengeBadge:
    return ChallengeBadge(
        challenge_id=challenge.id,
        person_id=person_id,
        guild_id=GUILD,
        name=challenge.name,
        awarded_at=AT,
    )


def _deload(person_id: int) -> Deload:
    return Deload(person_id=person_id, first_day=AT.date(), last_day=AT.date(), created_at=AT)


def _bobs_own_rows(session: Session) -> None:
    """Bob in every table Alice is in, and a challenge only he joined: none of it hers."""
    challenge = _challenge("Bob's squats", BOB)
    schedule = _schedule(BOB)
    session.add_all([challenge, schedule])
    session.flush()
    session.add_all(
        [
            ChallengeMember(challenge_id=challenge.id, person_id=BOB, joined_at=AT),
            _badge(challenge, BOB),
            CheckInRow(person_id=BOB, at=AT, sleep_hours=5, pain_score=6),
            _custom(BOB),
            Delivery(schedule_id=schedule.id, due_at=AT, outcome="sent", at=AT),
            _deload(BOB),
            DataImport(person_id=BOB, format="strong", filename="bob.csv", sets=0, at=AT),
        ]
    )


def _everything_for_two(session: Session) -> None:
    """Alice in every table, Bob beside her in each with rows of his own and a challenge
    only he joined, and Alice named on Bob's and the server's rows."""
    session.add_all([Person(id=ALICE, created_at=AT, timezone="Europe/Berlin")])
    session.add_all([Person(id=BOB, created_at=AT)])
    session.add(Server(id=GUILD, created_at=AT, report_set_by=ALICE))
    session.flush()
    challenge = _challenge("Legs", ALICE)
    schedule = _schedule(ALICE)
    bobs_set = a_set(BOB, "b2")
    session.add_all([challenge, schedule, bobs_set, a_set(ALICE, "b1", note="felt good")])
    session.flush()
    session.add_all(
        [
            ChallengeMember(challenge_id=challenge.id, person_id=ALICE, joined_at=AT),
            ChallengeMember(
                challenge_id=challenge.id,
                person_id=BOB,
                joined_at=AT,
                excluded=True,
                excluded_by=ALICE,
            ),
            ChallengeExclusion(
                challenge_id=challenge.id, set_id=bobs_set.id, excluded_by=ALICE, at=AT
            ),
            _badge(challenge, ALICE),
            CheckInRow(person_id=ALICE, at=AT, sleep_hours=7, pain_score=2),
            _custom(ALICE),
            Delivery(schedule_id=schedule.id, due_at=AT, outcome="sent", at=AT),
            _deload(ALICE),
        ]
    )
    _bobs_own_rows(session)


async def everything_for_two(store: Store) -> None:
    """All of ``_everything_for_two``, then an import of Alice's (a ``data_import`` row)."""
    await store.run(_everything_for_two)
    export = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds\n"
    export += "2026-03-01 10:00:00,Legs,1h,Squat (Barbell),1,100,5,0,0\n"
    await store.run(
        run_import,
        ImportRequest(ALICE, "strong.csv", AT, zone="UTC"),
        io.StringIO(export),
        load_catalog(),
        write=True,
    )


async def rows_naming(store: Store, person_id: int) -> list[str]:
    """Every table.column, over all tables, that still holds this id. A Discord id needs 64
    bits, so only BigInteger columns can hold one."""

    def unit(session: Session) -> list[str]:
        found = []
        for table in metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, BigInteger):
                    continue
                hit = session.execute(select(column).where(column == person_id).limit(1))
                if hit.first() is not None:
                    found.append(f"{table.name}.{column.name}")
        return found

    return await store.run(unit)


async def test_forgetting_leaves_no_row_anywhere_with_their_id(store: Store) -> None:
    await everything_for_two(store)
    assert "logged_set.person_id" in await rows_naming(store, ALICE)
    bobs_before = await rows_naming(store, BOB)

    touched = await store.run(forget, ALICE)

    assert await rows_naming(store, ALICE) == []
    assert touched["logged_set"] == 2
    # Bob keeps every row he had, in every table.
    assert await rows_naming(store, BOB) == bobs_before

    def left(session: Session) -> tuple[Challenge, list[int], list[ChallengeMember]]:
        legs = select(Challenge).where(col(Challenge.name) == "Legs")
        challenge = session.execute(legs).scalar_one()
        bob_left = list(session.execute(select(LoggedSet.person_id)).scalars())
        members = select(ChallengeMember).where(col(ChallengeMember.challenge_id) == challenge.id)
        return challenge, bob_left, list(session.execute(members).scalars())

    challenge, bob_left, members = await store.run(left)
    # Shared rows stay for the others, no longer naming her.
    assert challenge.creator_id == 0
    assert bob_left == [BOB]
    assert [(m.person_id, m.excluded_by) for m in members] == [(BOB, None)]


async def test_the_export_holds_every_table_that_is_theirs(store: Store) -> None:
    await everything_for_two(store)

    def unit(session: Session) -> tuple[dict[str, Any], str]:
        return everything_about(session, ALICE), strong_csv(session, ALICE)

    data, sets = await store.run(unit)

    tables = data["tables"]
    assert {name for name, rows in tables.items() if rows} == {
        "person",
        "logged_set",
        "checkin",
        "schedule",
        "custom_exercise",
        "challenge_member",
        "challenge_badge",
        "data_import",
        "deload",
    }
    assert tables["checkin"][0]["pain_score"] == 2
    # Bob has rows in each of these tables too: not one of his may be in her export.
    owner = {name: "id" if name == "person" else "person_id" for name in tables}
    assert {
        name: sorted({row[owner[name]] for row in rows}) for name, rows in tables.items() if rows
    } == {name: [ALICE] for name, rows in tables.items() if rows}
    assert [row["person_id"] for row in tables["challenge_member"]] == [ALICE]
    assert [row["person_id"] for row in tables["challenge_badge"]] == [ALICE]
    # Only the challenge she joined, not Bob's.
    assert [c["name"] for c in data["challenges_joined"]] == ["Legs"]
    assert sets.splitlines()[1:] == [
        "2026-03-01 11:00:00;Leg Day;Squat (Barbell);1;100.0;kg;5;;;;0;;",
        "2026-03-02 19:00:00;Leg Day;squat;1;100.0;kg;5;;;;0;felt good;",
    ]
