"""Whole-app behaviour: every page renders, headers, error pages, limits, configuration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from learning.config import ConfigurationError, ensure_secret_key
from tests import factories
from tests.conftest import FIXTURES, make_app

PUBLIC_PAGES = ["/", "/modules/sample-module", "/sources", "/login", "/register"]
LEARNER_PAGES = [
    "/my-learning",
    "/profile",
    "/modules/sample-module/lesson-1",
    "/modules/sample-module/lesson-3",
]


def _check_page(html: str) -> None:
    assert len(re.findall(r"<h1[\s>]", html)) == 1, "exactly one h1 per page"
    assert 'href="#main"' in html and 'id="main"' in html, "skip link"
    assert 'lang="en"' in html
    # No request to any outside host: every src/href is local.
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<script" not in html, "pages need no JavaScript"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    _check_page(response.get_data(as_text=True))


@pytest.mark.parametrize("url", LEARNER_PAGES)
def test_learner_pages_render(client, learner, url):
    response = client.get(url)
    assert response.status_code == 200
    _check_page(response.get_data(as_text=True))


@pytest.mark.parametrize("url", LEARNER_PAGES)
def test_learner_pages_need_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.location.startswith("/login?next=")


def test_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'self'",
    ):
        assert directive in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # development: plain HTTP


def test_error_pages_use_the_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page not found" in page and 'id="main"' in page
    assert client.post("/").status_code in (400, 405)


def test_unexpected_errors_show_no_traceback(tmp_path):
    app = make_app(tmp_path)
    app.extensions["learning.setup_done"] = True

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "secret internals" not in page and "Traceback" not in page


def test_oversized_request_is_refused(client):
    response = client.post("/login", data={"email": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413


@pytest.mark.parametrize(
    "url",
    [
        "/modules/../../etc/passwd",
        "/modules/%2e%2e%2fsecret",
        "/modules/sample-module/..%2f..%2fmodule",
        "/modules/sample-module/lesson-1%00",
    ],
)
def test_path_tricks_are_404(client, learner, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("key", ["dev", "short", "changeme", "x" * 31])
def test_weak_secret_keys_are_refused(tmp_path, key):
    with pytest.raises(ConfigurationError):
        make_app(tmp_path, SECRET_KEY=key)


def test_secret_key_is_generated_once_and_kept(tmp_path: Path):
    first: dict = {}
    ensure_secret_key(first, tmp_path)
    second: dict = {}
    ensure_secret_key(second, tmp_path)
    assert first["SECRET_KEY"] == second["SECRET_KEY"] and len(first["SECRET_KEY"]) >= 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_broken_content_does_not_stop_the_app(tmp_path, caplog):
    app = make_app(tmp_path, CONTENT_DIR=str(FIXTURES / "content_bad"))
    app.extensions["learning.setup_done"] = True
    assert "Content problems" in caplog.text
    client = app.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/modules/broken-unknown-key").status_code == 404
    assert client.get("/modules/same-slug").status_code == 200


def test_content_check_command(app, runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0 and "1 module(s), 3 lesson(s)" in result.output
    app.config["CONTENT_DIR"] = str(FIXTURES / "content_bad")
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert "content_bad/unknown-key/01-only-lesson.md:5: unknown-key" in result.output
    listing = runner.invoke(args=["content", "list"])
    assert "same-slug" in listing.output


def test_the_cached_visitor_catalogue_never_hides_messages_or_progress(client, auth, db):
    first = client.get("/").get_data(as_text=True)
    assert client.get("/").get_data(as_text=True) == first  # served from the cache
    factories.user(db, email="learner@example.org")
    db.commit()
    auth.login()
    assert "My records" in client.get("/").get_data(as_text=True)  # not the visitor page
    response = auth.logout()
    page = client.get(response.location).get_data(as_text=True)
    assert "You are logged out." in page
