"""Drawing classic items from a pool: every objective in every attempt, a retake prefers items
the previous attempt did not show, the same seed draws the same items."""

from __future__ import annotations

from dataclasses import replace

from learning.content.assessments.definitions import Choice, ChoiceQuestion
from learning.content.loader import load_catalogue
from learning.quizzes.drawing import draw_question_ids, shown_questions
from tests.conftest import FIXTURES

SAMPLE = load_catalogue(FIXTURES / "content", FIXTURES / "quizzes").quiz("sample-quiz")


def _pooled(per_objective: dict[int, int], draw: int):
    """The sample quiz with a pool of one-point items: ``per_objective`` items per objective."""
    items = []
    for objective, count in per_objective.items():
        for n in range(count):
            items.append(
                ChoiceQuestion(
                    id=f"o{objective}-{n}",
                    type="single_choice",
                    prompt="?",
                    points=1,
                    choices=(Choice("a", "A", True, "."), Choice("b", "B", False, ".")),
                    explanation=".",
                    sources=(),
                    objective=objective,
                    concept=".",
                )
            )
    others = tuple(q for q in SAMPLE.questions if q.type in ("scenario", "case_study"))
    pool = frozenset(item.id for item in items)
    return replace(SAMPLE, questions=(*items, *others), draw=draw, pooled_ids=pool)


def test_every_attempt_assesses_every_objective_and_keeps_scenario_and_case():
    quiz = _pooled({1: 5, 2: 5, 3: 5}, draw=6)
    for seed in range(50):
        ids = draw_question_ids(quiz, seed)
        classic = [i for i in ids if i.startswith("o")]
        assert len(classic) == 6
        assert {i.split("-")[0] for i in classic} == {"o1", "o2", "o3"}
        assert {"the-scenario", "the-case"} <= set(ids)


def test_a_retake_shows_other_items_while_the_pool_has_them():
    quiz = _pooled({1: 4, 2: 4}, draw=4)
    first = set(draw_question_ids(quiz, seed=1))
    second = set(draw_question_ids(quiz, seed=2, shown_before=frozenset(first)))
    classic = {i for i in first if i.startswith("o")}
    assert classic.isdisjoint({i for i in second if i.startswith("o")})


def test_the_same_seed_draws_the_same_items_in_quiz_order():
    quiz = _pooled({1: 6, 2: 6}, draw=5)
    ids = draw_question_ids(quiz, seed=7)
    assert ids == draw_question_ids(quiz, seed=7)
    order = [q.id for q in quiz.questions]
    assert ids == sorted(ids, key=order.index)
    assert [q.id for q in shown_questions(quiz, ids)] == ids


def test_no_draw_shows_everything():
    assert draw_question_ids(SAMPLE, seed=3) is None
    assert shown_questions(SAMPLE, None) == SAMPLE.questions
