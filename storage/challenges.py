"""Challenges in the database: create, join and leave, exclusions, the board, badges, and
the record of announcements that makes each one go out once.

The board reads the window's sets of every counting member in one query (joined to the
membership table, on the ``person_id, performed_at`` index) and scores them in Python
with ``coach.challenges``, so the rules live in one place; bench/bench_challenge_board.py
measures it against a single aggregate query over the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, case, delete, func, or_, update
from sqlalchemy import select as columns
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from coach.catalog import load_catalog
from coach.challenges import (
    Board,
    ChallengeSet,
    Member,
    Metric,
    Post,
    Window,
    build_board,
    could_count,
)
from coach.exercise import Exercise
from coach.training import TrainingSet
from storage.custom_exercises import as_exercise
from storage.people import get_person
from storage.tables import (
    Challenge,
    ChallengeAnnouncement,
    ChallengeBadge,
    ChallengeExclusion,
    ChallengeMember,
    CustomExercise,
    LoggedSet,
)

JOINED, ALREADY, EXCLUDED = "joined", "already", "excluded"


def name_key(name: str) -> str:
    """Names compare without case or repeated spaces: "Leg  Week" is "leg week"."""
    return " ".join(name.split()).lower()


def window_of(challenge: Challenge) -> Window:
    window = Window(challenge.starts_at, challenge.ends_at, ZoneInfo(challenge.timezone))
    return window.closed_at(challenge.ended_at)


def is_open(challenge: Challenge, now: datetime) -> bool:
    """Not ended and not past its end: people can still join and score."""
    return challenge.ended_at is None and now < challenge.ends_at


async def add_challenge(
    session: AsyncSession,
    *,
    guild_id: int,
    channel_id: int,
    name: str,
    metric: Metric,
    goal: float,
    team: bool,
    window: Window,
    creator_id: int,
    now: datetime,
) -> Challenge | None:
    """The new challenge, or None when the server already has one of that name."""
    key = name_key(name)
    if await find_challenge(session, guild_id, key) is not None:
        return None
    row = Challenge(
        guild_id=guild_id,
        channel_id=channel_id,
        name=" ".join(name.split()),
        name_key=key,
        metric=metric.value,
        goal=goal,
        team=team,
        timezone=window.tz.key,
        starts_at=window.start,
        ends_at=window.end,
        creator_id=creator_id,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def find_challenge(session: AsyncSession, guild_id: int, name: str) -> Challenge | None:
    query = select(Challenge).where(
        col(Challenge.guild_id) == guild_id, col(Challenge.name_key) == name_key(name)
    )
    return (await session.execute(query)).scalar_one_or_none()


def _open_or_since(since: datetime) -> ColumnElement[bool]:
    return or_(
        and_(col(Challenge.ended_at).is_(None), col(Challenge.ends_at) > since),
        col(Challenge.ended_at) > since,
    )


async def challenges_in(session: AsyncSession, guild_id: int, since: datetime) -> list[Challenge]:
    """The server's challenges still open or closed after ``since``, soonest start first."""
    query = (
        select(Challenge)
        .where(col(Challenge.guild_id) == guild_id, _open_or_since(since))
        .order_by(col(Challenge.starts_at), col(Challenge.id))
    )
    return list((await session.execute(query)).scalars())


async def member_counts(session: AsyncSession, challenge_ids: Sequence[int]) -> dict[int, int]:
    query = (
        select(col(ChallengeMember.challenge_id), func.count())
        .where(col(ChallengeMember.challenge_id).in_(challenge_ids))
        .where(col(ChallengeMember.excluded).is_(False))
        .group_by(col(ChallengeMember.challenge_id))
    )
    return dict((await session.execute(query)).tuples().all())


async def _membership(
    session: AsyncSession, challenge_id: int, person_id: int
) -> ChallengeMember | None:
    query = select(ChallengeMember).where(
        col(ChallengeMember.challenge_id) == challenge_id,
        col(ChallengeMember.person_id) == person_id,
    )
    return (await session.execute(query)).scalar_one_or_none()


async def join(session: AsyncSession, challenge_id: int, person_id: int, now: datetime) -> str:
    """JOINED, ALREADY (a member), or EXCLUDED (a moderator took them out)."""
    member = await _membership(session, challenge_id, person_id)
    if member is not None:
        return EXCLUDED if member.excluded else ALREADY
    await get_person(session, person_id, now)
    session.add(ChallengeMember(challenge_id=challenge_id, person_id=person_id, joined_at=now))
    await session.flush()
    return JOINED


async def leave(session: AsyncSession, challenge_id: int, person_id: int) -> bool:
    """Leave; an excluded member's row stays, so they cannot rejoin to undo it."""
    result = await session.execute(
        delete(ChallengeMember).where(
            col(ChallengeMember.challenge_id) == challenge_id,
            col(ChallengeMember.person_id) == person_id,
            col(ChallengeMember.excluded).is_(False),
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def is_member(session: AsyncSession, challenge_id: int, person_id: int) -> bool:
    member = await _membership(session, challenge_id, person_id)
    return member is not None and not member.excluded


async def exclude_member(session: AsyncSession, challenge_id: int, person_id: int, by: int) -> bool:
    """Take a member out of the board; False when they are not taking part."""
    result = await session.execute(
        update(ChallengeMember)
        .where(
            col(ChallengeMember.challenge_id) == challenge_id,
            col(ChallengeMember.person_id) == person_id,
        )
        .values(excluded=True, excluded_by=by)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def exclude_sets(
    session: AsyncSession, challenge_id: int, set_ids: Sequence[int], by: int, now: datetime
) -> None:
    """Exclude these sets from the challenge; excluding one twice is harmless."""
    known = await _excluded_set_ids(session, challenge_id)
    session.add_all(
        ChallengeExclusion(challenge_id=challenge_id, set_id=set_id, excluded_by=by, at=now)
        for set_id in set(set_ids) - known
    )
    await session.flush()


async def _excluded_set_ids(session: AsyncSession, challenge_id: int) -> set[int]:
    query = select(col(ChallengeExclusion.set_id)).where(
        col(ChallengeExclusion.challenge_id) == challenge_id
    )
    return set((await session.execute(query)).scalars())


async def _members(session: AsyncSession, challenge_id: int) -> list[Member]:
    query = select(ChallengeMember).where(col(ChallengeMember.challenge_id) == challenge_id)
    return [
        Member(row.person_id, row.joined_at, row.excluded)
        for row in (await session.execute(query)).scalars()
    ]


def _counting_member(challenge_id: int) -> ColumnElement[bool]:
    return and_(
        col(ChallengeMember.person_id) == col(LoggedSet.person_id),
        col(ChallengeMember.challenge_id) == challenge_id,
        col(ChallengeMember.excluded).is_(False),
    )


async def _exercises(session: AsyncSession, challenge_id: int) -> dict[str, Exercise]:
    """The catalog plus the members' own exercises (custom keys are unique across people)."""
    exercises = {e.key: e for e in load_catalog().exercises}
    custom = select(CustomExercise).join(
        ChallengeMember,
        and_(
            col(ChallengeMember.person_id) == col(CustomExercise.person_id),
            col(ChallengeMember.challenge_id) == challenge_id,
        ),
    )
    exercises.update(
        (e.key, e) for e in map(as_exercise, (await session.execute(custom)).scalars())
    )
    return exercises


def _in_window(window: Window) -> list[ColumnElement[bool]]:
    return [col(LoggedSet.performed_at) >= window.start, col(LoggedSet.performed_at) < window.end]


async def window_sets(
    session: AsyncSession, challenge_id: int, window: Window, metric: Metric
) -> list[ChallengeSet]:
    """The sets the counting members performed inside the window that could score, at once.

    The query leaves out warm-ups and exercises that can never score in ``metric`` (a
    prefilter only: ``coach.challenges`` still decides what counts). Plain columns rather
    than ORM objects: a board can read 100,000 rows, and entities would cost more than
    the scoring.
    """
    exercises = await _exercises(session, challenge_id)
    keys = sorted(key for key, e in exercises.items() if could_count(metric, e))
    # SQLAlchemy's select: sqlmodel's is typed for at most four columns.
    query = (
        columns(
            col(LoggedSet.id),
            col(LoggedSet.person_id),
            col(LoggedSet.performed_at),
            col(LoggedSet.logged_at),
            col(LoggedSet.exercise_key),
            col(LoggedSet.weight_kg),
            col(LoggedSet.reps),
            col(LoggedSet.seconds),
            col(LoggedSet.rpe),
            col(LoggedSet.bodyweight),
        )
        .join(ChallengeMember, _counting_member(challenge_id))
        .where(
            *_in_window(window),
            col(LoggedSet.exercise_key).in_(keys),
            col(LoggedSet.warmup).is_(False),
        )
    )
    rows = (await session.execute(query)).all()
    return [
        ChallengeSet(
            set_id=row.id,
            person_id=row.person_id,
            logged=TrainingSet(
                at=row.performed_at,
                exercise=exercises[row.exercise_key],
                typed_name=row.exercise_key,  # never shown: every set here is classified
                weight_kg=row.weight_kg,
                reps=row.reps,
                seconds=row.seconds,
                rpe=row.rpe,
                bodyweight=row.bodyweight,
            ),
            logged_at=row.logged_at,
        )
        for row in rows
    ]


async def board(session: AsyncSession, challenge: Challenge) -> Board:
    assert challenge.id is not None
    window, metric = window_of(challenge), Metric(challenge.metric)
    return build_board(
        metric,
        challenge.goal,
        challenge.team,
        window,
        await _members(session, challenge.id),
        await window_sets(session, challenge.id, window, metric),
        await _excluded_set_ids(session, challenge.id),
    )


async def board_version(session: AsyncSession, challenge: Challenge) -> tuple[object, ...]:
    """Changes whenever the board can: sets logged, undone or edited in the window (edits
    are new rows), members, exclusions, members' own exercises (they reclassify old sets)
    and the end. The set part reads only the ``person_id, performed_at`` index."""
    assert challenge.id is not None
    window = window_of(challenge)
    sets = (
        select(func.count(), func.max(col(LoggedSet.id)), func.sum(col(LoggedSet.id)))
        .join(ChallengeMember, _counting_member(challenge.id))
        .where(*_in_window(window))
    )
    members = select(
        func.count(),
        func.max(col(ChallengeMember.id)),
        func.sum(case((col(ChallengeMember.excluded), 1), else_=0)),
    ).where(col(ChallengeMember.challenge_id) == challenge.id)
    excluded = select(func.count(), func.max(col(ChallengeExclusion.id))).where(
        col(ChallengeExclusion.challenge_id) == challenge.id
    )
    custom = select(func.count(), func.max(col(CustomExercise.id))).join(
        ChallengeMember,
        and_(
            col(ChallengeMember.person_id) == col(CustomExercise.person_id),
            col(ChallengeMember.challenge_id) == challenge.id,
        ),
    )
    parts = [tuple((await session.execute(q)).one()) for q in (sets, members, excluded, custom)]
    return (window.end, *parts)


class BoardCache:
    """Boards by challenge, reused while ``board_version`` says nothing changed.

    Scoring is a pure function of the rows ``board_version`` watches, so a reused board
    is exact; reading the version costs an index scan instead of every row.
    """

    def __init__(self) -> None:
        self._boards: dict[int, tuple[tuple[object, ...], Board]] = {}

    async def board(self, session: AsyncSession, challenge: Challenge) -> Board:
        assert challenge.id is not None
        version = await board_version(session, challenge)
        cached = self._boards.get(challenge.id)
        if cached is not None and cached[0] == version:
            return cached[1]
        fresh = await board(session, challenge)
        self._boards[challenge.id] = (version, fresh)
        return fresh


async def close(session: AsyncSession, challenge: Challenge, now: datetime) -> None:
    """End the challenge now, or at its planned end if that has passed; never end it twice."""
    ended = min(now, challenge.ends_at)
    await session.execute(
        update(Challenge)
        .where(col(Challenge.id) == challenge.id, col(Challenge.ended_at).is_(None))
        .values(ended_at=ended)
    )
    if challenge.ended_at is None:
        challenge.ended_at = ended


async def award_badges(
    session: AsyncSession, challenge: Challenge, person_ids: Sequence[int], now: datetime
) -> None:
    """Badges for the winners; a retried end announcement awards nobody twice."""
    assert challenge.id is not None
    have = select(col(ChallengeBadge.person_id)).where(
        col(ChallengeBadge.challenge_id) == challenge.id
    )
    awarded = set((await session.execute(have)).scalars())
    session.add_all(
        ChallengeBadge(
            challenge_id=challenge.id,
            person_id=person_id,
            guild_id=challenge.guild_id,
            name=challenge.name,
            awarded_at=now,
        )
        for person_id in set(person_ids) - awarded
    )
    await session.flush()


async def badges_of(session: AsyncSession, person_id: int) -> list[ChallengeBadge]:
    query = (
        select(ChallengeBadge)
        .where(col(ChallengeBadge.person_id) == person_id)
        .order_by(col(ChallengeBadge.awarded_at).desc())
    )
    return list((await session.execute(query)).scalars())


async def claim_announcement(
    session: AsyncSession, challenge_id: int, kind: str, week: int, now: datetime
) -> bool:
    """True for the one caller that may post this announcement; False if it was claimed."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    claimed = await session.execute(
        dialect.insert(ChallengeAnnouncement)
        .values(challenge_id=challenge_id, kind=kind, week=week, at=now)
        .on_conflict_do_nothing(index_elements=["challenge_id", "kind", "week"])
        .returning(col(ChallengeAnnouncement.id))
    )
    return claimed.first() is not None


async def release_announcement(
    session: AsyncSession, challenge_id: int, kind: str, week: int
) -> None:
    """Give a claim back after a failed post, so the next round tries again."""
    await session.execute(
        delete(ChallengeAnnouncement).where(
            col(ChallengeAnnouncement.challenge_id) == challenge_id,
            col(ChallengeAnnouncement.kind) == kind,
            col(ChallengeAnnouncement.week) == week,
        )
    )


async def announced(session: AsyncSession, challenge_id: int) -> set[tuple[str, int]]:
    query = select(col(ChallengeAnnouncement.kind), col(ChallengeAnnouncement.week)).where(
        col(ChallengeAnnouncement.challenge_id) == challenge_id
    )
    return {(kind, week) for kind, week in (await session.execute(query)).all()}


async def awaiting_announcements(
    session: AsyncSession, started_by: datetime | None = None
) -> list[Challenge]:
    """Challenges whose end has not been announced yet (that started by ``started_by``)."""
    end_sent = select(col(ChallengeAnnouncement.challenge_id)).where(
        col(ChallengeAnnouncement.kind) == Post.END.value
    )
    query = select(Challenge).where(col(Challenge.id).not_in(end_sent))
    if started_by is not None:
        query = query.where(col(Challenge.starts_at) <= started_by)
    return list((await session.execute(query.order_by(col(Challenge.id)))).scalars())
