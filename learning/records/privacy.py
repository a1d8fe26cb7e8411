"""The records domain's part of a person's data: their completion records.

``learning.privacy`` calls ``export_user`` and ``erase_user`` for every person who downloads
their data or closes their account; it lists this module in its registry. Both work in the
caller's transaction and never commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from learning.accounts.models import User
from learning.db import isoformat_or_none
from learning.records.models import CompletionRecord

TABLES = frozenset({"completion_records"})


def export_user(session: Session, user: User, verify_url: Callable[[str], str]) -> dict[str, Any]:
    """``user``'s completion records, each with the address that verifies it."""
    records = session.scalars(
        select(CompletionRecord)
        .where(CompletionRecord.user_id == user.id)
        .order_by(CompletionRecord.completed_at, CompletionRecord.id)
    )
    return {
        "completion_records": [
            {
                "kind": record.kind.value,
                "subject_slug": record.subject_slug,
                "subject_title": record.subject_title,
                "subject_version": record.subject_version,
                "hours": record.hours,
                "name_as_printed": record.name_as_printed,
                "completed_at": isoformat_or_none(record.completed_at),
                "issued_at": isoformat_or_none(record.issued_at),
                "workshop": record.workshop_text,
                "days_attended": record.days_attended,
                "verification_code": record.verification_code,
                "verification_url": verify_url(record.verification_code),
                "revoked_at": isoformat_or_none(record.revoked_at),
                "revoked_reason": record.revoked_reason,
            }
            for record in records
        ]
    }


def erase_user(session: Session, user: User) -> None:
    """Keep ``user``'s completion records unchanged: erase nothing.

    Anyone holding a certificate must still be able to verify it under the name as printed,
    which is also why the anonymised user row they point to stays.
    """
