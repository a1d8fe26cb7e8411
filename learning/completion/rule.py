"""The completion rule, applied in the transaction of the action that met the last requirement
(a lesson read, a quiz passed, a case study marked "meets"), so completion is never computed
later by a job and a record always exists the moment a module is complete."""

from __future__ import annotations

from sqlalchemy.orm import Session

from learning.completion.issuing import issue_for_module
from learning.content.assessments.definitions import Quiz
from learning.content.catalogue import Catalogue
from learning.content.course import Lesson, Module
from learning.db import utcnow
from learning.progress import services as progress
from learning.progress.models import Enrolment
from learning.quizzes import case_assessment
from learning.quizzes import services as quizzes
from learning.workshops.open_workshops import assessing_workshop


def complete_lesson(
    session: Session, user_id: int, module: Module, lesson: Lesson, catalogue: Catalogue
) -> bool:
    """Record ``lesson`` as read; True when this completed the whole module."""
    enrolment = progress.record_lesson(session, user_id, module, lesson)
    return evaluate(session, enrolment, module, catalogue)


def after_assessment(session: Session, user_id: int, module: Module, catalogue: Catalogue) -> bool:
    """After a quiz is passed or a case study meets: complete the module if every other
    requirement is met too (True if it completed just now)."""
    enrolment = progress.enrol(session, user_id, module)
    return evaluate(session, enrolment, module, catalogue)


def case_studies_allow(session: Session, user_id: int, quiz: Quiz) -> bool:
    """The case-study condition: met in self-study; in a workshop whose trainer assesses case
    studies, only once the trainer marked them "meets"."""
    if assessing_workshop(session, user_id, quiz.module) is None:
        return True
    return case_assessment.case_studies_meet(session, user_id, quiz)


def evaluate(session: Session, enrolment: Enrolment, module: Module, catalogue: Catalogue) -> bool:
    """Set ``completed_at`` once every lesson is complete and the module's quiz (if it has one)
    is passed, and issue the completion records; True only the first time.

    Lessons count by slug: a lesson completed before its text was revised stays completed.
    """
    if enrolment.completed_at is not None:
        return False
    done = {row.lesson_slug for row in enrolment.lessons}
    if not set(module.lesson_slugs) <= done:
        return False
    quiz = catalogue.quiz_for(module.slug)
    if quiz is not None and not quizzes.has_passed(session, enrolment.user_id, quiz.slug):
        return False
    if quiz is not None and not case_studies_allow(session, enrolment.user_id, quiz):
        return False
    enrolment.completed_at = utcnow()
    session.flush()
    issue_for_module(session, enrolment, module, catalogue)
    return True
