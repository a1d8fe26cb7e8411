"""Concurrent requests by one learner (double clicks, two tabs) record exactly one result.

Each thread has its own test client carrying the same session cookie, and a barrier releases
them together, so the requests really overlap inside the application and the database.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from learning.quizzes.models import AttemptStatus, QuizAnswer, QuizAttempt, ScenarioDecision
from tests.quizzes.helpers import QUIZ, item_url, play_all, start, token

THREADS = 12


def fire(app, client, url: str, data: dict, threads: int = THREADS) -> list[int]:
    """POST ``data`` to ``url`` from ``threads`` tabs of the same browser at the same instant."""
    cookie = client.get_cookie("learning_session").value
    barrier = threading.Barrier(threads)
    statuses: list[int] = []
    lock = threading.Lock()

    def one() -> None:
        tab = app.test_client()
        tab.set_cookie("learning_session", cookie)
        barrier.wait()
        status = tab.post(url, data=data).status_code
        with lock:
            statuses.append(status)

    workers = [threading.Thread(target=one) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return statuses


def count(db, model) -> int:
    db.rollback()
    return db.scalar(select(func.count()).select_from(model))


def test_parallel_starts_create_one_attempt(app, client, learner, db):
    statuses = fire(app, client, f"{QUIZ}/start", {"csrf_token": token(client)})
    assert statuses == [302] * THREADS
    assert count(db, QuizAttempt) == 1


def test_parallel_starts_respect_the_attempt_limit(app, client, learner, db):
    quiz = app.extensions["learning.catalogue"].quiz_for("sample-module")
    object.__setattr__(quiz, "max_attempts", 1)
    start(client)
    play_all(client, good=False)
    fire(app, client, f"{QUIZ}/attempts/1/submit", {"csrf_token": token(client)})
    statuses = fire(app, client, f"{QUIZ}/start", {"csrf_token": token(client)})
    assert statuses == [302] * THREADS
    assert count(db, QuizAttempt) == 1


def test_double_submission_grades_once(app, client, learner, db):
    start(client)
    play_all(client)
    statuses = fire(app, client, f"{QUIZ}/attempts/1/submit", {"csrf_token": token(client)})
    assert statuses == [302] * THREADS
    db.rollback()
    attempt = db.scalar(select(QuizAttempt))
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.points == 7
    assert count(db, QuizAttempt) == 1


def test_double_click_on_a_scenario_decision_records_one(app, client, learner, db):
    start(client)
    statuses = fire(
        app,
        client,
        item_url(1, "the-scenario"),
        {"csrf_token": token(client), "node": "first", "choice": "listen"},
    )
    assert sorted(set(statuses)) <= [302, 400] and 500 not in statuses
    assert statuses.count(302) == 1
    assert count(db, ScenarioDecision) == 1
    db.rollback()
    response = db.scalar(select(QuizAnswer.response))
    assert [step["node"] for step in response["steps"]] == ["first"]


def test_two_tabs_answering_the_same_question_keep_one_answer(app, client, learner, db):
    start(client)
    statuses = fire(
        app, client, item_url(1, "pick-one"), {"csrf_token": token(client), "choice": "right"}
    )
    assert statuses == [302] * THREADS
    assert count(db, QuizAnswer) == 1
