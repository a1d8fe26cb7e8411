"""The immutable in-memory catalogue of modules, lessons and source documents.

Everything here is built once by the loader and only read afterwards, so it is safe to share
between threads. Versions are short hashes of file contents: database rows store them so that
an edited lesson never rewrites what a learner completed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from learning.content.problems import Problem
from learning.content.rendering import Glossary
from learning.content.sources import SourceDocument, SourceRef

if TYPE_CHECKING:
    from learning.content.assessments.definitions import Quiz
    from learning.content.reference import GlossaryTerm, Instrument, LearningPath, Practice


# Lessons are timed at this reading speed (the loader checks each lesson's stated minutes).
WORDS_PER_MINUTE = 200


def reading_minutes(text: str) -> float:
    return len(text.split()) / WORDS_PER_MINUTE


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    order: int
    estimated_minutes: int
    key_points: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    body: str
    version: str
    path: str


@dataclass(frozen=True)
class Module:
    slug: str
    title: str
    summary: str
    audience: tuple[str, ...]
    estimated_minutes: int
    objectives: tuple[str, ...]
    content_notes: str | None
    sources: tuple[SourceRef, ...]
    overview: str
    lessons: tuple[Lesson, ...]
    version: str
    path: str
    _by_slug: dict[str, Lesson] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_slug.update({lesson.slug: lesson for lesson in self.lessons})

    def lesson(self, slug: str) -> Lesson | None:
        return self._by_slug.get(slug)

    def neighbours(self, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
        """The lessons before and after ``lesson`` in reading order."""
        index = self.lessons.index(lesson)
        previous = self.lessons[index - 1] if index > 0 else None
        following = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return previous, following

    @property
    def lesson_slugs(self) -> tuple[str, ...]:
        return tuple(lesson.slug for lesson in self.lessons)


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
