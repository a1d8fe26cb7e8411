"""Attendance: the trainer ticks the roster, or opens a day's check-in code for participants."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from learning.db import utcnow
from learning.errors import DomainError
from learning.records import codes
from learning.workshops.models import (
    Attendance,
    CheckInCode,
    MemberRole,
    Workshop,
    WorkshopMember,
    WorkshopStatus,
)

CHECK_IN_CODE_LENGTH = 6
# A day's code works until noon UTC the next day, so every time zone gets its whole day.
GRACE = timedelta(hours=12)


def _require_day(workshop: Workshop, day: date) -> None:
    if day not in workshop.days:
        raise DomainError(_l("That day is not one of the workshop's days."))


def attendance_by_member(session: Session, workshop: Workshop) -> dict[int, set[date]]:
    rows = session.execute(
        select(Attendance.member_id, Attendance.day)
        .join(WorkshopMember, WorkshopMember.id == Attendance.member_id)
        .where(WorkshopMember.workshop_id == workshop.id)
    )
    days: dict[int, set[date]] = defaultdict(set)
    for member_id, day in rows:
        days[member_id].add(day)
    return days


def set_day(session: Session, workshop: Workshop, day: date, present: set[int]) -> None:
    """Make the roster say exactly ``present`` (member ids) attended on ``day``."""
    _require_day(workshop, day)
    if workshop.status == WorkshopStatus.CLOSED:
        raise DomainError(_l("Attendance of a closed workshop cannot change."))
    participants = set(
        session.scalars(
            select(WorkshopMember.id).where(
                WorkshopMember.workshop_id == workshop.id,
                WorkshopMember.role == MemberRole.PARTICIPANT,
            )
        )
    )
    present &= participants  # ids of other workshops' members are ignored
    existing = {
        row.member_id: row
        for row in session.scalars(
            select(Attendance).where(Attendance.day == day, Attendance.member_id.in_(participants))
        )
    }
    for member_id, row in existing.items():
        if member_id not in present:
            session.delete(row)
    for member_id in present - set(existing):
        session.add(Attendance(member_id=member_id, day=day, method="roster"))
    session.flush()


def open_check_in(session: Session, workshop: Workshop, day: date) -> CheckInCode:
    _require_day(workshop, day)
    if workshop.status != WorkshopStatus.OPEN:
        raise DomainError(_l("Open the workshop before opening a check-in."))
    existing = session.scalar(
        select(CheckInCode).where(CheckInCode.workshop_id == workshop.id, CheckInCode.day == day)
    )
    if existing is not None:
        return existing
    expires = datetime.combine(day + timedelta(days=1), time.min, tzinfo=utcnow().tzinfo) + GRACE
    while True:
        try:
            with session.begin_nested():
                check_in = CheckInCode(
                    workshop_id=workshop.id,
                    day=day,
                    expires_at=expires,
                    code=codes.new_code(CHECK_IN_CODE_LENGTH),
                )
                session.add(check_in)
            return check_in
        except IntegrityError:  # the random code was taken: draw another
            continue


def check_in(session: Session, user_id: int, typed: str) -> Attendance:
    """Record the participant present on the code's day (idempotent)."""
    code = codes.normalise(typed, CHECK_IN_CODE_LENGTH)
    found = (
        None
        if code is None
        else session.scalar(select(CheckInCode).where(CheckInCode.code == code))
    )
    if found is None or found.expires_at < utcnow():
        raise DomainError(_l("That check-in code is not valid (it may have expired)."))
    workshop = session.get(Workshop, found.workshop_id)
    if workshop.status != WorkshopStatus.OPEN:
        raise DomainError(_l("This workshop is closed."))
    member = session.scalar(
        select(WorkshopMember).where(
            WorkshopMember.workshop_id == workshop.id,
            WorkshopMember.user_id == user_id,
            WorkshopMember.role == MemberRole.PARTICIPANT,
        )
    )
    if member is None:
        raise DomainError(_l("Join the workshop with its join code before checking in."))
    row = session.scalar(
        select(Attendance).where(Attendance.member_id == member.id, Attendance.day == found.day)
    )
    if row is None:
        row = Attendance(member_id=member.id, day=found.day, method="check_in")
        session.add(row)
        session.flush()
    return row
