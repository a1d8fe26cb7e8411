"""Attendance by roster and by day check-in codes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from learning.db import utcnow
from learning.workshops.models import Attendance, CheckInCode, WorkshopMember
from tests.conftest import AuthActions
from tests.workshops.conftest import join, logged_in


def _member_ids(db) -> dict[str, int]:
    db.rollback()
    return {m.user.email: m.id for m in db.scalars(select(WorkshopMember))}


def test_trainer_marks_attendance_on_the_roster(app, workshop, trainer_client, db):
    join(app, workshop, "p1@example.org")
    join(app, workshop, "p2@example.org")
    ids = _member_ids(db)
    auth = AuthActions(trainer_client)
    day = workshop.starts_on.isoformat()
    url = f"/workshops/{workshop.id}/attendance"
    auth.post(url, {"day": day, "present": [str(ids["p1@example.org"]), "999999", "abc"]})
    page = trainer_client.get(f"{url}?day={day}").get_data(as_text=True)
    assert page.count("checked") == 1
    auth.post(url, {"day": day, "present": [str(ids["p2@example.org"])]})
    db.rollback()
    assert [a.member_id for a in db.scalars(select(Attendance))] == [ids["p2@example.org"]]


def test_day_check_in_code(app, workshop, trainer_client, db):
    participant = join(app, workshop, "p1@example.org")
    page = AuthActions(trainer_client).post(
        f"/workshops/{workshop.id}/check-in", {"day": workshop.starts_on.isoformat()}
    )
    db.rollback()
    code = db.scalar(select(CheckInCode.code))
    assert code in page.get_data(as_text=True)
    response = AuthActions(participant).post(
        "/check-in", {"code": code.lower()}, form_page="/check-in"
    )
    assert response.status_code == 302
    AuthActions(participant).post("/check-in", {"code": code}, form_page="/check-in")
    db.rollback()
    assert len(db.scalars(select(Attendance)).all()) == 1
    outsider = logged_in(app, "outsider@example.org")
    page = AuthActions(outsider).post("/check-in", {"code": code}, form_page="/check-in")
    assert "Join the workshop" in page.get_data(as_text=True)


def test_expired_and_unknown_check_in_codes(app, workshop, trainer_client, db):
    participant = join(app, workshop, "p1@example.org")
    AuthActions(trainer_client).post(
        f"/workshops/{workshop.id}/check-in", {"day": workshop.starts_on.isoformat()}
    )
    db.rollback()
    code = db.scalar(select(CheckInCode))
    code.expires_at = utcnow() - timedelta(minutes=1)
    db.commit()
    auth = AuthActions(participant)
    for typed in (code.code, "ZZZZZZ", "<script>"):
        page = auth.post("/check-in", {"code": typed}, form_page="/check-in")
        assert "not valid" in page.get_data(as_text=True)


def test_check_in_from_the_workshop_page_returns_to_it(app, workshop, trainer_client, db):
    participant = join(app, workshop, "p1@example.org")
    AuthActions(trainer_client).post(
        f"/workshops/{workshop.id}/check-in", {"day": workshop.starts_on.isoformat()}
    )
    db.rollback()
    code = db.scalar(select(CheckInCode.code))
    page = f"/my-workshops/{workshop.id}"
    response = AuthActions(participant).post("/check-in", {"code": code}, form_page=page)
    assert response.status_code == 302 and response.location == page
    assert "You are checked in" in participant.get(page).get_data(as_text=True)
