"""Immutable quiz definitions built by the loader from ``quizzes/*.yml``.

Question classes carry ``type`` (the registry key). Nothing here knows about the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from learning.content.assessments.conditions import Condition
from learning.content.sources import SourceRef


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class ChoiceQuestion:
    """A single or multiple choice question; ``type`` says which."""

    id: str
    type: str
    prompt: str
    points: int
    choices: tuple[Choice, ...]
    explanation: str
    sources: tuple[SourceRef, ...]
    # The module objective (1-based) this item assesses; the draw goes round-robin over them.
    objective: int = 1
    # Why the concept matters, shown after a failed attempt instead of the right answer.
    concept: str = ""

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(choice.id for choice in self.choices if choice.correct)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class Route:
    """Where a scenario choice leads: ``target`` if ``condition`` holds (or always)."""

    target: str
    condition: Condition | None = None


@dataclass(frozen=True)
class ScenarioChoice:
    id: str
    text: str
    feedback: str
    points: int
    effects: tuple[tuple[str, int], ...]
    routes: tuple[Route, ...]
    when: Condition | None
    sources: tuple[SourceRef, ...]
    # A harmful act: an attempt that makes it fails whatever its points; ``why`` says why.
    critical: bool = False
    why: str = ""

    def next_node(self, counters: dict[str, int]) -> str:
        """The first route whose condition holds (the last route has none)."""
        for route in self.routes:
            if route.condition is None or route.condition.holds(counters):
                return route.target
        return self.routes[-1].target

    def apply(self, counters: dict[str, int]) -> dict[str, int]:
        updated = dict(counters)
        for name, delta in self.effects:
            updated[name] = updated.get(name, 0) + delta
        return updated


@dataclass(frozen=True)
class ScenarioNode:
    id: str
    situation: str
    choices: tuple[ScenarioChoice, ...]
    sources: tuple[SourceRef, ...]

    def offered(self, counters: dict[str, int]) -> tuple[ScenarioChoice, ...]:
        """Choices available with these counter values, in authored order."""
        return tuple(c for c in self.choices if c.when is None or c.when.holds(counters))

    @property
    def best(self) -> ScenarioChoice:
        """The better decision at this node: the choice with the most points (unique)."""
        return max(self.choices, key=lambda choice: choice.points)


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    band: str
    debrief: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    type: str
    title: str
    intro: str
    counters: tuple[tuple[str, int], ...]
    start: str
    nodes: dict[str, ScenarioNode]
    endings: dict[str, Ending]
    max_points: int
    sources: tuple[SourceRef, ...] = ()
    objectives: tuple[int, ...] = ()
    # Memo for derived facts computed once per loaded scenario (its path summary).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def points(self) -> int:
        return self.max_points

    def initial_counters(self) -> dict[str, int]:
        return dict(self.counters)


@dataclass(frozen=True)
class RubricItem:
    id: str
    text: str


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str


@dataclass(frozen=True)
class CaseStudy:
    id: str
    type: str
    title: str
    case: str
    prompts: tuple[Prompt, ...]
    model_answer: str
    rubric: tuple[RubricItem, ...]
    sources: tuple[SourceRef, ...]
    points: int = 0
    objectives: tuple[int, ...] = ()


Question = ChoiceQuestion | Scenario | CaseStudy


@dataclass(frozen=True)
class Quiz:
    slug: str
    module: str
    title: str
    intro: str
    pass_mark: float
    max_attempts: int | None
    shuffle: bool
    questions: tuple[Any, ...]
    version: str
    path: str
    # How many classic items one attempt draws from the pool (None: all of them), and the
    # hours a learner waits after a failed attempt before the next (None: no wait).
    draw: int | None = None
    retake_wait_hours: int | None = None
    # The ids of the items drawn from the pool: the loader asks each item's type (a copy made
    # with other questions must say which of them are pooled).
    pooled_ids: frozenset[str] = frozenset()
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # item lines
    _by_id: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({question.id: question for question in self.questions})

    def question(self, question_id: str) -> Any:
        return self._by_id.get(question_id)

    @property
    def max_points(self) -> int:
        """The points of every item; an attempt that draws from a pool has its own maximum."""
        return sum(question.points for question in self.questions)

    @property
    def classic_questions(self) -> tuple[Any, ...]:
        """The pool: the items of the types that are drawn (single and multiple choice)."""
        return tuple(q for q in self.questions if q.id in self.pooled_ids)

    @property
    def shown_per_attempt(self) -> int:
        """How many items one attempt shows: the draw plus every item outside the pool."""
        pool = self.classic_questions
        drawn = len(pool) if self.draw is None else min(self.draw, len(pool))
        return drawn + len(self.questions) - len(pool)
