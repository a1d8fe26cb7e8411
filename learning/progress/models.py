"""Enrolments and lesson progress. Content is referred to by slug and version hash."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learning.db import Base, UTCDateTime, string_enum, utcnow


class EnrolmentSource(enum.StrEnum):
    SELF_STUDY = "self_study"
    WORKSHOP = "workshop"


class Enrolment(Base):
    """One learner taking one module; created when they start it, completed at most once."""

    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("user_id", "module_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    module_slug: Mapped[str] = mapped_column(String(100), index=True)
    source: Mapped[EnrolmentSource] = mapped_column(
        string_enum(EnrolmentSource, "enrolment_source"), default=EnrolmentSource.SELF_STUDY
    )
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set once, when every requirement of the module is met; never cleared.
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    lessons: Mapped[list[LessonProgress]] = relationship(
        back_populates="enrolment", cascade="all, delete-orphan", passive_deletes=True
    )


class LessonProgress(Base):
    """A lesson a learner marked complete, with the content version they read.

    Rows exist only for completed lessons: GET requests never write, so reading a page leaves
    no trace, and a completed lesson stays completed even when its text is revised later.
    """

    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("enrolment_id", "lesson_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id", ondelete="CASCADE"))
    lesson_slug: Mapped[str] = mapped_column(String(100))
    # Hash of the lesson file the learner completed (see content.catalogue.Lesson.version).
    lesson_version: Mapped[str] = mapped_column(String(16))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    enrolment: Mapped[Enrolment] = relationship(back_populates="lessons")
