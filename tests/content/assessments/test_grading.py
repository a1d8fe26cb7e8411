"""Grading tables for every question type, and refusal of malformed or tampered responses."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from learning.content.assessments.types import question_type
from learning.content.assessments.types.base import ResponseError
from learning.content.loader import load_catalogue
from tests.conftest import FIXTURES

QUIZ = load_catalogue(FIXTURES / "content", FIXTURES / "quizzes").quiz_for("sample-module")


def grade(question_id: str, response: dict | None):
    question = QUIZ.question(question_id)
    return question_type(question.type).grade(question, response)


def read(question_id: str, previous: dict | None = None, **fields):
    question = QUIZ.question(question_id)
    form = MultiDict(
        [
            (key, v)
            for key, values in fields.items()
            for v in (values if isinstance(values, list) else [values])
        ]
    )
    return question_type(question.type).read_response(question, form, previous)


@pytest.mark.parametrize(
    ("picked", "points", "correctness"),
    [
        (["right"], 1, 1.0),
        (["wrong"], 0, 0.0),
        (["other"], 0, 0.0),
        ([], 0, 0.0),
    ],
)
def test_single_choice(picked, points, correctness):
    result = grade("pick-one", {"choices": picked})
    assert (result.points, result.correctness, result.max_points) == (points, correctness, 1)


@pytest.mark.parametrize(
    ("picked", "points"),
    [
        (["a", "b"], 2),
        (["a"], 1),
        (["b"], 1),
        (["a", "c"], 0),
        (["a", "b", "c"], 1),
        (["c"], 0),
        ([], 0),
    ],
)
def test_multiple_choice_partial_credit(picked, points):
    assert grade("pick-many", {"choices": picked}).points == points


def _play(*choices: str) -> dict:
    state = None
    for choice in choices:
        node = state["at"] if state else "first"
        state = read("the-scenario", state, node=node, choice=choice)
    return state


@pytest.mark.parametrize(
    ("path", "ending", "points"),
    [
        (("listen", "refer"), "good-end", 4),
        (("listen", "secret"), "good-end", 3),
        (("listen", "wait"), "mixed-end", 2),
        (("papers",), "bad-end", 0),
    ],
)
def test_scenario_paths(path, ending, points):
    state = _play(*path)
    assert state["ending"] == ending
    result = grade("the-scenario", state)
    assert result.points == points and result.max_points == 4
    assert result.correctness == points / 4
    assert result.review["ending"]["title"] and len(result.review["steps"]) == len(path)


def test_scenario_replay_names_the_better_decision():
    steps = grade("the-scenario", _play("listen", "wait")).review["steps"]
    assert steps[0]["is_best"] and not steps[1]["is_best"]
    assert steps[1]["best"] == "Refer her with her consent"


@pytest.mark.parametrize(
    ("question_id", "fields"),
    [
        ("pick-one", {"choice": "made-up"}),
        ("pick-one", {"choice": ["right", "wrong"]}),
        ("pick-one", {}),
        ("pick-many", {"choice": ["a", "zzz"]}),
        ("the-scenario", {"node": "second", "choice": "refer"}),  # skipping ahead
        ("the-scenario", {"node": "first", "choice": "refer"}),  # a choice of another node
        ("the-scenario", {"node": "first", "choice": ["listen", "papers"]}),
        ("the-case", {"step": "answer", "answer-classify": "only one answer"}),
        ("the-case", {"step": "assess", "rubric": "refers"}),  # assessing before answering
    ],
)
def test_malformed_responses_are_refused(question_id, fields):
    with pytest.raises(ResponseError):
        read(question_id, None, **fields)


def test_hidden_scenario_choice_cannot_be_forced():
    state = _play("listen")
    assert read("the-scenario", state, node="second", choice="secret")["ending"] == "good-end"
    low_trust = {"at": "second", "counters": {"trust": 0}, "ending": None, "steps": []}
    with pytest.raises(ResponseError):
        read("the-scenario", low_trust, node="second", choice="secret")


def test_no_decision_after_the_ending():
    with pytest.raises(ResponseError):
        read("the-scenario", _play("papers"), node="first", choice="listen")


def test_case_study_answer_then_assessment_then_locked():
    answered = read(
        "the-case",
        None,
        step="answer",
        **{"answer-classify": "Trafficking.", "answer-next-steps": "Refer."},
    )
    assert not question_type("case_study").is_complete(QUIZ.question("the-case"), answered)
    with pytest.raises(ResponseError):
        read(
            "the-case",
            answered,
            step="answer",
            **{"answer-classify": "Changed my mind", "answer-next-steps": "x"},
        )
    with pytest.raises(ResponseError):
        read("the-case", answered, step="assess", rubric=["refers", "not-a-rubric-item"])
    done = read("the-case", answered, step="assess", rubric=["refers"])
    result = grade("the-case", done)
    assert result.points == 0 and result.max_points == 0 and result.correctness is None
    assert "Trafficking." in result.answer_text
    assert [item["ticked"] for item in result.review["rubric"]] == [False, True]


def test_case_study_refuses_oversized_answers():
    with pytest.raises(ResponseError):
        read(
            "the-case",
            None,
            step="answer",
            **{"answer-classify": "x" * 5001, "answer-next-steps": "y"},
        )
