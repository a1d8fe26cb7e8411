"""Organisations and users."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learning.db import Base, UTCDateTime, string_enum, utcnow


class OrganisationKind(enum.StrEnum):
    UN_AGENCY = "un_agency"
    GOVERNMENT = "government"  # government, police or border authority
    ASYLUM_AUTHORITY = "asylum_authority"
    NGO = "ngo"
    OTHER = "other"


class Role(enum.StrEnum):
    LEARNER = "learner"
    TRAINER = "trainer"
    ADMIN = "admin"


class Organisation(Base):
    """One organisation learners belong to (an agency office, a police force, an NGO...)."""

    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("name_key", "kind", "country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The name as first typed; name_key is its case-folded form, used to avoid duplicates.
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(string_enum(OrganisationKind, "org_kind"))
    # ISO 3166-1 alpha-2 code of the country the organisation works in.
    country: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class User(UserMixin, Base):
    """A person with an account. Users are deactivated, never deleted, so records stay valid."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased and stripped; the unique index makes e-mail the login name.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(string_enum(Role, "role"), default=Role.LEARNER)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    country: Mapped[str | None] = mapped_column(String(2))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Part of every session cookie; bumping it (logout, password change, deactivation)
    # invalidates every cookie issued before, on every device.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the person closed their account: the row is then anonymised and stays only
    # because completion records point to it (see learning/accounts/privacy.py).
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")

    def get_id(self) -> str:
        """Flask-Login identifier: id and session version, so old cookies stop matching."""
        return f"{self.id}.{self.session_version}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN
