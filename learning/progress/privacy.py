"""The progress domain's part of a person's data: enrolments and the lessons completed.

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
from learning.progress.models import Enrolment, LessonProgress

TABLES = frozenset({"enrolments", "lesson_progress"})


def export_user(session: Session, user: User, catalogue: Catalogue) -> dict[str, Any]:
    """Every module ``user`` enrolled in, with the lessons they completed."""
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
                "enrolled_at": isoformat_or_none(enrolment.enrolled_at),
                "completed_at": isoformat_or_none(enrolment.completed_at),
                "lessons_completed": [
                    {
                        "lesson_slug": lesson.lesson_slug,
                        "lesson_version": lesson.lesson_version,
                        "completed_at": isoformat_or_none(lesson.completed_at),
                    }
                    for lesson in lessons
                ],
            }
        )
    return {"progress": result}


def erase_user(session: Session, user: User) -> None:
    """Delete ``user``'s enrolments and lesson progress.

    They serve the person's own learning, which ends here. Child rows are deleted explicitly
    rather than left to ON DELETE CASCADE, so the result does not depend on the database
    enforcing foreign keys.
    """
    enrolments = select(Enrolment.id).where(Enrolment.user_id == user.id)
    for statement in (
        delete(LessonProgress).where(LessonProgress.enrolment_id.in_(enrolments)),
        delete(Enrolment).where(Enrolment.user_id == user.id),
    ):
        session.execute(statement.execution_options(synchronize_session=False))
