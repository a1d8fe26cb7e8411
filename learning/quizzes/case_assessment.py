"""Case studies assessed by a trainer, in workshops whose trainer asks for it.

There the trainer marks each case-study answer against its rubric, "meets" or "not yet" with
feedback; the module completes only once it meets, and its record says the case study was
assessed by a trainer. The learner sees the model answer only after it meets (before, it would
be copied into the revision), and after "not yet" revises the answer; every earlier version is
kept in the response. In self-study the learner assesses themselves, as before.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from learning.content.assessments.definitions import CaseStudy, Quiz
from learning.content.assessments.types import question_type
from learning.db import utcnow
from learning.errors import DomainError
from learning.quizzes.models import CaseVerdict, QuizAnswer, QuizAttempt


def case_studies_meet(session: Session, user_id: int, quiz: Quiz) -> bool:
    """Whether a passed attempt has every trainer-assessed item (the case studies) marked
    "meets" by a trainer."""
    cases = {q.id for q in quiz.questions if question_type(q.type).trainer_assessable}
    if not cases:
        return True
    rows = session.execute(
        select(QuizAttempt.id, QuizAnswer.question_id, QuizAnswer.assessment)
        .join(QuizAnswer, QuizAnswer.attempt_id == QuizAttempt.id)
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.quiz_slug == quiz.slug,
            QuizAttempt.passed.is_(True),
            QuizAnswer.question_id.in_(cases),
        )
    )
    met: dict[int, set[str]] = {}
    for attempt_id, question_id, verdict in rows:
        if verdict == CaseVerdict.MEETS:
            met.setdefault(attempt_id, set()).add(question_id)
    return any(found >= cases for found in met.values())


def assess(answer: QuizAnswer, verdict: CaseVerdict, feedback: str | None, trainer_id: int) -> None:
    if not question_type(answer.question_type).trainer_assessable or not answer.response.get(
        "answers"
    ):
        raise DomainError("Only a saved case-study answer can be assessed.")
    answer.assessment = verdict
    answer.trainer_feedback = feedback
    answer.feedback_by_id, answer.feedback_at = trainer_id, utcnow()


def revise(answer: QuizAnswer, case: CaseStudy, form: MultiDict) -> None:
    """A new version of an answer the trainer marked "not yet"; earlier versions are kept."""
    if answer.assessment != CaseVerdict.NOT_YET:
        raise DomainError("You can revise your answer after your trainer marks it “not yet”.")
    kind = question_type(case.type)
    fresh = kind.read_response(case, form, None)  # validates every prompt like a first answer
    previous = answer.response
    history = [
        *previous.get("revisions", []),
        {"answers": previous["answers"], "feedback": answer.trainer_feedback},
    ]
    answer.response = {**previous, "answers": fresh["answers"], "revisions": history}
    answer.assessment = None
    grade = kind.grade(case, answer.response)
    answer.answer_text, answer.review = grade.answer_text, grade.review
