"""Selecting completion records for the administrator's list and exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from learning.accounts.models import Organisation, OrganisationKind, User
from learning.db import utcnow
from learning.geography.regions import countries_in, region_of
from learning.records.codes import grouped
from learning.records.models import CompletionRecord

HEADER = [
    "verification_code",
    "status",
    "name_as_printed",
    "email",
    "organisation",
    "organisation_type",
    "country",
    "region",
    "kind",
    "subject",
    "subject_title",
    "completed_at",
    "hours",
    "workshop",
    "revoked_at",
    "revoked_reason",
]


@dataclass(frozen=True)
class RecordFilter:
    """What the administrator asked for; empty fields do not filter."""

    date_from: date | None = None
    date_to: date | None = None
    subject: str | None = None  # a module or path slug
    organisation_kind: OrganisationKind | None = None
    country: str | None = None
    region: str | None = None
    workshop_id: int | None = None


def _query(filters: RecordFilter) -> Select:
    query = (
        select(CompletionRecord)
        .join(CompletionRecord.user)
        .outerjoin(Organisation, User.organisation_id == Organisation.id)
    )
    if filters.date_from:
        query = query.where(CompletionRecord.completed_at >= _start(filters.date_from))
    if filters.date_to:
        query = query.where(
            CompletionRecord.completed_at < _start(filters.date_to) + timedelta(days=1)
        )
    if filters.subject:
        query = query.where(CompletionRecord.subject_slug == filters.subject)
    if filters.organisation_kind:
        query = query.where(Organisation.kind == filters.organisation_kind)
    if filters.country:
        query = query.where(User.country == filters.country)
    if filters.region:
        query = query.where(User.country.in_(sorted(countries_in(filters.region))))
    if filters.workshop_id:
        query = query.where(CompletionRecord.workshop_id == filters.workshop_id)
    return query


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=utcnow().tzinfo)


def issued_subjects(session: Session) -> list[tuple[str, str]]:
    """(slug, title) of every subject with at least one record."""
    query = select(CompletionRecord.subject_slug, func.max(CompletionRecord.subject_title))
    return [tuple(row) for row in session.execute(query.group_by(CompletionRecord.subject_slug))]


def count(session: Session, filters: RecordFilter) -> int:
    return session.scalar(select(func.count()).select_from(_query(filters).subquery())) or 0


def page(
    session: Session, filters: RecordFilter, number: int, size: int = 50
) -> list[CompletionRecord]:
    # The user and organisation are joined-loaded by the relationships themselves.
    newest_first = (CompletionRecord.completed_at.desc(), CompletionRecord.id.desc())
    query = _query(filters).order_by(*newest_first).offset((number - 1) * size).limit(size)
    return list(session.scalars(query).unique())


def rows(session: Session, filters: RecordFilter) -> Iterator[list[Any]]:
    """Export rows as plain columns (no ORM objects: 100,000 rows must stream in seconds),
    read from the database in batches so memory stays flat."""
    record = CompletionRecord
    query = (
        _query(filters)
        .with_only_columns(
            record.verification_code,
            record.revoked_at,
            record.name_as_printed,
            User.email,
            Organisation.name,
            Organisation.kind,
            User.country,
            record.kind,
            record.subject_slug,
            record.subject_title,
            record.completed_at,
            record.hours,
            record.workshop_text,
            record.revoked_reason,
        )
        .order_by(record.completed_at, record.id)
        .execution_options(yield_per=2000)
    )
    for (
        code,
        revoked_at,
        name,
        email,
        organisation,
        kind,
        country,
        record_kind,
        slug,
        title,
        completed_at,
        hours,
        workshop,
        reason,
    ) in session.execute(query):
        yield [
            grouped(code),
            "valid" if revoked_at is None else "revoked",
            name,
            email,
            organisation or "",
            kind.value if kind else "",
            country or "",
            region_of(country) or "",
            record_kind.value,
            slug,
            title,
            completed_at,
            hours,
            workshop or "",
            revoked_at or "",
            reason or "",
        ]
