"""The quizzes domain's part of a person's data: attempts, answers, decisions, extra attempts.

``learning.privacy`` calls ``export_user`` and ``erase_user`` for every person who downloads
their data or closes their account; it lists this module in its registry. Both work in the
caller's transaction and never commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from learning.accounts.models import User
from learning.content.catalogue import Catalogue
from learning.db import isoformat_or_none
from learning.quizzes.models import AttemptGrant, QuizAnswer, QuizAttempt, ScenarioDecision

TABLES = frozenset({"quiz_attempts", "quiz_answers", "scenario_decisions", "attempt_grants"})


def _answer(answer: QuizAnswer) -> dict[str, Any]:
    # Who wrote the feedback is another person's data: the text and date are the learner's.
    return {
        "question_id": answer.question_id,
        "question_type": answer.question_type,
        "response": answer.response,
        "answer_text": answer.answer_text,
        "correctness": answer.correctness,
        "points": answer.points,
        "review": answer.review,
        "updated_at": isoformat_or_none(answer.updated_at),
        "trainer_feedback": answer.trainer_feedback,
        "feedback_at": isoformat_or_none(answer.feedback_at),
        "trainer_assessment": answer.assessment.value if answer.assessment else None,
    }


def _attempts(session: Session, user: User, catalogue: Catalogue) -> list[dict[str, Any]]:
    attempts = list(
        session.scalars(
            select(QuizAttempt)
            .where(QuizAttempt.user_id == user.id)
            .options(selectinload(QuizAttempt.answers))
            .order_by(QuizAttempt.quiz_slug, QuizAttempt.attempt_no)
        )
    )
    decisions: dict[int, list[ScenarioDecision]] = {}
    for decision in session.scalars(
        select(ScenarioDecision)
        .join(QuizAttempt)
        .where(QuizAttempt.user_id == user.id)
        .order_by(ScenarioDecision.question_id, ScenarioDecision.step_no)
    ):
        decisions.setdefault(decision.attempt_id, []).append(decision)
    result = []
    for attempt in attempts:
        quiz = catalogue.quiz(attempt.quiz_slug)
        result.append(
            {
                "quiz_slug": attempt.quiz_slug,
                "quiz_title": quiz.title if quiz else None,
                "attempt_no": attempt.attempt_no,
                "quiz_version": attempt.quiz_version,
                "status": attempt.status.value,
                "pass_mark": attempt.pass_mark,
                "max_points": attempt.max_points,
                "points": attempt.points,
                "score": attempt.score,
                "passed": attempt.passed,
                "started_at": isoformat_or_none(attempt.started_at),
                "submitted_at": isoformat_or_none(attempt.submitted_at),
                "items_drawn": attempt.question_ids,
                "answers": [_answer(answer) for answer in attempt.answers],
                "scenario_decisions": [
                    {
                        "question_id": d.question_id,
                        "node_id": d.node_id,
                        "choice_id": d.choice_id,
                        "step_no": d.step_no,
                        "points": d.points,
                        "counters": d.counters,
                        "decided_at": isoformat_or_none(d.decided_at),
                    }
                    for d in decisions.get(attempt.id, [])
                ],
            }
        )
    return result


def _feedback_written(session: Session, user: User) -> list[dict[str, Any]]:
    # As a trainer: which answers they commented on, without the learner or the text, which
    # belong to the learner's record.
    feedback = session.execute(
        select(QuizAttempt.quiz_slug, QuizAnswer.question_id, QuizAnswer.feedback_at)
        .select_from(QuizAnswer)
        .join(QuizAttempt)
        .where(QuizAnswer.feedback_by_id == user.id)
        .order_by(QuizAnswer.feedback_at)
    )
    return [
        {"quiz_slug": slug, "question_id": question, "feedback_at": isoformat_or_none(at)}
        for slug, question, at in feedback
    ]


def export_user(session: Session, user: User, catalogue: Catalogue) -> dict[str, Any]:
    """``user``'s attempts with their answers and decisions, the extra attempts granted to
    them, and, as a trainer, which answers they commented on."""
    return {
        "quiz_attempts": _attempts(session, user, catalogue),
        "extra_attempts_granted": [
            {
                "quiz_slug": grant.quiz_slug,
                "workshop_id": grant.workshop_id,
                "granted_at": isoformat_or_none(grant.granted_at),
            }
            for grant in session.scalars(
                select(AttemptGrant)
                .where(AttemptGrant.user_id == user.id)
                .order_by(AttemptGrant.granted_at)
            )
        ],
        "feedback_written": _feedback_written(session, user),
    }


def erase_user(session: Session, user: User) -> None:
    """Delete ``user``'s attempts with their answers (free-text case-study answers and the
    trainer feedback and verdicts on them included), scenario decisions and extra attempts.

    Feedback they wrote on other learners' answers and attempts they granted stay: they belong
    to those learners and now point to the anonymised user row. Child rows are deleted
    explicitly rather than left to ON DELETE CASCADE, so the result does not depend on the
    database enforcing foreign keys.
    """
    attempts = select(QuizAttempt.id).where(QuizAttempt.user_id == user.id)
    for statement in (
        delete(ScenarioDecision).where(ScenarioDecision.attempt_id.in_(attempts)),
        delete(QuizAnswer).where(QuizAnswer.attempt_id.in_(attempts)),
        delete(QuizAttempt).where(QuizAttempt.user_id == user.id),
        delete(AttemptGrant).where(AttemptGrant.user_id == user.id),
    ):
        session.execute(statement.execution_options(synchronize_session=False))
