"""Creating, editing, opening workshops; join codes; co-facilitators; who may do it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from learning.db import utcnow
from learning.progress.models import Enrolment, EnrolmentSource
from learning.workshops.models import Workshop, WorkshopMember, WorkshopStatus
from tests.conftest import AuthActions, csrf_token
from tests.workshops.conftest import join, logged_in


def _form(**overrides):
    today = utcnow().date()
    data = {
        "title": "Border officers' training",
        "region": "Europe",
        "country": "GR",
        "location": "Athens",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=1)).isoformat(),
        "language": "English",
        "modules": ["sample-module"],
        "path": "",
        "capacity": "",
        "participation_days": "1",
    }
    data.update(overrides)
    return data


def test_trainer_creates_a_draft_then_opens_it(app, trainer_client, db, people):
    auth = AuthActions(trainer_client)
    response = auth.post("/workshops/new", _form(), form_page="/workshops/new")
    assert response.status_code == 302
    workshop = db.scalar(select(Workshop))
    assert workshop.status == WorkshopStatus.DRAFT and workshop.join_code is None
    assert workshop.module_slugs == ["sample-module"]
    assert logged_in(app, "p1@example.org").get("/join/ANYTHING").status_code == 404
    auth.post(f"/workshops/{workshop.id}/open")
    db.rollback()
    workshop = db.get(Workshop, workshop.id)
    assert workshop.status == WorkshopStatus.OPEN and len(workshop.join_code) == 8
    assert not set(workshop.join_code) & set("ILOU")
    page = trainer_client.get(f"/workshops/{workshop.id}/projector").get_data(as_text=True)
    assert workshop.join_code[:4] in page and 'src="data:image/png;base64,' in page


def test_bad_workshop_details_are_refused_and_kept(trainer_client, db):
    auth = AuthActions(trainer_client)
    today = utcnow().date()
    response = auth.post(
        "/workshops/new",
        _form(ends_on=(today - timedelta(days=1)).isoformat()),
        form_page="/workshops/new",
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "cannot end before it starts" in page and "Border officers&#39; training" in page
    assert (
        auth.post(
            "/workshops/new", _form(modules=[], path="sample-path"), form_page="/workshops/new"
        ).status_code
        == 302
    )  # a path instead
    assert db.scalar(select(Workshop.title)) is not None


def test_learners_cannot_create_workshops(app, people):
    client = logged_in(app, "p1@example.org")
    assert client.get("/workshops/new").status_code == 403
    assert "Create a workshop" not in client.get("/workshops").get_data(as_text=True)


def test_participant_joins_with_the_code_and_is_enrolled(app, workshop, db):
    client = join(app, workshop, "p1@example.org")
    page = client.get(f"/my-workshops/{workshop.id}").get_data(as_text=True)
    assert "Sample module" in page and "Check in for today" in page
    db.rollback()
    enrolment = db.scalar(select(Enrolment))
    assert enrolment.source == EnrolmentSource.WORKSHOP
    join(app, workshop, "p1@example.org")  # joining twice changes nothing
    db.rollback()
    assert len(db.scalars(select(WorkshopMember)).all()) == 1


def test_a_visitor_registers_and_lands_back_in_the_workshop(app, workshop):
    client = app.test_client()
    assert (
        client.get(f"/join/{workshop.join_code.lower()}").location == f"/join/{workshop.join_code}"
    )
    landing = f"/join/{workshop.join_code}"
    page = client.get(landing).get_data(as_text=True)
    assert "Create an account" in page and f"/register?next={landing}" in page
    data = {
        "display_name": "New Person",
        "email": "new@example.org",
        "password": "a fine long passphrase",
        "confirm": "a fine long passphrase",
        "organisation_kind": "government",
        "organisation_name": "Border police",
        "country": "KE",
        "csrf_token": csrf_token(client, "/register"),
    }
    response = client.post(f"/register?next={landing}", data=data)
    assert response.location == landing
    assert AuthActions(client).post(landing).location == f"/my-workshops/{workshop.id}"


def test_typed_code_form_and_unknown_codes(app, workshop):
    client = app.test_client()
    response = client.get(
        "/join", query_string={"code": f" {workshop.join_code[:4]}-{workshop.join_code[4:]} "}
    )
    assert response.status_code == 302
    assert client.get("/join/ZZZZZZZZ").status_code == 404


def test_closed_and_full_workshops_refuse_new_members(app, workshop, db):
    workshop = db.get(Workshop, workshop.id)
    workshop.capacity = 1
    db.commit()
    join(app, workshop, "p1@example.org")
    client = join(app, workshop, "p2@example.org")
    assert "This workshop is full" in client.get(f"/join/{workshop.join_code}").get_data(True)
    workshop.status = WorkshopStatus.CLOSED
    workshop.capacity = None
    db.commit()
    client = join(app, workshop, "outsider@example.org")
    assert "closed to new participants" in client.get(f"/join/{workshop.join_code}").get_data(True)
    db.rollback()
    assert len(db.scalars(select(WorkshopMember)).all()) == 1


def test_co_facilitators_must_be_trainers_and_then_manage(app, workshop, trainer_client, db):
    auth = AuthActions(trainer_client)
    auth.post(f"/workshops/{workshop.id}/facilitators", {"email": "p1@example.org"})
    assert "Only trainers can co-facilitate" in trainer_client.get(
        f"/workshops/{workshop.id}"
    ).get_data(True)
    other = logged_in(app, "other-trainer@example.org")
    assert other.get(f"/workshops/{workshop.id}").status_code == 403
    auth.post(f"/workshops/{workshop.id}/facilitators", {"email": "other-trainer@example.org"})
    assert other.get(f"/workshops/{workshop.id}").status_code == 200
    assert "Regional training" in other.get("/workshops").get_data(True)


def test_join_code_lookups_are_rate_limited(tmp_path):
    from tests.conftest import make_app

    app = make_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_CODES="3 per minute")
    app.extensions["learning.setup_done"] = True
    client = app.test_client()
    statuses = [client.get("/join/AAAAAAAA").status_code for _ in range(5)]
    assert statuses == [404, 404, 404, 429, 429]


def test_join_codes_with_spaces_hyphens_or_lower_case_find_the_workshop(app, workshop):
    client = app.test_client()
    code = workshop.join_code
    canonical = f"/join/{code}"
    for typed in (f"{code[:4].lower()} {code[4:].lower()}", f"{code[:4]}-{code[4:]}", code.lower()):
        response = client.get("/join", query_string={"code": typed})
        assert response.status_code == 302 and response.location == canonical, typed
        response = client.get(f"/join/{typed}")
        assert response.status_code == 302 and response.location == canonical, typed
    assert client.get(canonical).status_code == 200
    assert client.get("/join/zzzz zzzz").status_code == 404
