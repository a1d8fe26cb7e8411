"""What a learner does in the browser, step by step, shared by the end-to-end tests.

Right answers come from the quiz definitions the live server loaded (never hard-coded), and
the scenario is played along its best path. ``on_page`` is called with a label after every
page the learner reaches, so a test can check each page (axe-core, phone layout).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count

from flask import Flask
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from learning.content.assessments.definitions import CaseStudy, ChoiceQuestion, Quiz, Scenario
from learning.content.course import Module
from tests import factories

MODULE = "foundations"  # the shortest real module: three lessons, one quiz
PASSWORD = factories.PASSWORD
ADMIN_EMAIL = "admin@example.org"  # made by the live server fixture
TRAINER_EMAIL = "trainer@example.org"
_numbers = count(1)


def module_for(app: Flask, slug: str = MODULE) -> Module:
    module = app.extensions["learning.catalogue"].module(slug)
    assert module is not None, f"no module {slug}"
    return module


def quiz_for(app: Flask, module_slug: str = MODULE) -> Quiz:
    quiz = app.extensions["learning.catalogue"].quiz_for(module_slug)
    assert quiz is not None, f"module {module_slug} has no quiz"
    return quiz


def best_path(scenario: Scenario) -> tuple[list[tuple[str, str]], str]:
    """(node, choice) pairs taking the best offered decision at each node, and the ending."""
    counters, at, path = scenario.initial_counters(), scenario.start, []
    while at in scenario.nodes:
        node = scenario.nodes[at]
        choice = max(node.offered(counters), key=lambda offered: offered.points)
        path.append((node.id, choice.id))
        counters = choice.apply(counters)
        at = choice.next_node(counters)
    assert at in scenario.endings, f"scenario {scenario.id} stops at {at}"
    return path, at


def drawn_items(page: Page, quiz: Quiz):
    """The items of the attempt in the order the server leads through them: an attempt draws
    its classic items from the quiz's pool, so the page's URL says which item comes next.
    Yields each item once its page is open, and stops on the attempt page."""
    item_url = re.compile(r"/attempts/\d+/([a-z0-9-]+)$")
    seen: set[str] = set()
    while True:
        expect(page).to_have_url(re.compile(r"/attempts/\d+(/[a-z0-9-]+)?$"))
        match = item_url.search(page.url)
        if match is None:
            return
        assert match[1] not in seen, f"item {match[1]} came back"
        seen.add(match[1])
        yield quiz.question(match[1])
        expect(page).not_to_have_url(re.compile(f"/{match[1]}$"))


def unique_email(prefix: str) -> str:
    return f"{prefix}{next(_numbers)}@example.org"


@dataclass
class Learner:
    page: Page
    phone: bool = False
    on_page: Callable[[Page, str], None] | None = None

    def press(self, target: Locator) -> None:
        """Tap on a phone, click elsewhere."""
        if self.phone:
            target.tap()
        else:
            target.click()

    def button(self, name: str) -> None:
        self.press(self.page.get_by_role("button", name=name, exact=True))

    def link(self, name: str) -> None:
        self.press(self.page.get_by_role("link", name=name, exact=True).first)

    def seen(self, label: str) -> None:
        if self.on_page is not None:
            self.on_page(self.page, label)

    def register(self, email: str, name: str) -> None:
        page = self.page
        page.goto("/register")
        fill_registration(page, email, name)
        self.button("Create account")
        expect(page.get_by_text("Welcome! Your account is ready.")).to_be_visible()

    def login(self, email: str, password: str = PASSWORD) -> None:
        self.page.goto("/login")
        self.page.get_by_label("E-mail address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.button("Log in")
        expect(self.page.get_by_role("button", name="Log out")).to_be_visible()

    def read_module(self, module: Module, lessons: int | None = None) -> None:
        """Start the module and mark ``lessons`` lessons complete (default: all of them)."""
        page = self.page
        page.goto("/")
        self.seen("catalogue")
        self.press(page.locator(f"h3 a[href='/modules/{module.slug}']"))
        expect(page.get_by_role("heading", level=1)).to_have_text(module.title)
        self.seen("module")
        # Enrolled by a workshop, the learner continues; on their own, they start.
        self.press(
            page.get_by_role("button", name="Start this module").or_(
                page.get_by_role("link", name="Continue where you left off")
            )
        )
        total = len(module.lessons)
        for number, lesson in enumerate(module.lessons[: lessons or total], start=1):
            expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
            expect(page.get_by_text(f"Lesson {number} of {total}")).to_be_visible()
            self.seen("lesson")
            self.button("Mark complete and continue")
        if (lessons or total) == total:
            expect(page.get_by_text("You have read every lesson.")).to_be_visible()
        else:
            expect(page.get_by_role("heading", level=1)).to_have_text(module.lessons[lessons].title)

    def pass_quiz(self, quiz: Quiz) -> None:
        """Start the quiz, answer every item right, submit, and see the pass on the result."""
        page = self.page
        page.goto(f"/modules/{quiz.module}/quiz")
        self.seen("quiz overview")
        self.button("Start the quiz")
        for question in drawn_items(page, quiz):
            if isinstance(question, ChoiceQuestion):
                self.answer_choice(question)
            elif isinstance(question, Scenario):
                self.play_scenario(question)
            else:
                self.write_case_study(question)
        expect(page.get_by_role("heading", name=re.compile(r"^Attempt \d+$"))).to_be_visible()
        self.seen("attempt")
        self.button("Submit my answers")
        expect(page.get_by_role("heading", name="Your result")).to_be_visible()
        expect(page.locator(".result-summary")).to_contain_text("Passed")
        self.seen("result")

    def answer_choice(self, question: ChoiceQuestion) -> None:
        page = self.page
        expect(page.locator(f"#prompt-{question.id}")).to_be_visible()
        self.seen("quiz question")
        for choice_id in sorted(question.correct_ids):
            self.press(page.locator(f"label[for='c-{choice_id}']"))
            expect(page.locator(f"#c-{choice_id}")).to_be_checked()
        self.button("Save and continue")

    def play_scenario(self, scenario: Scenario) -> None:
        page = self.page
        path, ending = best_path(scenario)
        expect(page.get_by_role("heading", level=1)).to_have_text(scenario.title)
        for node_id, choice_id in path:
            expect(page.locator("input[name=node]")).to_have_value(node_id)
            self.seen("scenario node")
            self.press(page.locator(f"label[for='s-{choice_id}']"))
            self.button("Decide")
            chosen = next(c for c in scenario.nodes[node_id].choices if c.id == choice_id)
            expect(page.locator(".consequence")).to_contain_text(f"You chose: {chosen.text}")
        expect(
            page.get_by_role("heading", name="Ending: " + scenario.endings[ending].title)
        ).to_be_visible()
        expect(page.locator(".replay-step")).to_have_count(len(path))
        self.seen("scenario ending")
        self.continue_after_item()

    def write_case_study(self, case: CaseStudy) -> None:
        page = self.page
        expect(page.get_by_role("heading", level=1)).to_have_text(case.title)
        self.seen("case study")
        for prompt in case.prompts:
            page.locator(f"#a-{prompt.id}").fill(
                "Identify the person's needs first, then refer with consent."
            )
        self.button("Save my answer")
        expect(page.get_by_role("heading", name="Model answer")).to_be_visible()
        for item in case.rubric:
            self.press(page.locator(f"label[for='r-{item.id}']"))
        self.button("Save my self-assessment")
        # Done: the next unfinished item follows, or the attempt page when none is left.

    def continue_after_item(self) -> None:
        self.press(
            self.page.locator(
                "a.button", has_text=re.compile("^(Continue to the next item|Review and submit)$")
            )
        )

    def certificate(self, name: str, title: str) -> str:
        """Download the certificate PDF from My records; return its verification code."""
        page = self.page
        self.link("My records")
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        self.seen("my records")
        with page.expect_download() as download:
            self.press(page.get_by_role("link", name=re.compile("^Download the certificate")))
        data = download.value.path().read_bytes()
        assert data.startswith(b"%PDF")
        text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
        assert name in text
        code = re.search(r"/verify/([0-9A-Z]+)", text)
        assert code, text
        return code[1]

    def verify(self, name: str, code: str) -> None:
        page = self.page
        self.press(page.get_by_role("link", name=re.compile("^Verification page")))
        expect(page).to_have_url(re.compile(f"/verify/{code}$"))
        expect(page.locator(".verify-status.valid")).to_contain_text("Valid.")
        expect(page.locator(".certificate-facts")).to_contain_text(name)
        self.seen("verification")


def fill_registration(page: Page, email: str, name: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_label("Type of organisation").select_option("ngo")
    page.get_by_label("Organisation", exact=True).fill("Field NGO")
    page.get_by_label("Country where you work").select_option("KE")
