"""Profile: change display name and password (which ends other sessions)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from learning.accounts.models import User
from tests import factories
from tests.conftest import csrf_token


@pytest.fixture
def logged_in(auth, db):
    factories.user(db, email="learner@example.org", display_name="Old Name")
    db.commit()
    auth.login()


def _name_of(db) -> str:
    db.expire_all()
    return db.scalar(select(User.display_name).where(User.email == "learner@example.org"))


def test_change_display_name(client, logged_in, db):
    token = csrf_token(client, "/profile")
    response = client.post(
        "/profile/name", data={"display_name": "  New   Name ", "csrf_token": token}
    )
    assert response.status_code == 302
    assert _name_of(db) == "New Name"


def test_invalid_name_is_refused_and_kept(client, logged_in, db):
    token = csrf_token(client, "/profile")
    response = client.post("/profile/name", data={"display_name": "x" * 121, "csrf_token": token})
    assert response.status_code == 400
    assert _name_of(db) == "Old Name"


def _change_password(client, current: str, new: str, confirm: str | None = None):
    token = csrf_token(client, "/profile")
    return client.post(
        "/profile/password",
        data={
            "current_password": current,
            "new_password": new,
            "confirm": new if confirm is None else confirm,
            "csrf_token": token,
        },
    )


def test_password_change_needs_the_current_password(client, logged_in, auth):
    response = _change_password(client, "not my password", "a brand new passphrase")
    assert response.status_code == 400
    assert "current password is not correct" in response.get_data(as_text=True)
    auth.logout()
    assert auth.login(password="a brand new passphrase").status_code == 200


def test_password_change_refuses_weak_passwords(client, logged_in):
    assert _change_password(client, factories.PASSWORD, "password123").status_code == 400
    assert _change_password(client, factories.PASSWORD, "abc").status_code == 400


def test_password_change_logs_out_other_devices_but_not_this_one(app, client, logged_in, auth):
    other_device = app.test_client()
    AuthOther = type(auth)
    AuthOther(other_device).login()
    assert other_device.get("/my-learning").status_code == 200

    response = _change_password(client, factories.PASSWORD, "a brand new passphrase")
    assert response.status_code == 302
    assert client.get("/my-learning").status_code == 200
    assert other_device.get("/my-learning").status_code == 302

    auth.logout()
    assert auth.login(password=factories.PASSWORD).status_code == 200
    assert auth.login(password="a brand new passphrase").status_code == 302


def test_profile_requires_login(client):
    response = client.get("/profile")
    assert response.status_code == 302 and "/login?next=" in response.location
