"""Where a learner stands in each module (lessons read, quiz results, complete or not), for
the dashboard, the catalogue and the module pages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from learning.content.catalogue import Catalogue
from learning.content.course import Lesson, Module
from learning.progress import services as progress
from learning.progress.models import Enrolment
from learning.quizzes import services as quizzes
from learning.quizzes.services import QuizSummary


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


def module_progress(
    session: Session, user_id: int, module: Module, quiz_slug: str | None = None
) -> ModuleProgress:
    enrolment = progress.get_enrolment(session, user_id, module.slug)
    done = frozenset(row.lesson_slug for row in enrolment.lessons) if enrolment else frozenset()
    summary = (
        quizzes.summaries(session, user_id).get(quiz_slug) if quiz_slug and enrolment else None
    )
    return ModuleProgress(module, enrolment, done, quiz_slug, summary)


def dashboard(session: Session, user_id: int, catalogue: Catalogue) -> list[ModuleProgress]:
    """Progress in every module the learner started, in catalogue order (three queries)."""
    enrolments = progress.enrolments_of(session, user_id)
    by_slug = {enrolment.module_slug: enrolment for enrolment in enrolments}
    summaries = quizzes.summaries(session, user_id) if enrolments else {}
    result = []
    for module in catalogue.modules:
        enrolment = by_slug.get(module.slug)
        if enrolment is not None:
            done = frozenset(row.lesson_slug for row in enrolment.lessons)
            quiz = catalogue.quiz_for(module.slug)
            slug = quiz.slug if quiz else None
            result.append(ModuleProgress(module, enrolment, done, slug, summaries.get(slug)))
    return result
