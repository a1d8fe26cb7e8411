"""Adding participants in bulk from a CSV file: check everything, show it, then all or nothing.

Columns (any order, header required): name, email, organisation_type, organisation, country.
People without an account get a pre-registered one with no password; they claim it by
registering with the same e-mail address, and find themselves already in the workshop.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from learning.accounts.models import OrganisationKind, User
from learning.accounts.services import InvalidNameError, clean_name, find_or_create_organisation
from learning.content.catalogue import Catalogue
from learning.errors import DomainError
from learning.geography.countries import countries
from learning.workshops.models import MemberRole, Workshop, WorkshopMember
from learning.workshops.services import add_member, participants_count

MAX_BYTES = 100 * 1024
MAX_ROWS = 500
COLUMNS = ("name", "email", "organisation_type", "organisation", "country")
KIND_WORDS = {kind.value: kind for kind in OrganisationKind} | {
    "un agency": OrganisationKind.UN_AGENCY,
    "government": OrganisationKind.GOVERNMENT,
    "police": OrganisationKind.GOVERNMENT,
    "border": OrganisationKind.GOVERNMENT,
    "asylum authority": OrganisationKind.ASYLUM_AUTHORITY,
    "ngo": OrganisationKind.NGO,
    "other": OrganisationKind.OTHER,
}


@dataclass
class ImportRow:
    line: int
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)
    existing: bool = False  # an account with this e-mail exists already
    member: bool = False  # already in this workshop (skipped, not an error)


class ImportError_(DomainError):  # noqa: N801 - not the builtin ImportError
    """The file as a whole cannot be read."""


def parse(data: bytes) -> list[ImportRow]:
    if len(data) > MAX_BYTES:
        raise ImportError_(_l("The file is larger than %(n)d KB.", n=MAX_BYTES // 1024))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportError_(
            _l("The file is not UTF-8 text. In your spreadsheet, save it as 'CSV UTF-8'.")
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(reader, [])]
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in COLUMNS if name not in header]
    if unknown or missing:
        detail = ", ".join(
            [f"unknown column '{n}'" for n in unknown] + [f"missing column '{n}'" for n in missing]
        )
        raise ImportError_(
            _l(
                "The header must name these columns: %(cols)s (%(detail)s).",
                cols=", ".join(COLUMNS),
                detail=detail,
            )
        )
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) == MAX_ROWS:
            raise ImportError_(_l("At most %(n)d participants per file.", n=MAX_ROWS))
        values = {
            name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)
        }
        rows.append(_check_row(number, values, len(cells) != len(header)))
    if not rows:
        raise ImportError_(_l("The file has no participants."))
    seen: dict[str, int] = {}
    for row in rows:
        email = row.values["email"].lower()
        if email and email in seen:
            row.problems.append(str(_l("Same e-mail as line %(n)d.", n=seen[email])))
        seen.setdefault(email, row.line)
    return rows


def _check_row(line: int, values: dict[str, str], ragged: bool) -> ImportRow:
    row = ImportRow(line, values)
    if ragged:
        row.problems.append(str(_l("This line does not have one value per column.")))
    try:
        values["name"] = clean_name(values["name"])
    except InvalidNameError as error:
        row.problems.append(error.message)
    try:
        values["email"] = validate_email(values["email"], check_deliverability=False).normalized
        values["email"] = values["email"].lower()
    except EmailNotValidError:
        row.problems.append(str(_l("Not a valid e-mail address.")))
    kind = KIND_WORDS.get(values["organisation_type"].strip().lower())
    if kind is None:
        row.problems.append(
            str(
                _l(
                    "Organisation type must be one of: %(k)s.",
                    k=", ".join(k.value for k in OrganisationKind),
                )
            )
        )
    else:
        values["organisation_type"] = kind.value
    if not values["organisation"]:
        row.problems.append(str(_l("Organisation is missing.")))
    by_name = {name.casefold(): code for code, name in countries()}
    country = values["country"].strip()
    code = (
        country.upper() if country.upper() in dict(countries()) else by_name.get(country.casefold())
    )
    if code is None:
        row.problems.append(str(_l("Unknown country (use a code such as KE or a name).")))
    else:
        values["country"] = code
    return row


def check_against_accounts(session: Session, workshop: Workshop, rows: list[ImportRow]) -> None:
    emails = [row.values["email"] for row in rows if not row.problems]
    users = {
        user.email: user for user in session.scalars(select(User).where(User.email.in_(emails)))
    }
    members = set(
        session.scalars(
            select(WorkshopMember.user_id).where(WorkshopMember.workshop_id == workshop.id)
        )
    )
    new_people = 0
    for row in rows:
        user = users.get(row.values["email"])
        if user is not None:
            row.existing, row.member = True, user.id in members
            if not user.is_active:
                row.problems.append(str(_l("This account is deactivated.")))
        new_people += not row.member
    if (
        workshop.capacity is not None
        and participants_count(session, workshop) + new_people > workshop.capacity
    ):
        rows[0].problems.append(
            str(
                _l(
                    "Importing everyone would exceed the workshop's capacity of %(n)d.",
                    n=workshop.capacity,
                )
            )
        )


def apply(session: Session, workshop: Workshop, rows: list[ImportRow], catalogue: Catalogue) -> int:
    """Add every row; refuses the whole file if any row has a problem."""
    check_against_accounts(session, workshop, rows)
    if any(row.problems for row in rows):
        raise ImportError_(_l("Fix the problems shown and upload the file again."))
    added = 0
    for row in rows:
        if row.member:
            continue
        user = session.scalar(select(User).where(User.email == row.values["email"]))
        if user is None:
            organisation = find_or_create_organisation(
                session,
                row.values["organisation"],
                OrganisationKind(row.values["organisation_type"]),
                row.values["country"],
            )
            user = User(
                email=row.values["email"],
                display_name=row.values["name"],
                password_hash="",
                organisation=organisation,
                country=row.values["country"],
            )
            session.add(user)
            session.flush()
        add_member(session, workshop, user, MemberRole.PARTICIPANT, catalogue)
        added += 1
    return added
