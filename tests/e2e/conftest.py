"""End-to-end fixtures: the real app on a live server, and a real headless Chromium.

The server runs the real course (``modules/`` and ``quizzes/``) on a temporary SQLite file,
in a thread of this process, so tests can read the loaded quiz definitions for the answers.
Chromium is Debian's package (``scripts/ensure-chromium.sh`` installs it), driven by
Playwright; no browser is ever downloaded.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask, send_file
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    expect,
    sync_playwright,
)
from werkzeug.serving import WSGIRequestHandler, make_server

from learning.app import create_app
from learning.db import get_engine, get_session
from learning.models import Base
from tests import factories
from tests.e2e.axe import AXE_FILE, AXE_URL
from tests.e2e.journeys import ADMIN_EMAIL, TRAINER_EMAIL

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SECRET = "e2e-secret-key-that-is-long-enough-0123456789"
PHONE = {
    "viewport": {"width": 375, "height": 667},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}

expect.set_options(timeout=10_000)


@dataclass
class LiveServer:
    app: Flask
    url: str


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        """No access log: failures are reported by the tests themselves."""


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("e2e")
    app = create_app(
        {
            "SECRET_KEY": SECRET,
            "DATABASE_URL": f"sqlite:///{folder / 'e2e.sqlite3'}",
            "RATELIMIT_ENABLED": False,
        }
    )
    # axe-core from the app's own origin: the CSP (script-src 'self') allows it, so pages are
    # checked exactly as served, and the browser caches the script between pages.
    app.add_url_rule(
        AXE_URL, "e2e_axe", lambda: send_file(AXE_FILE, mimetype="text/javascript", max_age=3600)
    )
    engine = get_engine(app)
    Base.metadata.create_all(engine)
    with app.app_context():
        session = get_session()
        factories.user(session, email=ADMIN_EMAIL, role="admin", display_name="Ada Admin")
        factories.user(session, email=TRAINER_EMAIL, role="trainer", display_name="Tariq Trainer")
        session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (make test does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Contexts:
    """Opens browser contexts for one test and records every browser-side error in them."""

    browser: Browser
    base_url: str
    opened: list[BrowserContext] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def new(self, phone: bool = False) -> BrowserContext:
        """A fresh context (its own cookies), with the app's CSP enforced."""
        options = dict(PHONE) if phone else {"viewport": {"width": 1280, "height": 900}}
        context = self.browser.new_context(base_url=self.base_url, accept_downloads=True, **options)
        context.on("page", self._watch)
        self.opened.append(context)
        return context

    def page(self, phone: bool = False) -> Page:
        return self.new(phone=phone).new_page()

    def _watch(self, page: Page) -> None:
        # A CSP violation, a missing resource or a script error shows up here.
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def _console(self, page: Page, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        status = re.search(r"^Failed to load resource: .* status of (4\d\d)", message.text)
        if status and message.location.get("url") == page.url:
            return  # the page itself answered 4xx (a form with errors): the test checks it
        self.errors.append(f"{page.url}: {message.text} ({message.location.get('url')})")


@pytest.fixture
def contexts(browser: Browser, live_server: LiveServer) -> Iterator[Contexts]:
    opened = Contexts(browser, live_server.url)
    yield opened
    for context in opened.opened:
        context.close()
    assert not opened.errors, "errors in the browser:\n" + "\n".join(opened.errors)
