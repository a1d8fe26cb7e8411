"""The whole attempt flow through the client: answering, submitting, results, retakes,
completion, and the integrity rules (no answer key in pages, no tampering, no IDOR)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from learning.progress.models import Enrolment
from learning.quizzes.models import AttemptStatus, QuizAnswer, QuizAttempt, ScenarioDecision
from tests import factories
from tests.conftest import AuthActions
from tests.quizzes.helpers import (
    QUIZ,
    answer,
    item_url,
    play_all,
    read_lessons,
    start,
    submit,
    token,
)


def test_start_answer_submit_and_see_the_result(client, learner, db):
    assert start(client) == item_url(1, "pick-one")
    play_all(client)
    response = submit(client)
    assert response.location == f"{QUIZ}/attempts/1/result"
    page = client.get(response.location).get_data(as_text=True)
    assert "100%" in page and "Passed" in page
    assert "Because the first one is right." in page  # the explanation
    assert "Review of efforts against trafficking" in page and "para 94" in page  # the source
    assert "A safe referral" in page and "Your path, decision by decision" in page
    assert "It is trafficking." in page and "Model answer" in page
    attempt = db.scalar(select(QuizAttempt))
    assert (attempt.status, attempt.points, attempt.max_points) == (AttemptStatus.SUBMITTED, 7, 7)
    assert db.scalar(select(func.count()).select_from(QuizAnswer)) == 4
    assert [
        d.node_id for d in db.scalars(select(ScenarioDecision).order_by(ScenarioDecision.step_no))
    ] == ["first", "second"]


def test_pages_reveal_no_answers_before_answering(client, learner):
    start(client)
    pages = [
        client.get(item_url(1, q)).get_data(as_text=True)
        for q in ("pick-one", "pick-many", "the-scenario", "the-case")
    ]
    text = "\n".join(pages)
    for secret in (
        "Yes, this is right.",
        "Because the first one is right.",
        "correct",
        "She relaxes.",
        "good-end",
        "bad-end",
        "mixed-end",
        "second",
        "It is trafficking; refer the person.",
        "Names the means",
        "points",
    ):
        assert secret not in text, secret
    assert "Ask about the hidden detail" not in text  # not offered at this point


def test_the_scenario_shows_each_consequence_then_the_ending(client, learner):
    start(client)
    response = answer(client, 1, "the-scenario", node="first", choice="listen")
    assert response.location == item_url(1, "the-scenario")
    page = client.get(response.location).get_data(as_text=True)
    assert "She relaxes." in page and "What next?" in page
    assert "Ask about the hidden detail" in page  # unlocked by the trust counter
    answer(client, 1, "the-scenario", node="second", choice="wait")
    page = client.get(item_url(1, "the-scenario")).get_data(as_text=True)
    assert "Ending: A slow start" in page
    # Until the learner passes, the path shows what they chose and that it was not the better
    # decision, never which one was: a retake would otherwise test memory.
    assert "not the better decision" in page
    assert "A better decision:" not in page and "Help came late." not in page


@pytest.mark.parametrize(
    "fields",
    [
        {"node": "second", "choice": "refer"},  # skip ahead
        {"node": "first", "choice": "secret"},  # a choice not offered here
        {"node": "first"},
    ],
)
def test_scenario_tampering_is_refused_with_a_message(client, learner, db, fields):
    start(client)
    response = answer(client, 1, "the-scenario", **fields)
    assert response.status_code == 400
    assert "error-summary" in response.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(ScenarioDecision)) == 0


def test_extra_fields_do_not_change_the_score(client, learner, db):
    start(client)
    answer(
        client,
        1,
        "pick-one",
        choice="wrong",
        score="100",
        correct="1",
        points="99",
        attempt_no="7",
        user_id="1",
    )
    play_all(client, good=False)
    submit(client)
    attempt = db.scalar(select(QuizAttempt))
    assert attempt.points == 0 and attempt.passed is False and attempt.attempt_no == 1


def test_incomplete_attempt_cannot_be_submitted(client, learner, db):
    start(client)
    answer(client, 1, "pick-one", choice="right")
    response = submit(client)
    assert response.location == f"{QUIZ}/attempts/1"
    assert db.scalar(select(QuizAttempt.status)) == AttemptStatus.IN_PROGRESS
    assert "Finish every question" in client.get(response.location).get_data(as_text=True)


def test_a_submitted_attempt_is_final(client, learner, db):
    start(client)
    play_all(client, good=False)
    submit(client)
    assert submit(client).location == f"{QUIZ}/attempts/1/result"
    response = answer(client, 1, "pick-one", choice="right")
    assert response.location == f"{QUIZ}/attempts/1/result"
    assert db.scalar(select(QuizAttempt.points)) == 0


def test_retake_after_failing_and_dashboard_shows_best(client, learner, db):
    start(client)
    play_all(client, good=False)
    submit(client)
    assert start(client) == item_url(2, "pick-one")
    play_all(client, number=2)
    submit(client, 2)
    page = client.get("/my-learning").get_data(as_text=True)
    assert "best score 100%" in page and "2 attempts" in page and "passed" in page


def test_max_attempts_is_enforced(app, client, learner, db):
    quiz = app.extensions["learning.catalogue"].quiz_for("sample-module")
    object.__setattr__(quiz, "max_attempts", 1)
    start(client)
    play_all(client, good=False)
    submit(client)
    response = client.post(f"{QUIZ}/start", data={"csrf_token": token(client)})
    assert response.location == QUIZ
    assert "used all 1 attempts" in client.get(QUIZ).get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(QuizAttempt)) == 1


def test_a_changed_quiz_closes_the_open_attempt_cleanly(client, learner, db):
    start(client)
    answer(client, 1, "pick-one", choice="right")
    db.execute(QuizAttempt.__table__.update().values(quiz_version="0000000000000000"))
    db.commit()
    response = client.get(item_url(1, "pick-many"))
    assert response.location == QUIZ
    assert "quiz was updated" in client.get(QUIZ).get_data(as_text=True)
    assert db.scalar(select(QuizAttempt.status)) == AttemptStatus.OUTDATED
    assert start(client) == item_url(2, "pick-one")
    assert db.scalar(select(func.count()).select_from(QuizAnswer)) == 1  # kept for the record


def test_other_learners_attempts_do_not_exist_for_me(app, client, learner, db):
    start(client)
    factories.user(db, email="other@example.org")
    db.commit()
    other = app.test_client()
    AuthActions(other).login(email="other@example.org")
    for url in (item_url(1, "pick-one"), f"{QUIZ}/attempts/1", f"{QUIZ}/attempts/1/result"):
        assert other.get(url).status_code == 404
    assert answer(other, 1, "pick-one", choice="right").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        f"{QUIZ}/attempts/abc/pick-one",
        f"{QUIZ}/attempts/-1/pick-one",
        f"{QUIZ}/attempts/99999999999/pick-one",
        f"{QUIZ}/attempts/1/no-such-question",
        "/modules/nope/quiz",
    ],
)
def test_malformed_ids_are_404(client, learner, url):
    assert client.get(url).status_code == 404


def test_module_completes_exactly_once_when_lessons_and_quiz_are_done(client, learner, db):
    start(client)
    play_all(client)
    submit(client)
    assert db.scalar(select(Enrolment.completed_at)) is None  # lessons not read yet
    db.rollback()  # end this read so the next one sees what the requests committed
    read_lessons(client)
    completed_at = db.scalar(select(Enrolment.completed_at))
    assert completed_at is not None
    start(client)
    play_all(client, number=2)
    submit(client, 2)
    db.rollback()
    assert db.scalar(select(Enrolment.completed_at)) == completed_at
    assert "Completed" in client.get("/my-learning").get_data(as_text=True)


def test_passing_the_quiz_last_completes_the_module(client, learner, db):
    read_lessons(client)
    assert db.scalar(select(Enrolment.completed_at)) is None
    db.rollback()
    start(client)
    play_all(client)
    response = submit(client)
    assert db.scalar(select(Enrolment.completed_at)) is not None
    assert "You have completed the module" in client.get(response.location).get_data(as_text=True)


def test_failing_does_not_complete(client, learner, db):
    read_lessons(client)
    start(client)
    play_all(client, good=False)
    submit(client)
    assert db.scalar(select(Enrolment.completed_at)) is None
