"""What a trainer and a participant do with a workshop in the browser."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from learning.geography.regions import AFRICA
from tests.e2e.journeys import Learner, fill_registration


class Trainer(Learner):
    def create_workshop(self, title: str, module_title: str) -> int:
        """Create a one-day workshop today on one module; return its id (still a draft)."""
        page = self.page
        self.link("Workshops")
        self.link("Create a workshop")
        today = date.today().isoformat()
        page.get_by_label("Title").fill(title)
        page.get_by_label("Region").select_option(AFRICA)
        page.get_by_label("Country").select_option("KE")
        page.get_by_label("City or venue").fill("Nairobi")
        page.get_by_label("First day").fill(today)
        page.get_by_label("Last day").fill(today)
        page.get_by_label("Modules").select_option(label=module_title)
        page.get_by_label("Days needed for a certificate of participation").fill("1")
        self.button("Save the workshop")
        expect(page.get_by_text("The workshop is saved as a draft.")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        return int(re.search(r"/workshops/(\d+)$", page.url)[1])

    def open_workshop(self) -> str:
        """Open the workshop on screen; return its join code."""
        page = self.page
        self.button("Open the workshop (participants can join)")
        expect(page.get_by_text("The workshop is open.")).to_be_visible()
        code = page.locator("code.code").inner_text()
        assert re.fullmatch(r"[0-9A-Z]{8}", code), code
        return code

    def mark_present(self, workshop_id: int, name: str) -> None:
        page = self.page
        page.goto(f"/workshops/{workshop_id}/attendance")
        self.press(page.get_by_label(re.compile(f"^{re.escape(name)}")))
        self.button("Save attendance")
        expect(page.get_by_text("Attendance for")).to_contain_text("is saved")

    def download(self, link_name: str) -> bytes:
        with self.page.expect_download() as download:
            self.link(link_name)
        return download.value.path().read_bytes()


def join_as_new_participant(
    participant: Learner, code: str, email: str, name: str, workshop_title: str
) -> None:
    """Type the join code, register on the way, come back and join."""
    page = participant.page
    page.goto("/join")
    page.get_by_label("Code").fill(code.lower())
    participant.button("Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text(workshop_title)
    participant.link("Create an account")
    fill_registration(page, email, name)
    participant.button("Create account")
    expect(page.get_by_role("heading", level=1)).to_have_text(workshop_title)
    participant.button("Join this workshop")
    expect(page.get_by_text(f"Welcome to the workshop “{workshop_title}”.")).to_be_visible()
