"""Finding users and changing their role or status by id. Services flush, never commit.

Role changes and deactivation reuse ``learning.accounts.services`` (``set_role``,
``deactivate``), adding the rules that only matter when an administrator acts from the web:
nobody removes their own administrator role or deactivates themselves, and at least one
active administrator always remains.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session, contains_eager

from learning.accounts import services as accounts
from learning.accounts.models import Organisation, Role, User
from learning.errors import DomainError, NotFoundError
from learning.geography.countries import countries

PAGE_SIZE = 50


class StatusFilter:
    ACTIVE = "active"
    DEACTIVATED = "deactivated"


@dataclass(frozen=True)
class UserFilter:
    """What the administrator asked for; empty fields do not filter."""

    text: str = ""  # substring of name, e-mail, organisation, country code or name
    role: Role | None = None
    status: str | None = None  # StatusFilter.ACTIVE or StatusFilter.DEACTIVATED


def _countries_matching(text: str) -> list[str]:
    """Codes of the countries whose code is ``text`` or whose English name contains it."""
    needle = text.casefold()
    return sorted(
        code
        for code, name in countries("en")
        if code.casefold() == needle or needle in name.casefold()
    )


def _conditions(filters: UserFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    text = " ".join(filters.text.split())
    if text:
        codes = _countries_matching(text)
        conditions.append(
            or_(
                # autoescape: a typed % or _ is a character, not a wildcard.
                func.lower(User.display_name).contains(text.lower(), autoescape=True),
                User.email.contains(accounts.normalise_email(text), autoescape=True),
                # name_key is the case-folded name, so this is case-insensitive beyond ASCII too.
                Organisation.name_key.contains(text.casefold(), autoescape=True),
                User.country.in_(codes) if codes else false(),
            )
        )
    if filters.role is not None:
        conditions.append(User.role == filters.role)
    if filters.status == StatusFilter.ACTIVE:
        conditions.append(User.is_active.is_(True))
    elif filters.status == StatusFilter.DEACTIVATED:
        conditions.append(User.is_active.is_(False))
    return conditions


def _joined(query: Select) -> Select:
    return query.outerjoin(Organisation, User.organisation_id == Organisation.id)


def count_users(session: Session, filters: UserFilter) -> int:
    query = _joined(select(func.count(User.id)).select_from(User)).where(*_conditions(filters))
    return session.scalar(query) or 0


def users_page(
    session: Session, filters: UserFilter, number: int, size: int = PAGE_SIZE
) -> list[User]:
    """One page of users in a stable order (name, then id), organisations loaded in the same
    query, so the page costs the same number of queries whatever its length."""
    query = (
        _joined(select(User))
        .options(contains_eager(User.organisation))
        .where(*_conditions(filters))
        .order_by(func.lower(User.display_name), User.id)
        .offset((max(1, number) - 1) * size)
        .limit(size)
    )
    return list(session.scalars(query))


def user_by_id(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(_l("No user has this number."))
    return user


def _require_another_active_admin(session: Session, user: User) -> None:
    """Refuse if ``user`` is the last active administrator.

    The active administrators' rows are locked in id order (PostgreSQL; SQLite POSTs already
    hold the write lock), so two administrators demoting each other at once cannot both
    succeed and leave nobody in charge.
    """
    admins = session.scalars(
        select(User.id)
        .where(User.role == Role.ADMIN, User.is_active.is_(True))
        .order_by(User.id)
        .with_for_update()
    ).all()
    if not any(admin_id != user.id for admin_id in admins):
        raise DomainError(_l("At least one active administrator must remain."))


def require_another_active_admin(session: Session, user: User) -> None:
    """The last-administrator rule, for other packages (closing one's own account)."""
    _require_another_active_admin(session, user)


def change_role(session: Session, user_id: int, role: Role, acting_user_id: int | None) -> User:
    """Give the user ``role``. ``acting_user_id`` is the administrator doing it (None from
    the shell); they may not remove their own administrator role."""
    user = user_by_id(session, user_id)
    if user.role == role:
        raise DomainError(_l("This user already has that role."))
    if user.role == Role.ADMIN:
        if user.id == acting_user_id:
            raise DomainError(
                _l(
                    "You cannot remove your own administrator role. "
                    "Ask another administrator to do it."
                )
            )
        if user.is_active:
            _require_another_active_admin(session, user)
    return accounts.set_role(session, user.email, role)


def deactivate(session: Session, user_id: int, acting_user_id: int | None) -> User:
    """Block the account and end all its sessions; its records stay verifiable."""
    user = user_by_id(session, user_id)
    if user.id == acting_user_id:
        raise DomainError(_l("You cannot deactivate your own account."))
    if not user.is_active:
        raise DomainError(_l("This account is already deactivated."))
    if user.role == Role.ADMIN:
        _require_another_active_admin(session, user)
    return accounts.deactivate(session, user.email)


def reactivate(session: Session, user_id: int) -> User:
    """Let the user log in again (their old sessions stay ended)."""
    user = user_by_id(session, user_id)
    if user.is_active:
        raise DomainError(_l("This account is already active."))
    if user.closed_at is not None:
        # Its personal data is erased and its password unusable: there is nobody to let in.
        raise DomainError(_l("This account was closed by its owner and cannot be reopened."))
    user.is_active = True
    session.flush()
    return user
