"""Enrolment and lesson progress. Every operation is idempotent and never goes backwards."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from learning.content.catalogue import Catalogue, Lesson, Module
from learning.db import utcnow
from learning.progress.models import Enrolment, EnrolmentSource, LessonProgress
from learning.quizzes import case_assessment
from learning.quizzes.services import QuizSummary
from learning.quizzes.services import has_passed as quiz_passed
from learning.quizzes.services import summaries as quiz_summaries


@dataclass(frozen=True)
class ModuleProgress:
    """What one learner has done in one module, for pages and the dashboard."""

    module: Module
    enrolment: Enrolment | None
    completed_lessons: frozenset[str]
    quiz_slug: str | None = None
    quiz: QuizSummary | None = None  # None: no submitted attempt yet

    @property
    def started(self) -> bool:
        return self.enrolment is not None

    @property
    def is_complete(self) -> bool:
        return self.enrolment is not None and self.enrolment.completed_at is not None

    @property
    def lessons_done(self) -> int:
        return sum(slug in self.completed_lessons for slug in self.module.lesson_slugs)

    @property
    def lessons_complete(self) -> bool:
        return self.lessons_done == len(self.module.lessons)

    @property
    def quiz_passed(self) -> bool:
        return self.quiz is not None and self.quiz.passed

    @property
    def quiz_pending(self) -> bool:
        """The lessons are read but the module's quiz is not passed yet."""
        return self.quiz_slug is not None and self.lessons_complete and not self.quiz_passed

    @property
    def percent(self) -> int:
        """Share of requirements met: each lesson counts one step, the quiz one more."""
        total = len(self.module.lessons) + (1 if self.quiz_slug else 0)
        done = self.lessons_done + (1 if self.quiz_slug and self.quiz_passed else 0)
        return round(100 * done / total) if total else 0

    @property
    def next_lesson(self) -> Lesson | None:
        """The first lesson in reading order not yet completed: where to continue."""
        return next(
            (lesson for lesson in self.module.lessons if lesson.slug not in self.completed_lessons),
            None,
        )


def _get_enrolment(session: Session, user_id: int, module_slug: str) -> Enrolment | None:
    # One query (joined), not two: this runs on every lesson page, the most read page.
    return (
        session.scalars(
            select(Enrolment)
            .where(Enrolment.user_id == user_id, Enrolment.module_slug == module_slug)
            .options(joinedload(Enrolment.lessons))
        )
        .unique()
        .one_or_none()
    )


def enrol(
    session: Session,
    user_id: int,
    module: Module,
    source: EnrolmentSource = EnrolmentSource.SELF_STUDY,
) -> Enrolment:
    """The learner's enrolment in ``module``, created if needed (safe under races)."""
    enrolment = _get_enrolment(session, user_id, module.slug)
    if enrolment is not None:
        return enrolment
    try:
        with session.begin_nested():
            enrolment = Enrolment(user_id=user_id, module_slug=module.slug, source=source)
            session.add(enrolment)
    except IntegrityError:
        # Another request enrolled the same learner first (PostgreSQL; SQLite serialises).
        enrolment = _get_enrolment(session, user_id, module.slug)
        assert enrolment is not None
    return enrolment


def complete_lesson(
    session: Session, user_id: int, module: Module, lesson: Lesson, catalogue: Catalogue
) -> bool:
    """Record ``lesson`` as completed; returns True when this completed the whole module."""
    enrolment = enrol(session, user_id, module)
    if not any(row.lesson_slug == lesson.slug for row in enrolment.lessons):
        try:
            with session.begin_nested():
                enrolment.lessons.append(
                    LessonProgress(lesson_slug=lesson.slug, lesson_version=lesson.version)
                )
        except IntegrityError:
            session.refresh(enrolment, ["lessons"])
    return evaluate_completion(session, enrolment, module, catalogue)


def evaluate_completion(
    session: Session, enrolment: Enrolment, module: Module, catalogue: Catalogue
) -> bool:
    """Set ``completed_at`` once every lesson is complete and the module's quiz (if it has
    one) is passed, and issue the completion records; True only the first time. Runs in the
    transaction of the action that met the last requirement, so completion is never computed
    later by a job and a record always exists the moment the module is complete.

    Lessons count by slug: a lesson completed before its text was revised stays completed.
    """
    if enrolment.completed_at is not None:
        return False
    done = {row.lesson_slug for row in enrolment.lessons}
    if not set(module.lesson_slugs) <= done:
        return False
    quiz = catalogue.quiz_for(module.slug)
    if quiz is not None and not quiz_passed(session, enrolment.user_id, quiz.slug):
        return False
    if quiz is not None and not case_assessment.completion_allowed(
        session, enrolment.user_id, quiz
    ):
        return False
    enrolment.completed_at = utcnow()
    session.flush()
    from learning.records.services import issue_for_module  # records import progress models

    issue_for_module(session, enrolment, module, catalogue)
    return True


def module_progress(
    session: Session, user_id: int, module: Module, quiz_slug: str | None = None
) -> ModuleProgress:
    enrolment = _get_enrolment(session, user_id, module.slug)
    done = frozenset(row.lesson_slug for row in enrolment.lessons) if enrolment else frozenset()
    summary = quiz_summaries(session, user_id).get(quiz_slug) if quiz_slug and enrolment else None
    return ModuleProgress(module, enrolment, done, quiz_slug, summary)


def dashboard(session: Session, user_id: int, catalogue: Catalogue) -> list[ModuleProgress]:
    """Progress in every module the learner started, in catalogue order (three queries)."""
    enrolments = session.scalars(
        select(Enrolment)
        .where(Enrolment.user_id == user_id)
        .options(selectinload(Enrolment.lessons))
    ).all()
    by_slug = {enrolment.module_slug: enrolment for enrolment in enrolments}
    quizzes = quiz_summaries(session, user_id) if enrolments else {}
    result = []
    for module in catalogue.modules:
        enrolment = by_slug.get(module.slug)
        if enrolment is not None:
            done = frozenset(row.lesson_slug for row in enrolment.lessons)
            quiz = catalogue.quiz_for(module.slug)
            slug = quiz.slug if quiz else None
            result.append(ModuleProgress(module, enrolment, done, slug, quizzes.get(slug)))
    return result
