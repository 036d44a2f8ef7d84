"""A challenge's board: scored from tallies the database adds up, and kept up to date by
rescoring only the members whose own data changed.

``board`` scores every counting member: their sets are added up per member and local day
in SQL (``storage.challenge_tallies``) and scored by ``coach.challenges``. ``BoardCache``,
which the bot uses, keeps each member's score; a version per member (their membership,
sets, exclusions of their sets and own exercises) tells it who changed since the last
view, and only they are scored again. Only a change to the challenge itself (its end)
scores everyone again. bench/bench_challenge_board.py measures both against one aggregate
query over the rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as columns
from sqlalchemy.orm import Session
from sqlmodel import col, select

from coach.challenges import Board, Metric, Scored, at_goal, rank, reached_at, scores
from storage.challenge_tallies import (
    counting_member,
    counting_sets,
    day_tallies,
    exercises,
    in_window,
    logged_tallies,
    members_exercise,
)
from storage.challenges import window_of
from storage.logbook import EntryRef, StoredEntry
from storage.tables import Challenge, ChallengeExclusion, ChallengeMember, CustomExercise, LoggedSet


def _scored(
    session: Session, challenge: Challenge, people: Sequence[int], everyone: bool
) -> dict[int, Scored]:
    """The scores of these counting members; ``everyone``: they are all of them, so the
    query need not list them."""
    if challenge.id is None:
        raise ValueError("the challenge was never saved")
    window, metric = window_of(challenge), Metric(challenge.metric)
    known = exercises(session, challenge.id)
    tallies = day_tallies(
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
            logged_tallies(session, challenge.id, window, metric, known, reaching),
        )
        if reaching
        else {}
    )
    return {person: (score, times.get(person)) for person, score in points.items()}


def _members(session: Session, challenge_id: int) -> tuple[list[int], int]:
    """The counting members, and how many members were excluded."""
    query = select(col(ChallengeMember.person_id), col(ChallengeMember.excluded)).where(
        col(ChallengeMember.challenge_id) == challenge_id
    )
    rows = (session.execute(query)).all()
    return [person for person, excluded in rows if not excluded], sum(1 for row in rows if row[1])


def _excluded_sets(session: Session, challenge_id: int) -> int:
    query = select(func.count()).where(col(ChallengeExclusion.challenge_id) == challenge_id)
    return (session.execute(query)).scalar_one()


def _ranked(
    challenge: Challenge, scored: Mapping[int, Scored], excluded_members: int, excluded_sets: int
) -> Board:
    return rank(
        Metric(challenge.metric),
        challenge.goal,
        challenge.team,
        scored,
        excluded_members=excluded_members,
        excluded_sets=excluded_sets,
    )


def board(session: Session, challenge: Challenge) -> Board:
    """Every counting member scored afresh."""
    if challenge.id is None:
        raise ValueError("the challenge was never saved")
    people, excluded_members = _members(session, challenge.id)
    scored = _scored(session, challenge, people, everyone=True)
    return _ranked(challenge, scored, excluded_members, _excluded_sets(session, challenge.id))


COUNTING_SHOWN = 25
"""At most this many of a member's counting entries: as many as a choice list holds."""


def counting_entries(
    session: Session, challenge: Challenge, person_id: int, *, ref: EntryRef | None = None
) -> list[StoredEntry]:
    """A member's newest entries (``COUNTING_SHOWN`` at most) with sets that count in the
    challenge, each holding only those sets; with ``ref``, that entry alone if it counts.
    Nothing of a non-member, of another server's challenge or from outside the window: this
    is what moderators see."""
    if challenge.id is None:
        return []  # a challenge never saved has no entries
    rows = counting_sets(
        session,
        challenge.id,
        window_of(challenge),
        Metric(challenge.metric),
        person_id,
        entry=None if ref is None else (ref.batch_id, ref.index),
    )
    grouped: dict[EntryRef, list[LoggedSet]] = {}
    for row in rows:
        grouped.setdefault(EntryRef(row.batch_id, row.entry_index), []).append(row)
    entries = [
        StoredEntry(key, tuple(sorted(sets, key=lambda s: s.id or 0)))
        for key, sets in grouped.items()
    ]
    return entries[:COUNTING_SHOWN]


@dataclass(frozen=True, slots=True)
class MemberVersion:
    """Changes whenever this member's score can (or whether they count).

    ``sets``: their sets in the window (count, highest and summed id, latest logging
    time), which change when a set is logged, undone or edited (edits are new rows); the
    logging time is for SQLite, which gives the ids of the newest rows out again after
    they are deleted: an undo followed by a log of as many sets keeps the ids but not the
    time. Only counting members' sets are read. ``exclusions``: the challenge's
    exclusions of their sets and ``exercises``: their own exercises (which reclassify
    their old sets), each as count and highest id: rows that are only ever added.
    """

    joined_at: datetime
    excluded: bool
    sets: tuple[object, ...]
    exclusions: tuple[object, ...]
    exercises: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class BoardVersion:
    """Changes whenever the board can. ``challenge``: what every score depends on (the
    window, metric, goal and team); ``members``: each member's own part, excluded ones
    included; ``excluded_sets``: all of the challenge's exclusions, which the board
    counts (those of members who left too)."""

    challenge: tuple[object, ...]
    members: Mapping[int, MemberVersion]
    excluded_sets: int

    @property
    def counting(self) -> list[int]:
        return [person for person, member in self.members.items() if not member.excluded]

    @property
    def excluded_members(self) -> int:
        return sum(1 for member in self.members.values() if member.excluded)


def board_version(session: Session, challenge: Challenge) -> BoardVersion:
    """Two queries: the members with their sets and own exercises, and the exclusions
    by whose sets they are. The sets part reads only the ``person_id, performed_at``
    index, member by member."""
    if challenge.id is None:
        raise ValueError("the challenge was never saved")
    window = window_of(challenge)
    person = col(ChallengeMember.person_id)
    # Grouped by the membership's person: SQLite then reads members in that order and
    # adds up each one's index range without sorting the sets.
    # SQLAlchemy's select: sqlmodel's is typed for at most four columns.
    sets = (
        columns(
            person.label("person_id"),
            func.count().label("sets"),
            func.max(col(LoggedSet.id)).label("top"),
            func.sum(col(LoggedSet.id)).label("total"),
            func.max(col(LoggedSet.logged_at)).label("latest"),
        )
        .join(ChallengeMember, counting_member(challenge.id))
        .where(*in_window(window))
        .group_by(person)
        .subquery()
    )
    custom = (
        columns(
            col(CustomExercise.person_id).label("person_id"),
            func.count().label("exercises"),
            func.max(col(CustomExercise.id)).label("top"),
        )
        .join(ChallengeMember, members_exercise(challenge.id))
        .group_by(col(CustomExercise.person_id))
        .subquery()
    )
    members = (
        columns(
            person,
            col(ChallengeMember.joined_at),
            col(ChallengeMember.excluded),
            sets.c.sets,
            sets.c.top,
            sets.c.total,
            sets.c.latest,
            custom.c.exercises,
            custom.c.top,
        )
        .outerjoin(sets, sets.c.person_id == person)
        .outerjoin(custom, custom.c.person_id == person)
        .where(col(ChallengeMember.challenge_id) == challenge.id)
    )
    exclusions = (
        columns(col(LoggedSet.person_id), func.count(), func.max(col(ChallengeExclusion.id)))
        .select_from(ChallengeExclusion)
        .join(LoggedSet, col(LoggedSet.id) == col(ChallengeExclusion.set_id))
        .where(col(ChallengeExclusion.challenge_id) == challenge.id)
        .group_by(col(LoggedSet.person_id))
    )
    excluded = {whose: (count, top) for whose, count, top in session.execute(exclusions)}
    versions: dict[int, MemberVersion] = {}
    for row in session.execute(members):
        who, joined_at, out, *their_sets, exercises, top_exercise = row
        versions[who] = MemberVersion(
            joined_at,
            out,
            tuple(their_sets),
            excluded.get(who, (0, None)),
            (exercises, top_exercise),
        )
    return BoardVersion(
        challenge=(window.start, window.end, challenge.metric, challenge.goal, challenge.team),
        members=versions,
        excluded_sets=sum(count for count, _ in excluded.values()),
    )


@dataclass(slots=True)
class _Cached:
    version: BoardVersion
    scored: dict[int, Scored]
    board: Board


class BoardCache:
    """Boards by challenge, kept up to date member by member.

    A member's score depends only on the challenge and on what their ``MemberVersion``
    watches, so rescoring just the members whose version changed (and dropping those who
    left or were excluded) gives the board scoring everyone would; reading the version
    costs an index scan instead of every set.
    """

    def __init__(self) -> None:
        self._boards: dict[int, _Cached] = {}

    def board(self, session: Session, challenge: Challenge) -> Board:
        if challenge.id is None:
            raise ValueError("the challenge was never saved")
        version = board_version(session, challenge)
        cached = self._boards.get(challenge.id)
        if cached is not None and cached.version == version:
            return cached.board
        if cached is None or cached.version.challenge != version.challenge:
            scored = _scored(session, challenge, version.counting, everyone=True)
        else:
            # A copy: units run on several threads, and one that read an older version must
            # not change the scores another cached under a newer one.
            scored = dict(cached.scored)
            before, now = cached.version.members, version.members
            changed = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
            counting = sorted(changed.intersection(version.counting))
            for person in changed.difference(counting):
                scored.pop(person, None)
            if counting:
                scored.update(_scored(session, challenge, counting, everyone=False))
        fresh = _ranked(challenge, scored, version.excluded_members, version.excluded_sets)
        self._boards[challenge.id] = _Cached(version, scored, fresh)
        return fresh
