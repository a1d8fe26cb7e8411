"""The open workshop in which a participant takes a module: completion records are attached to
it, and where its trainer assesses case studies (``assess_case_studies``) the module completes
only once the case study meets."""

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


def open_workshop_for(
    session: Session, user_id: int, module_slug: str, assessing: bool = False
) -> Workshop | None:
    """The latest open workshop in which this participant takes this module, if any; with
    ``assessing``, only one whose trainer assesses case studies."""
    query = (
        select(Workshop)
        .join(WorkshopMember)
        .join(WorkshopModule)
        .where(
            WorkshopMember.user_id == user_id,
            WorkshopMember.role == MemberRole.PARTICIPANT,
            Workshop.status == WorkshopStatus.OPEN,
            WorkshopModule.module_slug == module_slug,
        )
    )
    if assessing:
        query = query.where(Workshop.assess_case_studies.is_(True))
    return session.scalar(query.order_by(Workshop.starts_on.desc()).limit(1))


def assessing_workshop(session: Session, user_id: int, module_slug: str) -> Workshop | None:
    """The open workshop in which a trainer assesses this participant's case study, if any."""
    return open_workshop_for(session, user_id, module_slug, assessing=True)
