"""Attempt limits and the wait after a failed attempt (grants: tests/workshops)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from learning.quizzes.models import QuizAttempt
from tests.quizzes.helpers import QUIZ, item_url, play_all, start, submit


def limit(app, **rules) -> None:
    quiz = app.extensions["learning.catalogue"].quiz("sample-quiz")
    for name, value in rules.items():
        object.__setattr__(quiz, name, value)


def fail(client, number: int) -> None:
    assert start(client) == item_url(number, "pick-one")
    play_all(client, number=number, good=False)
    submit(client, number)


def test_the_attempt_limit_is_enforced_and_explained(app, client, learner, db):
    limit(app, max_attempts=1)
    fail(client, 1)
    assert start(client) == QUIZ  # refused, back to the overview
    page = client.get(QUIZ).get_data(as_text=True)
    assert "used all 1 attempts" in page and "Start a new attempt" not in page
    assert db.scalar(select(QuizAttempt.attempt_no).order_by(QuizAttempt.id.desc())) == 1


def test_a_failed_attempt_starts_the_wait(app, client, learner, db):
    limit(app, retake_wait_hours=24)
    fail(client, 1)
    assert start(client) == QUIZ
    assert "You can try this quiz again from" in client.get(QUIZ).get_data(as_text=True)
    attempt = db.scalar(select(QuizAttempt))
    attempt.submitted_at -= timedelta(hours=25)
    db.commit()
    assert start(client) == item_url(2, "pick-one")
