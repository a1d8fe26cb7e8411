"""Administrators find users, appoint trainers and (de)activate accounts; nobody else can."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select

from learning.accounts.models import Role, User
from learning.admin import services
from learning.db import get_engine, get_session
from learning.errors import DomainError
from learning.web.admin.views import bp as admin_users_bp
from tests import factories
from tests.conftest import AuthActions, csrf_token, make_app, recorded_statements

USER_LINK = re.compile(r'href="/admin/users/(\d+)"')
XSS = "<script>alert(1)</script>{{7*7}}"


@pytest.fixture
def app(tmp_path):
    """The conftest app, plus this blueprint until create_app registers it."""
    app = make_app(tmp_path)
    if "admin_users" not in app.blueprints:
        app.register_blueprint(admin_users_bp)
    with app.app_context():
        factories.user(
            get_session(),
            email="admin@example.org",
            role="admin",
            display_name="Ada Admin",
            country="CH",
        )
        get_session().commit()
    yield app
    get_engine(app).dispose()


@pytest.fixture
def admin(app):
    client = app.test_client()
    AuthActions(client).login(email="admin@example.org")
    return client


@pytest.fixture
def people(db):
    """Three users besides the administrator, and everyone's id by first name."""
    kenya = factories.organisation(db, name="Field NGO", country="KE")
    france = factories.organisation(db, name="Police nationale", kind="government", country="FR")
    jordan = factories.organisation(db, name="Société Amal", country="JO")
    amina = factories.user(
        db, email="amina@ngo.example", display_name="Amina Otieno", organisation=kenya, country="KE"
    )
    jean = factories.user(
        db,
        email="jean.dupont@police.example",
        display_name="Jean Dupont",
        organisation=france,
        country="FR",
        role="trainer",
    )
    layla = factories.user(
        db,
        email="layla@amal.example",
        display_name="Layla Haddad",
        organisation=jordan,
        country="JO",
        is_active=False,
    )
    ada = db.scalar(select(User.id).where(User.email == "admin@example.org"))
    db.commit()  # after every read, so the next reads see what requests change
    return {"ada": ada, "amina": amina.id, "jean": jean.id, "layla": layla.id}


def listed(client, query: str = "") -> list[int]:
    response = client.get(f"/admin/users?{query}")
    assert response.status_code == 200
    return [int(user_id) for user_id in USER_LINK.findall(response.text)]


def post(client, url: str, data: dict | None = None):
    token = csrf_token(client, "/admin/users")
    return client.post(url, data={"csrf_token": token, **(data or {})}, follow_redirects=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"ada", "amina", "jean", "layla"}),
        ("q=otIENO", {"amina"}),  # name, any case
        ("q=DUPONT@police", {"jean"}),
        ("q=police+NAT", {"jean"}),  # e-mail, organisation
        ("q=SOCIÉTÉ", {"layla"}),  # organisation, case-folded beyond ASCII
        ("q=jo", {"layla"}),
        ("q=kenya", {"amina"}),  # country code, country name
        ("q=%25", set()),  # a typed % is not a wildcard
        ("role=trainer", {"jean"}),
        ("role=admin", {"ada"}),
        ("status=deactivated", {"layla"}),
        ("status=active", {"ada", "amina", "jean"}),
        ("q=a&role=learner&status=active", {"amina"}),
        ("role=superuser", {"ada", "amina", "jean", "layla"}),  # invalid filters are ignored
    ],
)
def test_search_and_filters(admin, people, query, expected):
    assert set(listed(admin, query)) == {people[name] for name in expected}


def test_pagination_is_stable_and_keeps_filters(admin, db):
    for number in range(60):
        factories.user(db, display_name=f"Person {59 - number:02d}")
    db.commit()
    first, second = listed(admin), listed(admin, "page=2")
    assert len(first) == 50 and len(second) == 11 and not set(first) & set(second)
    names = dict(db.execute(select(User.id, User.display_name)).all())
    ordered = sorted(names, key=lambda user_id: (names[user_id].lower(), user_id))
    assert first + second == ordered
    page = admin.get("/admin/users?q=person&role=learner").text
    assert "page 1 of 2" in page and "/admin/users?page=2&amp;q=person&amp;role=learner" in page
    assert len(listed(admin, "q=person&page=2")) == 10
    assert listed(admin, "page=99") == [] and len(listed(admin, "page=0")) == 50


def test_list_and_user_page_show_details_and_records(admin, db, people):
    page = admin.get("/admin/users?q=jean").text
    for text in (
        "Jean Dupont",
        "jean.dupont@police.example",
        "Police nationale",
        "France",
        "Trainer",
        "active",
        "never",
    ):
        assert text in page
    assert "deactivated" in admin.get("/admin/users?q=layla").text
    amina = db.get(User, people["amina"])
    record = factories.record(db, amina, slug="foundations", title="Foundations of protection")
    db.commit()
    page = admin.get(f"/admin/users/{amina.id}").text
    for text in (
        "Amina Otieno",
        "amina@ngo.example",
        "Field NGO",
        "Kenya",
        "Learner",
        "Foundations of protection",
        "valid",
        f"/verify/{record.verification_code}",
    ):
        assert text in page
    assert "No completion records yet." in admin.get(f"/admin/users/{people['jean']}").text


def test_appoint_a_trainer(admin, db, people, caplog):
    amina, url = people["amina"], f"/admin/users/{people['amina']}/role"
    with caplog.at_level(logging.INFO, logger="learning.security"):
        response = post(admin, url, {"role": "trainer"})
    assert response.request.path == f"/admin/users/{amina}"
    assert "Amina Otieno now has the role: Trainer." in response.text
    assert db.get(User, amina).role == Role.TRAINER
    assert f"{amina} changed from learner to trainer by user {people['ada']}" in caplog.text
    assert "already has that role" in post(admin, url, {"role": "trainer"}).text
    assert "Choose a role" in post(admin, url, {"role": "superuser"}).text


def test_administrators_cannot_demote_or_deactivate_themselves(admin, db, people):
    ada = people["ada"]
    assert (
        "cannot remove your own administrator role"
        in post(admin, f"/admin/users/{ada}/role", {"role": "learner"}).text
    )
    assert (
        "cannot deactivate your own account" in post(admin, f"/admin/users/{ada}/deactivate").text
    )
    user = db.get(User, ada)
    assert user.role == Role.ADMIN and user.is_active and user.session_version == 1


def test_another_administrator_can_be_demoted_but_one_always_remains(admin, db, people):
    other = factories.user(db, role="admin", display_name="Ola Other").id
    db.commit()
    post(admin, f"/admin/users/{other}/role", {"role": "learner"})
    assert db.get(User, other).role == Role.LEARNER
    with pytest.raises(DomainError, match="At least one active administrator"):
        services.change_role(db, people["ada"], Role.TRAINER, acting_user_id=None)
    with pytest.raises(DomainError, match="At least one active administrator"):
        services.deactivate(db, people["ada"], acting_user_id=None)
    # A deactivated administrator does not count as the one that remains.
    db.get(User, other).role = Role.ADMIN
    services.deactivate(db, other, acting_user_id=None)
    with pytest.raises(DomainError, match="At least one active administrator"):
        services.change_role(db, people["ada"], Role.LEARNER, acting_user_id=other)
    db.rollback()


def test_deactivate_ends_sessions_and_reactivate_restores_login(app, admin, db, people, caplog):
    amina, page = people["amina"], f"/admin/users/{people['amina']}"
    learner = app.test_client()
    auth = AuthActions(learner)
    auth.login(email="amina@ngo.example")
    assert learner.get("/my-learning").status_code == 200
    with caplog.at_level(logging.INFO, logger="learning.security"):
        text = post(admin, f"{page}/deactivate").text
    assert "Amina Otieno is deactivated" in text and "Reactivate" in text
    assert f"User {amina} deactivated (sessions ended) by user {people['ada']}" in caplog.text
    response = learner.get("/my-learning")
    assert response.status_code == 302 and "/login" in response.location
    assert auth.login(email="amina@ngo.example").status_code == 200  # refused
    user = db.get(User, amina)
    assert not user.is_active and user.session_version == 2
    assert "already deactivated" in post(admin, f"{page}/deactivate").text
    assert "can log in again" in post(admin, f"{page}/reactivate").text
    db.rollback()  # end this session's read snapshot
    assert db.get(User, amina).is_active
    assert auth.login(email="amina@ngo.example").status_code == 302
    assert "already active" in post(admin, f"{page}/reactivate").text


@pytest.mark.parametrize("action", ["role", "deactivate", "reactivate"])
def test_missing_csrf_token_is_refused(admin, db, people, action):
    user_id = people["layla"] if action == "reactivate" else people["amina"]
    assert admin.post(f"/admin/users/{user_id}/{action}", data={"role": "admin"}).status_code == 400
    user = db.get(User, user_id)
    assert (user.role, user.is_active) == (Role.LEARNER, action != "reactivate")


def _routes(user_id: int) -> list[tuple[str, str]]:
    page = f"/admin/users/{user_id}"
    return [
        ("GET", "/admin/users"),
        ("GET", page),
        ("POST", f"{page}/role"),
        ("POST", f"{page}/deactivate"),
        ("POST", f"{page}/reactivate"),
    ]


@pytest.mark.parametrize("role", ["learner", "trainer"])
def test_learners_and_trainers_are_refused(app, db, people, role):
    factories.user(db, email="someone@example.org", role=role)
    db.commit()
    client = app.test_client()
    AuthActions(client).login(email="someone@example.org")
    for method, url in _routes(people["layla"]):
        data = {"csrf_token": csrf_token(client, "/"), "role": "admin"}
        assert client.open(url, method=method, data=data).status_code == 403, url
    assert db.get(User, people["layla"]).role == Role.LEARNER


def test_anonymous_visitors_are_sent_to_log_in(client, people):
    for method, url in _routes(people["amina"]):
        token = csrf_token(client, "/login")
        response = client.open(url, method=method, data={"csrf_token": token})
        assert response.status_code == 302 and "/login" in response.location, url


def test_unknown_user_is_404(admin, people):
    for method, url in _routes(99999)[1:]:
        data = {"csrf_token": csrf_token(admin, "/admin/users"), "role": "trainer"}
        assert admin.open(url, method=method, data=data).status_code == 404, url


def test_names_are_shown_literally(admin, db):
    evil = factories.organisation(db, name="<b>Org</b>")
    user_id = factories.user(db, display_name=XSS, organisation=evil).id
    db.commit()
    pages = [
        admin.get("/admin/users").text,
        admin.get(f"/admin/users/{user_id}").text,
        post(admin, f"/admin/users/{user_id}/role", {"role": "trainer"}).text,
    ]
    for page in pages:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;{{7*7}}" in page
        assert "<script>" not in page
    assert "&lt;b&gt;Org&lt;/b&gt;" in pages[0]


def test_the_list_costs_the_same_queries_for_5_or_60_users(app, admin, db):
    counts: list[int] = []
    for first, last in ((0, 5), (5, 60)):
        for number in range(first, last):
            organisation = factories.organisation(db, name=f"Organisation {number}")
            factories.user(db, organisation=organisation)
        db.commit()
        with recorded_statements(app) as statements:
            assert len(listed(admin, "q=example")) == min(50, last + 1)
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 5, counts  # BEGIN, the user, the count, the page


def test_the_list_shows_when_each_user_last_logged_in(app, admin, db, people):
    """Issue 15: "Last login: never" for people who had logged in, by registering (a new
    account starts logged in) as well as through the login form."""
    AuthActions(app.test_client()).login(email="amina@ngo.example")
    AuthActions(app.test_client()).register(email="new@ngo.example", display_name="Nadia New")
    for email in ("amina@ngo.example", "new@ngo.example"):
        user = db.scalar(select(User).where(User.email == email))
        assert user.last_login_at is not None, email
        row = admin.get(f"/admin/users?q={email}").text.split(email, 1)[1].split("</tr>", 1)[0]
        assert "never" not in row, email
        details = admin.get(f"/admin/users/{user.id}").text
        assert "never" not in details.split("Last login", 1)[1].split("</dd>", 1)[0], email
