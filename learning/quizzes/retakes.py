"""When a learner may start another attempt: the quiz's attempt limit and wait, and the extra
attempts a workshop's trainer grants.

Each grant adds one attempt to the limit and lifts the wait after the failed attempt before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from learning.content.assessments.definitions import Quiz
from learning.db import utcnow
from learning.quizzes.models import AttemptGrant, AttemptStatus, QuizAttempt


@dataclass(frozen=True)
class RetakeState:
    """Whether a new attempt can start now and, if not, why."""

    used: int
    allowed: int | None  # None: unlimited
    wait_until: datetime | None  # set while the wait after a failed attempt runs

    @property
    def limit_reached(self) -> bool:
        return self.allowed is not None and self.used >= self.allowed

    @property
    def can_start(self) -> bool:
        return not self.limit_reached and self.wait_until is None


def grants_for(session: Session, user_id: int, quiz_slug: str) -> list[AttemptGrant]:
    return list(
        session.scalars(
            select(AttemptGrant)
            .where(AttemptGrant.user_id == user_id, AttemptGrant.quiz_slug == quiz_slug)
            .order_by(AttemptGrant.granted_at)
        )
    )


def retake_state(
    session: Session,
    user_id: int,
    quiz: Quiz,
    attempts: list[QuizAttempt],
    now: datetime | None = None,
) -> RetakeState:
    """Where one learner stands on ``quiz``, given their attempts at it."""
    grants = (
        grants_for(session, user_id, quiz.slug)
        if (quiz.max_attempts is not None or quiz.retake_wait_hours)
        else []
    )
    return state_from(quiz, attempts, grants, now or utcnow())


def state_from(
    quiz: Quiz, attempts: list[QuizAttempt], grants: list[AttemptGrant], now: datetime
) -> RetakeState:
    """The rule itself, from rows already loaded (trainers' tables load them in bulk)."""
    used = sum(attempt.status != AttemptStatus.OUTDATED for attempt in attempts)
    allowed = None if quiz.max_attempts is None else quiz.max_attempts + len(grants)
    wait_until = None
    submitted = [a for a in attempts if a.status == AttemptStatus.SUBMITTED and a.submitted_at]
    if quiz.retake_wait_hours and submitted:
        last = max(submitted, key=lambda attempt: attempt.submitted_at)
        lifted = any(grant.granted_at >= last.submitted_at for grant in grants)
        until = last.submitted_at + timedelta(hours=quiz.retake_wait_hours)
        if not last.passed and not lifted and until > now:
            wait_until = until
    return RetakeState(used, allowed, wait_until)


def grant_attempt(
    session: Session, user_id: int, quiz_slug: str, workshop_id: int, granted_by_id: int
) -> AttemptGrant:
    grant = AttemptGrant(
        user_id=user_id, quiz_slug=quiz_slug, workshop_id=workshop_id, granted_by_id=granted_by_id
    )
    session.add(grant)
    session.flush()
    return grant
