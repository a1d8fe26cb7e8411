"""Closing a workshop: completion records carry the workshop; attendees who did not complete
receive certificates of participation. Runs in one transaction, and is safe to repeat."""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from learning.db import utcnow
from learning.errors import DomainError
from learning.geography.countries import country_name
from learning.progress.models import Enrolment
from learning.records.models import CompletionRecord, RecordKind
from learning.records.services import issue
from learning.workshops.attendance import attendance_by_member
from learning.workshops.models import (
    Workshop,
    WorkshopStatus,
)
from learning.workshops.services import members


@dataclass(frozen=True)
class ClosingSummary:
    completion_records: int
    participation_records: int


def workshop_dates(workshop: Workshop) -> str:
    """The dates in one style: 5 December 2026, 5 to 6 December 2026, 30 November to 1 December
    2026, 30 December 2026 to 2 January 2027."""
    start, end = workshop.starts_on, workshop.ends_on
    last = format_date(end, "d MMMM y", locale="en")
    if start == end:
        return last
    if start.year != end.year:
        return f"{format_date(start, 'd MMMM y', locale='en')} to {last}"
    first = format_date(start, "d" if start.month == end.month else "d MMMM", locale="en")
    return f"{first} to {last}"


def workshop_text(workshop: Workshop) -> str:
    """The line certificates print: title, place and dates."""
    where = f"{workshop.location}, {country_name(workshop.country)}, {workshop_dates(workshop)}"
    return f"{workshop.title}, {where}"


def close(session: Session, workshop: Workshop) -> ClosingSummary:
    if workshop.status == WorkshopStatus.DRAFT:
        raise DomainError(_l("A workshop that never opened cannot be closed; delete or open it."))
    workshop.status = WorkshopStatus.CLOSED
    workshop.closed_at = workshop.closed_at or utcnow()
    participants = members(session, workshop)
    user_ids = [member.user_id for member in participants]
    slugs = set(workshop.module_slugs)
    completed = {
        (user_id, slug)
        for user_id, slug in session.execute(
            select(Enrolment.user_id, Enrolment.module_slug).where(
                Enrolment.user_id.in_(user_ids),
                Enrolment.module_slug.in_(slugs),
                Enrolment.completed_at.is_not(None),
            )
        )
    }
    records = session.scalars(
        select(CompletionRecord).where(
            CompletionRecord.user_id.in_(user_ids),
            CompletionRecord.kind == RecordKind.MODULE,
            CompletionRecord.subject_slug.in_(slugs),
        )
    )
    joined = {member.user_id: member.joined_at for member in participants}
    text = workshop_text(workshop)
    attached = 0
    for record in records:
        # Completed during the workshop but issued without it (e.g. enrolled earlier).
        if record.workshop_id is None and record.completed_at >= joined[record.user_id]:
            record.workshop_id, record.workshop_text = workshop.id, text
        attached += record.workshop_id == workshop.id
    days = attendance_by_member(session, workshop)
    participation = 0
    for member in participants:
        finished = all((member.user_id, slug) in completed for slug in slugs)
        attended = len(days.get(member.id, ()))
        if not finished and attended >= workshop.participation_days:
            record = issue(
                session,
                member.user,
                RecordKind.PARTICIPATION,
                f"workshop-{workshop.id}",
                workshop.title,
                "workshop",
                0,
                workshop.closed_at,
            )
            record.workshop_id, record.workshop_text = workshop.id, text
            record.days_attended = attended
            participation += 1
    session.flush()
    return ClosingSummary(attached, participation)


def certificates(session: Session, workshop: Workshop) -> list[CompletionRecord]:
    """Every record earned in this workshop, for the combined PDF."""
    return list(
        session.scalars(
            select(CompletionRecord)
            .where(
                CompletionRecord.workshop_id == workshop.id, CompletionRecord.revoked_at.is_(None)
            )
            .order_by(CompletionRecord.name_as_printed, CompletionRecord.kind)
        )
    )
