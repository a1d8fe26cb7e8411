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


def organisation(session: Session, name: str = "Field NGO", kind: str = "ngo",
                 country: str = "KE") -> Organisation:
    org = Organisation(name=name, name_key=name.casefold(), kind=OrganisationKind(kind),
                       country=country)
    session.add(org)
    session.flush()
    return org


def user(session: Session, email: str | None = None, role: str = "learner",
         password: str = PASSWORD, display_name: str = "Test User", **fields) -> User:
    _counter["n"] += 1
    account = User(
        email=email or f"user{_counter['n']}@example.org", display_name=display_name,
        password_hash=_hash(password), role=Role(role), country=fields.pop("country", "KE"),
        **fields,
    )
    session.add(account)
    session.flush()
    return account
