"""A challenge's board: scored from tallies the database adds up, and kept up to date by
rescoring only the members whose sets changed.

``board`` scores every counting member: their sets are added up per member and local day
in SQL (``storage.challenge_tallies``) and scored by ``coach.challenges``. ``BoardCache``,
which the bot uses, keeps each member's score; a version per member tells it whose sets
changed since the last view, and only they are scored again. Anything that can change
every score (members, exclusions, custom exercises, the end) scores everyone again.
bench/bench_challenge_board.py measures both against one aggregate query over the rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, func
from sqlalchemy import select as columns
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from coach.challenges import Board, Metric, Scored, at_goal, rank, reached_at, scores
from storage.challenge_tallies import (
    counting_member,
    day_tallies,
    exercises,
    in_window,
    logged_tallies,
)
from storage.challenges import window_of
from storage.tables import Challenge, ChallengeExclusion, ChallengeMember, CustomExercise, LoggedSet


async def _scored(
    session: AsyncSession, challenge: Challenge, people: Sequence[int], everyone: bool
) -> dict[int, Scored]:
    """The scores of these counting members; ``everyone``: they are all of them, so the
    query need not list them."""
    assert challenge.id is not None
    window, metric = window_of(challenge), Metric(challenge.metric)
    known = await exercises(session, challenge.id)
    tallies = await day_tallies(
        session, challenge.id, window, metric, known, None if everyone else people
    )
    points = scores(metric, window, people, tallies)
    # Only members at the goal need their sets by logging call, to tell when they got there.
    reaching = at_goal(points, challenge.goal, challenge.team)
    times = (
        reached_at(
            metric,
            window,
            challenge.goal,
            await logged_tallies(session, challenge.id, window, metric, known, reaching),
        )
        if reaching
        else {}
    )
    return {person: (score, times.get(person)) for person, score in points.items()}


async def _members(session: AsyncSession, challenge_id: int) -> tuple[list[int], int]:
    """The counting members, and how many members were excluded."""
    query = select(col(ChallengeMember.person_id), col(ChallengeMember.excluded)).where(
        col(ChallengeMember.challenge_id) == challenge_id
    )
    rows = (await session.execute(query)).all()
    return [person for person, excluded in rows if not excluded], sum(1 for row in rows if row[1])


async def _excluded_sets(session: AsyncSession, challenge_id: int) -> int:
    query = select(func.count()).where(col(ChallengeExclusion.challenge_id) == challenge_id)
    return (await session.execute(query)).scalar_one()


async def board(session: AsyncSession, challenge: Challenge) -> Board:
    """Every counting member scored afresh."""
    assert challenge.id is not None
    people, excluded_members = await _members(session, challenge.id)
    return rank(
        Metric(challenge.metric),
        challenge.goal,
        challenge.team,
        await _scored(session, challenge, people, everyone=True),
        excluded_members=excluded_members,
        excluded_sets=await _excluded_sets(session, challenge.id),
    )


@dataclass(frozen=True, slots=True)
class BoardVersion:
    """Changes whenever the board can. ``shared``: the end, members, exclusions and the
    members' own exercises (they reclassify old sets); ``sets``: per counting member, their
    sets in the window (count, highest and summed id, latest logging time), which change
    when a set is logged, undone or edited (edits are new rows). The logging time is for
    SQLite, which gives the ids of the newest rows out again after they are deleted: an
    undo followed by a log of as many sets keeps the ids but not the time."""

    shared: tuple[object, ...]
    sets: Mapping[int, tuple[object, ...]]


async def board_version(session: AsyncSession, challenge: Challenge) -> BoardVersion:
    """The set part reads only the ``person_id, performed_at`` index, member by member."""
    assert challenge.id is not None
    window = window_of(challenge)
    # Grouped by the membership's person: SQLite then reads members in that order and
    # adds up each one's index range without sorting the sets.
    # SQLAlchemy's select: sqlmodel's is typed for at most four columns.
    sets = (
        columns(
            col(ChallengeMember.person_id),
            func.count(),
            func.max(col(LoggedSet.id)),
            func.sum(col(LoggedSet.id)),
            func.max(col(LoggedSet.logged_at)),
        )
        .join(ChallengeMember, counting_member(challenge.id))
        .where(*in_window(window))
        .group_by(col(ChallengeMember.person_id))
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
    shared = [tuple((await session.execute(q)).one()) for q in (members, excluded, custom)]
    per_member = {person: tuple(parts) for person, *parts in await session.execute(sets)}
    return BoardVersion((window.end, *shared), per_member)


@dataclass(slots=True)
class _Cached:
    version: BoardVersion
    scored: dict[int, Scored]
    board: Board


class BoardCache:
    """Boards by challenge, kept up to date member by member.

    A member's score depends only on their own sets and on what ``BoardVersion.shared``
    watches, so rescoring just the members whose sets changed gives the board scoring
    everyone would; reading the version costs an index scan instead of every set.
    """

    def __init__(self) -> None:
        self._boards: dict[int, _Cached] = {}

    async def board(self, session: AsyncSession, challenge: Challenge) -> Board:
        assert challenge.id is not None
        version = await board_version(session, challenge)
        cached = self._boards.get(challenge.id)
        if cached is None or cached.version.shared != version.shared:
            fresh = await board(session, challenge)
            scored = {s.person_id: (s.score, s.reached_at) for s in fresh.standings}
            self._boards[challenge.id] = _Cached(version, scored, fresh)
            return fresh
        before, now = cached.version.sets, version.sets
        changed = sorted(p for p in before.keys() | now.keys() if before.get(p) != now.get(p))
        if changed:
            cached.scored.update(await _scored(session, challenge, changed, everyone=False))
            cached.board = rank(
                Metric(challenge.metric),
                challenge.goal,
                challenge.team,
                cached.scored,
                cached.board.excluded_members,
                cached.board.excluded_sets,
            )
        cached.version = version
        return cached.board
