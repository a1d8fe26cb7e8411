"""Rate limits on every pathway that takes a password or a code (RELIABILITY A5, A6, H8, L4).

Each limit is set to 3 a minute here. Limits are keyed on the connection's address: an
``X-Forwarded-For`` header changes nothing unless TRUSTED_PROXIES says a proxy sets it.
The existing single-endpoint checks are tests/records/test_verify.py::test_lookups_are_rate_
limited and tests/workshops/test_lifecycle.py::test_join_code_lookups_are_rate_limited.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests import factories
from tests.conftest import AuthActions, csrf_token, make_app
from tests.security.helpers import check_security_headers

LIMIT = "3 per minute"
ATTACKER, NEIGHBOUR = "198.51.100.7", "198.51.100.8"


def _client(app, address: str, login: bool) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    if login:
        assert AuthActions(client).login().status_code == 302
    return client


def _post(client: FlaskClient, url: str, data: dict, page: str, headers: dict) -> int:
    data = {**data, "csrf_token": csrf_token(client, page)}
    return client.post(url, data=data, headers=headers).status_code


def login(client, headers):
    return _post(
        client,
        "/login",
        {"email": "learner@example.org", "password": "wrong guess!"},
        "/login",
        headers,
    )


def register(client, headers):
    return _post(
        client, "/register", {"email": "new@example.org", "password": "short"}, "/register", headers
    )


def password(client, headers):
    return _post(
        client,
        "/profile/password",
        {
            "current_password": "a wrong guess",
            "new_password": "another long passphrase",
            "confirm": "another long passphrase",
        },
        "/profile",
        headers,
    )


def check_in(client, headers):
    return _post(client, "/check-in", {"code": "ZZZZZZ"}, "/", headers)


def join_code(client, headers):
    return client.get("/join/ZZZZZZZZ", headers=headers).status_code


def verify(client, headers):
    return client.get("/verify/ZZZZ-ZZZZ", headers=headers).status_code


# action, the setting that limits it, whether it needs a logged-in learner
PATHWAYS: dict[str, tuple[Callable, str, bool]] = {
    "login": (login, "RATELIMIT_LOGIN", False),
    "register": (register, "RATELIMIT_REGISTER", False),
    "password change": (password, "RATELIMIT_PASSWORD", True),
    "join code": (join_code, "RATELIMIT_CODES", False),
    "check-in code": (check_in, "RATELIMIT_CODES", True),
    "verification": (verify, "RATELIMIT_VERIFY", False),
}


def _app(tmp_path, monkeypatch, proxies: str | None = None, **limits):
    if proxies is None:
        monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    else:
        monkeypatch.setenv("TRUSTED_PROXIES", proxies)
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, **limits)
    db = app.extensions["learning.db"]()
    factories.user(db, email="admin@example.org", role="admin")
    factories.user(db, email="learner@example.org")
    for n in range(6):
        factories.user(db, email=f"staff{n}@example.org")
    db.commit()
    db.close()
    return app


@pytest.mark.parametrize("pathway", PATHWAYS)
def test_forwarded_headers_cannot_rotate_the_address(tmp_path, monkeypatch, pathway):
    action, setting, needs_login = PATHWAYS[pathway]
    app = _app(tmp_path, monkeypatch, **{setting: LIMIT})
    attacker = _client(app, ATTACKER, needs_login)
    statuses = [action(attacker, {"X-Forwarded-For": f"203.0.113.{n}"}) for n in range(5)]
    assert 429 not in statuses[:3] and statuses[3:] == [429, 429], statuses
    neighbour = _client(app, NEIGHBOUR, needs_login)
    assert action(neighbour, {}) != 429, "another address has its own count"


@pytest.mark.parametrize("pathway", PATHWAYS)
def test_behind_a_trusted_proxy_the_forwarded_address_counts(tmp_path, monkeypatch, pathway):
    action, setting, needs_login = PATHWAYS[pathway]
    app = _app(tmp_path, monkeypatch, proxies="1", **{setting: LIMIT})
    proxy = _client(app, "10.0.0.2", needs_login)
    client = {"X-Forwarded-For": "203.0.113.50"}
    statuses = [action(proxy, client) for _ in range(4)]
    assert 429 not in statuses[:3] and statuses[3] == 429, statuses
    assert action(proxy, {"X-Forwarded-For": "203.0.113.51"}) != 429


def test_password_spraying_from_one_address_is_throttled(tmp_path, monkeypatch):
    """One wrong password each for many accounts counts against the address; the real owner
    of an account, elsewhere, still logs in (no account lock-out)."""
    app = _app(tmp_path, monkeypatch, RATELIMIT_LOGIN="5 per minute")
    attacker = _client(app, ATTACKER, login=False)
    token = csrf_token(attacker, "/login")
    statuses = [
        attacker.post(
            "/login",
            data={
                "email": f"staff{n}@example.org",
                "password": "Winter2026!!",
                "csrf_token": token,
            },
        ).status_code
        for n in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    blocked = attacker.post(
        "/login",
        data={"email": "learner@example.org", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert blocked.status_code == 429, "the right password does not reset the count"
    check_security_headers(blocked)
    assert "Too many attempts" in blocked.get_data(as_text=True)
    assert _client(app, NEIGHBOUR, login=True).get("/my-learning").status_code == 200


def test_viewing_the_login_form_costs_nothing(tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, RATELIMIT_LOGIN=LIMIT)
    client = _client(app, ATTACKER, login=False)
    assert {client.get("/login").status_code for _ in range(6)} == {200}
    assert AuthActions(client).login().status_code == 302


def test_quiz_posts_are_limited_per_learner(tmp_path, monkeypatch):
    """RELIABILITY H8: rapid-fire quiz requests by one learner; a colleague on the same office
    connection is not held back by them."""
    app = _app(tmp_path, monkeypatch, RATELIMIT_QUIZ=LIMIT)
    learner = _client(app, ATTACKER, login=True)
    token = csrf_token(learner, "/")
    url = "/modules/sample-module/quiz/start"
    statuses = [learner.post(url, data={"csrf_token": token}).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    colleague = app.test_client()
    colleague.environ_base["REMOTE_ADDR"] = ATTACKER
    AuthActions(colleague).login(email="staff0@example.org")
    assert colleague.post(url, data={"csrf_token": csrf_token(colleague, "/")}).status_code == 302
