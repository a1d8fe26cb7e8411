"""Group debrief: how the workshop's participants answered, anonymously.

Each participant counts once, with their latest attempt (in progress or submitted), so the
trainer sees the room as it is during the session. Three queries whatever the group size.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learning.content.assessments.definitions import Quiz
from learning.quizzes.models import AttemptStatus, QuizAnswer, QuizAttempt, ScenarioDecision
from learning.workshops.models import MemberRole, Workshop, WorkshopMember


@dataclass(frozen=True)
class Share:
    choice_id: str
    text: str
    count: int
    percent: int
    better: bool  # the correct answer, or the better decision at a scenario node
    critical: str = ""  # for a critical scenario choice: why it is harmful (for the trainer)


@dataclass(frozen=True)
class Split:
    """How the group split on one question or one scenario node."""

    key: str
    prompt: str
    answered: int
    shares: list[Share]
    explanation: str


def _latest_attempts(session: Session, workshop: Workshop, quiz: Quiz):
    participants = select(WorkshopMember.user_id).where(
        WorkshopMember.workshop_id == workshop.id, WorkshopMember.role == MemberRole.PARTICIPANT
    )
    latest = (
        select(QuizAttempt.user_id, func.max(QuizAttempt.attempt_no).label("number"))
        .where(
            QuizAttempt.quiz_slug == quiz.slug,
            QuizAttempt.user_id.in_(participants),
            QuizAttempt.status != AttemptStatus.OUTDATED,
            QuizAttempt.quiz_version == quiz.version,
        )
        .group_by(QuizAttempt.user_id)
        .subquery()
    )
    return (
        select(QuizAttempt.id)
        .join(
            latest,
            (QuizAttempt.user_id == latest.c.user_id) & (QuizAttempt.attempt_no == latest.c.number),
        )
        .where(QuizAttempt.quiz_slug == quiz.slug)
    )


def _shares(counts: Counter, total: int, choices, better) -> list[Share]:
    return [
        Share(
            c.id,
            c.text,
            counts[c.id],
            round(100 * counts[c.id] / total) if total else 0,
            better(c),
            getattr(c, "why", "") if getattr(c, "critical", False) else "",
        )
        for c in choices
    ]


def splits(session: Session, workshop: Workshop, quiz: Quiz) -> list[Split]:
    attempts = _latest_attempts(session, workshop, quiz)
    picked: dict[str, Counter] = defaultdict(Counter)
    answered: Counter = Counter()
    for question_id, response in session.execute(
        select(QuizAnswer.question_id, QuizAnswer.response).where(
            QuizAnswer.attempt_id.in_(attempts)
        )
    ):
        answered[question_id] += 1
        picked[question_id].update(response.get("choices", []))
    decided: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for question_id, node_id, choice_id in session.execute(
        select(
            ScenarioDecision.question_id, ScenarioDecision.node_id, ScenarioDecision.choice_id
        ).where(ScenarioDecision.attempt_id.in_(attempts))
    ):
        decided[(question_id, node_id)][choice_id] += 1
    result = []
    for question in quiz.questions:
        if question.type in ("single_choice", "multiple_choice"):
            total = answered[question.id]
            if quiz.draw is not None and not total:
                continue  # a pool item no one in the group was shown
            result.append(
                Split(
                    question.id,
                    question.prompt,
                    total,
                    _shares(picked[question.id], total, question.choices, lambda c: c.correct),
                    question.explanation,
                )
            )
        elif question.type == "scenario":
            for node in question.nodes.values():
                counts = decided[(question.id, node.id)]
                total = sum(counts.values())
                best = node.best.id
                result.append(
                    Split(
                        f"{question.id}/{node.id}",
                        node.situation,
                        total,
                        _shares(counts, total, node.choices, lambda c, b=best: c.id == b),
                        node.best.feedback,
                    )
                )
    return result


def case_answers(
    session: Session, workshop: Workshop, quiz: Quiz, question_id: str
) -> list[tuple[WorkshopMember, QuizAnswer]]:
    """Participants' saved answers to a case study (latest attempt each), for review."""
    attempts = _latest_attempts(session, workshop, quiz)
    rows = session.execute(
        select(WorkshopMember, QuizAnswer)
        .join(QuizAttempt, QuizAttempt.user_id == WorkshopMember.user_id)
        .join(QuizAnswer, QuizAnswer.attempt_id == QuizAttempt.id)
        .where(
            WorkshopMember.workshop_id == workshop.id,
            WorkshopMember.role == MemberRole.PARTICIPANT,
            QuizAttempt.id.in_(attempts),
            QuizAnswer.question_id == question_id,
        )
        .order_by(WorkshopMember.id)
    )
    return [(member, answer) for member, answer in rows]
