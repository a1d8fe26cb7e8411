"""Loads and validates ``quizzes/*.yml``; every problem is reported as path:line: code message."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from learning.content.assessments import rules as assessment_rules
from learning.content.assessments.definitions import Quiz
from learning.content.assessments.types import QuestionType, question_type
from learning.content.assessments.types.base import ParseContext
from learning.content.course import Module
from learning.content.problems import ProblemList
from learning.content.schema import Field
from learning.content.sources import SourceDocument
from learning.content.yaml_reader import Located, load_located_yaml

QUIZ_FIELDS = {
    "slug": Field("slug"),
    "module": Field("slug"),
    "title": Field("text", maximum=160),
    "intro": Field("markdown", required=False, maximum=4000),
    "pass_mark": Field("number"),
    "max_attempts": Field("int", required=False, minimum=1, maximum=100),
    "shuffle": Field("bool", required=False),
    "questions": Field("list", minimum=1, maximum=80),
    "draw": Field("int", required=False, minimum=1, maximum=80),
    "retake_wait_hours": Field("int", required=False, minimum=1, maximum=720),
}


def load_quizzes(
    quizzes_dir: Path,
    modules: dict[str, Module],
    sources: dict[str, SourceDocument],
    problems: ProblemList,
    content_parent: Path | None = None,
) -> tuple[dict[str, Quiz], set[str]]:
    """Every valid quiz by module slug, and the modules whose quiz file is broken (or that
    fails the assessment rules against its module, or states the wrong time).

    ``content_parent`` is the folder module paths are relative to, for reporting at module.md.
    """
    quizzes: dict[str, Quiz] = {}
    broken: set[str] = set()
    slugs: dict[str, str] = {}
    if not quizzes_dir.is_dir():
        return quizzes, broken
    for path in sorted(quizzes_dir.iterdir()):
        if path.suffix not in (".yml", ".yaml") or path.name.startswith("."):
            continue
        before = len(problems)
        quiz = _load_quiz(path, sources, problems)
        if quiz is None:
            broken.add(_declared_module(path))
            continue
        if quiz.module not in modules:
            problems.add(
                path,
                1,
                "dangling-module",
                f"module '{quiz.module}' does not exist or has problems of its own",
            )
        elif quiz.slug in slugs:
            problems.add(
                path,
                1,
                "duplicate-slug",
                f"quiz slug '{quiz.slug}' is already used by {slugs[quiz.slug]}",
            )
        elif quiz.module in quizzes:
            problems.add(
                path,
                1,
                "duplicate-quiz",
                f"module '{quiz.module}' already has a quiz ({quizzes[quiz.module].path})",
            )
        else:
            slugs[quiz.slug] = path.name
            quizzes[quiz.module] = quiz
            assessment_rules.check_quiz(
                quiz,
                modules[quiz.module],
                lambda line, code, message, at=path: problems.add(at, line, code, message),
            )
        if len(problems) > before:
            broken.add(quiz.module)
    if content_parent is not None:
        for module in modules.values():
            # A broken quiz's time cannot be counted; its own problems come first.
            if module.slug in broken:
                continue
            if not _time_is_right(module, quizzes.get(module.slug), content_parent, problems):
                broken.add(module.slug)
    return quizzes, broken


def _time_is_right(
    module: Module, quiz: Quiz | None, content_parent: Path, problems: ProblemList
) -> bool:
    """The module's stated time counts its reading and its quiz (reported at module.md)."""
    path = content_parent / module.path
    count = len(problems)
    assessment_rules.check_module_time(
        module,
        quiz,
        lambda _line, code, message: problems.add(
            path, _key_line(path, "estimated_minutes"), code, message
        ),
    )
    return len(problems) == count


def _key_line(path: Path, key: str) -> int:
    """The line of a top-level front matter key (1 when it cannot be found)."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _declared_module(path: Path) -> str:
    """The module a broken quiz file names, read leniently so its module can be held back."""
    try:
        match = re.search(r"^module:\s*['\"]?([a-z0-9-]+)", path.read_text("utf-8"), re.M)
    except (OSError, UnicodeDecodeError):
        return ""
    return match.group(1) if match else ""


def _load_quiz(
    path: Path, sources: dict[str, SourceDocument], problems: ProblemList
) -> Quiz | None:
    loaded = load_located_yaml(path, problems)
    if loaded is None:
        return None
    data, text = loaded
    if not isinstance(data, dict):
        problems.add(path, 1, "yaml-shape", "a quiz file must be a mapping of keys to values")
        return None
    before = len(problems)
    item = Located(path, data)
    ctx = ParseContext(path, problems, sources)
    values = ctx.check(item, QUIZ_FIELDS)
    if "pass_mark" in values and not 0 < values["pass_mark"] <= 1:
        problems.add(
            path,
            item.line_of("pass_mark"),
            "out-of-range",
            f"'pass_mark' must be above 0 and at most 1 (a fraction), not {values['pass_mark']}",
        )
    questions, lines = [], {}
    for index, raw in enumerate(values.get("questions") or []):
        line = item.line_of("questions", index)
        question = _parse_question(Located(path, raw), line, ctx)
        if question is not None:
            questions.append(question)
            lines[question.id] = line
    if "draw" in values:
        lines[":draw"] = item.line_of("draw")  # where the pool rules point
    if len(problems) > before:
        return None
    if sum(question.points for question in questions) <= 0:
        problems.add(
            path,
            item.line_of("questions"),
            "no-points",
            "the quiz has no points to earn, so it cannot be passed",
        )
        return None
    return Quiz(
        slug=values["slug"],
        module=values["module"],
        title=values["title"],
        intro=values.get("intro", ""),
        pass_mark=values["pass_mark"],
        max_attempts=values.get("max_attempts"),
        shuffle=values.get("shuffle", True),
        questions=tuple(questions),
        version=hashlib.sha256(text.encode()).hexdigest()[:16],
        path=str(path.relative_to(path.parent.parent)),
        draw=values.get("draw"),
        retake_wait_hours=values.get("retake_wait_hours"),
        lines=lines,
        pooled_ids=frozenset(q.id for q in questions if question_type(q.type).pooled),
    )


def _parse_question(item: Located, line: int, ctx: ParseContext):
    kind = item.data.get("type")
    if kind not in QuestionType.registry:
        known = ", ".join(sorted(QuestionType.registry))
        ctx.add(line, "unknown-type", f"question type {kind!r} is not one of: {known}")
        return None
    question = QuestionType.registry[kind].parse(item, ctx)
    if question is None:
        return None
    if question.id in ctx.ids:
        ctx.add(line, "duplicate-id", f"question id '{question.id}' is used twice in this quiz")
        return None
    ctx.ids.add(question.id)
    return question
