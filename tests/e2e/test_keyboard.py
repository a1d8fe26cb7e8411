"""A whole quiz with the keyboard only: Tab to move, the arrow keys within a radio group (as
every browser does), Space to tick, Enter to follow a link or press a button; no clicks.
Every control reached shows a visible focus outline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from learning.content.assessments.definitions import CaseStudy, ChoiceQuestion, Scenario
from tests.e2e.journeys import Learner, best_path, drawn_items, quiz_for, unique_email

pytestmark = pytest.mark.e2e
MAX_TABS = 120

_FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {id: el.id, tag: el.tagName.toLowerCase(), text: (el.innerText || '').trim(),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0};
}"""


def focused(page: Page) -> dict:
    return page.evaluate(_FOCUSED)


def tab_to(page: Page, element_id: str = "", text: str = "") -> dict:
    """Press Tab until the element with ``element_id`` (or a button or link reading
    ``text``) has the focus; it must show a focus outline."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        now = focused(page)
        if (element_id and now["id"] == element_id) or (
            text and now["tag"] in ("a", "button") and now["text"] == text
        ):
            assert now["outline"], f"no visible focus on {now} at {page.url}"
            return now
    raise AssertionError(f"Tab never reached {element_id or text!r} on {page.url}")


def press_button(page: Page, text: str) -> None:
    tab_to(page, text=text)
    page.keyboard.press("Enter")


def choose_radio(page: Page, name: str, element_id: str) -> None:
    """Tab into the radio group, then arrow down to the option (arrows select)."""
    first = page.locator(f"input[name={name}]").first.get_attribute("id")
    tab_to(page, element_id=first)
    for _ in range(page.locator(f"input[name={name}]").count()):
        if focused(page)["id"] == element_id:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(page.locator(f"#{element_id}")).to_be_checked()


def tick_boxes(page: Page, element_ids: set[str]) -> None:
    """Tab through the checkboxes in page order, Space on each one wanted."""
    order = page.locator("input[type=checkbox]").evaluate_all("(all) => all.map(e => e.id)")
    for element_id in [i for i in order if i in element_ids]:
        tab_to(page, element_id=element_id)
        page.keyboard.press("Space")
        expect(page.locator(f"#{element_id}")).to_be_checked()


def answer(page: Page, question) -> None:
    if isinstance(question, ChoiceQuestion):
        ids = {f"c-{choice}" for choice in question.correct_ids}
        if question.type == "single_choice":
            choose_radio(page, "choice", ids.pop())
        else:
            tick_boxes(page, ids)
        press_button(page, "Save and continue")
    elif isinstance(question, Scenario):
        path, _ending = best_path(question)
        for node_id, choice_id in path:
            expect(page.locator("input[name=node]")).to_have_value(node_id)
            choose_radio(page, "choice", f"s-{choice_id}")
            press_button(page, "Decide")
        expect(page.get_by_role("heading", name=re.compile("^Ending: "))).to_be_visible()
        onwards = "Continue to the next item"
        if not page.get_by_role("link", name=onwards).count():
            onwards = "Review and submit"
        press_button(page, onwards)
    elif isinstance(question, CaseStudy):
        for prompt in question.prompts:
            tab_to(page, element_id=f"a-{prompt.id}")
            page.keyboard.type("Meet the person alone, explain the options, refer with consent.")
        press_button(page, "Save my answer")
        expect(page.get_by_role("heading", name="Model answer")).to_be_visible()
        tick_boxes(page, {f"r-{item.id}" for item in question.rubric})
        press_button(page, "Save my self-assessment")


def test_a_quiz_can_be_completed_with_the_keyboard_only(contexts, live_server):
    quiz = quiz_for(live_server.app)
    page = contexts.page()
    Learner(page).register(unique_email("keyboard"), "Keyboard User")
    page.goto(f"/modules/{quiz.module}/quiz")

    # The first Tab reaches the skip link, which moves the focus to the main content.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    expect(page.get_by_role("link", name="Skip to main content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    press_button(page, "Start the quiz")
    for question in drawn_items(page, quiz):
        answer(page, question)
    expect(page.get_by_role("heading", name=re.compile(r"^Attempt \d+$"))).to_be_visible()
    press_button(page, "Submit my answers")
    expect(page.get_by_role("heading", name="Your result")).to_be_visible()
    expect(page.locator(".result-summary")).to_contain_text("Passed")
