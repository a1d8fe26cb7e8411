"""The accounts domain's part of a person's data: their user row and organisation.

``learning.privacy`` calls ``export_user`` and ``erase_user`` for every person who downloads
their data or closes their account; it lists this module in its registry. Both work in the
caller's transaction and never commit. The privacy notice (templates/accounts/privacy.html)
describes exactly this; change both together.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists
from sqlalchemy.orm import Session

from learning.accounts.models import Organisation, Role, User
from learning.accounts.services import end_all_sessions
from learning.db import isoformat_or_none, utcnow

TABLES = frozenset({"users", "organisations"})
CLOSED_NAME = "Closed account"
CLOSED_EMAIL_DOMAIN = "closed.invalid"  # .invalid is reserved: no mail can ever be delivered
# Werkzeug hashes look like "scrypt:...$salt$hash"; this matches no password at all.
_UNUSABLE_HASH = "!closed"


def export_user(session: Session, user: User) -> dict[str, Any]:
    """``user``'s account and organisation. Left out on purpose: the password hash and
    session version, secrets rather than information about the person."""
    organisation = user.organisation
    return {
        "account": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role.value,
            "country": user.country,
            "is_active": user.is_active,
            "created_at": isoformat_or_none(user.created_at),
            "last_login_at": isoformat_or_none(user.last_login_at),
        },
        "organisation": None
        if organisation is None
        else {
            "name": organisation.name,
            "kind": organisation.kind.value,
            "country": organisation.country,
        },
    }


def erase_user(session: Session, user: User) -> None:
    """Anonymise ``user``'s row, end their sessions and drop their organisation if now empty.

    The row stays (completion records and workshops point to it) but names nobody: neutral
    name, an undeliverable unique e-mail (so the old address can register again), no
    password, organisation, country or login time, no role, inactive, sessions ended. The
    organisation is deleted if nobody else belongs to it (its name was typed by them).
    """
    organisation_id = user.organisation_id
    user.display_name, user.email = CLOSED_NAME, f"closed-{user.id}@{CLOSED_EMAIL_DOMAIN}"
    user.password_hash, user.role = _UNUSABLE_HASH, Role.LEARNER
    user.organisation, user.country, user.last_login_at = None, None, None
    user.is_active, user.closed_at = False, utcnow()
    end_all_sessions(session, user)  # flushes
    if organisation_id is not None:
        session.execute(
            delete(Organisation).where(
                Organisation.id == organisation_id,
                ~exists().where(User.organisation_id == organisation_id),
            )
        )
