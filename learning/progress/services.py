"""Enrolment and lesson progress. Every operation is idempotent and never goes backwards."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from learning.content.course import Lesson, Module
from learning.progress.models import Enrolment, EnrolmentSource, LessonProgress


def get_enrolment(session: Session, user_id: int, module_slug: str) -> Enrolment | None:
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
    enrolment = get_enrolment(session, user_id, module.slug)
    if enrolment is not None:
        return enrolment
    try:
        with session.begin_nested():
            enrolment = Enrolment(user_id=user_id, module_slug=module.slug, source=source)
            session.add(enrolment)
    except IntegrityError:
        # Another request enrolled the same learner first (PostgreSQL; SQLite serialises).
        enrolment = get_enrolment(session, user_id, module.slug)
        assert enrolment is not None
    return enrolment


def record_lesson(session: Session, user_id: int, module: Module, lesson: Lesson) -> Enrolment:
    """Record ``lesson`` as completed (once, safe under races); the learner's enrolment."""
    enrolment = enrol(session, user_id, module)
    if not any(row.lesson_slug == lesson.slug for row in enrolment.lessons):
        try:
            with session.begin_nested():
                enrolment.lessons.append(
                    LessonProgress(lesson_slug=lesson.slug, lesson_version=lesson.version)
                )
        except IntegrityError:
            session.refresh(enrolment, ["lessons"])
    return enrolment


def enrolments_of(session: Session, user_id: int) -> list[Enrolment]:
    """Every enrolment of the learner, with its completed lessons (two queries)."""
    return list(
        session.scalars(
            select(Enrolment)
            .where(Enrolment.user_id == user_id)
            .options(selectinload(Enrolment.lessons))
        )
    )
