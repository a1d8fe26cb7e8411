"""Workshops, their modules, members, attendance and day check-in codes."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learning.accounts.models import User
from learning.db import Base, UTCDateTime, string_enum, utcnow


class WorkshopStatus(enum.StrEnum):
    DRAFT = "draft"  # being prepared: not joinable
    OPEN = "open"  # participants join with the code
    CLOSED = "closed"  # records issued; no new members, no check-ins


class MemberRole(enum.StrEnum):
    PARTICIPANT = "participant"
    FACILITATOR = "facilitator"


class Workshop(Base):
    """One training event: a cohort, a place, dates and the modules it covers."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    region: Mapped[str] = mapped_column(String(40))  # one of geography.regions.REGIONS
    country: Mapped[str] = mapped_column(String(2))
    location: Mapped[str] = mapped_column(String(160))  # city or venue
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(40))
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    # Days a participant must attend to receive a certificate of participation.
    participation_days: Mapped[int] = mapped_column(Integer, default=1)
    # The trainer marks each case-study answer against its rubric (meets / not yet); a module
    # completes in this workshop only once its case study meets. Off: learners self-assess.
    assess_case_studies: Mapped[bool] = mapped_column(default=False, server_default=false())
    status: Mapped[WorkshopStatus] = mapped_column(
        string_enum(WorkshopStatus, "workshop_status"), default=WorkshopStatus.DRAFT
    )
    # Set when the workshop is first opened; unique, short and unambiguous to type.
    join_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    created_by_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    modules: Mapped[list[WorkshopModule]] = relationship(
        cascade="all, delete-orphan", order_by="WorkshopModule.position", lazy="selectin"
    )
    created_by: Mapped[User] = relationship()

    @property
    def module_slugs(self) -> list[str]:
        return [item.module_slug for item in self.modules]

    @property
    def days(self) -> list[date]:
        return [
            self.starts_on + timedelta(days=n)
            for n in range((self.ends_on - self.starts_on).days + 1)
        ]


class WorkshopModule(Base):
    """A module the workshop covers, in the order the trainer takes them."""

    __tablename__ = "workshop_modules"
    __table_args__ = (UniqueConstraint("workshop_id", "module_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    module_slug: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)


class WorkshopMember(Base):
    """A person in a workshop: a participant, or a facilitator who helps run it."""

    __tablename__ = "workshop_members"
    __table_args__ = (UniqueConstraint("workshop_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    role: Mapped[MemberRole] = mapped_column(
        string_enum(MemberRole, "member_role"), default=MemberRole.PARTICIPANT
    )
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")


class Attendance(Base):
    """A participant was present on one day of the workshop."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("member_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("workshop_members.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))  # "roster" (trainer) or "check_in" (code)
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CheckInCode(Base):
    """A code the trainer opens for one day; participants type it to record attendance."""

    __tablename__ = "check_in_codes"
    __table_args__ = (UniqueConstraint("workshop_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DebriefShare(Base):
    """The trainer lets participants see the group's anonymous answers to one quiz."""

    __tablename__ = "debrief_shares"
    __table_args__ = (UniqueConstraint("workshop_id", "quiz_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    quiz_slug: Mapped[str] = mapped_column(String(100))
