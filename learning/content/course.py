"""A module and its lessons, as read from the content files (immutable values).

Versions are short hashes of file contents: database rows store them so that an edited lesson
never rewrites what a learner completed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from learning.content.sources import SourceRef

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
