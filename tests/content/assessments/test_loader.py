"""Quiz files: the valid fixture and the real quiz load; one broken fixture per rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from learning.content.loader import load_catalogue
from tests.conftest import FIXTURES

BAD = FIXTURES / "quizzes_bad"

# (fixture name, line, code): every rule of the quiz checker, with where it must point.
RULES = [
    ("unknown-key", 6, "unknown-key"),
    ("missing-key", 1, "missing-key"),
    ("pass-mark-type", 5, "wrong-type"),
    ("pass-mark-zero", 5, "out-of-range"),
    ("pass-mark-over-one", 5, "out-of-range"),
    ("duplicate-question-id", 31, "duplicate-id"),
    ("dangling-module", 1, "dangling-module"),
    ("two-correct", 12, "correct-count"),
    ("no-correct-multiple", 35, "correct-count"),
    ("choice-without-feedback", 17, "missing-key"),
    ("negative-points", 33, "out-of-range"),
    ("unknown-type", 31, "unknown-type"),
    ("boolean-text", 18, "wrong-type"),
    ("single-choice-option", 14, "wrong-type"),
    ("dangling-next", 82, "dangling-reference"),
    ("start-missing", 60, "dangling-reference"),
    ("unknown-counter", 69, "unknown-counter"),
    ("bad-condition", 102, "bad-condition"),
    ("condition-unknown-counter", 102, "unknown-counter"),
    ("last-route-with-if", 81, "bad-route"),
    ("best-choice-tie", 84, "best-choice"),
    ("bad-band", 114, "bad-value"),
    ("unreachable-node", 104, "unreachable"),
    ("cycle", 62, "cycle"),
    ("dead-end", 82, "no-ending"),
    ("yaml-anchor", 58, "yaml-anchor"),
    ("no-critical-choice", 54, "no-critical-choice"),
    ("harmful-path-passes", 54, "harmful-path-passes"),
    ("worse-path-more-points", 54, "worse-path-more-points"),
    ("objective-unassessed", 1, "objective-unassessed"),
    ("bad-objective", 54, "bad-objective"),
    ("pool-too-small", 7, "pool-too-small"),
    ("draw-too-small", 7, "draw-too-small"),
    ("critical-best", 64, "critical-best"),
    ("critical-without-why", 76, "missing-key"),
    ("why-without-critical", 76, "unknown-key"),
    ("penalty-without-critical", 74, "out-of-range"),
    ("case-study-no-rubric", 126, "missing-key"),
]


def _load_one(tmp_path: Path, fixture: Path):
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    shutil.copy(fixture, quizzes / fixture.name)
    return load_catalogue(FIXTURES / "content", quizzes)


def test_the_fixture_quiz_loads():
    catalogue = load_catalogue(FIXTURES / "content", FIXTURES / "quizzes")
    assert catalogue.problems == ()
    quiz = catalogue.quiz_for("sample-module")
    assert quiz.slug == "sample-quiz" and catalogue.quiz("sample-quiz") is quiz
    assert [q.type for q in quiz.questions] == [
        "single_choice",
        "multiple_choice",
        "scenario",
        "case_study",
    ]
    # 1 + 2 + the scenario's best real path (listen, then refer: 2 + 2) + 0 for the case.
    assert quiz.question("the-scenario").max_points == 4
    assert quiz.max_points == 7


@pytest.mark.parametrize(("name", "line", "code"), RULES, ids=[rule[0] for rule in RULES])
def test_each_rule_is_reported_with_its_line(tmp_path, name, line, code):
    catalogue = _load_one(tmp_path, BAD / f"{name}.yml")
    quiz_problems = [p for p in catalogue.problems if p.path.startswith("quizzes/")]
    assert [(p.path, p.line, p.code) for p in quiz_problems] == [
        (f"quizzes/{name}.yml", line, code)
    ]
    if name != "dangling-module":
        # A module whose quiz is broken is not served: it could not be completed properly.
        assert catalogue.module("sample-module") is None


def test_every_bad_fixture_has_a_rule():
    assert {p.stem for p in BAD.glob("*.yml")} == {rule[0] for rule in RULES}


def test_a_module_may_have_only_one_quiz(tmp_path):
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    source = (FIXTURES / "quizzes" / "sample-module.yml").read_text()
    (quizzes / "a.yml").write_text(source)
    (quizzes / "b.yml").write_text(source.replace("slug: sample-quiz", "slug: other-quiz"))
    problems = load_catalogue(FIXTURES / "content", quizzes).problems
    assert [p.code for p in problems if p.path.startswith("quizzes/")] == ["duplicate-quiz"]
