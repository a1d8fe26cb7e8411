"""A valid assessment through the client: an unsafe decision fails whatever the score, a failed
attempt shows why each point matters but not the right answer, and passing reveals it."""

from __future__ import annotations

from sqlalchemy import select

from learning.db import get_session
from learning.quizzes.models import QuizAttempt
from tests.conftest import FIXTURES, AuthActions, make_app
from tests.quizzes.helpers import QUIZ, answer, item_url, play_all, start, submit


def _play_with_critical_choice(client, number: int = 1) -> None:
    """Full marks on every classic item and the case, but the critical choice in the scenario
    (papers first, which leads to the poor ending)."""
    answer(client, number, "pick-one", choice="right")
    answer(client, number, "pick-many", choice=["a", "b"])
    answer(client, number, "the-scenario", node="first", choice="papers")
    answer(
        client,
        number,
        "the-case",
        step="answer",
        **{"answer-classify": "Trafficking.", "answer-next-steps": "Refer."},
    )
    answer(client, number, "the-case", step="assess", rubric=["refers"])


def test_a_critical_choice_fails_the_attempt_and_the_result_says_which_and_why(
    client, learner, db, app
):
    # The sample quiz passes at 60 %; make it 40 % so the points alone would pass (3 of 7).
    quiz = app.extensions["learning.catalogue"].quiz("sample-quiz")
    object.__setattr__(quiz, "pass_mark", 0.4)
    start(client)
    _play_with_critical_choice(client)
    submit(client)
    attempt = db.scalar(select(QuizAttempt))
    assert attempt.score >= attempt.pass_mark and attempt.passed is False
    page = client.get(f"{QUIZ}/attempts/1/result").get_data(as_text=True)
    assert "Unsafe decisions" in page and "Ask for papers" in page
    assert "Demanding papers first can expose her" in page  # the why
    assert "Contact lost" in page  # the poor ending it led to


def test_a_failed_attempt_hides_the_right_answer_and_shows_the_concept(client, learner):
    start(client)
    play_all(client, good=False)
    submit(client)
    page = client.get(f"{QUIZ}/attempts/1/result").get_data(as_text=True)
    assert "Telling the options apart is what the module teaches." in page  # the concept
    assert "The wrong one" in page  # what the learner answered
    for secret in (
        "Correct answer:",
        "The right one",
        "Because the first one is right.",
        "Yes, this is right.",
        "A better decision:",
        "Listen first",
    ):
        assert secret not in page, secret


def test_passing_reveals_the_answers_of_the_earlier_failed_attempt(client, learner):
    start(client)
    play_all(client, good=False)
    submit(client)
    start(client)
    play_all(client, number=2)
    submit(client, 2)
    page = client.get(f"{QUIZ}/attempts/1/result").get_data(as_text=True)
    assert "Correct answer:" in page and "The right one" in page
    assert "Because the first one is right." in page


def test_the_scenario_ending_debrief_waits_for_a_pass_unless_it_ended_well(client, learner):
    start(client)
    answer(client, 1, "the-scenario", node="first", choice="listen")
    answer(client, 1, "the-scenario", node="second", choice="refer")
    page = client.get(item_url(1, "the-scenario")).get_data(as_text=True)
    assert "Listening first built trust." in page  # a good ending reveals nothing to avoid


def test_a_critical_choice_may_carry_a_penalty_and_the_score_stays_in_range(tmp_path):
    """A harmful act late in a scenario keeps its path below the pass mark through a penalty;
    the attempt's points can go below zero, its score never does."""
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    text = (FIXTURES / "quizzes" / "sample-module.yml").read_text()
    (quizzes / "sample-module.yml").write_text(
        text.replace(
            "            points: 0\n            effects: {trust: -1}\n            critical: true",
            "            points: -9\n            effects: {trust: -1}\n            critical: true",
        )
    )
    app = make_app(tmp_path, QUIZZES_DIR=str(quizzes))
    assert app.extensions["learning.catalogue"].problems == ()
    app.extensions["learning.setup_done"] = True
    client = app.test_client()
    AuthActions(client).register()
    start(client)
    play_all(client, good=False)
    submit(client)
    with app.app_context():
        attempt = get_session().scalar(select(QuizAttempt))
        assert attempt.points == -9 and attempt.score == 0 and attempt.passed is False
    assert "0%" in client.get(f"{QUIZ}/attempts/1/result").get_data(as_text=True)
