"""Answer cues across quizzes: how often the right choice is the longest one, and how often
absolute words (always, never, only ...) appear in right and in wrong choices.

Test-wise learners pick the longest, most qualified option and avoid absolutes; a course where
either pattern holds certifies test-taking, not knowledge. The content tests bound both rates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from learning.content.assessments.definitions import Quiz
from learning.content.assessments.types import question_type

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
    """The rates over every set of options the items' types offer."""
    longest = {"single": [0, 0], "node": [0, 0]}  # measure: [right one is longest, sets]
    absolutes = {True: [0, 0], False: [0, 0]}  # right?: [with an absolute, all]
    for quiz in quizzes:
        for question in quiz.questions:
            for options in question_type(question.type).cue_sets(question):
                for text, right in zip(options.texts, options.right, strict=True):
                    absolutes[right][1] += 1
                    absolutes[right][0] += bool(ABSOLUTE.search(text))
                if options.longest_measure is not None:
                    tally = longest.setdefault(options.longest_measure, [0, 0])
                    tally[0] += _strictly_longest(list(options.texts), options.right.index(True))
                    tally[1] += 1
    single, nodes = longest["single"], longest["node"]
    return CueRates(
        single[1],
        _share(*single),
        nodes[1],
        _share(*nodes),
        _share(*absolutes[True]),
        _share(*absolutes[False]),
    )
