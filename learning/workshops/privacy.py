"""The workshops domain's part of a person's data: places, attendance, workshops created.

``learning.privacy`` calls ``export_user`` and ``erase_user`` for every person who downloads
their data or closes their account; it lists this module in its registry. Both work in the
caller's transaction and never commit. A workshop is named by its title, never by its trainer:
the trainer is another person.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from learning.accounts.models import User
from learning.db import isoformat_or_none
from learning.workshops.models import Attendance, Workshop, WorkshopMember

TABLES = frozenset({"workshops", "workshop_members", "attendance"})


def _workshop(workshop: Workshop) -> dict[str, Any]:
    return {
        "title": workshop.title,
        "location": workshop.location,
        "country": workshop.country,
        "starts_on": isoformat_or_none(workshop.starts_on),
        "ends_on": isoformat_or_none(workshop.ends_on),
        "language": workshop.language,
        "status": workshop.status.value,
    }


def export_user(session: Session, user: User) -> dict[str, Any]:
    """The workshops ``user`` took part in (with their attendance) and those they created."""
    rows = session.execute(
        select(WorkshopMember, Workshop)
        .join(Workshop)
        .where(WorkshopMember.user_id == user.id)
        .order_by(Workshop.starts_on, Workshop.id)
    ).all()
    days: dict[int, list[Attendance]] = {}
    for row in session.scalars(
        select(Attendance)
        .join(WorkshopMember)
        .where(WorkshopMember.user_id == user.id)
        .order_by(Attendance.day)
    ):
        days.setdefault(row.member_id, []).append(row)
    created = session.scalars(
        select(Workshop)
        .where(Workshop.created_by_id == user.id)
        .order_by(Workshop.starts_on, Workshop.id)
    )
    return {
        "workshops": [
            _workshop(workshop)
            | {
                "role": member.role.value,
                "joined_at": isoformat_or_none(member.joined_at),
                "attendance": [
                    {
                        "day": isoformat_or_none(a.day),
                        "method": a.method,
                        "marked_at": isoformat_or_none(a.marked_at),
                    }
                    for a in days.get(member.id, [])
                ],
            }
            for member, workshop in rows
        ],
        "workshops_created": [
            _workshop(workshop) | {"created_at": isoformat_or_none(workshop.created_at)}
            for workshop in created
        ],
    }


def erase_user(session: Session, user: User) -> None:
    """Delete ``user``'s workshop places and attendance.

    Kept under the anonymised user row they would still be tied, through the completion
    records, to the printed name. Certificates of participation already issued keep the
    workshop and the days attended as printed. Workshops they created stay: they belong to
    their participants, and now point to the anonymised row. Child rows are deleted explicitly
    rather than left to ON DELETE CASCADE, so the result does not depend on the database
    enforcing foreign keys.
    """
    members = select(WorkshopMember.id).where(WorkshopMember.user_id == user.id)
    for statement in (
        delete(Attendance).where(Attendance.member_id.in_(members)),
        delete(WorkshopMember).where(WorkshopMember.user_id == user.id),
    ):
        session.execute(statement.execution_options(synchronize_session=False))
