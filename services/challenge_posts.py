"""What a challenge announces, and the claims that make each announcement go out once.

Each challenge has one schedule row (kind ``CHALLENGE``), due at its start. The posts due
at a time are its start, the latest week's progress and its end (``coach.challenges``);
after them the row falls due again at the next week boundary or the end, and the end post
finishes it. A post still goes out up to ``GRACE`` late.

Each post is claimed in ``challenge_announcement`` (unique per challenge, kind and week)
before it is sent, so a repeated occurrence never posts it twice; a send that fails for a
passing reason gives the claim back. The end closes the challenge and awards the badges in
the same transaction as its claim.

A goal reached is said when it happens, once: a member's ``goal_told_at``, or the team's
``GOAL_POST`` announcement, is claimed before it is posted.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from coach.challenges import Board, Post, Standing, due_posts, next_post_at
from storage import challenges
from storage.challenge_board import BoardCache
from storage.store import Store
from storage.tables import Challenge

CHALLENGE = challenges.CHALLENGE
"""The kind of a challenge's schedule row."""
GRACE = timedelta(days=7)
"""How late a post still goes out: after a week offline the next week's post replaces it."""
NEWS_FOR = timedelta(days=1)
"""How long after a member reached the goal it is still news worth a post."""


async def challenge_of(store: Store, challenge_id: int) -> Challenge | None:
    return await store.run(lambda session: session.get(Challenge, challenge_id))


async def due(store: Store, challenge: Challenge, *, now: datetime) -> list[tuple[Post, int]]:
    """The posts (with their week) due now and not yet claimed, oldest first."""
    if challenge.id is None:
        raise ValueError("the challenge was never saved")
    sent = await store.run(challenges.announced, challenge.id)
    return due_posts(challenges.window_of(challenge), now, sent)


async def claim(
    store: Store, challenge: Challenge, post: Post, week: int, cache: BoardCache, *, now: datetime
) -> Board | None:
    """Claim this post and return the board it shows; None when it was claimed already.
    The end post also closes the challenge (``challenge`` shows it) and awards its badges."""
    if challenge.id is None:
        raise ValueError("the challenge was never saved")
    return await store.run(_claim, challenge, post, week, cache, now)


def _claim(
    session: Session, challenge: Challenge, post: Post, week: int, cache: BoardCache, now: datetime
) -> Board | None:
    if not challenges.claim_announcement(session, challenge.id or 0, post, week, now):
        return None
    if post is Post.END:
        challenges.close(session, challenge, now)
    board = cache.board(session, challenge)
    if post is Post.END:
        winners = [s.person_id for s in board.winners]
        challenges.award_badges(session, challenge, winners, now)
    return board


async def release(store: Store, challenge_id: int, post: Post, week: int) -> None:
    """Give a claim back after a failed post, so the next try posts it."""
    await store.run(challenges.release_announcement, challenge_id, post, week)


async def next_due(store: Store, challenge: Challenge, *, now: datetime) -> datetime | None:
    """When the challenge's next post falls due after ``now``; None once its end was
    posted, which finishes its schedule."""
    challenge, sent = await store.run(_announced, challenge)
    if (Post.END.value, 0) in sent:
        return None
    return next_post_at(challenges.window_of(challenge), now)


def _announced(session: Session, challenge: Challenge) -> tuple[Challenge, set[tuple[str, int]]]:
    """The challenge as stored (or as given, once gone), and the posts claimed for it."""
    stored = session.get(Challenge, challenge.id) or challenge
    return stored, challenges.announced(session, stored.id or 0)


@dataclass(frozen=True, slots=True)
class Reached:
    """Goals reached that are news, each claimed for this caller to announce."""

    challenge: Challenge
    board: Board
    team: bool
    """The team reached its goal (a team challenge)."""
    members: list[Standing]
    """Members who reached their goal (an individual one), in the order they got there."""


async def goals_reached(
    store: Store, challenge_id: int, people: Collection[int], cache: BoardCache, *, now: datetime
) -> Reached | None:
    """The goals reached that these members' logging may have brought and nobody has
    announced yet; None when there is none to announce (or the challenge is over).

    Only logging moves a score up, so whoever logged is the one to look at: in an
    individual challenge, whether they reached the goal; in a team one, whether the team
    did. A claim is not given back when the post then fails: the moment has passed, and
    the weekly post and the board show it anyway."""
    return await store.run(_goals_reached, challenge_id, people, cache, now)


def _goals_reached(
    session: Session,
    challenge_id: int,
    people: Collection[int],
    cache: BoardCache,
    now: datetime,
) -> Reached | None:
    challenge = session.get(Challenge, challenge_id)
    if challenge is None or not challenges.is_open(challenge, now):
        return None
    board = cache.board(session, challenge)
    team, members = False, []
    if challenge.team:
        team = board.reached and challenges.claim_announcement(
            session, challenge_id, challenges.GOAL_POST, 0, now
        )
    else:
        # In the order they got there, so the posts read 1st, 2nd, ...
        for mine in sorted(
            (s for s in board.standings if s.person_id in people and s.reached_at),
            key=lambda s: s.rank,
        ):
            claimed = challenges.claim_goal_post(session, challenge_id, mine.person_id, now)
            # Reached long ago (an old log edited): claimed, but no longer news.
            if claimed and mine.reached_at and now - mine.reached_at <= NEWS_FOR:
                members.append(mine)
    if not team and not members:
        return None
    return Reached(challenge, board, team, members)
