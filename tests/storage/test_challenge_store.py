"""Challenges on each back-end: membership, exclusions, the board query, badges and posts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlmodel import col

from coach.catalog import load_catalog
from coach.challenges import Board, Metric, Post, Window
from coach.entries import Entry, LoggableSet
from coach.exercise import Exercise
from coach.vocabulary import Muscle, Pattern, Region, Unit
from storage import challenge_board, challenges, logbook
from storage.custom_exercises import add_custom
from storage.logbook import EntryRef, Where
from storage.people import get_person
from storage.sessions import settle_person
from storage.store import Store
from storage.tables import Challenge, LoggedSet, Schedule
from tests.db import every

GUILD = 10
ALICE, BOB, CARO = 1, 2, 3
WINDOW = Window.from_dates(date(2026, 3, 2), date(2026, 3, 15), ZoneInfo("Europe/Berlin"))
MONDAY = datetime(2026, 3, 2, 18, tzinfo=UTC)


async def a_challenge(store: Store, name: str = "Leg March", team: bool = False) -> Challenge:
    def unit(session: Session) -> Challenge | None:
        for person in (ALICE, BOB, CARO):
            get_person(session, person, MONDAY)
        return challenges.add_challenge(
            session,
            guild_id=GUILD,
            channel_id=20,
            name=name,
            metric=Metric.LEG_SETS,
            goal=5,
            team=team,
            window=WINDOW,
            creator_id=ALICE,
            now=MONDAY - timedelta(days=3),
        )

    created = await store.run(unit)
    assert created is not None
    return created


async def log(
    store: Store,
    person: int,
    at: datetime,
    count: int,
    key: str | None = "back_squat",
    logged_at: datetime | None = None,
) -> list[int]:
    def unit(session: Session) -> list[int]:
        rows = [
            LoggedSet(
                person_id=person,
                performed_at=at,
                logged_at=logged_at or at,
                local_date=at.date(),
                exercise_key=key,
                exercise_name=key or "sissy squat",
                weight_kg=100.0,
                weight_typed=100.0,
                unit_typed=Unit.KG,
                reps=5,
                batch_id=f"{person}-{at.isoformat()}",
            )
            for _ in range(count)
        ]
        session.add_all(rows)
        session.flush()
        # Each set's session and hardness, as logging works them out (storage.sessions).
        settle_person(session, person)
        return [row.id or 0 for row in rows]

    return await store.run(unit)


async def join(store: Store, challenge: Challenge, *people: int, at: datetime = WINDOW.start):
    return await store.run(
        lambda session: [challenges.join(session, challenge.id or 0, p, at) for p in people]
    )


async def scores(store: Store, challenge: Challenge) -> dict[int, float]:
    board = await store.run(challenge_board.board, challenge)
    return {s.person_id: s.score for s in board.standings}


async def test_names_are_unique_per_server_whatever_the_case(store: Store) -> None:
    created = await a_challenge(store)
    assert (created.starts_at, created.ends_at, created.timezone) == (
        WINDOW.start,
        WINDOW.end,
        "Europe/Berlin",
    )

    def unit(session: Session) -> None:
        again = challenges.add_challenge(
            session,
            guild_id=GUILD,
            channel_id=20,
            name="  leg   MARCH ",
            metric=Metric.LEG_DAYS,
            goal=3,
            team=False,
            window=WINDOW,
            creator_id=BOB,
            now=MONDAY,
        )
        assert again is None
        found = challenges.find_challenge(session, GUILD, "LEG march")
        assert found is not None
        assert found.id == created.id
        assert challenges.find_challenge(session, GUILD + 1, "Leg March") is None

    await store.run(unit)


async def test_the_board_counts_only_members_sets_in_the_window(store: Store) -> None:
    challenge = await a_challenge(store)
    assert await join(store, challenge, ALICE, BOB) == [challenges.JOINED] * 2
    await log(store, ALICE, MONDAY, 3)
    await log(store, ALICE, WINDOW.start - timedelta(minutes=1), 2)  # before the start
    await log(store, BOB, MONDAY + timedelta(days=1), 4)
    await log(store, CARO, MONDAY, 6)  # not a member

    assert await scores(store, challenge) == {ALICE: 3, BOB: 4}


async def test_members_own_exercises_are_classified(store: Store) -> None:
    challenge = await a_challenge(store)
    await join(store, challenge, ALICE)
    sissy = Exercise("", "Sissy Squat", Region.LOWER, Pattern.SQUAT, (Muscle.QUADS,))
    stored, _ = await store.run(add_custom, ALICE, sissy, "sissy squat", MONDAY)
    key = stored.key
    await log(store, ALICE, MONDAY, 2, key=key)
    await log(store, ALICE, MONDAY, 1, key=None)  # unclassified: counts nowhere

    assert await scores(store, challenge) == {ALICE: 2}


async def test_exclusions_hold_and_leaving_cannot_undo_them(store: Store) -> None:
    challenge = await a_challenge(store)
    cid = challenge.id or 0
    await join(store, challenge, ALICE, BOB)
    cheat = await log(store, ALICE, MONDAY, 2)
    await log(store, ALICE, MONDAY + timedelta(hours=1), 3)
    await log(store, BOB, MONDAY, 4)

    def unit(session: Session) -> None:
        challenges.exclude_sets(session, cid, cheat, by=CARO, now=MONDAY)
        challenges.exclude_sets(session, cid, cheat, by=CARO, now=MONDAY)  # harmless
        assert challenges.exclude_member(session, cid, BOB, by=CARO)
        assert not challenges.exclude_member(session, cid, CARO, by=CARO)
        board = challenge_board.board(session, challenge)
        assert [(s.person_id, s.score) for s in board.standings] == [(ALICE, 3)]
        assert (board.excluded_sets, board.excluded_members) == (2, 1)
        assert challenges.member_counts(session, [cid]) == {cid: 1}  # /challenge list's count

        assert challenge_board.counting_entries(session, challenge, BOB) == []  # none to pick
        assert not challenges.leave(session, cid, BOB)
        assert challenges.join(session, cid, BOB, MONDAY) == challenges.EXCLUDED
        assert challenges.leave(session, cid, ALICE)
        assert not challenges.is_member(session, cid, ALICE)

    await store.run(unit)


async def test_a_team_board_ranks_by_score_not_by_who_passed_the_goal_first(store: Store):
    challenge = await a_challenge(store, team=True)  # leg sets, goal 5
    await join(store, challenge, ALICE, BOB)
    await log(store, ALICE, MONDAY, 5)
    await log(store, BOB, MONDAY + timedelta(days=1), 7)

    board = await store.run(challenge_board.board, challenge)

    assert [(s.person_id, s.score, s.rank, s.reached_at) for s in board.standings] == [
        (BOB, 7, 1, None),
        (ALICE, 5, 2, None),
    ]
    assert (board.reached, {s.person_id for s in board.winners}) == (True, {ALICE, BOB})


async def test_a_moderator_is_offered_a_members_25_newest_counting_entries(store: Store):
    challenge = await a_challenge(store)
    await join(store, challenge, ALICE)
    for minute in range(challenge_board.COUNTING_SHOWN + 1):
        await log(store, ALICE, MONDAY + timedelta(minutes=minute), 1)

    entries = await store.run(challenge_board.counting_entries, challenge, ALICE)

    # As many as a choice list holds, newest first: the oldest one is left out.
    assert [entry.sets[0].performed_at for entry in entries] == [
        MONDAY + timedelta(minutes=minute) for minute in range(25, 0, -1)
    ]


async def test_each_announcement_is_claimed_once(store: Store) -> None:
    challenge = await a_challenge(store)
    cid = challenge.id or 0

    def unit(session: Session) -> None:
        assert challenges.claim_announcement(session, cid, Post.WEEK, 1, MONDAY)
        assert not challenges.claim_announcement(session, cid, Post.WEEK, 1, MONDAY)
        assert challenges.claim_announcement(session, cid, Post.WEEK, 2, MONDAY)
        challenges.release_announcement(session, cid, Post.WEEK, 2)
        assert challenges.announced(session, cid) == {("week", 1)}

    await store.run(unit)


async def test_a_challenge_is_due_at_its_start_and_ending_it_early_makes_it_due_now(
    store: Store,
) -> None:
    challenge = await a_challenge(store)
    await a_challenge(store, name="Leg April")  # a second one in the same server
    [row, _] = await every(store, select(Schedule).order_by(col(Schedule.id)))
    assert (row.kind, row.challenge_id, row.guild_id) == (challenges.CHALLENGE, challenge.id, GUILD)
    assert row.next_due_at == WINDOW.start
    # Berlin's Monday midnight, each week: when its weekly posts fall due.
    assert (row.weekdays, row.local_time, row.timezone) == ("0", "00:00", "Europe/Berlin")

    await store.run(challenges.end_early, challenge, MONDAY)
    row, ended = await store.run(
        lambda session: (
            session.get_one(Schedule, row.id),
            session.get_one(Challenge, challenge.id),
        )
    )
    assert (row.next_due_at, ended.ended_at) == (MONDAY, MONDAY)


async def test_closing_and_badges_happen_once(store: Store) -> None:
    challenge = await a_challenge(store)

    def close_and_award(session: Session) -> None:
        challenges.close(session, challenge, MONDAY)
        challenges.close(session, challenge, MONDAY + timedelta(days=1))
        challenges.award_badges(session, challenge, [ALICE, BOB], MONDAY)
        challenges.award_badges(session, challenge, [ALICE], MONDAY)
        badges = challenges.badges_of(session, ALICE)
        assert [b.name for b in badges] == ["Leg March"]

    def stored_once(session: Session) -> None:
        stored = challenges.find_challenge(session, GUILD, "leg march")
        assert stored is not None
        assert stored.ended_at == MONDAY
        assert not challenges.is_open(stored, MONDAY)
        assert challenges.challenges_in(session, GUILD, MONDAY + timedelta(days=1)) == []
        listed = challenges.challenges_in(session, GUILD, MONDAY - timedelta(days=1))
        assert [c.name for c in listed] == ["Leg March"]

    await store.run(close_and_award)
    await store.run(stored_once)


async def test_an_end_post_sent_late_still_ends_the_challenge_at_its_last_day(store: Store):
    challenge = await a_challenge(store)
    await store.run(challenges.close, challenge, WINDOW.end + timedelta(days=2))

    def listed(session: Session, since: datetime) -> list[str]:
        return [c.name for c in challenges.challenges_in(session, GUILD, since)]

    # Listed as lately ended counting from its last day, not from when the bot was back.
    assert await store.run(listed, WINDOW.end - timedelta(seconds=1)) == ["Leg March"]
    assert await store.run(listed, WINDOW.end + timedelta(days=1)) == []


async def test_a_challenge_is_open_until_the_instant_its_last_day_ends(store: Store) -> None:
    challenge = await a_challenge(store)
    assert challenges.is_open(challenge, WINDOW.end - timedelta(microseconds=1))
    assert not challenges.is_open(challenge, WINDOW.end)


async def test_the_board_cache_notices_every_change(store: Store) -> None:
    challenge = await a_challenge(store)
    cid = challenge.id or 0
    cache = challenge_board.BoardCache()

    async def cached() -> dict[int, float]:
        board = await store.run(cache.board, challenge)
        return {s.person_id: s.score for s in board.standings}

    await join(store, challenge, ALICE)
    first = await log(store, ALICE, MONDAY, 2)
    assert await cached() == {ALICE: 2}
    await log(store, ALICE, MONDAY, 1)
    assert await cached() == {ALICE: 3}
    await store.run(challenges.exclude_sets, cid, first[:1], by=CARO, now=MONDAY)
    assert await cached() == {ALICE: 2}
    await join(store, challenge, BOB)
    assert await cached() == {ALICE: 2, BOB: 0}
    await store.run(challenges.close, challenge, MONDAY - timedelta(hours=1))
    assert await cached() == {ALICE: 0, BOB: 0}


async def test_the_board_cache_drops_sets_logged_after_an_early_end(store: Store) -> None:
    challenge = await a_challenge(store)
    cache = challenge_board.BoardCache()
    await join(store, challenge, ALICE)
    await log(store, ALICE, MONDAY, 2, logged_at=MONDAY + timedelta(hours=2))
    assert [s.score for s in (await store.run(cache.board, challenge)).standings] == [2]

    # Done before the end, but logged after it: the final board leaves them out.
    await store.run(challenges.close, challenge, MONDAY + timedelta(hours=1))
    assert [s.score for s in (await store.run(cache.board, challenge)).standings] == [0]


async def test_the_board_cache_rescores_only_whose_sets_changed_and_agrees_with_a_fresh_board(
    store: Store,
) -> None:
    challenge = await a_challenge(store)  # leg sets, goal 5
    cache = challenge_board.BoardCache()

    async def both() -> list[tuple[int, float, int, datetime | None]]:
        cached, fresh = await store.run(
            lambda session: (
                cache.board(session, challenge),
                challenge_board.board(session, challenge),
            )
        )
        assert cached == fresh
        return [(s.person_id, s.score, s.rank, s.reached_at) for s in cached.standings]

    await join(store, challenge, ALICE, BOB)
    await log(store, ALICE, MONDAY, 4)
    assert await both() == [(ALICE, 4, 1, None), (BOB, 0, 2, None)]
    await log(store, BOB, MONDAY + timedelta(hours=2), 5)
    assert await both() == [(BOB, 5, 1, MONDAY + timedelta(hours=2)), (ALICE, 4, 2, None)]
    undone = await log(store, ALICE, MONDAY + timedelta(hours=3), 2)
    assert await both() == [
        (BOB, 5, 1, MONDAY + timedelta(hours=2)),
        (ALICE, 6, 2, MONDAY + timedelta(hours=3)),
    ]
    await store.run(
        lambda session: session.execute(delete(LoggedSet).where(col(LoggedSet.id).in_(undone)))
    )
    await log(store, BOB, WINDOW.end, 3)  # after the window: nothing changes
    assert await both() == [(BOB, 5, 1, MONDAY + timedelta(hours=2)), (ALICE, 4, 2, None)]


def an_entry(typed: str, kg: float, sets: int) -> Entry:
    loggable = LoggableSet(kg, kg, "kg", 5, None, None, False, False, False, None)
    return Entry(typed, load_catalog().resolve(typed).exercise, (), (loggable,) * sets)


async def test_the_board_cache_sees_an_undo_then_a_new_log_and_an_edit(store: Store) -> None:
    """SQLite hands the ids of deleted newest rows out again; the board must still notice."""
    challenge = await a_challenge(store)
    cache = challenge_board.BoardCache()
    await join(store, challenge, ALICE)

    async def logged(at: datetime, entry: Entry) -> str:
        where = Where(ALICE, GUILD, at, at, at.date(), "test")
        return await store.run(logbook.add_entries, where, [entry])

    async def cached() -> float:
        return (await store.run(cache.board, challenge)).standings[0].score

    wrong = await logged(MONDAY, an_entry("bench", 100, 3))
    assert await cached() == 0
    await store.run(logbook.delete_batch, ALICE, wrong)
    right = await logged(MONDAY + timedelta(minutes=2), an_entry("squat", 100, 3))
    assert await cached() == 3
    await store.run(logbook.replace_entry, ALICE, EntryRef(right, 0), an_entry("bench", 90, 3))
    assert await cached() == 0


async def test_the_board_cache_rescores_only_who_joined_left_was_excluded_or_added_exercises(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    challenge = await a_challenge(store)  # leg sets, goal 5
    cid = challenge.id or 0
    cache = challenge_board.BoardCache()
    rescored: list[int] = []
    score = challenge_board._scored

    def watched(
        session: Session, challenge: Challenge, people: list[int], everyone: bool
    ) -> dict[int, challenge_board.Scored]:
        rescored.extend(people)
        return score(session, challenge, people, everyone)

    monkeypatch.setattr(challenge_board, "_scored", watched)

    async def both() -> tuple[list[tuple[int, float]], tuple[int, int], list[int]]:
        """The cached board's standings and exclusion counts, who it scored again, and
        that it equals a fresh board."""
        rescored.clear()

        def unit(session: Session) -> tuple[Board, list[int], Board]:
            cached = cache.board(session, challenge)
            again = sorted(rescored)
            return cached, again, challenge_board.board(session, challenge)

        cached, again, fresh = await store.run(unit)
        assert cached == fresh
        counts = (cached.excluded_members, cached.excluded_sets)
        return [(s.person_id, s.score) for s in cached.standings], counts, again

    await join(store, challenge, ALICE, BOB)
    alices = await log(store, ALICE, MONDAY, 4)
    await log(store, BOB, MONDAY, 2)
    await log(store, BOB, MONDAY, 3, key=None)  # "sissy squat": unclassified for now
    await log(store, CARO, MONDAY, 6)  # before she joins: never counts
    assert await both() == ([(ALICE, 4), (BOB, 2)], (0, 0), [ALICE, BOB])
    assert await both() == ([(ALICE, 4), (BOB, 2)], (0, 0), [])

    await join(store, challenge, CARO, at=MONDAY + timedelta(hours=1))
    assert await both() == ([(ALICE, 4), (BOB, 2), (CARO, 0)], (0, 0), [CARO])
    await log(store, CARO, MONDAY + timedelta(hours=2), 1)
    assert await both() == ([(ALICE, 4), (BOB, 2), (CARO, 1)], (0, 0), [CARO])

    await store.run(challenges.exclude_sets, cid, alices[:2], by=CARO, now=MONDAY)
    assert await both() == ([(ALICE, 2), (BOB, 2), (CARO, 1)], (0, 2), [ALICE])

    sissy = Exercise("", "Sissy Squat", Region.LOWER, Pattern.SQUAT, (Muscle.QUADS,))
    await store.run(add_custom, BOB, sissy, "sissy squat", MONDAY)  # his 3 sets now count
    assert await both() == ([(BOB, 5), (ALICE, 2), (CARO, 1)], (0, 2), [BOB])

    assert await store.run(challenges.exclude_member, cid, BOB, by=CARO)
    assert await both() == ([(ALICE, 2), (CARO, 1)], (1, 2), [])
    await log(store, BOB, MONDAY + timedelta(hours=3), 2)  # an excluded member's sets
    assert await both() == ([(ALICE, 2), (CARO, 1)], (1, 2), [])

    assert await store.run(challenges.leave, cid, ALICE)
    assert await both() == ([(CARO, 1)], (1, 2), [])
    await join(store, challenge, ALICE, at=MONDAY + timedelta(days=1))  # her sets are older
    assert await both() == ([(CARO, 1), (ALICE, 0)], (1, 2), [ALICE])

    def leave_then_exclude(session: Session) -> None:
        challenges.leave(session, cid, ALICE)
        challenges.exclude_sets(session, cid, alices[2:3], by=CARO, now=MONDAY)

    await store.run(leave_then_exclude)
    assert await both() == ([(CARO, 1)], (1, 3), [])  # a former member's set still counts


async def test_a_members_running_challenges_and_a_live_board_where_posted(store: Store) -> None:
    march = await a_challenge(store)
    other = await a_challenge(store, "No Board")

    def unit(session: Session) -> None:
        for challenge in (march, other):
            challenges.join(session, challenge.id or 0, BOB, MONDAY)
        challenges.join(session, march.id or 0, CARO, MONDAY)
        challenges.exclude_member(session, march.id or 0, CARO, ALICE)
        challenges.set_live_board(session, march.id or 0, 20, 99, MONDAY)

    await store.run(unit)

    async def boards_of(person: int, now: datetime) -> list[int | None]:
        """The running challenges their sets count in that have a live board."""
        running = await store.run(challenges.open_challenges_of, [person], now)
        return [c.id for c, _ in running if c.board_message_id is not None]

    assert await boards_of(BOB, MONDAY) == [march.id]  # "No Board" has none posted
    assert await boards_of(CARO, MONDAY) == []  # excluded: her sets change nothing there
    assert await boards_of(BOB, WINDOW.start - timedelta(hours=1)) == []  # not started
    assert await boards_of(BOB, WINDOW.end) == []  # over
    await store.run(challenges.live_board_edited, march.id or 0, MONDAY + timedelta(hours=1))

    def seen_then_forgotten(session: Session) -> None:
        row = session.get(Challenge, march.id)
        assert row is not None
        assert (row.board_message_id, row.board_edited_at) == (99, MONDAY + timedelta(hours=1))
        challenges.set_live_board(session, march.id or 0, None, None)

    await store.run(seen_then_forgotten)
    assert await boards_of(BOB, MONDAY) == []  # its message was deleted
