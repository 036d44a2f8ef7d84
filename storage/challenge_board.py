"""A challenge's board, scored from tallies the database adds up.

``board`` scores every counting member: their sets are added up per member and local day
in SQL (``storage.challenge_tallies``) and scored by ``coach.challenges``. ``BoardCache``,
which the bot uses, reuses a board while nothing it depends on changed.
bench/bench_challenge_board.py measures both against one aggregate query over the rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, case, func
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
    session: AsyncSession, challenge: Challenge, people: Sequence[int]
) -> dict[int, Scored]:
    """The scores of the counting members, ``people``."""
    assert challenge.id is not None
    window, metric = window_of(challenge), Metric(challenge.metric)
    known = await exercises(session, challenge.id)
    points = scores(
        metric, window, people, await day_tallies(session, challenge.id, window, metric, known)
    )
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
        await _scored(session, challenge, people),
        excluded_members=excluded_members,
        excluded_sets=await _excluded_sets(session, challenge.id),
    )


async def board_version(session: AsyncSession, challenge: Challenge) -> tuple[object, ...]:
    """Changes whenever the board can: sets logged, undone or edited in the window (edits
    are new rows), members, exclusions, members' own exercises (they reclassify old sets)
    and the end. The set part reads only the ``person_id, performed_at`` index."""
    assert challenge.id is not None
    window = window_of(challenge)
    sets = (
        select(func.count(), func.max(col(LoggedSet.id)), func.sum(col(LoggedSet.id)))
        .join(ChallengeMember, counting_member(challenge.id))
        .where(*in_window(window))
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
