"""Account operations. Each takes the session first, flushes, and never commits."""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learning.accounts.models import Organisation, OrganisationKind, Role, User
from learning.accounts.passwords import hash_password, password_problem, verify_password
from learning.db import utcnow
from learning.errors import DomainError, NotFoundError
from learning.geography.countries import countries

MAX_NAME_LENGTH = 120
# Joiners are part of ordinary spelling in Persian, Arabic and Indic scripts; every other
# invisible format character (bidi overrides, zero-width spaces) can disguise a name.
_ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


class EmailTakenError(DomainError):
    pass


class WeakPasswordError(DomainError):
    pass


class WrongPasswordError(DomainError):
    pass


class InvalidNameError(DomainError):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


def clean_name(value: str, max_length: int = MAX_NAME_LENGTH) -> str:
    """NFC-normalise, collapse spaces, and refuse control and disguising characters."""
    text = " ".join(unicodedata.normalize("NFC", value).split())
    for character in text:
        category = unicodedata.category(character)
        if category in ("Cc", "Cs", "Co", "Cn") or (
            category == "Cf" and character not in _ALLOWED_FORMAT_CHARACTERS
        ):
            raise InvalidNameError(_l("Names cannot contain invisible or control characters."))
    if not text:
        raise InvalidNameError(_l("Enter a name."))
    if len(text) > max_length:
        raise InvalidNameError(_l("Use at most %(n)d characters.", n=max_length))
    return text


def find_or_create_organisation(
    session: Session, name: str, kind: OrganisationKind, country: str
) -> Organisation:
    """The organisation with this name (ignoring case), kind and country, created if new."""
    clean = clean_name(name, 200)
    key = clean.casefold()
    organisation = session.scalar(
        select(Organisation).where(
            Organisation.name_key == key,
            Organisation.kind == kind,
            Organisation.country == country,
        )
    )
    if organisation is None:
        organisation = Organisation(name=clean, name_key=key, kind=kind, country=country)
        session.add(organisation)
        session.flush()
    return organisation


def register(
    session: Session,
    *,
    email: str,
    display_name: str,
    password: str,
    min_length: int,
    organisation_kind: OrganisationKind,
    organisation_name: str,
    country: str,
    role: Role = Role.LEARNER,
) -> User:
    """Create a learner account (or, from the setup page and CLI, an administrator)."""
    email = normalise_email(email)
    problem = password_problem(password, min_length, email)
    if problem:
        raise WeakPasswordError(problem)
    if country not in dict(countries()):
        raise DomainError(_l("Choose a country from the list."))
    name = clean_name(display_name)
    existing = session.scalar(select(User).where(User.email == email))
    if existing is not None and (existing.password_hash or not existing.is_active):
        raise EmailTakenError(_l("An account with this e-mail address already exists."))
    organisation = find_or_create_organisation(
        session, organisation_name, organisation_kind, country
    )
    if existing is not None:
        # Pre-registered by a trainer's import (no password yet): the person claims it, and
        # keeps the workshop places it was given.
        user = existing
        user.display_name, user.organisation, user.country = name, organisation, country
        user.password_hash = hash_password(password)
    else:
        user = User(
            email=email,
            display_name=name,
            password_hash=hash_password(password),
            role=role,
            organisation=organisation,
            country=country,
        )
        session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with these credentials, or None (same cost whichever part is wrong)."""
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if not verify_password(user.password_hash if user else None, password):
        return None
    if not user.is_active:
        return None
    return user


def record_login(user: User) -> None:
    """Note the time ``user`` logged in, whichever way (login form, registration, setup)."""
    user.last_login_at = utcnow()


def end_all_sessions(session: Session, user: User) -> None:
    """Invalidate every session cookie issued to this user so far, on every device."""
    user.session_version += 1
    session.flush()


def change_password(session: Session, user: User, current: str, new: str, min_length: int) -> None:
    if not verify_password(user.password_hash, current):
        raise WrongPasswordError(_l("Your current password is not correct."))
    problem = password_problem(new, min_length, user.email)
    if problem:
        raise WeakPasswordError(problem)
    user.password_hash = hash_password(new)
    end_all_sessions(session, user)


def change_display_name(session: Session, user: User, display_name: str) -> None:
    user.display_name = clean_name(display_name)
    session.flush()


def admin_exists(session: Session) -> bool:
    query = select(User.id).where(User.role == Role.ADMIN, User.is_active.is_(True)).limit(1)
    return session.scalar(query) is not None


def user_by_email(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise NotFoundError(_l("No user with e-mail %(email)s.", email=normalise_email(email)))
    return user


def set_role(session: Session, email: str, role: Role) -> User:
    user = user_by_email(session, email)
    user.role = role
    session.flush()
    return user


def deactivate(session: Session, email: str) -> User:
    """Block the account and end its sessions; its records remain (users are never deleted)."""
    user = user_by_email(session, email)
    user.is_active = False
    end_all_sessions(session, user)
    return user


def count_users(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0
