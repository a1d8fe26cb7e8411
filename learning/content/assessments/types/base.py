"""The interface every question type implements, and the registry that maps names to types.

A type knows how to: parse and validate its YAML (``parse``), turn a posted form into a stored
response (``read_response``), tell whether a response is finished (``is_complete``) and grade it
(``grade``). Grading returns everything the result page and trainers need, snapshotted, so old
attempts stay explainable after edits. The type also owns everything else that differs between
types (its templates, the decisions it records, the harms that fail an attempt, the group
debrief, its minutes and quiz rules), so the rest of the platform never tests a type's name and
a new type is one module and its templates.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from werkzeug.datastructures import MultiDict

from learning.content import schema
from learning.content.assessments.types.summaries import OptionSet, Split
from learning.content.problems import ProblemList
from learning.content.sources import SourceDocument, SourceRef
from learning.content.yaml_reader import Located, LocatedDict


class ResponseError(ValueError):
    """A posted answer cannot be accepted; the message is shown to the learner."""


@dataclass(frozen=True)
class Grade:
    points: int
    max_points: int
    correctness: float | None  # 0..1, None for ungraded items (case studies)
    answer_text: str  # the learner's answer in words, for trainers and exports
    review: dict[str, Any]  # what the result page shows, frozen at grading time


@dataclass(frozen=True)
class Decision:
    """One decision a response has just made, recorded as a row of its own: trainers count how a
    group decided at each step, and a double post records it only once."""

    node_id: str
    choice_id: str
    step_no: int  # 1 for the first decision of the item
    points: int
    counters: dict[str, int]  # the item's counter values after this decision


@dataclass
class ParseContext:
    """What a type needs while parsing: where to report, and what sources exist."""

    path: Any
    problems: ProblemList
    known_sources: dict[str, SourceDocument]
    ids: set[str] = field(default_factory=set)

    def located(self, data: LocatedDict) -> Located:
        return Located(self.path, data)

    def add(self, line: int, code: str, message: str) -> None:
        self.problems.add(self.path, line, code, message)

    def sources(self, item: Located, values: dict[str, Any]) -> tuple[SourceRef, ...]:
        return schema.source_refs(
            self.path, values.get("sources"), self.known_sources, self.problems
        )

    def check(self, item: Located, fields: dict[str, schema.Field]) -> dict[str, Any]:
        return schema.check(item, fields, self.problems)


class QuestionType(ABC):
    """Base class of question types; concrete subclasses register themselves by ``name``."""

    name: ClassVar[str]
    template: ClassVar[str]  # asks the item, inside quizzes/question.html
    # Shows one graded answer on the result page, from ``answer.review`` (the grade's snapshot);
    # ``number`` is the answer's place on the page.
    review_template: ClassVar[str]
    # Shows one split of the group debrief (``split``; ``position`` is its place on the page).
    debrief_template: ClassVar[str] = "workshops/_split.html"
    # Shows one harmful decision found by ``harms`` on the result page (as ``item``).
    harm_template: ClassVar[str | None] = None
    # A trainer may mark answers of this type "meets"/"not yet" (case studies): in a workshop
    # that asks for it, the module completes only once they meet.
    trainer_assessable: ClassVar[bool] = False
    # Items of this type form the quiz's pool, from which ``draw`` picks (the other items always
    # show); each pooled item has ``points`` and assesses one objective, ``objective``.
    pooled: ClassVar[bool] = False
    # Once finished, the item's own page shows its review at once (nothing is left to guess in
    # it), so every answer posted returns to that page.
    review_when_complete: ClassVar[bool] = False
    registry: ClassVar[dict[str, QuestionType]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "name", None):
            QuestionType.registry[cls.name] = cls()

    @abstractmethod
    def parse(self, item: Located, ctx: ParseContext) -> Any | None:
        """Validate one item of a quiz file; report problems to ``ctx``; None if invalid."""

    @abstractmethod
    def read_response(self, question: Any, form: MultiDict, previous: dict | None) -> dict:
        """The stored response after this form post; raise ResponseError to refuse it."""

    def for_trainer(self, question: Any, response: dict) -> dict:
        """The response as saved where a workshop's trainer assesses the learner's answers (for
        a ``trainer_assessable`` type): it waits for the trainer, not for a self-assessment."""
        return response

    def decision(self, question: Any, response: dict) -> Decision | None:
        """The decision this saved response has just made, to record; None: nothing to record."""
        return None

    @abstractmethod
    def is_complete(self, question: Any, response: dict | None) -> bool:
        """Whether the learner has finished this item."""

    def options(self, question: Any) -> tuple | None:
        """The options the learner picks from, which a quiz with ``shuffle`` shows in an order
        of each attempt's own; None when the type's template orders what it shows itself."""
        return None

    @abstractmethod
    def grade(self, question: Any, response: dict | None) -> Grade:
        """Points, correctness and the review snapshot for this response."""

    def minutes(self, question: Any) -> int:
        """About how long the item takes a learner, for the module's stated time."""
        return 1

    def objectives(self, question: Any) -> tuple[int, ...]:
        """The module objectives (numbered from 1) the item says it assesses."""
        return tuple(getattr(question, "objectives", ()))

    def cue_sets(self, question: Any) -> tuple[OptionSet, ...]:
        """The sets of options the item offers, for the answer-cue measure across the course."""
        return ()

    def check_in_quiz(
        self, question: Any, quiz: Any, report: Callable[[int, str, str], None]
    ) -> None:
        """Report(line, code, message) what the item breaks of its type's rules within its quiz
        (its own file is checked by ``parse``)."""
        return None

    def debrief(
        self, question: Any, responses: list[dict], decisions: list[tuple[str, str]]
    ) -> list[Split]:
        """How a workshop group split on this item: ``responses`` are its participants' latest
        responses to it, ``decisions`` the (step, choice) pairs recorded for it by ``decision``.
        An empty list leaves the item out of the debrief."""
        return []

    def harms(self, review: dict[str, Any]) -> list[dict[str, Any]]:
        """The harmful decisions in a graded answer (from its review snapshot): any of them fails
        the attempt, whatever its points."""
        return []


def question_type(name: str) -> QuestionType:
    return QuestionType.registry[name]
