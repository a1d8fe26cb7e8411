"""Closing: records carry the workshop, participation certificates, one PDF, roster files."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from learning.db import utcnow
from learning.records.models import CompletionRecord, RecordKind
from learning.workshops.models import Attendance, WorkshopMember, WorkshopStatus
from tests import factories
from tests.conftest import AuthActions
from tests.quizzes.helpers import play_all, read_lessons, start, submit
from tests.workshops.conftest import join


def test_closing_issues_records_and_participation_certificates(app, workshop, trainer_client, db):
    finisher = join(app, workshop, "p1@example.org")
    join(app, workshop, "p2@example.org")
    join(app, workshop, "outsider@example.org")  # joins, never attends, never finishes
    read_lessons(finisher)
    start(finisher)
    play_all(finisher)
    submit(finisher)
    db.rollback()
    members = {m.user.email: m.id for m in db.scalars(select(WorkshopMember))}
    db.add(Attendance(member_id=members["p2@example.org"], day=workshop.starts_on, method="roster"))
    db.commit()
    AuthActions(trainer_client).post(f"/workshops/{workshop.id}/close")
    db.rollback()
    records = {(r.user.email, r.kind): r for r in db.scalars(select(CompletionRecord))}
    module_record = records[("p1@example.org", RecordKind.MODULE)]
    assert module_record.workshop_id == workshop.id
    assert "Regional training, Nairobi, Kenya" in module_record.workshop_text
    participation = records[("p2@example.org", RecordKind.PARTICIPATION)]
    assert participation.days_attended == 1
    assert ("outsider@example.org", RecordKind.PARTICIPATION) not in records
    verify = trainer_client.get(f"/verify/{participation.verification_code}").get_data(True)
    assert "Certificate of participation" in verify and "Days attended" in verify

    pdf = trainer_client.get(f"/workshops/{workshop.id}/certificates.pdf")
    reader = PdfReader(io.BytesIO(pdf.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 2 and "Participant Two" in text and "Participant One" in text
    assert "Workshop: Regional training, Nairobi" in text

    admin = AuthActions(app.test_client())
    admin.login(email="admin@example.org")
    export = admin.client.get(f"/admin/records/export.csv?workshop={workshop.id}")
    rows = list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"))))
    assert len(rows) == 3 and all("Regional training" in row[13] for row in rows[1:])

    # A closed workshop accepts nobody new and no check-in.
    late = join(app, workshop, "other-trainer@example.org")
    assert "closed to new participants" in late.get(f"/join/{workshop.join_code}").get_data(True)


def test_roster_exports_neutralise_formulas(app, db, workshop, trainer_client):
    factories.user(db, email="evil@example.org", display_name='=HYPERLINK("x")')
    db.commit()
    join(app, workshop, "evil@example.org")
    csv_response = trainer_client.get(f"/workshops/{workshop.id}/roster.csv")
    assert csv_response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(csv_response.data.decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("x")' and "days_attended" in rows[0]
    xlsx = trainer_client.get(f"/workshops/{workshop.id}/roster.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet.cell(row=2, column=1).value == '=HYPERLINK("x")'


def test_a_draft_cannot_be_closed_and_a_closed_one_stays_closed(app, db, workshop, trainer_client):
    workshop.status = WorkshopStatus.CLOSED
    workshop.closed_at = utcnow()
    db.commit()
    page = trainer_client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert "Close the workshop and issue records" not in page


def test_roster_csv_writes_lessons_as_numbers_a_spreadsheet_keeps(
    app, db, workshop, trainer_client
):
    """Not "3/3", which spreadsheets turn into a date: lessons read and lessons in the module."""
    factories.user(db, email="reader@example.org")
    db.commit()
    reader = join(app, workshop, "reader@example.org")
    read_lessons(reader)
    response = trainer_client.get(f"/workshops/{workshop.id}/roster.csv")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    slug = workshop.module_slugs[0]
    assert (rows[0][f"{slug}_lessons_read"], rows[0][f"{slug}_lessons_in_module"]) == ("3", "3")
    assert f"{slug}_lessons" not in rows[0]
    xlsx = trainer_client.get(f"/workshops/{workshop.id}/roster.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    header = [cell.value for cell in sheet[1]]
    read_cell = sheet.cell(row=2, column=header.index(f"{slug}_lessons_read") + 1)
    assert read_cell.value == 3
