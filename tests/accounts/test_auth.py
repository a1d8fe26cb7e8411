"""Loading the user of a session (learning.accounts.auth.load_user)."""

from __future__ import annotations

import time

from flask import session
from sqlalchemy import event, func, select

from learning.accounts.auth import load_user
from learning.accounts.models import Organisation, User
from learning.db import get_engine, get_session, write_intent
from tests import factories
from tests.conftest import recorded_statements


def test_the_user_is_read_in_the_request_transaction_and_nothing_is_committed(app, db):
    user = factories.user(db, email="someone@example.org")
    db.commit()
    commits: list = []
    event.listen(get_engine(app), "commit", commits.append)
    with (
        recorded_statements(app) as statements,
        app.test_request_context(method="POST"),
        write_intent(),
    ):
        token = session["_user_id"] = user.get_id()
        session["login_at"] = time.time()
        fresh = load_user(token)
        assert fresh is not None and fresh.email == "someone@example.org"
        # Left open for the view: a write request's first read already took the write lock.
        assert get_session().in_transaction()
        # A view that has already started its work keeps it in the same transaction:
        get_session().add(
            Organisation(name="Pending", name_key="pending", kind="ngo", country="KE")
        )
        assert load_user(token) is not None
        get_session().rollback()
    assert commits == []
    if get_engine(app).dialect.name == "sqlite":
        assert statements[0] == "BEGIN IMMEDIATE"
    assert (
        db.scalar(
            select(func.count()).select_from(Organisation).where(Organisation.name == "Pending")
        )
        == 0
    )


def test_a_stale_session_version_loads_nobody(app, db):
    user = factories.user(db, email="someone@example.org")
    db.commit()
    with app.test_request_context():
        session["login_at"] = time.time()
        session["_user_id"] = f"{user.id}.{user.session_version + 1}"
        assert load_user(session["_user_id"]) is None
        session["_user_id"] = "not-a-token"
        assert load_user(session["_user_id"]) is None
    assert db.get(User, user.id) is not None
