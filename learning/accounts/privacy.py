"""Personal data: everything the platform holds about a person, and closing an account.

``export_data`` gathers every row about one user (never another person's personal data: a
workshop is named by its title, not by its trainer). ``close_account`` erases or anonymises
that data in the caller's transaction, keeping only what verifies the certificates already
issued. The privacy notice (templates/accounts/privacy.html) describes exactly this; change
both together. Services flush, never commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session, selectinload

from learning.accounts.models import Organisation, Role, User
from learning.accounts.passwords import verify_password
from learning.accounts.services import WrongPasswordError, end_all_sessions
from learning.admin.services import require_another_active_admin
from learning.content.catalogue import Catalogue
from learning.db import utcnow
from learning.errors import DomainError
from learning.progress.models import Enrolment, LessonProgress
from learning.quizzes.models import AttemptGrant, QuizAnswer, QuizAttempt, ScenarioDecision
from learning.records.models import CompletionRecord
from learning.workshops.models import Attendance, Workshop, WorkshopMember

CLOSED_NAME = "Closed account"
CLOSED_EMAIL_DOMAIN = "closed.invalid"  # .invalid is reserved: no mail can ever be delivered
# Werkzeug hashes look like "scrypt:...$salt$hash"; this matches no password at all.
_UNUSABLE_HASH = "!closed"


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _account(user: User) -> dict[str, Any]:
    organisation = user.organisation
    return {
        "account": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role.value,
            "country": user.country,
            "is_active": user.is_active,
            "created_at": _iso(user.created_at),
            "last_login_at": _iso(user.last_login_at),
        },
        "organisation": None
        if organisation is None
        else {
            "name": organisation.name,
            "kind": organisation.kind.value,
            "country": organisation.country,
        },
    }


def _progress(session: Session, user: User, catalogue: Catalogue) -> list[dict[str, Any]]:
    enrolments = session.scalars(
        select(Enrolment)
        .where(Enrolment.user_id == user.id)
        .options(selectinload(Enrolment.lessons))
        .order_by(Enrolment.enrolled_at, Enrolment.id)
    )
    result = []
    for enrolment in enrolments:
        module = catalogue.module(enrolment.module_slug)
        lessons = sorted(enrolment.lessons, key=lambda lesson: (lesson.completed_at, lesson.id))
        result.append(
            {
                "module_slug": enrolment.module_slug,
                "module_title": module.title if module else None,
                "source": enrolment.source.value,
                "enrolled_at": _iso(enrolment.enrolled_at),
                "completed_at": _iso(enrolment.completed_at),
                "lessons_completed": [
                    {
                        "lesson_slug": lesson.lesson_slug,
                        "lesson_version": lesson.lesson_version,
                        "completed_at": _iso(lesson.completed_at),
                    }
                    for lesson in lessons
                ],
            }
        )
    return result


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
        "updated_at": _iso(answer.updated_at),
        "trainer_feedback": answer.trainer_feedback,
        "feedback_at": _iso(answer.feedback_at),
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
                "started_at": _iso(attempt.started_at),
                "submitted_at": _iso(attempt.submitted_at),
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
                        "decided_at": _iso(d.decided_at),
                    }
                    for d in decisions.get(attempt.id, [])
                ],
            }
        )
    return result


def _workshop(workshop: Workshop) -> dict[str, Any]:
    return {
        "title": workshop.title,
        "location": workshop.location,
        "country": workshop.country,
        "starts_on": _iso(workshop.starts_on),
        "ends_on": _iso(workshop.ends_on),
        "language": workshop.language,
        "status": workshop.status.value,
    }


def _workshops(session: Session, user: User) -> dict[str, Any]:
    rows = session.execute(
        select(WorkshopMember, Workshop)
        .join(Workshop)
        .where(WorkshopMember.user_id == user.id)
        .order_by(Workshop.starts_on, Workshop.id)
    ).all()
    days: dict[int, list[Attendance]] = {}
    for row in session.scalars(
        select(Attendance)
        .join(WorkshopMember)
        .where(WorkshopMember.user_id == user.id)
        .order_by(Attendance.day)
    ):
        days.setdefault(row.member_id, []).append(row)
    created = session.scalars(
        select(Workshop)
        .where(Workshop.created_by_id == user.id)
        .order_by(Workshop.starts_on, Workshop.id)
    )
    # As a trainer: which answers they commented on, without the learner or the text, which
    # belong to the learner's record.
    feedback = session.execute(
        select(QuizAttempt.quiz_slug, QuizAnswer.question_id, QuizAnswer.feedback_at)
        .select_from(QuizAnswer)
        .join(QuizAttempt)
        .where(QuizAnswer.feedback_by_id == user.id)
        .order_by(QuizAnswer.feedback_at)
    )
    return {
        "workshops": [
            _workshop(workshop)
            | {
                "role": member.role.value,
                "joined_at": _iso(member.joined_at),
                "attendance": [
                    {"day": _iso(a.day), "method": a.method, "marked_at": _iso(a.marked_at)}
                    for a in days.get(member.id, [])
                ],
            }
            for member, workshop in rows
        ],
        "workshops_created": [
            _workshop(workshop) | {"created_at": _iso(workshop.created_at)} for workshop in created
        ],
        "feedback_written": [
            {"quiz_slug": slug, "question_id": question, "feedback_at": _iso(at)}
            for slug, question, at in feedback
        ],
    }


def _records(session: Session, user: User, verify_url: Callable[[str], str]) -> list[dict]:
    records = session.scalars(
        select(CompletionRecord)
        .where(CompletionRecord.user_id == user.id)
        .order_by(CompletionRecord.completed_at, CompletionRecord.id)
    )
    return [
        {
            "kind": record.kind.value,
            "subject_slug": record.subject_slug,
            "subject_title": record.subject_title,
            "subject_version": record.subject_version,
            "hours": record.hours,
            "name_as_printed": record.name_as_printed,
            "completed_at": _iso(record.completed_at),
            "issued_at": _iso(record.issued_at),
            "workshop": record.workshop_text,
            "days_attended": record.days_attended,
            "verification_code": record.verification_code,
            "verification_url": verify_url(record.verification_code),
            "revoked_at": _iso(record.revoked_at),
            "revoked_reason": record.revoked_reason,
        }
        for record in records
    ]


def export_data(
    session: Session, user: User, catalogue: Catalogue, verify_url: Callable[[str], str]
) -> dict[str, Any]:
    """Everything the database holds about ``user``, as JSON-ready data.

    Left out on purpose: the password hash and session version (secrets, not information
    about the person) and the order in which a quiz shuffled its choices.
    """
    return _account(user) | {
        "exported_at": _iso(utcnow()),
        "progress": _progress(session, user, catalogue),
        "quiz_attempts": _attempts(session, user, catalogue),
        "extra_attempts_granted": [
            {
                "quiz_slug": grant.quiz_slug,
                "workshop_id": grant.workshop_id,
                "granted_at": _iso(grant.granted_at),
            }
            for grant in session.scalars(
                select(AttemptGrant)
                .where(AttemptGrant.user_id == user.id)
                .order_by(AttemptGrant.granted_at)
            )
        ],
        **_workshops(session, user),
        "completion_records": _records(session, user, verify_url),
    }


def close_own_account(session: Session, user: User, password: str) -> None:
    """Close ``user``'s account if ``password`` is theirs (see ``close_account``)."""
    if not verify_password(user.password_hash, password):
        raise WrongPasswordError(_l("Your password is not correct."))
    close_account(session, user)


def close_account(session: Session, user: User) -> None:
    """Erase or anonymise everything about ``user``; keep their completion records.

    Per table:
    - users: the row stays (completion records and workshops point to it) but names nobody:
      neutral name, an undeliverable unique e-mail (so the old address can register again),
      no password, organisation, country or login time, no role, inactive, sessions ended.
    - enrolments and lesson progress, quiz attempts with their answers (free-text case-study
      answers and the trainer feedback and verdicts on them included), scenario decisions and
      extra attempts granted to them: deleted.
      They serve the person's own learning and their trainers' follow-up, which end here;
      kept under the anonymised row they would still be tied, through the records, to the
      printed name, so they would not be anonymous.
    - workshop memberships and attendance: deleted, for the same reason. Certificates of
      participation already issued keep the workshop and the days attended as printed.
    - the organisation: deleted if nobody else belongs to it (its name was typed by them).
    - completion records: kept unchanged, so anyone holding a certificate can still verify
      it under the name as printed.
    - workshops they created and feedback they wrote on other learners' answers: kept; they
      belong to those workshops and learners, and now point to the anonymised row.
    """
    if user.closed_at is not None:
        raise DomainError(_l("This account is already closed."))
    if user.role == Role.ADMIN and user.is_active:
        try:
            require_another_active_admin(session, user)
        except DomainError as error:
            raise DomainError(
                _l(
                    "This is the only active administrator account. Give "
                    "another person the administrator role before closing "
                    "it."
                )
            ) from error
    _erase_learning_data(session, user.id)
    organisation_id = user.organisation_id
    user.display_name, user.email = CLOSED_NAME, f"closed-{user.id}@{CLOSED_EMAIL_DOMAIN}"
    user.password_hash, user.role = _UNUSABLE_HASH, Role.LEARNER
    user.organisation, user.country, user.last_login_at = None, None, None
    user.is_active, user.closed_at = False, utcnow()
    end_all_sessions(session, user)  # flushes
    if organisation_id is not None:
        session.execute(
            delete(Organisation).where(
                Organisation.id == organisation_id,
                ~exists().where(User.organisation_id == organisation_id),
            )
        )


def _erase_learning_data(session: Session, user_id: int) -> None:
    """Delete the person's progress, attempts and workshop places with everything below them.

    Child rows are deleted explicitly rather than left to ON DELETE CASCADE, so the result
    does not depend on the database enforcing foreign keys.
    """
    attempts = select(QuizAttempt.id).where(QuizAttempt.user_id == user_id)
    enrolments = select(Enrolment.id).where(Enrolment.user_id == user_id)
    members = select(WorkshopMember.id).where(WorkshopMember.user_id == user_id)
    for statement in (
        delete(ScenarioDecision).where(ScenarioDecision.attempt_id.in_(attempts)),
        delete(QuizAnswer).where(QuizAnswer.attempt_id.in_(attempts)),
        delete(QuizAttempt).where(QuizAttempt.user_id == user_id),
        delete(AttemptGrant).where(AttemptGrant.user_id == user_id),
        delete(LessonProgress).where(LessonProgress.enrolment_id.in_(enrolments)),
        delete(Enrolment).where(Enrolment.user_id == user_id),
        delete(Attendance).where(Attendance.member_id.in_(members)),
        delete(WorkshopMember).where(WorkshopMember.user_id == user_id),
    ):
        session.execute(statement.execution_options(synchronize_session=False))
