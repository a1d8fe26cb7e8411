"""The trainer's roster: per participant and module, progress, best score, pass, activity.

Built from six queries whatever the number of participants (members, attendance, enrolments
with lesson counts, last lesson activity, quiz summaries, last quiz activity): a test counts
them for 5 and for 500 participants, and ``bench/`` times it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from learning.content.catalogue import Catalogue
from learning.db import utcnow
from learning.progress.models import Enrolment, LessonProgress
from learning.quizzes.models import AttemptStatus, QuizAttempt
from learning.workshops.attendance import attendance_by_member
from learning.workshops.models import Workshop, WorkshopMember
from learning.workshops.services import members


@dataclass
class ModuleCell:
    lessons_done: int = 0
    lessons_total: int = 0
    completed: bool = False
    attempts: int = 0
    best_score: float | None = None
    passed: bool = False
    failed_attempts: int = 0


@dataclass
class RosterRow:
    member: WorkshopMember
    days: set = field(default_factory=set)
    cells: dict[str, ModuleCell] = field(default_factory=dict)
    last_activity: datetime | None = None

    def needs_attention(self, idle: timedelta, now: datetime) -> bool:
        """No activity for ``idle``, or a failed attempt on a quiz not yet passed."""
        idle_too_long = self.last_activity is None or now - self.last_activity > idle
        struggling = any(cell.failed_attempts and not cell.passed for cell in self.cells.values())
        unfinished = not all(cell.completed for cell in self.cells.values())
        return unfinished and (idle_too_long or struggling)


def _latest(*values: datetime | None) -> datetime | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def roster(session: Session, workshop: Workshop, catalogue: Catalogue) -> list[RosterRow]:
    participants = members(session, workshop)
    rows = {m.user_id: RosterRow(m) for m in participants}
    days = attendance_by_member(session, workshop)
    slugs = workshop.module_slugs
    quiz_slugs = {catalogue.quiz_for(s).slug: s for s in slugs if catalogue.quiz_for(s)}
    user_ids = list(rows)
    for row in rows.values():
        row.days = days.get(row.member.id, set())
        for slug in slugs:
            module = catalogue.module(slug)
            row.cells[slug] = ModuleCell(lessons_total=len(module.lessons) if module else 0)
    if not user_ids:
        return []
    lessons = session.execute(
        select(
            Enrolment.user_id,
            Enrolment.module_slug,
            Enrolment.completed_at,
            func.count(LessonProgress.id),
            func.max(LessonProgress.completed_at),
        )
        .outerjoin(LessonProgress, LessonProgress.enrolment_id == Enrolment.id)
        .where(Enrolment.user_id.in_(user_ids), Enrolment.module_slug.in_(slugs))
        .group_by(Enrolment.id)
    )
    for user_id, slug, completed_at, done, last in lessons:
        cell = rows[user_id].cells[slug]
        cell.lessons_done, cell.completed = done, completed_at is not None
        rows[user_id].last_activity = _latest(rows[user_id].last_activity, last)
    submitted = QuizAttempt.status == AttemptStatus.SUBMITTED
    quizzes = session.execute(
        select(
            QuizAttempt.user_id,
            QuizAttempt.quiz_slug,
            func.count(case((submitted, 1))),
            func.max(case((submitted, QuizAttempt.score))),
            func.max(case((QuizAttempt.passed.is_(True), 1), else_=0)),
            func.count(case((QuizAttempt.passed.is_(False), 1))),
            func.max(func.coalesce(QuizAttempt.submitted_at, QuizAttempt.started_at)),
        )
        .where(QuizAttempt.user_id.in_(user_ids), QuizAttempt.quiz_slug.in_(list(quiz_slugs)))
        .group_by(QuizAttempt.user_id, QuizAttempt.quiz_slug)
    )
    for user_id, quiz_slug, count, best, passed, failed, last in quizzes:
        cell = rows[user_id].cells[quiz_slugs[quiz_slug]]
        cell.attempts, cell.best_score, cell.passed = count, best, bool(passed)
        cell.failed_attempts = failed
        rows[user_id].last_activity = _latest(rows[user_id].last_activity, last)
    return sorted(rows.values(), key=lambda row: row.member.user.display_name.casefold())


def filter_rows(
    rows: list[RosterRow],
    view: str,
    idle_hours: int,
    module: str | None,
) -> list[RosterRow]:
    now = utcnow()
    if view == "attention":
        rows = [row for row in rows if row.needs_attention(timedelta(hours=idle_hours), now)]
    if module:
        rows = [row for row in rows if module in row.cells and not row.cells[module].completed]
    return rows


def summary(rows: list[RosterRow], slugs: list[str]) -> dict[str, int]:
    """How many participants completed each module."""
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        for slug in slugs:
            counts[slug] += row.cells[slug].completed
    return counts
