"""A trainer runs a workshop in Chromium while a participant takes part in a second browser
context: create, open, join with the code, follow progress, debrief, close, download."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.journeys import TRAINER_EMAIL, Learner, module_for, quiz_for, unique_email
from tests.e2e.workshop_steps import Trainer, join_as_new_participant

pytestmark = pytest.mark.e2e


def test_trainer_runs_a_workshop_with_a_participant(contexts, live_server):
    module, quiz = module_for(live_server.app), quiz_for(live_server.app)
    title, name = "Referral workshop, Nairobi", "Joseph Kamau-Wanjiru"
    trainer = Trainer(contexts.page())
    participant = Learner(contexts.page())  # a second context: its own cookies

    trainer.login(TRAINER_EMAIL)
    workshop_id = trainer.create_workshop(title, module.title)
    code = trainer.open_workshop()

    join_as_new_participant(participant, code, unique_email("participant"), name, title)
    participant.read_module(module, lessons=1)
    participant.pass_quiz(quiz)
    trainer.mark_present(workshop_id, name)

    page = trainer.page
    trainer.link("Dashboard")
    row = page.get_by_role("row", name=re.compile(re.escape(name)))
    expect(row).to_contain_text("1/1")  # days present
    expect(row).to_contain_text(f"1/{len(module.lessons)} lessons")
    expect(row).to_contain_text("best 100% · passed")

    trainer.link("group debrief")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Group debrief: {quiz.title}")
    first = page.locator("section.split").first
    expect(first).to_contain_text("1 participant answered")
    # The first item the participant was shown, drawn from the pool: every right choice 100 %.
    expect(first.locator(".bar-value", has_text="100% (1)")).not_to_have_count(0)
    expect(page.get_by_text("(better answer)")).to_have_count(0)
    trainer.link("Reveal every better answer")
    expect(first.locator("li.better")).not_to_have_count(0)

    trainer.link("Dashboard")
    trainer.button("Close the workshop and issue records")
    expect(page.get_by_text("The workshop is closed")).to_contain_text(
        "1 certificates of participation were issued"
    )
    expect(page.locator("h1 + .meta strong")).to_have_text("closed")

    roster = trainer.download("Roster CSV").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(roster)))
    assert len(rows) == 2 and any(name in cell for cell in rows[1]), rows

    sheet = load_workbook(io.BytesIO(trainer.download("Roster XLSX")), read_only=True).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert any(isinstance(value, str) and name in value for value in values)

    pdf = trainer.download("All certificates (PDF)")
    assert pdf.startswith(b"%PDF")
    assert name in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
