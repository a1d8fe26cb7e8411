"""``flask workshops create|list|report|close``."""

from __future__ import annotations

from sqlalchemy import select

from learning.db import utcnow
from learning.workshops.models import Workshop


def test_workshop_commands(runner, people):
    today = utcnow().date().isoformat()
    result = runner.invoke(
        args=[
            "workshops",
            "create",
            "--trainer",
            "trainer@example.org",
            "--title",
            "CLI training",
            "--region",
            "Americas",
            "--country",
            "cr",
            "--location",
            "San José",
            "--start",
            today,
            "--end",
            today,
            "--modules",
            "sample-module",
            "--open",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "join code" in result.output
    listing = runner.invoke(args=["workshops", "list", "--trainer", "trainer@example.org"])
    workshop_id = listing.output.split("\t")[0]
    assert "CLI training" in listing.output
    report = runner.invoke(
        args=["workshops", "report", workshop_id, "--trainer", "trainer@example.org"]
    )
    assert report.exit_code == 0 and "days_attended" in report.output
    denied = runner.invoke(
        args=["workshops", "close", workshop_id, "--trainer", "other-trainer@example.org"]
    )
    assert denied.exit_code != 0
    closed = runner.invoke(
        args=["workshops", "close", workshop_id, "--trainer", "trainer@example.org"]
    )
    assert closed.exit_code == 0 and "Closed." in closed.output
    bad = runner.invoke(
        args=[
            "workshops",
            "create",
            "--trainer",
            "p1@example.org",
            "--title",
            "x",
            "--region",
            "Europe",
            "--country",
            "FR",
            "--location",
            "Lyon",
            "--start",
            today,
            "--end",
            today,
            "--modules",
            "sample-module",
        ]
    )
    assert bad.exit_code != 0


def test_create_a_workshop_whose_trainer_assesses_case_studies(runner, people, db):
    result = runner.invoke(
        args=[
            "workshops",
            "create",
            "--trainer",
            "trainer@example.org",
            "--title",
            "Assessed",
            "--region",
            "Africa",
            "--country",
            "ke",
            "--location",
            "Nairobi",
            "--start",
            "2026-03-02",
            "--end",
            "2026-03-03",
            "--modules",
            "sample-module",
            "--assess-case-studies",
        ]
    )
    assert result.exit_code == 0, result.output
    db.rollback()
    assert db.scalar(select(Workshop.assess_case_studies).where(Workshop.title == "Assessed"))
