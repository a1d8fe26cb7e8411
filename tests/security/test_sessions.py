"""Gaps left by tests/accounts: login timing (RELIABILITY A4) and the idle timeout (B6)."""

from __future__ import annotations

import time

from learning.accounts import passwords


def test_an_unknown_address_costs_the_same_password_check(auth, learner_account, monkeypatch):
    """Same message: tests/accounts/test_login.py::test_unknown_email_and_wrong_password_look_
    the_same. Same work: one scrypt verification either way, so timing reveals nothing."""
    hashes: list[str] = []
    real = passwords.check_password_hash

    def counting(pwhash: str, password: str) -> bool:
        hashes.append(pwhash.split("$")[0])
        return real(pwhash, password)

    monkeypatch.setattr(passwords, "check_password_hash", counting)
    auth.login(email="nobody@example.org", password="a wrong passphrase")
    unknown = list(hashes)
    hashes.clear()
    auth.login(password="a wrong passphrase")
    assert len(unknown) == len(hashes) == 1
    assert unknown[0] == hashes[0], "the dummy hash has the same algorithm and cost"


def test_sessions_end_after_12_idle_hours_but_activity_keeps_them(
    client, auth, learner_account, monkeypatch
):
    auth.login()
    real = time.time
    hours = {"now": 0.0}
    monkeypatch.setattr(time, "time", lambda: real() + hours["now"] * 3600)
    for now in (11, 22, 33):  # each request within 12 hours of the previous one
        hours["now"] = now
        assert client.get("/my-learning").status_code == 200, f"logged out at {now} h"
    hours["now"] = 33 + 12.1
    response = client.get("/my-learning")
    assert response.status_code == 302 and "/login" in response.location
