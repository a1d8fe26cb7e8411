"""A learner's whole journey in Chromium, on a desktop screen and on a phone:
register, read the lessons, play the scenario to an ending, pass the quiz, download the
certificate and open its verification page.

On the desktop, every kind of page along the way is also checked with axe-core (the
accessibility checks of the other pages are in test_accessibility.py); on the phone, no page
may be wider than the screen.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import Checker, assert_accessible
from tests.e2e.journeys import Learner, module_for, quiz_for, unique_email

pytestmark = pytest.mark.e2e
CHECKED_ON_THE_WAY = {
    "catalogue",
    "module",
    "lesson",
    "quiz overview",
    "quiz question",
    "scenario node",
    "scenario ending",
    "case study",
    "attempt",
    "result",
    "my learning",
    "my records",
    "verification",
}


def fits_the_screen(page: Page, label: str) -> None:
    """Nothing wider than the phone's screen: no sideways scrolling of the whole page."""
    width = page.evaluate("document.documentElement.scrollWidth")
    screen = page.viewport_size["width"]  # a phone zooms out to fit: innerWidth would grow
    assert width <= screen, f"{label} ({page.url}) is {width}px wide on a {screen}px screen"


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_register_learn_pass_and_verify(contexts, live_server, phone: bool):
    page = contexts.page(phone=phone)
    axe = Checker()
    learner = Learner(page, phone=phone, on_page=fits_the_screen if phone else axe)
    name = "Amina Núñez-Okafor"
    module, quiz = module_for(live_server.app), quiz_for(live_server.app)

    learner.register(unique_email("learner"), name)
    learner.read_module(module)
    learner.pass_quiz(quiz)
    expect(page.get_by_text(f"You have completed the module “{module.title}”.")).to_be_visible()

    learner.link("My learning")
    expect(page.get_by_role("heading", name="Completed")).to_be_visible()
    expect(page.locator("ul.plain")).to_contain_text(module.title)
    learner.seen("my learning")

    code = learner.certificate(name, module.title)
    learner.verify(name, code)
    if not phone:
        assert set(axe.checked) >= CHECKED_ON_THE_WAY, set(axe.checked)
        page.goto(f"/records/{code}/certificate")
        assert_accessible(page, "printable certificate")
