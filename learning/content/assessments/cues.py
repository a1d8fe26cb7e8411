"""Answer cues across quizzes: how often the right choice is the longest one, and how often
absolute words (always, never, only ...) appear in right and in wrong choices.

Test-wise learners pick the longest, most qualified option and avoid absolutes; a course where
either pattern holds certifies test-taking, not knowledge. The content tests bound both rates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from learning.content.assessments.definitions import ChoiceQuestion, Quiz, Scenario

ABSOLUTE = re.compile(r"\b(always|never|only|all|none|every|must|any)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CueRates:
    single_items: int
    single_longest: float  # share of single-choice items whose correct choice is longest
    nodes: int
    node_longest: float  # share of scenario nodes whose better decision is longest
    absolute_right: float  # share of right choices (and better decisions) with an absolute
    absolute_wrong: float  # the same for the other choices


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _strictly_longest(texts: list[str], index: int) -> bool:
    lengths = [len(text) for text in texts]
    return lengths[index] == max(lengths) and lengths.count(max(lengths)) == 1


def cue_rates(quizzes: Iterable[Quiz]) -> CueRates:
    single = longest_single = nodes = longest_node = 0
    absolutes = {True: [0, 0], False: [0, 0]}  # right?: [with an absolute, all]

    def count(text: str, right: bool) -> None:
        absolutes[right][1] += 1
        absolutes[right][0] += bool(ABSOLUTE.search(text))

    for quiz in quizzes:
        for question in quiz.questions:
            if isinstance(question, ChoiceQuestion):
                texts = [choice.text for choice in question.choices]
                if question.type == "single_choice":
                    single += 1
                    right = next(i for i, c in enumerate(question.choices) if c.correct)
                    longest_single += _strictly_longest(texts, right)
                for choice in question.choices:
                    count(choice.text, choice.correct)
            elif isinstance(question, Scenario):
                for node in question.nodes.values():
                    nodes += 1
                    texts = [choice.text for choice in node.choices]
                    longest_node += _strictly_longest(texts, node.choices.index(node.best))
                    for choice in node.choices:
                        count(choice.text, choice is node.best)
    return CueRates(
        single,
        _share(longest_single, single),
        nodes,
        _share(longest_node, nodes),
        _share(*absolutes[True]),
        _share(*absolutes[False]),
    )
