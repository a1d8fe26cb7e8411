"""Certificates: PDF for names in several scripts, printable page, and who may download them."""

from __future__ import annotations

import io
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from learning.records.certificate import certificate_pdf, certificate_text
from learning.records.models import RecordKind
from learning.workshops.closing import workshop_dates, workshop_text
from tests import factories
from tests.conftest import AuthActions

NAMES = ["Amélie Nguyễn-Çelik", "Ольга Петрова", "فاطمة الزهراء", "Zoë O'Brien-Müller"]


@pytest.fixture
def owner(db):
    user = factories.user(db, email="owner@example.org")
    db.commit()
    return user


@pytest.mark.parametrize("name", NAMES)
def test_pdf_prints_names_in_any_script(app, db, name):
    user = factories.user(db, display_name=name)
    record = factories.record(db, user)
    db.commit()
    client = app.test_client()
    AuthActions(client).login(email=user.email)
    response = client.get(f"/records/{record.verification_code}/certificate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="certificate-')
    reader = PdfReader(io.BytesIO(response.data))
    text = reader.pages[0].extract_text()
    assert name in text and "Sample module" in text
    assert "-".join(record.verification_code[i : i + 4] for i in range(0, 28, 4)) in text
    assert f"/verify/{record.verification_code}" in text
    assert list(reader.pages[0].images), "the QR code image is embedded"


def test_printable_certificate_page(app, owner, db):
    record = factories.record(db, owner)
    db.commit()
    client = app.test_client()
    AuthActions(client).login(email="owner@example.org")
    page = client.get(f"/records/{record.verification_code}/certificate").get_data(as_text=True)
    assert "Certificate of completion" in page and 'src="data:image/png;base64,' in page


def test_only_the_owner_and_administrators_get_a_certificate(app, owner, db):
    record = factories.record(db, owner)
    factories.user(db, email="other@example.org")
    db.commit()
    urls = [
        f"/records/{record.verification_code}/certificate.pdf",
        f"/records/{record.verification_code}/certificate",
    ]
    anonymous = app.test_client()
    for url in urls:
        assert anonymous.get(url).status_code == 302  # to the login page
    other = app.test_client()
    AuthActions(other).login(email="other@example.org")
    for url in urls:
        assert other.get(url).status_code == 404
    assert "Sample module" not in other.get("/my-records").get_data(as_text=True)
    admin = app.test_client()
    AuthActions(admin).login(email="admin@example.org")
    for url in urls:
        assert admin.get(url).status_code == 200


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        ((2026, 12, 5), (2026, 12, 5), "5 December 2026"),
        ((2026, 12, 5), (2026, 12, 6), "5 to 6 December 2026"),
        ((2026, 11, 30), (2026, 12, 1), "30 November to 1 December 2026"),
        ((2026, 12, 30), (2027, 1, 2), "30 December 2026 to 2 January 2027"),
    ],
)
def test_workshop_dates_have_one_style(starts, ends, expected):
    workshop = SimpleNamespace(starts_on=date(*starts), ends_on=date(*ends))
    assert workshop_dates(workshop) == expected


def test_participation_certificate_states_the_workshop_dates_once_with_the_title_once():
    workshop = SimpleNamespace(
        title="Regional training",
        location="Nairobi",
        country="KE",
        starts_on=date(2026, 12, 5),
        ends_on=date(2026, 12, 6),
    )
    record = SimpleNamespace(
        kind=RecordKind.PARTICIPATION,
        completed_at=datetime(2026, 12, 5, 16, 0),
        days_attended=2,
        workshop_text=workshop_text(workshop),
        subject_title="Regional training",
        case_study_assessment=None,
        name_as_printed="Amina",
        verification_code="ABCD1234EFGH",
    )
    pdf = certificate_pdf(certificate_text(record, "The agency", "https://example.org/v"))
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Workshop ended" not in text and "5 December to" not in text
    assert text.count("Regional training") == 1
    assert text.count("December") == 1 and "5 to 6 December 2026" in text
