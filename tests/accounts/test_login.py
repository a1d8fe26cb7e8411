"""Login, logout and the session: enumeration, fixation, replay, redirects, deactivation."""

from __future__ import annotations

import pytest

from learning.accounts import services
from tests import factories
from tests.conftest import csrf_token


def test_login_and_logout(client, auth, learner_account):
    assert auth.login().status_code == 302
    assert client.get("/my-learning").status_code == 200
    assert auth.logout().status_code == 302
    assert client.get("/my-learning").status_code == 302


def test_unknown_email_and_wrong_password_look_the_same(auth, learner_account):
    unknown = auth.login(email="nobody@example.org")
    wrong = auth.login(password="not the right password")
    assert unknown.status_code == wrong.status_code == 200
    message = "The e-mail address or password is not correct."
    assert message in unknown.get_data(as_text=True)
    assert message in wrong.get_data(as_text=True)


def test_failed_login_keeps_the_email_typed(auth, learner_account):
    page = auth.login(password="wrong password!").get_data(as_text=True)
    assert 'value="learner@example.org"' in page


def test_missing_csrf_token_is_refused(client, learner_account):
    response = client.post(
        "/login", data={"email": "learner@example.org", "password": factories.PASSWORD}
    )
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)


def test_session_is_renewed_at_login(client, auth, learner_account):
    client.get("/login")
    before = client.get_cookie("learning_session").value
    auth.login()
    assert client.get_cookie("learning_session").value != before


def test_copied_cookie_is_useless_after_logout(app, client, auth, learner_account):
    auth.login()
    stolen = client.get_cookie("learning_session").value
    auth.logout()
    thief = app.test_client()
    thief.set_cookie("learning_session", stolen)
    response = thief.get("/my-learning")
    assert response.status_code == 302 and "/login" in response.location


def test_deactivated_user_is_logged_out_at_next_request(client, auth, learner_account, db):
    auth.login()
    services.deactivate(db, "learner@example.org")
    db.commit()
    assert client.get("/my-learning").status_code == 302
    assert auth.login().status_code == 200  # and cannot log in again


def test_tampered_cookie_is_ignored(client, auth, learner_account):
    auth.login()
    value = client.get_cookie("learning_session").value
    flipped = "A" if value[-2] != "A" else "B"
    client.set_cookie("learning_session", value[:-2] + flipped + value[-1])
    assert client.get("/my-learning").status_code == 302


def test_session_expires_after_absolute_lifetime(app, client, auth, learner_account):
    auth.login()
    with client.session_transaction() as session:
        session["login_at"] -= app.config["SESSION_ABSOLUTE_LIFETIME"].total_seconds() + 1
    assert client.get("/my-learning").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "http:/evil.example",
        "/%0d%0aSet-Cookie:x",
        "javascript:alert(1)",
    ],
)
def test_open_redirects_are_refused(auth, learner_account, target):
    response = auth.login(next_url=target)
    assert response.status_code == 302
    assert response.location == "/my-learning"


def test_same_site_next_is_followed(auth, learner_account):
    assert auth.login(next_url="/modules/sample-module").location == "/modules/sample-module"


def test_logout_by_get_is_not_possible(client, auth, learner_account):
    auth.login()
    assert client.get("/logout").status_code == 405
    assert client.get("/my-learning").status_code == 200


def test_cookie_flags(auth, learner_account):
    cookies = auth.login().headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("learning_session="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie


def test_production_config_sets_secure_cookies(tmp_path, monkeypatch):
    from learning.app import create_app

    monkeypatch.setenv("LEARNING_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "p" * 48)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite3'}")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert not app.debug


def test_csrf_token_of_another_session_is_refused(app, learner_account):
    other = app.test_client()
    token = csrf_token(other, "/login")
    mine = app.test_client()
    mine.get("/login")
    response = mine.post(
        "/login",
        data={"email": "learner@example.org", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 400
