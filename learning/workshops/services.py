"""Workshop lifecycle and membership. Services flush; the view or command commits.

Who may do what is decided here (``can_manage``), so every view and command asks the same
question: administrators manage every workshop, a trainer only those they created or
facilitate (RELIABILITY C2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from learning.accounts.models import Role, User
from learning.accounts.services import user_by_email
from learning.content.catalogue import Catalogue
from learning.db import utcnow
from learning.errors import DomainError, NotFoundError, PermissionDeniedError
from learning.geography.regions import REGIONS
from learning.progress import services as progress
from learning.progress.models import EnrolmentSource
from learning.records import codes
from learning.workshops.models import (
    MemberRole,
    Workshop,
    WorkshopMember,
    WorkshopModule,
    WorkshopStatus,
)

JOIN_CODE_LENGTH = 8  # 40 bits; joining is rate-limited and needs an open workshop


@dataclass(frozen=True)
class WorkshopDetails:
    """What a trainer fills in to create or edit a workshop."""

    title: str
    region: str
    country: str
    location: str
    starts_on: date
    ends_on: date
    language: str
    module_slugs: list[str]
    capacity: int | None = None
    participation_days: int = 1
    assess_case_studies: bool = False


def can_manage(session: Session, user: User, workshop: Workshop) -> bool:
    if user.is_admin or workshop.created_by_id == user.id:
        return True
    return (
        session.scalar(
            select(WorkshopMember.id).where(
                WorkshopMember.workshop_id == workshop.id,
                WorkshopMember.user_id == user.id,
                WorkshopMember.role == MemberRole.FACILITATOR,
            )
        )
        is not None
    )


def get_managed(session: Session, user: User, workshop_id: int) -> Workshop:
    """The workshop if ``user`` may manage it; NotFoundError / PermissionDeniedError if not."""
    # With its modules in the same query: every trainer page needs them.
    workshop = session.get(Workshop, workshop_id, options=[joinedload(Workshop.modules)])
    if workshop is None:
        raise NotFoundError(_l("No such workshop."))
    if not can_manage(session, user, workshop):
        raise PermissionDeniedError(_l("You do not run this workshop."))
    return workshop


def managed_by(session: Session, user: User) -> list[Workshop]:
    query = select(Workshop).order_by(Workshop.starts_on.desc(), Workshop.id.desc())
    if not user.is_admin:
        facilitated = select(WorkshopMember.workshop_id).where(
            WorkshopMember.user_id == user.id, WorkshopMember.role == MemberRole.FACILITATOR
        )
        query = query.where((Workshop.created_by_id == user.id) | Workshop.id.in_(facilitated))
    return list(session.scalars(query))


def _validate(details: WorkshopDetails, catalogue: Catalogue) -> None:
    if details.region not in REGIONS:
        raise DomainError(_l("Choose a region from the list."))
    if details.ends_on < details.starts_on:
        raise DomainError(_l("The workshop cannot end before it starts."))
    if (details.ends_on - details.starts_on).days > 30:
        raise DomainError(_l("A workshop lasts at most 31 days."))
    if not details.module_slugs:
        raise DomainError(_l("Choose at least one module."))
    unknown = [slug for slug in details.module_slugs if catalogue.module(slug) is None]
    if unknown:
        raise DomainError(_l("Unknown module: %(slug)s.", slug=unknown[0]))
    if details.participation_days > len(range((details.ends_on - details.starts_on).days + 1)):
        raise DomainError(_l("Participation cannot require more days than the workshop has."))


def create(
    session: Session, trainer: User, details: WorkshopDetails, catalogue: Catalogue
) -> Workshop:
    if trainer.role not in (Role.TRAINER, Role.ADMIN):
        raise PermissionDeniedError(_l("Only trainers and administrators create workshops."))
    _validate(details, catalogue)
    workshop = Workshop(created_by_id=trainer.id)
    _apply(workshop, details)
    session.add(workshop)
    session.flush()
    return workshop


def update(
    session: Session, workshop: Workshop, details: WorkshopDetails, catalogue: Catalogue
) -> None:
    if workshop.status == WorkshopStatus.CLOSED:
        raise DomainError(_l("A closed workshop cannot be changed."))
    _validate(details, catalogue)
    _apply(workshop, details)
    session.flush()


def _apply(workshop: Workshop, details: WorkshopDetails) -> None:
    for name in (
        "title",
        "region",
        "country",
        "location",
        "starts_on",
        "ends_on",
        "language",
        "capacity",
        "participation_days",
        "assess_case_studies",
    ):
        setattr(workshop, name, getattr(details, name))
    ordered = list(dict.fromkeys(details.module_slugs))
    workshop.modules = [
        WorkshopModule(module_slug=slug, position=index) for index, slug in enumerate(ordered)
    ]


def open_workshop(session: Session, workshop: Workshop) -> None:
    if workshop.status == WorkshopStatus.CLOSED:
        raise DomainError(_l("A closed workshop cannot be opened again."))
    workshop.status = WorkshopStatus.OPEN
    while workshop.join_code is None:
        candidate = codes.new_code(JOIN_CODE_LENGTH)
        if session.scalar(select(Workshop.id).where(Workshop.join_code == candidate)) is None:
            workshop.join_code = candidate
    session.flush()


def canonical_join_code(typed: str) -> str | None:
    """A typed join code as stored (``b644 emey`` -> ``B644EMEY``), or None if it cannot be one."""
    return codes.normalise(typed, JOIN_CODE_LENGTH)


def find_by_join_code(session: Session, typed: str) -> Workshop | None:
    code = canonical_join_code(typed)
    if code is None:
        return None
    return session.scalar(select(Workshop).where(Workshop.join_code == code))


def workshop_ids_of(session: Session, user_id: int) -> list[int]:
    """The workshops ``user_id`` is a member of (whose dashboards show them)."""
    return list(
        session.scalars(select(WorkshopMember.workshop_id).where(WorkshopMember.user_id == user_id))
    )


def participants_count(session: Session, workshop: Workshop) -> int:
    return (
        session.scalar(
            select(func.count(WorkshopMember.id)).where(
                WorkshopMember.workshop_id == workshop.id,
                WorkshopMember.role == MemberRole.PARTICIPANT,
            )
        )
        or 0
    )


def membership(session: Session, workshop: Workshop, user_id: int) -> WorkshopMember | None:
    return session.scalar(
        select(WorkshopMember).where(
            WorkshopMember.workshop_id == workshop.id, WorkshopMember.user_id == user_id
        )
    )


def join(
    session: Session,
    workshop: Workshop,
    user: User,
    catalogue: Catalogue,
    today: date | None = None,
) -> WorkshopMember:
    """Add ``user`` as a participant and enrol them in the workshop's modules (idempotent)."""
    existing = membership(session, workshop, user.id)
    if existing is not None:
        return existing
    today = today or utcnow().date()
    if workshop.status != WorkshopStatus.OPEN or today > workshop.ends_on:
        raise DomainError(_l("This workshop is closed to new participants."))
    if workshop.capacity is not None and participants_count(session, workshop) >= workshop.capacity:
        raise DomainError(_l("This workshop is full. Please speak to the trainer."))
    return add_member(session, workshop, user, MemberRole.PARTICIPANT, catalogue)


def add_member(
    session: Session, workshop: Workshop, user: User, role: MemberRole, catalogue: Catalogue
) -> WorkshopMember:
    try:
        with session.begin_nested():
            member = WorkshopMember(workshop_id=workshop.id, user_id=user.id, role=role)
            session.add(member)
    except IntegrityError:
        member = membership(session, workshop, user.id)
    if role == MemberRole.PARTICIPANT:
        for slug in workshop.module_slugs:
            module = catalogue.module(slug)
            if module is not None:
                progress.enrol(session, user.id, module, EnrolmentSource.WORKSHOP)
    return member


def add_facilitator(
    session: Session, workshop: Workshop, email: str, catalogue: Catalogue
) -> WorkshopMember:
    user = user_by_email(session, email)
    if user.role not in (Role.TRAINER, Role.ADMIN):
        raise DomainError(
            _l(
                "Only trainers can co-facilitate; ask an administrator to "
                "appoint %(email)s as a trainer first.",
                email=user.email,
            )
        )
    member = membership(session, workshop, user.id)
    if member is not None:
        member.role = MemberRole.FACILITATOR
        session.flush()
        return member
    return add_member(session, workshop, user, MemberRole.FACILITATOR, catalogue)


def members(
    session: Session, workshop: Workshop, role: MemberRole = MemberRole.PARTICIPANT
) -> list[WorkshopMember]:
    return list(
        session.scalars(
            select(WorkshopMember)
            .where(WorkshopMember.workshop_id == workshop.id, WorkshopMember.role == role)
            .order_by(WorkshopMember.id)
        )
    )


def participant_workshops(session: Session, user_id: int) -> list[Workshop]:
    return list(
        session.scalars(
            select(Workshop)
            .join(WorkshopMember)
            .where(WorkshopMember.user_id == user_id, WorkshopMember.role == MemberRole.PARTICIPANT)
            .order_by(Workshop.starts_on.desc())
        )
    )
