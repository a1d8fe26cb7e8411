"""The immutable in-memory catalogue: modules, quizzes, sources, glossary and paths.

Everything here is built once by the loader and only read afterwards, so it is safe to share
between threads. Versions are short hashes of file contents: database rows store them so that
an edited lesson never rewrites what a learner completed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from learning.content.assessments.definitions import Quiz
from learning.content.course import Module
from learning.content.problems import Problem
from learning.content.reference import GlossaryTerm, Instrument, LearningPath, Practice
from learning.content.rendering import Glossary
from learning.content.sources import SourceDocument


@dataclass(frozen=True)
class Catalogue:
    """All content that loaded cleanly, plus the problems that kept other files out."""

    modules: tuple[Module, ...]
    sources: dict[str, SourceDocument]
    problems: tuple[Problem, ...] = ()
    quizzes: dict[str, Quiz] = field(default_factory=dict)  # by module slug
    paths: tuple[LearningPath, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    practices: tuple[Practice, ...] = ()
    _by_slug: dict[str, Module] = field(default_factory=dict, compare=False, repr=False)
    _quiz_by_slug: dict[str, Quiz] = field(default_factory=dict, compare=False, repr=False)
    _linkers: dict[str, Glossary] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_slug.update({module.slug: module for module in self.modules})
        self._quiz_by_slug.update({quiz.slug: quiz for quiz in self.quizzes.values()})

    def module(self, slug: str) -> Module | None:
        return self._by_slug.get(slug)

    def quiz_for(self, module_slug: str) -> Quiz | None:
        return self.quizzes.get(module_slug)

    def quiz(self, slug: str) -> Quiz | None:
        return self._quiz_by_slug.get(slug)

    def path(self, slug: str) -> LearningPath | None:
        return next((path for path in self.paths if path.slug == slug), None)

    def glossary_for_links(self, base_url: str) -> Glossary | None:
        """The glossary as the renderer links it (one object per base URL, so it caches)."""
        if not self.glossary:
            return None
        if base_url not in self._linkers:
            terms = tuple((t.slug, (t.term, *t.aliases)) for t in self.glossary)
            self._linkers[base_url] = Glossary(terms, base_url)
        return self._linkers[base_url]
