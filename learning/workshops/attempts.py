"""Quiz attempts of a workshop's participants, for the trainer who may grant extra ones.

A quiz can limit attempts and make learners wait after a failed one; in a workshop the trainer
sees who is blocked and can grant one more attempt (which also lifts the wait).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from learning.content.assessments.definitions import Quiz
from learning.content.catalogue import Catalogue
from learning.db import utcnow
from learning.errors import DomainError, NotFoundError
from learning.quizzes.models import AttemptGrant, QuizAttempt
from learning.quizzes.retakes import RetakeState, grant_attempt, state_from
from learning.workshops.models import Workshop, WorkshopMember
from learning.workshops.services import members


@dataclass(frozen=True)
class AttemptCell:
    quiz: Quiz
    state: RetakeState
    passed: bool

    @property
    def blocked(self) -> bool:
        return not self.passed and not self.state.can_start


@dataclass(frozen=True)
class AttemptRow:
    member: WorkshopMember
    cells: list[AttemptCell]


def workshop_quizzes(workshop: Workshop, catalogue: Catalogue) -> list[Quiz]:
    found = (catalogue.quiz_for(slug) for slug in workshop.module_slugs)
    return [quiz for quiz in found if quiz is not None]


def attempt_table(session: Session, workshop: Workshop, catalogue: Catalogue) -> list[AttemptRow]:
    """Every participant x every quiz of the workshop, in three queries."""
    quizzes = workshop_quizzes(workshop, catalogue)
    people = members(session, workshop)
    user_ids = [member.user_id for member in people]
    slugs = [quiz.slug for quiz in quizzes]
    attempts: dict[tuple[int, str], list[QuizAttempt]] = defaultdict(list)
    grants: dict[tuple[int, str], list[AttemptGrant]] = defaultdict(list)
    if user_ids and slugs:
        for attempt in session.scalars(
            select(QuizAttempt).where(
                QuizAttempt.user_id.in_(user_ids), QuizAttempt.quiz_slug.in_(slugs)
            )
        ):
            attempts[(attempt.user_id, attempt.quiz_slug)].append(attempt)
        for grant in session.scalars(
            select(AttemptGrant).where(
                AttemptGrant.user_id.in_(user_ids), AttemptGrant.quiz_slug.in_(slugs)
            )
        ):
            grants[(grant.user_id, grant.quiz_slug)].append(grant)
    now = utcnow()
    return [
        AttemptRow(
            member,
            [
                AttemptCell(
                    quiz,
                    state_from(
                        quiz,
                        attempts[(member.user_id, quiz.slug)],
                        grants[(member.user_id, quiz.slug)],
                        now,
                    ),
                    any(a.passed for a in attempts[(member.user_id, quiz.slug)]),
                )
                for quiz in quizzes
            ],
        )
        for member in people
    ]


def grant(
    session: Session,
    workshop: Workshop,
    catalogue: Catalogue,
    member_id: int,
    quiz_slug: str,
    trainer_id: int,
) -> WorkshopMember:
    """One more attempt at a workshop quiz for one of its participants."""
    member = next((m for m in members(session, workshop) if m.id == member_id), None)
    quiz = next((q for q in workshop_quizzes(workshop, catalogue) if q.slug == quiz_slug), None)
    if member is None or quiz is None:
        raise NotFoundError("No such participant or quiz in this workshop.")
    if quiz.max_attempts is None and not quiz.retake_wait_hours:
        raise DomainError(
            "This quiz has no limit on attempts and no wait, so there is nothing to grant."
        )
    grant_attempt(session, member.user_id, quiz.slug, workshop.id, trainer_id)
    return member
