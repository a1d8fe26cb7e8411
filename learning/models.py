"""Imports every domain's models so Alembic and create_all see the whole schema."""

from learning.accounts.models import Organisation, User
from learning.db import Base
from learning.progress.models import Enrolment, LessonProgress
from learning.quizzes.models import QuizAnswer, QuizAttempt, ScenarioDecision
from learning.records.models import CompletionRecord
from learning.workshops.models import (
    Attendance,
    CheckInCode,
    DebriefShare,
    Workshop,
    WorkshopMember,
    WorkshopModule,
)

__all__ = [
    "Attendance",
    "Base",
    "CheckInCode",
    "CompletionRecord",
    "DebriefShare",
    "Enrolment",
    "LessonProgress",
    "Organisation",
    "QuizAnswer",
    "QuizAttempt",
    "ScenarioDecision",
    "User",
    "Workshop",
    "WorkshopMember",
    "WorkshopModule",
]
