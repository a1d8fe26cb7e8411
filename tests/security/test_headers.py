"""Security headers on every kind of response, and the production configuration as it is
really started from the environment (RELIABILITY F6, F7, B1).

Every response of the authorization matrix (tests/security/test_authorization_matrix.py) is
checked with the same ``check_security_headers``; tests/test_app.py::test_security_headers
checks the home page and the absence of HSTS in development.
"""

from __future__ import annotations

import json

import pytest

from learning.app import create_app
from learning.db import get_engine
from tests import factories
from tests.conftest import (
    _ENGINES,
    CSRF_PATTERN,
    FIXTURES,
    TEST_SECRET,
    BufferedClient,
    database_url,
    make_app,
    reset_schema,
)
from tests.security.helpers import check_security_headers

ONE_YEAR = 365 * 24 * 3600
EXPECTED = {
    "page": 200,
    "redirect": 302,
    "404": 404,
    "405": 405,
    "400 CSRF": 400,
    "413": 413,
    "static": 200,
    "verify": 200,
    "login page of a logged-in user": 200,
    "PDF": 200,
    "JSON": 200,
    "403": 403,
}


def _responses(app, base_url: str = "http://localhost") -> dict[str, object]:
    """One response of each kind: page, redirect, errors, static file, downloads, JSON."""
    db = app.extensions["learning.db"]()
    factories.user(db, email="admin@example.org", role="admin")
    learner = factories.user(db, email="learner@example.org")
    record = factories.record(db, learner)
    db.commit()
    code = record.verification_code
    db.close()
    client, anonymous = app.test_client(), app.test_client()
    responses = {
        "page": anonymous.get("/", base_url=base_url),
        "redirect": anonymous.get("/my-learning", base_url=base_url),
        "404": anonymous.get("/no/such/page", base_url=base_url),
        "405": anonymous.get("/logout", base_url=base_url),
        "400 CSRF": anonymous.post("/login", base_url=base_url),
        "413": anonymous.post("/login", data={"email": "x" * (2 * 1024 * 1024)}, base_url=base_url),
        "static": anonymous.get("/static/style.css", base_url=base_url),
        "verify": anonymous.get(f"/verify/{code}", base_url=base_url),
    }
    token = CSRF_PATTERN.search(client.get("/login", base_url=base_url).text).group(1)
    client.post(
        "/login",
        base_url=base_url,
        headers={"Referer": f"{base_url}/login"},
        data={"email": "learner@example.org", "password": factories.PASSWORD, "csrf_token": token},
    )
    responses.update(
        {
            "login page of a logged-in user": client.get("/login", base_url=base_url),
            "PDF": client.get(f"/records/{code}/certificate.pdf", base_url=base_url),
            "JSON": client.get("/profile/data.json", base_url=base_url),
            "403": client.get("/admin/records", base_url=base_url),
        }
    )
    return responses


def test_every_kind_of_response_carries_the_headers(tmp_path):
    responses = _responses(make_app(tmp_path))
    assert {name: r.status_code for name, r in responses.items()} == EXPECTED
    for name, response in responses.items():
        check_security_headers(response)
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN", name
        assert "Strict-Transport-Security" not in response.headers  # development: plain HTTP
        if name != "static":
            assert (
                "private" in response.headers["Cache-Control"]
                or "no-store" in response.headers["Cache-Control"]
            ), name


def test_json_is_served_as_json_and_downloaded(tmp_path):
    """RELIABILITY F7: the personal-data download is JSON, never sniffed as HTML."""
    response = _responses(make_app(tmp_path))["JSON"]
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.data)  # a JSON document, not a page
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def production(tmp_path, monkeypatch):
    """The app exactly as ``make serve`` starts it: configured from the environment."""
    environment = {
        "LEARNING_ENV": "production",
        "SECRET_KEY": TEST_SECRET,
        "DATABASE_URL": database_url(tmp_path),
        "RATELIMIT_ENABLED": "false",
        "CONTENT_DIR": str(FIXTURES / "content"),
        "QUIZZES_DIR": str(FIXTURES / "quizzes"),
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    app = create_app()
    app.test_client_class = BufferedClient
    _ENGINES.append(get_engine(app))
    reset_schema(get_engine(app))
    return app


def test_production_sends_hsts_on_every_response(production):
    assert not production.debug
    responses = _responses(production, "https://localhost")
    assert {name: r.status_code for name, r in responses.items()} == EXPECTED
    for name, response in responses.items():
        check_security_headers(response)
        hsts = response.headers.get("Strict-Transport-Security", "")
        max_age = int(hsts.split("max-age=")[1].split(";")[0]) if "max-age=" in hsts else 0
        assert max_age >= ONE_YEAR, (name, hsts)
    assert production.test_client().get("/console").status_code == 404


def test_production_session_cookie_flags(production):
    """RELIABILITY B1, read from the Set-Cookie header a browser receives."""
    db = production.extensions["learning.db"]()
    factories.user(db, email="admin@example.org", role="admin")
    factories.user(db, email="learner@example.org")
    db.commit()
    db.close()
    client = production.test_client()
    response = client.get("/login", base_url="https://localhost")
    token = CSRF_PATTERN.search(response.text).group(1)
    # Over HTTPS, Flask-WTF also requires a same-site Referer (browsers send it).
    response = client.post(
        "/login",
        base_url="https://localhost",
        headers={"Referer": "https://localhost/login"},
        data={"email": "learner@example.org", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    cookie = next(
        c
        for c in response.headers.getlist("Set-Cookie")
        if c.startswith("__Host-learning_session=")
    )
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "path"} <= attributes and "domain" not in attributes
    assert "SameSite=Lax" in cookie and "Path=/" in cookie
    assert len(cookie) < 4096
    assert not any(
        c.lower().startswith("remember") for c in response.headers.getlist("Set-Cookie")
    ), "no remember-me cookie (RELIABILITY B7 does not apply)"
    assert client.get("/my-learning", base_url="https://localhost").status_code == 200
