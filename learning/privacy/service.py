"""Downloading everything the platform holds about a person, and closing their account.

``export_data`` gathers every row about one user from every domain's handler (never another
person's personal data: a workshop is named by its title, not by its trainer).
``close_account`` erases or anonymises that data in the caller's transaction, keeping only
what verifies the certificates already issued. The privacy notice
(templates/accounts/privacy.html) describes exactly this; change both together. Services
flush, never commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from learning.accounts.models import Role, User
from learning.accounts.passwords import verify_password
from learning.accounts.services import WrongPasswordError
from learning.admin.services import require_another_active_admin
from learning.content.catalogue import Catalogue
from learning.db import utcnow
from learning.errors import DomainError
from learning.privacy.registry import HANDLERS, ExportContext

# The export's top-level keys in the order the downloaded file has always had. The handlers
# run in the order they erase, so their parts are put back in this one; the date is added here.
EXPORT_KEYS = (
    "account",
    "organisation",
    "exported_at",
    "progress",
    "quiz_attempts",
    "extra_attempts_granted",
    "workshops",
    "workshops_created",
    "feedback_written",
    "completion_records",
)


def export_data(
    session: Session, user: User, catalogue: Catalogue, verify_url: Callable[[str], str]
) -> dict[str, Any]:
    """Everything the database holds about ``user``, as JSON-ready data.

    Left out on purpose: the password hash and session version (secrets, not information
    about the person) and the order in which a quiz shuffled its choices.
    """
    context = ExportContext(catalogue=catalogue, verify_url=verify_url)
    parts: dict[str, Any] = {"exported_at": utcnow().isoformat()}
    for handler in HANDLERS:
        part = handler.export_user(session, user, context)
        if clash := parts.keys() & part.keys():
            raise RuntimeError(f"privacy handler {handler.domain} repeats {sorted(clash)}")
        parts.update(part)
    # A key missing from EXPORT_KEYS would silently leave a person's data out of their file.
    if unlisted := parts.keys() - set(EXPORT_KEYS):
        raise RuntimeError(f"export keys missing from EXPORT_KEYS: {sorted(unlisted)}")
    return {key: parts[key] for key in EXPORT_KEYS}


def close_own_account(session: Session, user: User, password: str) -> None:
    """Close ``user``'s account if ``password`` is theirs (see ``close_account``)."""
    if not verify_password(user.password_hash, password):
        raise WrongPasswordError(_l("Your password is not correct."))
    close_account(session, user)


def close_account(session: Session, user: User) -> None:
    """Erase or anonymise everything about ``user``; keep their completion records.

    Every handler in the registry erases its own tables (their docstrings say what each
    keeps); together:
    - users: the row stays (completion records and workshops point to it) but names nobody;
      sessions end. The organisation goes if nobody else belongs to it.
    - progress, quiz attempts with their answers and the feedback on them, scenario
      decisions, extra attempts granted, workshop places and attendance: deleted. Kept under
      the anonymised row they would still be tied, through the records, to the printed name.
    - completion records: kept unchanged, so every certificate can still be verified.
    - workshops they created and feedback they wrote on other learners' answers: kept; they
      belong to those workshops and learners, and now point to the anonymised row.

    Refused, changing nothing, for an account already closed and for the only active
    administrator (the platform must keep one).
    """
    if user.closed_at is not None:
        raise DomainError(_l("This account is already closed."))
    if user.role == Role.ADMIN and user.is_active:
        try:
            require_another_active_admin(session, user)
        except DomainError as error:
            raise DomainError(
                _l(
                    "This is the only active administrator account. Give "
                    "another person the administrator role before closing "
                    "it."
                )
            ) from error
    for handler in HANDLERS:
        handler.erase_user(session, user)
