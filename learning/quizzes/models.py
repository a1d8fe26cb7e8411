"""Quiz attempts, their answers, and every scenario decision (Kolibri/CTFd-style records)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learning.db import Base, UTCDateTime, string_enum, utcnow


class AttemptStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    # The quiz file changed while the attempt was open; it was closed with a message and the
    # learner starts again. Its answers are kept.
    OUTDATED = "outdated"


class CaseVerdict(enum.StrEnum):
    MEETS = "meets"
    NOT_YET = "not_yet"


class QuizAttempt(Base):
    """One try at one quiz by one learner, with the rules it is graded by (snapshotted)."""

    __tablename__ = "quiz_attempts"
    __table_args__ = (UniqueConstraint("user_id", "quiz_slug", "attempt_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    quiz_slug: Mapped[str] = mapped_column(String(100), index=True)
    # 1 for the learner's first attempt at this quiz, 2 for the second...
    attempt_no: Mapped[int] = mapped_column(Integer)
    # Snapshot of the rules: the quiz file's hash, the pass mark and the maximum points.
    quiz_version: Mapped[str] = mapped_column(String(16))
    pass_mark: Mapped[float] = mapped_column(Float)
    max_points: Mapped[int] = mapped_column(Integer)
    # Seeds the per-attempt order of choices, so a reload shows the same order.
    shuffle_seed: Mapped[int] = mapped_column(Integer)
    # The items this attempt shows, drawn from the quiz's pool (None: every item, as in
    # attempts made before pools existed and quizzes without a draw).
    question_ids: Mapped[list[str] | None] = mapped_column(JSON)
    status: Mapped[AttemptStatus] = mapped_column(
        string_enum(AttemptStatus, "attempt_status"), default=AttemptStatus.IN_PROGRESS
    )
    points: Mapped[float | None] = mapped_column(Float)  # earned, set at submission
    score: Mapped[float | None] = mapped_column(Float)  # points / max_points, 0..1
    passed: Mapped[bool | None] = mapped_column()
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    answers: Mapped[list[QuizAnswer]] = relationship(
        back_populates="attempt",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="QuizAnswer.id",
    )


class QuizAnswer(Base):
    """The learner's current response to one question of one attempt, graded at submission."""

    __tablename__ = "quiz_answers"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("quiz_attempts.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(100))
    question_type: Mapped[str] = mapped_column(String(30))
    # The raw response as the question type stores it (choice ids, scenario path, texts).
    response: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Set at submission: the answer in words, 0..1 correctness (None: ungraded), points,
    # and the review shown on the result page, frozen so later edits cannot change it.
    answer_text: Mapped[str | None] = mapped_column(Text)
    correctness: Mapped[float | None] = mapped_column(Float)
    points: Mapped[float | None] = mapped_column(Float)
    review: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # A trainer's comment on a case-study answer, shown in the learner's attempt review.
    trainer_feedback: Mapped[str | None] = mapped_column(Text)
    # In a workshop whose trainer assesses case studies: the trainer's verdict against the
    # rubric (None: not assessed yet). The module completes only once it meets.
    assessment: Mapped[CaseVerdict | None] = mapped_column(string_enum(CaseVerdict, "case_verdict"))
    feedback_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    feedback_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    attempt: Mapped[QuizAttempt] = relationship(back_populates="answers")


class ScenarioDecision(Base):
    """One decision in a branching scenario: which choice the learner made at which node.

    The unique (attempt, question, node) constraint makes a double click record one decision,
    and lets trainers count how a group split at each node.
    """

    __tablename__ = "scenario_decisions"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id", "node_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_attempts.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(100))
    node_id: Mapped[str] = mapped_column(String(100))
    choice_id: Mapped[str] = mapped_column(String(100))
    step_no: Mapped[int] = mapped_column(Integer)  # 1 for the first decision of the scenario
    points: Mapped[int] = mapped_column(Integer)
    counters: Mapped[dict[str, int]] = mapped_column(JSON)  # values after this decision
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AttemptGrant(Base):
    """One extra attempt at a quiz that a workshop's trainer granted a participant.

    It adds one to the quiz's attempt limit and lifts the wait after the latest failed attempt.
    """

    __tablename__ = "attempt_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    quiz_slug: Mapped[str] = mapped_column(String(100))
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
