"""A challenge's board: scored for whoever looks, scored ahead at start-up, and the record
of its live board (the message that edits itself: where it is, when it last changed).

Scoring goes through a ``BoardCache`` the caller keeps (one per process), which
rescores only the members whose sets, membership, excluded sets or own exercises
changed since it last scored the board.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from coach.challenges import Board
from coach.problems import UserError
from coach.vocabulary import Unit
from storage import challenge_board, challenges
from storage.people import read_person
from storage.store import Store
from storage.tables import Challenge

log = logging.getLogger(__name__)

BoardCache = challenge_board.BoardCache
"""Boards by challenge; the caller keeps one for as long as it runs and passes it in."""


def _board_in(session: Session, challenge: Challenge, cache: BoardCache | None) -> Board:
    if cache is None:
        return challenge_board.board(session, challenge)
    return cache.board(session, challenge)


async def board(store: Store, challenge: Challenge, cache: BoardCache | None) -> Board:
    """The challenge's board; without a cache, every member scored afresh."""
    return await store.run(_board_in, challenge, cache)


async def warm(
    store: Store, cache: BoardCache, *, now: datetime, serves: Callable[[int], bool]
) -> None:
    """Score the open challenges of the servers ``serves`` says are this process's, so the
    first board after a restart is a cache hit instead of scoring everyone while someone
    waits. Again later, that is only a version check each."""
    found = await store.run(challenges.open_challenges, now)
    for challenge in found:
        if not serves(challenge.guild_id):
            continue
        try:
            await board(store, challenge, cache)
        except Exception:
            # Only a head start: the first view then scores the board itself.
            log.exception("challenge %s: warming its board failed", challenge.id)


async def creator_unit(store: Store, challenge: Challenge, *, now: datetime) -> Unit:
    """The unit a challenge's public posts use: its creator's, who set the goal in it."""
    creator = await store.run(read_person, challenge.creator_id, now)
    return Unit(creator.unit)


@dataclass(frozen=True, slots=True)
class Viewed:
    """A board as one member sees it: in their own unit."""

    challenge: Challenge
    board: Board
    unit: Unit


async def viewed_by(
    store: Store, challenge_id: int, viewer_id: int, cache: BoardCache | None, *, now: datetime
) -> Viewed:
    """The challenge's board for this member; a ``UserError`` when the challenge is gone."""
    return await store.run(_viewed_by, challenge_id, viewer_id, cache, now)


def _viewed_by(
    session: Session, challenge_id: int, viewer_id: int, cache: BoardCache | None, now: datetime
) -> Viewed:
    challenge = session.get(Challenge, challenge_id)
    person = read_person(session, viewer_id, now)
    if challenge is None:
        raise UserError("That challenge is gone.")
    scored = _board_in(session, challenge, cache)
    return Viewed(challenge, scored, Unit(person.unit))


async def record_live_board(
    store: Store, challenge_id: int, channel_id: int, message_id: int, *, now: datetime
) -> None:
    """This message, posted now, is the challenge's live board; the one before stops
    updating."""
    await store.run(challenges.set_live_board, challenge_id, channel_id, message_id, now)


async def live_board(
    store: Store, challenge_id: int, cache: BoardCache
) -> tuple[Challenge, Board] | None:
    """The challenge and its board, to edit its live board with; None when it has no live
    board (any more)."""
    return await store.run(_live_board, challenge_id, cache)


def _live_board(
    session: Session, challenge_id: int, cache: BoardCache
) -> tuple[Challenge, Board] | None:
    challenge = session.get(Challenge, challenge_id)
    if challenge is None or challenge.board_message_id is None:
        return None
    return challenge, cache.board(session, challenge)


async def forget_live_board(store: Store, challenge_id: int) -> None:
    """Its message or channel was deleted: the challenge has no live board now."""
    await store.run(challenges.set_live_board, challenge_id, None, None)


async def live_board_edited(store: Store, challenge_id: int, *, now: datetime) -> None:
    """When the live board was last edited, which paces the next edit."""
    await store.run(challenges.live_board_edited, challenge_id, now)
