"""Plain factory functions for test data; they flush, the caller commits."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import Session

from learning.accounts.models import Organisation, OrganisationKind, Role, User
from learning.accounts.passwords import hash_password

PASSWORD = "a long enough test passphrase"
_counter = {"n": 0}


@cache
def _hash(password: str) -> str:
    # scrypt is deliberately slow; hash each test password once per run.
    return hash_password(password)


def organisation(
    session: Session, name: str = "Field NGO", kind: str = "ngo", country: str = "KE"
) -> Organisation:
    org = Organisation(
        name=name, name_key=name.casefold(), kind=OrganisationKind(kind), country=country
    )
    session.add(org)
    session.flush()
    return org


def user(
    session: Session,
    email: str | None = None,
    role: str = "learner",
    password: str = PASSWORD,
    display_name: str = "Test User",
    **fields,
) -> User:
    _counter["n"] += 1
    account = User(
        email=email or f"user{_counter['n']}@example.org",
        display_name=display_name,
        password_hash=_hash(password),
        role=Role(role),
        country=fields.pop("country", "KE"),
        **fields,
    )
    session.add(account)
    session.flush()
    return account


def record(
    session: Session,
    owner: User,
    slug: str = "sample-module",
    title: str = "Sample module",
    minutes: int = 90,
    **fields,
):
    """A completion record for ``owner``, issued through the real service."""
    from learning.db import utcnow
    from learning.records.models import RecordKind
    from learning.records.services import issue

    issued = issue(
        session,
        owner,
        fields.pop("kind", RecordKind.MODULE),
        slug,
        title,
        "0123456789abcdef",
        minutes,
        fields.pop("completed_at", utcnow()),
    )
    session.flush()
    return issued
