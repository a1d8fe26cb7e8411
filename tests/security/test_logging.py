"""Security events are logged with who and from where; secrets never are (RELIABILITY L3, C10,
D5). Records are read with pytest's caplog, exactly as the application emits them."""

from __future__ import annotations

import logging
import time

import pytest

from tests import factories
from tests.conftest import AuthActions, csrf_token

ADDRESS = "192.0.2.44"
NEW_PASSWORD = "a brand new passphrase for the logs"


@pytest.fixture
def client(app):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ADDRESS
    return client


def _messages(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name.startswith("learning")]


def _one(messages: list[str], *parts: str) -> str:
    found = [message for message in messages if all(part in message for part in parts)]
    assert found, f"no log line with {parts} in:\n" + "\n".join(messages)
    return found[0]


def _change_password(client, current: str, new: str):
    return AuthActions(client).post(
        "/profile/password",
        {"current_password": current, "new_password": new, "confirm": new},
        "/profile",
    )


def test_authentication_and_authorization_events_name_the_user_and_address(
    client, learner_account, caplog
):
    caplog.set_level(logging.INFO)
    auth = AuthActions(client)
    me = f"user {learner_account.id}"
    auth.login(password="not the password at all")
    auth.login()
    _change_password(client, "a wrong current password", NEW_PASSWORD)
    _change_password(client, factories.PASSWORD, NEW_PASSWORD)
    assert client.get("/admin/users").status_code == 403
    assert client.post("/profile/name", data={"display_name": "X"}).status_code == 400
    auth.logout()
    messages = _messages(caplog)
    _one(messages, "Failed login", "'learner@example.org'", ADDRESS)
    _one(messages, "Login", me, ADDRESS)
    _one(messages, "Failed password change", me, ADDRESS)
    _one(messages, "Password changed", me, ADDRESS)
    _one(messages, "Access denied", "/admin/users", me, ADDRESS)
    _one(messages, "CSRF failure", "/profile/name", me, ADDRESS)
    _one(messages, "Logout", me, ADDRESS)
    assert logging.Formatter.converter is time.gmtime, "log timestamps are UTC"


def test_anonymous_refusals_are_logged_too(client, caplog):
    caplog.set_level(logging.INFO)
    assert client.post("/login", data={"email": "a@example.org"}).status_code == 400
    _one(_messages(caplog), "CSRF failure", "/login", "anonymous", ADDRESS)


def test_passwords_tokens_and_cookies_never_reach_the_logs(app, client, learner_account, caplog):
    caplog.set_level(logging.DEBUG)
    auth = AuthActions(client)
    typo = "almost the right passphrase"
    auth.login(password=typo)
    auth.login()
    token = csrf_token(client, "/profile")
    cookie = client.get_cookie("learning_session").value
    _change_password(client, typo, NEW_PASSWORD)
    _change_password(client, factories.PASSWORD, NEW_PASSWORD)
    other_token = csrf_token(app.test_client(), "/login")
    client.post("/profile/name", data={"display_name": "X", "csrf_token": other_token})
    newcomer = app.test_client()
    AuthActions(newcomer).register(email="new@example.org", password="a registration secret")
    auth.logout()
    logged = caplog.text + "\n".join(_messages(caplog))
    assert "CSRF failure" in logged and "Password changed" in logged  # the events were logged
    for secret in (
        factories.PASSWORD,
        typo,
        NEW_PASSWORD,
        "a registration secret",
        token,
        other_token,
        cookie,
    ):
        assert secret not in logged


@pytest.mark.parametrize("forged", ["\n", "\r\n", "\r", "\u2028", "\x85"])
def test_a_line_break_cannot_forge_a_log_line(app, client, learner_account, caplog, forged):
    caplog.set_level(logging.INFO)
    fake = f"{forged}2026-01-01 00:00:00 INFO learning.security: Login: user 1 from 10.0.0.1"
    token = csrf_token(client, "/login")
    client.post(
        "/login",
        data={"email": "learner@example.org" + fake, "password": "x" * 12, "csrf_token": token},
    )
    AuthActions(client).login()
    encoded = fake.replace("\n", "%0A").replace("\r", "%0D").replace(" ", "%20")
    token = csrf_token(client, "/")
    client.post(f"/admin/records/AAAA{encoded}/revoke", data={"csrf_token": token})
    client.post(f"/admin/records/AAAA{encoded}/reissue", data={"csrf_token": token})
    forged_lines = [message for message in _messages(caplog) if "10.0.0.1" in message]
    assert len(forged_lines) >= 3, "each attempt was logged"
    for message in forged_lines:
        assert not any(mark in message for mark in ("\n", "\r", "\u2028", "\x85")), message
