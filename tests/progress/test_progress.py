"""Lesson completion, module completion, resume links and isolation between learners."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from learning.progress.models import Enrolment, LessonProgress
from tests import factories
from tests.conftest import AuthActions, csrf_token

MODULE = "/modules/sample-module"


def complete(client, lesson: str):
    token = csrf_token(client, f"{MODULE}/{lesson}")
    return client.post(f"{MODULE}/{lesson}/complete", data={"csrf_token": token})


def count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def test_start_enrols_once_and_opens_the_first_lesson(client, learner, db):
    for _ in range(2):
        response = client.post(f"{MODULE}/start", data={"csrf_token": csrf_token(client, MODULE)})
        assert response.location == f"{MODULE}/lesson-1"
    assert count(db, Enrolment) == 1


def test_complete_moves_to_the_next_lesson_and_is_idempotent(client, learner, db):
    assert complete(client, "lesson-1").location == f"{MODULE}/lesson-2"
    assert complete(client, "lesson-1").location == f"{MODULE}/lesson-2"
    assert count(db, LessonProgress) == 1
    row = db.scalar(select(LessonProgress))
    assert row.lesson_slug == "lesson-1" and len(row.lesson_version) == 16


def test_reading_every_lesson_leads_to_the_quiz_but_does_not_complete(client, learner, db):
    complete(client, "lesson-1")
    complete(client, "lesson-3")
    response = complete(client, "lesson-2")
    assert response.location == f"{MODULE}/quiz"
    assert db.scalar(select(Enrolment.completed_at)) is None
    page = client.get(MODULE).get_data(as_text=True)
    assert "Take the quiz to complete the module" in page
    dashboard = client.get("/my-learning").get_data(as_text=True)
    assert "Continue: take the quiz" in dashboard and "Quiz: not taken yet" in dashboard


def test_continue_skips_lessons_already_done(client, learner):
    complete(client, "lesson-2")
    assert complete(client, "lesson-1").location == f"{MODULE}/lesson-3"


def test_last_lesson_with_gaps_sends_back_to_the_first_gap(client, learner):
    complete(client, "lesson-1")
    response = complete(client, "lesson-3")
    assert response.location == f"{MODULE}/lesson-2"


def test_resume_link_survives_logout_and_login(client, learner, auth):
    complete(client, "lesson-1")
    auth.logout()
    auth.login()
    page = client.get("/my-learning").get_data(as_text=True)
    assert f'href="{MODULE}/lesson-2"' in page
    assert "Continue where you left off" in page
    assert 'value="25"' in page  # progress bar: 1 of 3 lessons + the quiz


def test_progress_of_another_learner_is_invisible(app, client, learner, db):
    complete(client, "lesson-1")
    factories.user(db, email="other@example.org")
    db.commit()
    other = app.test_client()
    AuthActions(other).login(email="other@example.org")
    page = other.get("/my-learning").get_data(as_text=True)
    assert "Sample module" not in page
    lesson_page = other.get(f"{MODULE}/lesson-1").get_data(as_text=True)
    assert "You completed this lesson." not in lesson_page


def test_get_requests_never_write(client, learner, db):
    for url in (
        "/",
        MODULE,
        f"{MODULE}/lesson-1",
        f"{MODULE}/lesson-2",
        "/my-learning",
        f"{MODULE}/lesson-1/complete",
        f"{MODULE}/start",
    ):
        client.get(url)
    assert count(db, Enrolment) == 0 and count(db, LessonProgress) == 0


def test_completion_without_csrf_token_is_refused(client, learner, db):
    response = client.post(f"{MODULE}/lesson-1/complete")
    assert response.status_code == 400
    assert count(db, LessonProgress) == 0


@pytest.mark.parametrize(
    "url",
    [
        "/modules/nope/lesson-1/complete",
        f"{MODULE}/nope/complete",
        "/modules/nope/start",
    ],
)
def test_unknown_module_or_lesson_is_404(client, learner, url):
    assert client.post(url, data={"csrf_token": csrf_token(client, MODULE)}).status_code == 404


def test_lessons_need_an_account_but_overviews_do_not(client):
    assert client.get(MODULE).status_code == 200
    response = client.get(f"{MODULE}/lesson-1")
    assert response.status_code == 302 and "/login" in response.location
    assert client.post(f"{MODULE}/lesson-1/complete").status_code in (302, 400)


def test_lesson_page_shows_navigation_key_points_and_sources(client, learner):
    page = client.get(f"{MODULE}/lesson-2").get_data(as_text=True)
    assert f'href="{MODULE}/lesson-1"' in page and f'href="{MODULE}/lesson-3"' in page
    assert "Key point of lesson 2." in page
    assert "Review of efforts against trafficking" in page and "para 92" in page
    assert "Mark complete and continue" in page
    assert 'aria-current="page"' in page
    assert "javascript:" not in page
