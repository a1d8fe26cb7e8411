"""The one-time setup page and the users CLI."""

from __future__ import annotations

from sqlalchemy import select

from learning.accounts.models import Role, User
from learning.db import get_session
from tests import factories
from tests.conftest import csrf_token, make_app

ADMIN_FORM = {
    "display_name": "First Admin",
    "email": "root@example.org",
    "password": "a long admin passphrase",
    "confirm": "a long admin passphrase",
    "organisation_kind": "un_agency",
    "organisation_name": "Headquarters",
    "country": "CH",
}


def test_fresh_install_leads_to_setup_then_setup_disappears(tmp_path):
    app = make_app(tmp_path)
    client = app.test_client()
    response = client.get("/")
    assert response.status_code == 302 and response.location == "/setup"
    assert client.get("/modules/sample-module").location == "/setup"
    data = dict(ADMIN_FORM, csrf_token=csrf_token(client, "/setup"))
    response = client.post("/setup", data=data)
    assert response.status_code == 302
    with app.app_context():
        admin = get_session().scalar(select(User).where(User.email == "root@example.org"))
        assert admin.role == Role.ADMIN
    assert client.get("/").status_code == 200
    assert client.get("/setup").status_code == 404
    assert app.test_client().get("/setup").status_code == 404


def test_setup_validates_like_registration(tmp_path):
    app = make_app(tmp_path)
    client = app.test_client()
    data = dict(
        ADMIN_FORM, password="admin", confirm="admin", csrf_token=csrf_token(client, "/setup")
    )
    response = client.post("/setup", data=data)
    assert response.status_code == 200
    assert 'value="root@example.org"' in response.get_data(as_text=True)


def test_no_default_accounts_exist(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        assert get_session().scalars(select(User)).all() == []


def test_cli_create_admin_set_role_and_deactivate(app, runner, db):
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "boss@example.org",
            "--name",
            "Boss",
            "--organisation",
            "HQ",
            "--country",
            "ch",
        ],
        input="a long admin passphrase\na long admin passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert db.scalar(select(User.role).where(User.email == "boss@example.org")) == Role.ADMIN

    factories.user(db, email="t@example.org")
    db.commit()
    result = runner.invoke(args=["users", "set-role", "T@example.org", "trainer"])
    assert result.exit_code == 0 and "trainer" in result.output
    result = runner.invoke(args=["users", "deactivate", "t@example.org"])
    assert result.exit_code == 0
    db.expire_all()
    user = db.scalar(select(User).where(User.email == "t@example.org"))
    assert user.role == Role.TRAINER and not user.is_active and user.session_version == 2


def test_cli_reports_failures_with_non_zero_exit(runner):
    result = runner.invoke(args=["users", "set-role", "ghost@example.org", "admin"])
    assert result.exit_code != 0 and "No user" in result.output
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "weak@example.org",
            "--name",
            "W",
            "--organisation",
            "HQ",
            "--country",
            "CH",
        ],
        input="password\npassword\n",
    )
    assert result.exit_code != 0 and "characters" in result.output


def test_cli_keeps_at_least_one_active_administrator(runner):
    result = runner.invoke(args=["users", "set-role", "admin@example.org", "learner"])
    assert result.exit_code != 0
    assert runner.invoke(args=["users", "deactivate", "admin@example.org"]).exit_code != 0


def test_setup_does_not_choose_the_organisation_kind(tmp_path):
    """Issue 15: setup pre-selected "UN agency" too; an empty choice is refused, all else kept."""
    app = make_app(tmp_path)
    client = app.test_client()
    page = client.get("/setup").get_data(as_text=True)
    assert "selected" not in page.split('name="organisation_kind"', 1)[1].split("</select>")[0]
    data = dict(ADMIN_FORM, organisation_kind="", csrf_token=csrf_token(client, "/setup"))
    response = client.post("/setup", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose the type of your organisation." in page
    assert 'value="root@example.org"' in page and 'value="Headquarters"' in page
