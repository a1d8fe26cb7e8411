"""Group debrief (anonymous, reveal on request, shared views) and case-study feedback."""

from __future__ import annotations

from sqlalchemy import select

from learning.quizzes.models import QuizAnswer
from tests.conftest import AuthActions
from tests.quizzes.helpers import play_all, start, submit
from tests.workshops.conftest import join, logged_in

DEBRIEF = "/workshops/{id}/debrief/sample-quiz"


def test_debrief_shows_the_group_split_and_reveals_on_request(app, workshop, trainer_client):
    good, bad = join(app, workshop, "p1@example.org"), join(app, workshop, "p2@example.org")
    for client, result in ((good, True), (bad, False)):
        start(client)
        play_all(client, good=result)
    url = DEBRIEF.format(id=workshop.id)
    page = trainer_client.get(url).get_data(as_text=True)
    assert "2 participants answered" in page and "50% (1)" in page
    assert "Participant One" not in page  # anonymous
    assert "(better answer)" not in page
    revealed = trainer_client.get(f"{url}?reveal=pick-one").get_data(as_text=True)
    assert "(better answer)" in revealed and "Because the first one is right." in revealed
    scenario = trainer_client.get(f"{url}?reveal=the-scenario/first").get_data(as_text=True)
    assert "Listen first" in scenario and "She relaxes." in scenario
    # The critical choice is named as unsafe, with why, for the trainer to discuss.
    assert "unsafe: fails the quiz" in scenario
    assert "Demanding papers first can expose her" in scenario
    assert "unsafe: fails the quiz" not in page


def test_participants_see_a_shared_split_without_the_answer_key(app, workshop, trainer_client):
    participant = join(app, workshop, "p1@example.org")
    start(participant)
    play_all(participant)
    shared = f"/my-workshops/{workshop.id}/debrief/sample-quiz"
    assert participant.get(shared).status_code == 404
    AuthActions(trainer_client).post(f"{DEBRIEF.format(id=workshop.id)}/share")
    page = participant.get(shared).get_data(as_text=True)
    assert "100% (1)" in page
    assert "(better answer)" not in page and "Because the first one is right." not in page
    assert (
        participant.get(f"{shared}?reveal=all").get_data(as_text=True).count("(better answer)") == 0
    )
    assert logged_in(app, "outsider@example.org").get(shared).status_code == 404


def test_case_study_feedback_reaches_the_participant(app, workshop, trainer_client, db):
    participant = join(app, workshop, "p1@example.org")
    start(participant)
    play_all(participant)
    submit(participant)
    url = f"/workshops/{workshop.id}/case-studies/sample-quiz/the-case"
    page = trainer_client.get(url).get_data(as_text=True)
    assert "It is trafficking." in page and "Participant One" in page
    db.rollback()
    answer_id = db.scalar(select(QuizAnswer.id).where(QuizAnswer.question_id == "the-case"))
    AuthActions(trainer_client).post(
        url, {"answer_id": str(answer_id), "feedback": "Good: <b>name the means</b>."}
    )
    result = participant.get("/modules/sample-module/quiz/attempts/1/result").get_data(True)
    assert "Your trainer's feedback" in result
    assert "Good: &lt;b&gt;name the means&lt;/b&gt;." in result


def test_feedback_cannot_target_answers_outside_the_workshop(app, workshop, trainer_client, db):
    outsider = logged_in(app, "outsider@example.org")
    start(outsider)
    play_all(outsider)
    db.rollback()
    answer_id = db.scalar(select(QuizAnswer.id).where(QuizAnswer.question_id == "the-case"))
    url = f"/workshops/{workshop.id}/case-studies/sample-quiz/the-case"
    response = AuthActions(trainer_client).post(
        url, {"answer_id": str(answer_id), "feedback": "sneaky"}
    )
    assert response.status_code == 404
    db.rollback()
    assert db.get(QuizAnswer, answer_id).trainer_feedback is None
