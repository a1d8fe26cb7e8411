"""Bulk import: a preview names each row's problem; all or nothing; claimed accounts."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from learning.accounts.models import User
from learning.workshops.models import WorkshopMember
from tests.conftest import AuthActions, csrf_token

GOOD = (
    "name,email,organisation_type,organisation,country\r\n"
    "Ana Lima,ana@example.org,ngo,Casa Segura,Brazil\r\n"
    "Participant One,P1@example.org,government,Police,KE\r\n"
)


def _upload(client, workshop, content: bytes, filename: str = "people.csv"):
    url = f"/workshops/{workshop.id}/import"
    return client.post(
        url,
        data={"csrf_token": csrf_token(client, url), "file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )


def test_preview_then_confirm_adds_everyone(app, workshop, trainer_client, db):
    page = _upload(trainer_client, workshop, GOOD.encode()).get_data(as_text=True)
    assert "new: will be pre-registered" in page and "existing account" in page
    data = page.split('name="payload" type="hidden" value="')[1].split('"')[0]
    import html

    AuthActions(trainer_client).post(
        f"/workshops/{workshop.id}/import/confirm", {"payload": html.unescape(data)}
    )
    db.rollback()
    assert db.scalar(select(func.count()).select_from(WorkshopMember)) == 2
    ana = db.scalar(select(User).where(User.email == "ana@example.org"))
    assert ana.password_hash == "" and ana.country == "BR"

    # Ana claims her pre-registered account by registering, and is already in the workshop.
    client = app.test_client()
    response = AuthActions(client).register(email="ana@example.org", display_name="Ana Lima")
    assert response.status_code == 302
    assert client.get(f"/my-workshops/{workshop.id}").status_code == 200


def test_each_bad_row_is_named_and_nothing_is_saved(workshop, trainer_client, db):
    content = (
        GOOD + "Bad Mail,not-an-email,ngo,X,KE\r\n"
        "Dup,ana@example.org,ngo,X,KE\r\n"
        "Odd,odd@example.org,pirates,X,Atlantis\r\n"
    ).encode()
    page = _upload(trainer_client, workshop, content).get_data(as_text=True)
    for message in (
        "Not a valid e-mail address.",
        "Same e-mail as line 2.",
        "Organisation type must be one of",
        "Unknown country",
    ):
        assert message in page
    assert "Add these participants" not in page.replace("Fix the lines", "")
    response = AuthActions(trainer_client).post(
        f"/workshops/{workshop.id}/import/confirm", {"payload": content.decode()}
    )
    assert response.status_code == 302
    db.rollback()
    assert db.scalar(select(func.count()).select_from(WorkshopMember)) == 0


def test_files_that_cannot_be_read(workshop, trainer_client):
    cases = [
        (b"name,email,organisation_type,organisation,country,notes\r\n", "unknown column"),
        (b"name,email\r\n", "missing column"),
        (GOOD.encode("utf-16"), "not UTF-8"),
        (b"x" * (101 * 1024), "larger than"),
        (b"name,email,organisation_type,organisation,country\r\n", "no participants"),
    ]
    for content, message in cases:
        assert message in _upload(trainer_client, workshop, content).get_data(as_text=True)


def test_formula_and_markup_in_names_are_shown_as_text(workshop, trainer_client):
    content = (
        b"name,email,organisation_type,organisation,country\r\n"
        b"<script>alert(1)</script>,x@example.org,ngo,=1+1,KE\r\n"
    )
    page = _upload(trainer_client, workshop, content).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
