"""Group debrief: how the workshop's participants answered, anonymously.

Each participant counts once, with their latest attempt (in progress or submitted), so the
trainer sees the room as it is during the session. Three queries whatever the group size.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learning.content.assessments.definitions import Quiz
from learning.content.assessments.types import question_type
from learning.content.assessments.types.summaries import Split
from learning.quizzes.models import AttemptStatus, QuizAnswer, QuizAttempt, ScenarioDecision
from learning.workshops.models import MemberRole, Workshop, WorkshopMember


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


def splits(session: Session, workshop: Workshop, quiz: Quiz) -> list[Split]:
    """How the group split on each item, as the item's type sums it up, ready for the type's
    template (numbered among the splits that template shows)."""
    attempts = _latest_attempts(session, workshop, quiz)
    responses: dict[str, list[dict]] = defaultdict(list)
    for question_id, response in session.execute(
        select(QuizAnswer.question_id, QuizAnswer.response).where(
            QuizAnswer.attempt_id.in_(attempts)
        )
    ):
        responses[question_id].append(response)
    decisions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for question_id, node_id, choice_id in session.execute(
        select(
            ScenarioDecision.question_id, ScenarioDecision.node_id, ScenarioDecision.choice_id
        ).where(ScenarioDecision.attempt_id.in_(attempts))
    ):
        decisions[question_id].append((node_id, choice_id))
    pool = {question.id for question in quiz.classic_questions}
    result: list[Split] = []
    numbers: Counter = Counter()
    for question in quiz.questions:
        kind = question_type(question.type)
        answers = responses[question.id]
        if quiz.draw is not None and question.id in pool and not answers:
            continue  # a pool item no one in the group was shown
        for split in kind.debrief(question, answers, decisions[question.id]):
            numbers[kind.debrief_template] += 1
            number = numbers[kind.debrief_template]
            result.append(replace(split, template=kind.debrief_template, number=number))
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
