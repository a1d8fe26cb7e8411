"""The transaction boundary (learning.transactions): a write request that succeeds is committed
once; an error, an exception or a GET commits nothing; the user loader never commits."""

from __future__ import annotations

from uuid import uuid4

import pytest
from flask import request
from flask_login import current_user
from sqlalchemy import event, func, select

from learning.accounts.models import Organisation, User
from learning.db import existing_session, get_engine, get_session
from learning.extensions import csrf
from learning.transactions import after_commit, keep_changes
from tests import factories
from tests.conftest import AuthActions, make_app, recorded_statements

PROBE = "/probe"


def probe():
    """Reads who is asking (as most views do first), adds an organisation, then answers
    ?status= (or fails on ?fail=1)."""
    current_user.is_authenticated  # noqa: B018 - loads the user
    factories.organisation(get_session(), name=f"Probe {uuid4()}")
    if request.args.get("keep"):
        keep_changes()
    after_commit(request.environ["probe.called"].append, "after commit")
    if request.args.get("fail"):
        raise RuntimeError("the view failed")
    return "done", int(request.args.get("status", 200))


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)  # the 500 page, as in production
    app.add_url_rule(PROBE, view_func=csrf.exempt(probe), methods=["GET", "POST"])

    @app.after_request
    def after_request(response):
        # The application's own handlers (dashboard_cache's) see the transaction ended.
        if "probe.called" in request.environ:
            ended = not existing_session().in_transaction()
            request.environ["probe.called"].append("after_request" if ended else "too early")
        return response

    with app.app_context():
        factories.user(get_session(), email="admin@example.org", role="admin")
        get_session().commit()
    return app


@pytest.fixture
def commits(app) -> list:
    """One entry per COMMIT the application's engine sends."""
    seen: list = []
    event.listen(get_engine(app), "commit", seen.append)
    return seen


def call(client, method: str, **args):
    called: list = []
    response = client.open(
        PROBE, method=method, query_string=args, environ_base={"probe.called": called}
    )
    return response, called


def organisations(db) -> int:
    db.rollback()  # a fresh read, after what the requests committed
    return db.scalar(
        select(func.count(Organisation.id)).where(Organisation.name.startswith("Probe"))
    )


@pytest.mark.parametrize("status", [200, 302])
def test_a_write_request_that_succeeds_is_committed_once(client, db, commits, status):
    response, called = call(client, "POST", status=status)
    assert response.status_code == status
    assert organisations(db) == 1
    assert len(commits) == 1
    assert called == ["after commit", "after_request"]


@pytest.mark.parametrize("status", [400, 404, 409, 500])
def test_a_write_request_answered_with_an_error_commits_nothing(client, db, commits, status):
    response, called = call(client, "POST", status=status)
    assert response.status_code == status
    assert organisations(db) == 0
    assert commits == [] and called == ["after_request"]


def test_an_exception_in_the_view_commits_nothing(client, db, commits):
    response, called = call(client, "POST", fail=1)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    assert organisations(db) == 0
    assert commits == [] and "after commit" not in called


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_safe_request_never_commits(client, db, commits, method):
    response, called = call(client, method)
    assert response.status_code == 200
    assert organisations(db) == 0
    assert commits == [] and called == ["after_request"]


def test_a_page_that_repairs_state_may_keep_its_changes(client, db, commits):
    response, called = call(client, "GET", keep=1)
    assert response.status_code == 200
    assert organisations(db) == 1 and len(commits) == 1
    assert called == ["after commit", "after_request"]
    call(client, "GET", keep=1, status=404)
    assert organisations(db) == 1 and len(commits) == 1


def test_the_user_loader_commits_nothing(client, db, commits, learner_account):
    AuthActions(client).login()
    commits.clear()
    assert client.get("/my-learning").status_code == 200
    assert client.get("/profile").status_code == 200
    response, _called = call(client, "POST", status=400)
    assert response.status_code == 400
    assert commits == []


def test_a_write_request_takes_the_write_lock_from_its_first_read(app, client, db, learner):
    if get_engine(app).dialect.name != "sqlite":
        pytest.skip("BEGIN IMMEDIATE is SQLite's")
    with recorded_statements(app) as statements:
        call(client, "POST")
    assert statements[0] == "BEGIN IMMEDIATE"  # before the user is read
    assert "FROM users" in statements[1]
    with recorded_statements(app) as statements:
        call(client, "GET")
    assert statements[0] == "BEGIN"
    # The intent ends with its request: this thread's next transaction is a plain read.
    call(client, "POST", status=400)
    db.rollback()
    with recorded_statements(app) as statements:
        db.scalar(select(func.count(User.id)))
    assert statements[0] == "BEGIN"


def test_a_failing_commit_is_the_error_page_and_the_cookie_keeps_nothing(app, client, db):
    def refuse(_connection) -> None:
        raise RuntimeError("the disk is full")

    event.listen(get_engine(app), "commit", refuse)
    response = AuthActions(client).register()
    event.remove(get_engine(app), "commit", refuse)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    db.rollback()
    assert db.scalar(select(User.id).where(User.email == "learner@example.org")) is None
    # Neither the login to the account that was not saved (on SQLite its id goes to the next
    # account registered) nor its welcome message reached the cookie.
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = serializer.loads(client.get_cookie("learning_session").value)
    assert "csrf_token" in cookie
    assert "_user_id" not in cookie and "_flashes" not in cookie
