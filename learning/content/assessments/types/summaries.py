"""What a question type sums up beyond one answer: how a workshop group split on an item (for the
group debrief, which queries the answers for it) and the sets of options it offers (for the
answer-cue measure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Share:
    choice_id: str
    text: str
    count: int
    percent: int
    better: bool  # the correct answer, or the better decision at a scenario node
    critical: str = ""  # for a harmful choice: why it is harmful (for the trainer)


@dataclass(frozen=True)
class Split:
    """How the group split on one question or one step of an item (a scenario node).

    The debrief fills in ``template`` (the one its type names) and ``number``, the split's place
    among the splits shown with that template (a type may number its splits so).
    """

    key: str
    prompt: str
    answered: int
    shares: list[Share]
    explanation: str
    template: str = ""
    number: int = 0


@dataclass(frozen=True)
class OptionSet:
    """Options a learner picks one or more from: their texts and which are right (or the better
    decision). ``longest_measure`` names the rate of ``cues.CueRates`` that counts whether the
    right one is the longest ("single" or "node"); None when no rate counts it."""

    texts: tuple[str, ...]
    right: tuple[bool, ...]
    longest_measure: str | None = None


def shares(
    counts: Counter,
    total: int,
    options: Iterable[Any],
    better: Callable[[Any], bool],
    why_harmful: Callable[[Any], str] = lambda option: "",
) -> list[Share]:
    """One share per option (with ``id`` and ``text``), in the options' order."""
    return [
        Share(
            option.id,
            option.text,
            counts[option.id],
            round(100 * counts[option.id] / total) if total else 0,
            better(option),
            why_harmful(option),
        )
        for option in options
    ]
