"""Quiz attempts: start, answer, submit, summarise. Services flush; views commit.

Concurrency: on SQLite every POST transaction starts with BEGIN IMMEDIATE, which serialises
writers; on PostgreSQL the learner's row (start) or the attempt's row (answer, submit) is
locked with SELECT ... FOR UPDATE. Unique constraints back both up: one attempt number per
learner and quiz, one answer per question, one decision per scenario node.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import asdict, dataclass

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload
from werkzeug.datastructures import MultiDict

from learning.accounts.models import User
from learning.content.assessments.definitions import Quiz
from learning.content.assessments.types import question_type
from learning.content.assessments.types.base import Decision, ResponseError
from learning.db import utcnow
from learning.errors import DomainError, NotFoundError
from learning.quizzes.drawing import draw_question_ids, shown_questions
from learning.quizzes.models import AttemptStatus, QuizAnswer, QuizAttempt, ScenarioDecision
from learning.quizzes.retakes import retake_state


class AttemptLimitError(DomainError):
    pass


class AttemptClosedError(DomainError):
    pass


class RetakeWaitError(DomainError):
    pass


class OutdatedAttemptError(DomainError):
    """The quiz changed since the attempt began; the attempt has been closed."""


class IncompleteAttemptError(DomainError):
    def __init__(self, message: str, missing: list[str]) -> None:
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class QuizSummary:
    """A learner's record on one quiz, for the dashboard and the quiz page."""

    attempts: int
    best_score: float | None
    passed: bool


def ordered_choices(quiz: Quiz, attempt: QuizAttempt, question) -> list | None:
    """The question's options in this attempt's order (stable across reloads); None for a type
    that orders what it shows itself."""
    options = question_type(question.type).options(question)
    if options is None:
        return None
    choices = list(options)
    if quiz.shuffle:
        random.Random(f"{attempt.shuffle_seed}:{question.id}").shuffle(choices)  # noqa: S311
    return choices


def list_attempts(session: Session, user_id: int, quiz_slug: str) -> list[QuizAttempt]:
    return list(
        session.scalars(
            select(QuizAttempt)
            .where(QuizAttempt.user_id == user_id, QuizAttempt.quiz_slug == quiz_slug)
            .order_by(QuizAttempt.attempt_no)
        )
    )


# Built once: building the expression costs as much as running it (answering a question).
_OWN_ATTEMPT_WHERE = select(QuizAttempt).where(
    QuizAttempt.user_id == bindparam("user_id"),
    QuizAttempt.quiz_slug == bindparam("quiz_slug"),
    QuizAttempt.attempt_no == bindparam("attempt_no"),
)
_OWN_ATTEMPT = _OWN_ATTEMPT_WHERE.options(joinedload(QuizAttempt.answers))
# Locked: the answers come in a second statement, run once the lock is held. Joined to the
# locking one, they would be read from the snapshot taken before waiting for the lock, and on
# PostgreSQL a second tab would miss the answer the first tab had just saved.
_OWN_ATTEMPT_LOCKED = _OWN_ATTEMPT_WHERE.options(
    selectinload(QuizAttempt.answers)
).with_for_update()


def get_attempt(
    session: Session, user_id: int, quiz_slug: str, attempt_no: int, lock: bool = False
) -> QuizAttempt:
    """The learner's own attempt, with its answers; other people's attempts do not exist for
    them. Every page that shows an attempt or changes it needs the answers, so they come in the
    same query, or right after the lock when ``lock`` locks the attempt's row (PostgreSQL)."""
    parameters = {"user_id": user_id, "quiz_slug": quiz_slug, "attempt_no": attempt_no}
    query = _OWN_ATTEMPT_LOCKED if lock else _OWN_ATTEMPT
    attempt = session.scalars(query, parameters).unique().one_or_none()
    if attempt is None:
        raise NotFoundError("No such attempt.")
    return attempt


def close_if_outdated(attempt: QuizAttempt, quiz: Quiz) -> bool:
    """Close an open attempt whose quiz file changed; True if it was closed now."""
    if attempt.status == AttemptStatus.IN_PROGRESS and attempt.quiz_version != quiz.version:
        attempt.status = AttemptStatus.OUTDATED
        return True
    return False


def start_attempt(session: Session, user_id: int, quiz: Quiz) -> QuizAttempt:
    """The open attempt at ``quiz``, or a new one; a double click yields one attempt."""
    session.scalar(select(User.id).where(User.id == user_id).with_for_update())
    attempts = list_attempts(session, user_id, quiz.slug)
    for attempt in attempts:
        close_if_outdated(attempt, quiz)
        if attempt.status == AttemptStatus.IN_PROGRESS:
            return attempt
    state = retake_state(session, user_id, quiz, attempts)
    if state.limit_reached:
        raise AttemptLimitError(
            f"You have used all {state.allowed} attempts at this quiz. "
            "A trainer of your workshop can grant you another."
        )
    if state.wait_until is not None:
        raise RetakeWaitError(
            f"You can try this quiz again from "
            f"{state.wait_until:%Y-%m-%d %H:%M} UTC. Use the time to reread "
            "the lessons behind the questions you missed."
        )
    seed = secrets.randbelow(2**31)
    previous = max(attempts, key=lambda a: a.attempt_no, default=None)
    shown_before = frozenset(previous.question_ids or ()) if previous else frozenset()
    question_ids = draw_question_ids(quiz, seed, shown_before)
    attempt = QuizAttempt(
        user_id=user_id,
        quiz_slug=quiz.slug,
        attempt_no=max((a.attempt_no for a in attempts), default=0) + 1,
        quiz_version=quiz.version,
        pass_mark=quiz.pass_mark,
        max_points=sum(q.points for q in shown_questions(quiz, question_ids)),
        shuffle_seed=seed,
        question_ids=question_ids,
    )
    session.add(attempt)
    session.flush()
    return attempt


def questions_of(attempt: QuizAttempt, quiz: Quiz) -> tuple:
    """The items this attempt shows (drawn from the pool), in quiz order."""
    return shown_questions(quiz, attempt.question_ids)


def unsafe_decisions(attempt: QuizAttempt) -> list[dict]:
    """The harmful decisions the types of a submitted attempt's items find in their graded
    reviews (in a scenario: each critical choice made, with why it is harmful, and an ending in
    the poor band). Any of them fails the attempt. Each names its type, which shows it."""
    found = []
    for answer in attempt.answers:
        kind = question_type(answer.question_type)
        found.extend(
            {**harm, "question_type": kind.name} for harm in kind.harms(answer.review or {})
        )
    return found


def _check_open(attempt: QuizAttempt, quiz: Quiz) -> None:
    if close_if_outdated(attempt, quiz):
        raise OutdatedAttemptError(
            "This quiz was updated after you started it, so that attempt "
            "has been closed. Please start again."
        )
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise AttemptClosedError("This attempt is finished; its answers can no longer change.")


def answers_by_question(attempt: QuizAttempt) -> dict[str, QuizAnswer]:
    return {answer.question_id: answer for answer in attempt.answers}


def save_response(
    session: Session,
    attempt: QuizAttempt,
    quiz: Quiz,
    question_id: str,
    form: MultiDict,
    trainer_assessed: bool = False,
) -> QuizAnswer:
    """Store the learner's response to one question (validated by its type), and the decision it
    made if its type records one. ``trainer_assessed``: a workshop's trainer assesses this
    learner's answers, so an answer of a type that allows it waits for them."""
    _check_open(attempt, quiz)
    question = quiz.question(question_id)
    if question is None or question not in questions_of(attempt, quiz):
        raise NotFoundError("No such question in this quiz.")
    kind = question_type(question.type)
    answer = answers_by_question(attempt).get(question_id)
    response = kind.read_response(question, form, answer.response if answer else None)
    if trainer_assessed:
        response = kind.for_trainer(question, response)
    decision = kind.decision(question, response)
    if decision is not None:
        _record_decision(session, attempt, question_id, decision)
    if answer is None:
        answer = QuizAnswer(question_id=question_id, question_type=question.type, response=response)
        attempt.answers.append(answer)
    else:
        answer.response = response
    session.flush()
    return answer


def _record_decision(
    session: Session, attempt: QuizAttempt, question_id: str, decision: Decision
) -> None:
    try:
        with session.begin_nested():
            session.add(
                ScenarioDecision(attempt_id=attempt.id, question_id=question_id, **asdict(decision))
            )
    except IntegrityError as error:
        raise ResponseError("That decision was already recorded.") from error


def submit_attempt(session: Session, attempt: QuizAttempt, quiz: Quiz) -> bool:
    """Grade and close the attempt; True the first time, False if it was already submitted."""
    if attempt.status == AttemptStatus.SUBMITTED:
        return False
    _check_open(attempt, quiz)
    answers = answers_by_question(attempt)
    shown = questions_of(attempt, quiz)
    missing = [
        q.id
        for q in shown
        if not question_type(q.type).is_complete(q, getattr(answers.get(q.id), "response", None))
    ]
    if missing:
        raise IncompleteAttemptError("Finish every question before you submit.", missing)
    earned = 0.0
    for question in shown:
        answer = answers[question.id]
        grade = question_type(question.type).grade(question, answer.response)
        answer.answer_text, answer.review = grade.answer_text, grade.review
        answer.correctness, answer.points = grade.correctness, grade.points
        earned += grade.points
    attempt.points = round(earned, 2)
    # A critical choice's penalty can take the points below zero; the score stays in 0..1.
    attempt.score = min(1.0, max(0.0, earned) / attempt.max_points) if attempt.max_points else 1.0
    # A harmful decision fails the attempt whatever its points: a certificate must mean the
    # learner decides safely, not only that they scored enough elsewhere.
    attempt.passed = attempt.score + 1e-9 >= attempt.pass_mark and not unsafe_decisions(attempt)
    attempt.status = AttemptStatus.SUBMITTED
    attempt.submitted_at = utcnow()
    session.flush()
    return True


def summaries(session: Session, user_id: int) -> dict[str, QuizSummary]:
    """Attempts, best score and pass status per quiz for one learner (one query)."""
    rows = session.execute(
        select(
            QuizAttempt.quiz_slug,
            func.count(QuizAttempt.id),
            func.max(QuizAttempt.score),
            func.max(case((QuizAttempt.passed.is_(True), 1), else_=0)),
        )
        .where(QuizAttempt.user_id == user_id, QuizAttempt.status == AttemptStatus.SUBMITTED)
        .group_by(QuizAttempt.quiz_slug)
    )
    return {slug: QuizSummary(count, best, bool(passed)) for slug, count, best, passed in rows}


def has_passed(session: Session, user_id: int, quiz_slug: str) -> bool:
    query = (
        select(QuizAttempt.id)
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.quiz_slug == quiz_slug,
            QuizAttempt.passed.is_(True),
        )
        .limit(1)
    )
    return session.scalar(query) is not None
