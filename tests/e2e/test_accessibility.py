"""axe-core on every main page, as each one is reached in the browser: no serious or critical
violation of WCAG 2.1 A/AA or axe's best practices, and no duplicate id (tests/e2e/axe.py).
The pages of the learner's journey are checked along it (test_learner_journey.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.journeys import TRAINER_EMAIL, Learner, module_for, unique_email
from tests.e2e.workshop_steps import Trainer

pytestmark = pytest.mark.e2e


def test_visitor_pages_and_forms_with_errors(contexts, live_server):
    page = contexts.page()
    learner = Learner(page)
    module = module_for(live_server.app)
    for path, label in (
        ("/", "catalogue (visitor)"),
        (f"/modules/{module.slug}", "module (visitor)"),
        ("/glossary", "glossary"),
        ("/resources", "resources"),
        ("/sources", "sources"),
        ("/verify", "verification form"),
        ("/join", "join form"),
    ):
        page.goto(path)
        assert_accessible(page, label)

    page.goto("/register")
    learner.button("Create account")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "register with errors")
    page.goto("/login")
    page.get_by_label("E-mail address").fill("nobody@example.org")
    page.get_by_label("Password").fill("not the password")
    learner.button("Log in")
    expect(page.locator(".error-summary")).to_contain_text("is not correct")
    assert_accessible(page, "login with errors")

    learner.register(unique_email("a11y"), "Li Wei")
    page.goto("/my-learning")
    expect(page.get_by_text("You have not started a module yet.")).to_be_visible()
    assert_accessible(page, "my learning (empty)")
    page.goto("/profile")
    learner.button("Change password")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "profile with errors")


def test_trainer_pages(contexts, live_server):
    module = module_for(live_server.app)
    page = contexts.page()
    trainer = Trainer(page)
    trainer.login(TRAINER_EMAIL)

    page.goto("/workshops/new")
    trainer.button("Save the workshop")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "workshop form with errors")

    trainer.create_workshop("Accessible workshop", module.title)
    assert_accessible(page, "workshop dashboard (draft)")
    code = trainer.open_workshop()

    trainer.link("Add participants from a file")
    page.get_by_label("CSV file").set_input_files(
        files=[
            {
                "name": "participants.csv",
                "mimeType": "text/csv",
                "buffer": f"name,email,organisation_type,organisation,country\nGrace Achieng,"
                f"{unique_email('imported')},ngo,Field NGO,KE\n".encode(),
            }
        ]
    )
    trainer.button("Check the file")
    expect(page.get_by_text("new: will be pre-registered and added")).to_be_visible()
    assert_accessible(page, "import preview")
    trainer.button("Add these participants")
    expect(page.get_by_role("row", name="Grace Achieng")).to_be_visible()
    assert_accessible(page, "workshop dashboard (open, one participant)")

    trainer.link("Attendance")
    assert_accessible(page, "attendance")
    trainer.link("Join code for the screen")
    expect(page.locator(".big-code")).to_have_text(f"{code[:4]}-{code[4:]}")
    assert_accessible(page, "projector")
    trainer.link("Back to the dashboard")
    trainer.link("group debrief")
    assert_accessible(page, "group debrief")
    trainer.link("Reveal every better answer")
    assert_accessible(page, "group debrief, answers revealed")

    visitor = contexts.page()
    visitor.goto(f"/join/{code}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Accessible workshop")
    assert_accessible(visitor, "join landing")


def test_every_lesson_of_the_course(contexts, live_server):
    """The lesson template is checked above; here the content of every lesson (tables,
    footnotes, glossary links, admonitions) in each module."""
    page = contexts.page()
    Learner(page).register(unique_email("reader"), "Reader")
    for module in live_server.app.extensions["learning.catalogue"].modules:
        for lesson in module.lessons:
            page.goto(f"/modules/{module.slug}/{lesson.slug}")
            expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
            assert_accessible(page, f"lesson {module.slug}/{lesson.slug}")
