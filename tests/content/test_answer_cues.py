"""No answer cues across the real course: the right choice is not given away by being the
longest, nor by absolute words that test-wise learners know to avoid or to pick."""

from __future__ import annotations

from learning.config import PROJECT_ROOT
from learning.content.assessments.cues import cue_rates
from learning.content.loader import load_catalogue

LONGEST_BOUND = 0.35  # at most this share of right answers may be the longest choice
ABSOLUTE_GAP = 0.10  # absolute words: right and wrong choices within this many points

CATALOGUE = load_catalogue(PROJECT_ROOT / "modules", PROJECT_ROOT / "quizzes")


def test_right_answers_are_not_the_longest_choice_and_absolute_words_are_balanced():
    rates = cue_rates(CATALOGUE.quizzes.values())
    print(
        f"\nsingle choice: correct is the longest in {rates.single_longest:.0%} "
        f"(bound {LONGEST_BOUND:.0%}); scenario nodes: better decision is the longest in "
        f"{rates.node_longest:.0%}; absolute words in right choices {rates.absolute_right:.0%}, "
        f"in wrong choices {rates.absolute_wrong:.0%} (gap bound {ABSOLUTE_GAP:.0%})"
    )
    assert rates.single_items >= 100 and rates.nodes >= 50  # the whole course was measured
    assert rates.single_longest <= LONGEST_BOUND
    assert rates.node_longest <= LONGEST_BOUND
    assert abs(rates.absolute_right - rates.absolute_wrong) <= ABSOLUTE_GAP


def test_the_measure_catches_a_cued_quiz():
    from learning.content.assessments.definitions import Choice, ChoiceQuestion, Quiz

    cued = ChoiceQuestion(
        "q",
        "single_choice",
        "?",
        1,
        (
            Choice("a", "Short.", False, "."),
            Choice("b", "Never do it.", False, "."),
            Choice("c", "The long, careful and qualified right answer.", True, "."),
        ),
        ".",
        (),
    )
    quiz = Quiz("s", "m", "t", "", 0.7, None, True, (cued,), "v", "p")
    rates = cue_rates([quiz])
    assert rates.single_longest == 1.0
    assert rates.absolute_wrong == 0.5 and rates.absolute_right == 0.0
