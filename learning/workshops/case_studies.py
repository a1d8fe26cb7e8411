"""Workshops whose trainer assesses participants' case studies (``assess_case_studies``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from learning.workshops.models import (
    MemberRole,
    Workshop,
    WorkshopMember,
    WorkshopModule,
    WorkshopStatus,
)


def assessing_workshop(session: Session, user_id: int, module_slug: str) -> Workshop | None:
    """The open workshop in which a trainer assesses this participant's case study, if any."""
    return session.scalar(
        select(Workshop)
        .join(WorkshopMember)
        .join(WorkshopModule)
        .where(
            WorkshopMember.user_id == user_id,
            WorkshopMember.role == MemberRole.PARTICIPANT,
            Workshop.status == WorkshopStatus.OPEN,
            Workshop.assess_case_studies.is_(True),
            WorkshopModule.module_slug == module_slug,
        )
        .order_by(Workshop.starts_on.desc())
        .limit(1)
    )
