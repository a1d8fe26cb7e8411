"""The lesson page served from memory must be exactly the page the full view renders, and
must check the login as strictly (see learning.web.content.lesson_page)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import update

from learning.accounts.models import User
from learning.web.content import views
from tests import factories
from tests.conftest import CSRF_PATTERN, csrf_token

LESSON = "/modules/sample-module/lesson-1"


@pytest.fixture
def full_views(monkeypatch) -> list[str]:
    """Counts the requests that took the full view."""
    calls: list[str] = []
    original = views._full_lesson

    def counted(module, lesson):
        calls.append(lesson.slug)
        return original(module, lesson)

    monkeypatch.setattr(views, "_full_lesson", counted)
    return calls


def without_tokens(page: str) -> str:
    return CSRF_PATTERN.sub("TOKEN", page)


def test_cached_page_is_the_full_page(client, learner, full_views):
    first = client.get(LESSON)
    second = client.get(LESSON)
    assert first.status_code == second.status_code == 200
    assert full_views == ["lesson-1"]  # the second came from memory
    assert without_tokens(second.get_data(as_text=True)) == without_tokens(
        first.get_data(as_text=True)
    )
    tokens = set(CSRF_PATTERN.findall(second.get_data(as_text=True)))
    assert len(tokens) == 1 and "@@" not in second.get_data(as_text=True)


def test_cached_page_token_is_accepted(client, learner):
    client.get(LESSON)
    token = csrf_token(client, LESSON)  # from memory
    response = client.post(f"{LESSON}/complete", data={"csrf_token": token})
    assert response.status_code == 302


def test_each_progress_state_gets_its_own_page(client, learner, full_views):
    client.get(LESSON)
    client.post(f"{LESSON}/complete", data={"csrf_token": csrf_token(client, LESSON)})
    page = client.get(LESSON).get_data(as_text=True)
    assert "You completed this lesson." in page and "1 of 3 lessons complete" in page
    assert len(full_views) == 2
    assert "You completed this lesson." in client.get(LESSON).get_data(as_text=True)
    assert len(full_views) == 2


def test_learners_do_not_share_progress(app, client, learner, full_views):
    client.post(f"{LESSON}/complete", data={"csrf_token": csrf_token(client, LESSON)})
    client.get(LESSON)
    other = app.test_client()
    with app.app_context():
        from learning.db import get_session

        factories.user(get_session(), email="other@example.org")
        get_session().commit()
    token = re.search(CSRF_PATTERN, other.get("/login").get_data(as_text=True)).group(1)
    other.post(
        "/login",
        data={"email": "other@example.org", "password": factories.PASSWORD, "csrf_token": token},
    )
    page = other.get(LESSON).get_data(as_text=True)
    assert "You completed this lesson." not in page and "0 of 3 lessons complete" in page


def test_administrators_get_their_menu(app, client, auth, full_views):
    auth.login("admin@example.org")
    client.get(LESSON)
    page = client.get(LESSON).get_data(as_text=True)
    assert "/admin/users" in page and len(full_views) == 1


def test_copied_cookie_is_refused_after_logout_even_when_cached(app, client, auth, learner):
    client.get(LESSON)
    stolen = client.get_cookie("learning_session").value
    auth.logout()
    thief = app.test_client()
    thief.set_cookie("learning_session", stolen)
    response = thief.get(LESSON)
    assert response.status_code == 302 and "/login" in response.location


def test_deactivated_learner_is_refused_even_when_cached(client, learner, db):
    client.get(LESSON)
    db.execute(update(User).where(User.email == "learner@example.org").values(is_active=False))
    db.commit()
    response = client.get(LESSON)
    assert response.status_code == 302 and "/login" in response.location


def test_visitors_are_sent_to_log_in(client):
    response = client.get(LESSON)
    assert response.status_code == 302 and "/login" in response.location


def test_messages_are_shown_once_and_never_cached(client, learner, full_views):
    client.get(LESSON)  # the usual page is cached
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A one-off message")]
    assert "A one-off message" in client.get(LESSON).get_data(as_text=True)
    assert "A one-off message" not in client.get(LESSON).get_data(as_text=True)
    assert len(full_views) == 2  # the page with the message was not kept


def test_unknown_lesson_is_404(client, learner):
    assert client.get("/modules/sample-module/nope").status_code == 404
    assert client.get("/modules/nope/lesson-1").status_code == 404
