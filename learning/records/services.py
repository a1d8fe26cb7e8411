"""Issuing, finding, revoking and re-issuing completion records. Services flush, never commit.

Records are issued (``learning.completion.issuing``) inside the transaction that completes a
module, and for every learning path that this completion finishes; issuing is idempotent and
safe under races (a unique row per learner and subject, a savepoint around the insert).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload

from learning.accounts.models import User
from learning.db import utcnow
from learning.errors import DomainError, NotFoundError
from learning.records import codes
from learning.records.models import CompletionRecord, RecordKind

MAX_REASON_LENGTH = 500


def _hours(minutes: int) -> float:
    """Study time as printed: hours rounded to the nearest half hour, at least half an hour."""
    return max(0.5, round(minutes / 30) / 2)


def _existing(
    session: Session, user_id: int, kind: RecordKind, slug: str
) -> CompletionRecord | None:
    return session.scalar(
        select(CompletionRecord).where(
            CompletionRecord.user_id == user_id,
            CompletionRecord.kind == kind,
            CompletionRecord.subject_slug == slug,
        )
    )


def issue(
    session: Session,
    user: User,
    kind: RecordKind,
    slug: str,
    title: str,
    version: str,
    minutes: int,
    completed_at: datetime,
) -> CompletionRecord:
    """The learner's record for this subject, created if it does not exist yet."""
    record = _existing(session, user.id, kind, slug)
    if record is not None:
        return record
    try:
        with session.begin_nested():
            record = CompletionRecord(
                user_id=user.id,
                kind=kind,
                subject_slug=slug,
                subject_title=title,
                subject_version=version,
                hours=_hours(minutes),
                name_as_printed=user.display_name,
                completed_at=completed_at,
                verification_code=codes.new_code(),
            )
            session.add(record)
    except IntegrityError:
        record = _existing(session, user.id, kind, slug)
        assert record is not None
    return record


def find(session: Session, typed_code: str) -> CompletionRecord | None:
    code = codes.normalise(typed_code)
    if code is None:
        return None
    # The public verification page shows only what is printed, all stored on the record:
    # the holder's account (and its organisation) is loaded only if a caller asks for it.
    return session.scalar(
        select(CompletionRecord)
        .options(lazyload(CompletionRecord.user))
        .where(CompletionRecord.verification_code == code)
    )


def find_or_404(session: Session, typed_code: str) -> CompletionRecord:
    record = find(session, typed_code)
    if record is None:
        raise NotFoundError(_l("No record has this verification code."))
    return record


def owned_record(session: Session, user: User, typed_code: str) -> CompletionRecord:
    """The record if ``user`` holds it or is an administrator; otherwise it does not exist."""
    record = find_or_404(session, typed_code)
    if record.user_id != user.id and not user.is_admin:
        raise NotFoundError(_l("No record has this verification code."))
    return record


def records_of(session: Session, user_id: int) -> list[CompletionRecord]:
    return list(
        session.scalars(
            select(CompletionRecord)
            .where(CompletionRecord.user_id == user_id)
            .order_by(CompletionRecord.completed_at.desc())
        )
    )


def revoke(session: Session, typed_code: str, reason: str) -> CompletionRecord:
    record = find_or_404(session, typed_code)
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError(_l("Give the reason for revoking this record."))
    if len(reason) > MAX_REASON_LENGTH:
        raise DomainError(_l("Keep the reason under %(n)d characters.", n=MAX_REASON_LENGTH))
    if record.revoked_at is not None:
        raise DomainError(_l("This record is already revoked."))
    record.revoked_at, record.revoked_reason = utcnow(), reason
    session.flush()
    return record


def reissue(session: Session, typed_code: str) -> CompletionRecord:
    """Make a revoked record valid again; the verification code stays the same."""
    record = find_or_404(session, typed_code)
    if record.revoked_at is None:
        raise DomainError(_l("This record is valid; there is nothing to re-issue."))
    record.revoked_at, record.revoked_reason = None, None
    session.flush()
    return record
