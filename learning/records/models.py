"""Completion records: the proof that a person completed a module or a learning path."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learning.accounts.models import User
from learning.db import Base, UTCDateTime, string_enum, utcnow


class RecordKind(enum.StrEnum):
    MODULE = "module"
    PATH = "path"
    PARTICIPATION = "participation"  # attended a workshop without completing its modules


class CompletionRecord(Base):
    """One learner's completion of one module or path, as it was when issued.

    Everything printed on the certificate is stored here (name, title, hours), so editing the
    course or the profile later never changes an issued record. Revoking keeps the row; the
    verification page then says so with the date and reason.
    """

    __tablename__ = "completion_records"
    __table_args__ = (UniqueConstraint("user_id", "kind", "subject_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # RESTRICT: users are deactivated, never deleted, so records stay verifiable.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[RecordKind] = mapped_column(string_enum(RecordKind, "record_kind"))
    subject_slug: Mapped[str] = mapped_column(String(100), index=True)
    subject_title: Mapped[str] = mapped_column(String(200))  # title as issued
    subject_version: Mapped[str] = mapped_column(String(16))  # content version as issued
    hours: Mapped[float] = mapped_column(Float)  # estimated study hours, as printed
    name_as_printed: Mapped[str] = mapped_column(String(120))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    verification_code: Mapped[str] = mapped_column(String(32), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    # The workshop the record was earned in, and what the certificate prints about it.
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshops.id", ondelete="SET NULL"), index=True
    )
    workshop_text: Mapped[str | None] = mapped_column(String(400))
    days_attended: Mapped[int | None] = mapped_column()  # participation certificates
    # How the module's case study was judged: "trainer" (assessed against its rubric by the
    # workshop's trainer) or "self" (self-assessed); None for paths and participation.
    case_study_assessment: Mapped[str | None] = mapped_column(String(10))

    user: Mapped[User] = relationship(lazy="joined")

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
