"""Rules that make a quiz a valid assessment of its module (run by ``flask content check``).

They need the quiz and its module together, so they run once both have loaded:
- every objective of the module is assessed by at least one classic item, and items name only
  objectives that exist;
- a quiz that draws its classic items holds a pool of at least 1.5 times the draw, and the draw
  reaches every objective the pool covers (it goes round-robin over them);
- each item meets the rules of its type within the quiz (``check_in_quiz``: a scenario's, for
  example, keep a harmful path from passing);
- the module's stated time counts its reading (about 200 words a minute) and its quiz, each
  item as its type counts it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from learning.content.assessments.definitions import Quiz
from learning.content.assessments.types import question_type
from learning.content.course import WORDS_PER_MINUTE, Lesson, Module, reading_minutes

POOL_FACTOR = 1.5
MODULE_TIME_TOLERANCE = 0.15

Report = Callable[[int, str, str], None]  # (line, code, message)


def lesson_minutes(lesson: Lesson) -> float:
    return reading_minutes(lesson.body)


def quiz_minutes(quiz: Quiz) -> int:
    """What the quiz takes: each item as its type counts it, the pool counted as its longest
    draw (each classic item shown)."""
    pool = quiz.classic_questions
    pooled = {q.id for q in pool}
    minutes = sum(question_type(q.type).minutes(q) for q in quiz.questions if q.id not in pooled)
    drawn = len(pool) if quiz.draw is None else min(quiz.draw, len(pool))
    longest = sorted((question_type(q.type).minutes(q) for q in pool), reverse=True)
    return minutes + sum(longest[:drawn])


def expected_module_minutes(module: Module, quiz: Quiz | None) -> tuple[float, int]:
    """(reading minutes, quiz minutes) for the module."""
    reading = sum(lesson_minutes(lesson) for lesson in module.lessons)
    return reading, quiz_minutes(quiz) if quiz else 0


def check_module_time(module: Module, quiz: Quiz | None, report: Report) -> None:
    reading, quizzing = expected_module_minutes(module, quiz)
    total = reading + quizzing
    if abs(module.estimated_minutes - total) > max(2, MODULE_TIME_TOLERANCE * total):
        report(
            0,
            "time-estimate",
            f"estimated_minutes {module.estimated_minutes} should be about {round(total)} "
            f"(reading {round(reading)} at {WORDS_PER_MINUTE} words a minute + quiz "
            f"{quizzing}), within {round(MODULE_TIME_TOLERANCE * 100)} %",
        )


def check_quiz(quiz: Quiz, module: Module, report: Report) -> None:
    """Every rule of this module that needs the module's objectives or the whole quiz."""
    _check_objectives(quiz, module, report)
    _check_pool(quiz, report)
    for question in quiz.questions:
        question_type(question.type).check_in_quiz(question, quiz, report)


def _check_objectives(quiz: Quiz, module: Module, report: Report) -> None:
    count = len(module.objectives)
    for question in quiz.questions:
        for number in question_type(question.type).objectives(question):
            if number > count:
                report(
                    quiz.lines.get(question.id, 1),
                    "bad-objective",
                    f"item '{question.id}' names objective {number}, but module "
                    f"'{module.slug}' has {count} objectives",
                )
    assessed = {
        number
        for question in quiz.classic_questions
        for number in question_type(question.type).objectives(question)
    }
    for number in range(1, count + 1):
        if number not in assessed:
            report(
                1,
                "objective-unassessed",
                f"objective {number} of module '{module.slug}' has no graded item "
                f"(give a single or multiple choice item 'objective: {number}')",
            )


def _check_pool(quiz: Quiz, report: Report) -> None:
    if quiz.draw is None:
        return
    pool = quiz.classic_questions
    needed = math.ceil(POOL_FACTOR * quiz.draw)
    if len(pool) < needed:
        report(
            quiz.lines.get(":draw", 1),
            "pool-too-small",
            f"'draw: {quiz.draw}' needs a pool of at least {needed} single or multiple "
            f"choice items ({POOL_FACTOR} times the draw), not {len(pool)}",
        )
    objectives = {question.objective for question in pool}
    if quiz.draw < len(objectives):
        report(
            quiz.lines.get(":draw", 1),
            "draw-too-small",
            f"'draw: {quiz.draw}' is less than the {len(objectives)} objectives the items "
            "cover, so some attempts would leave an objective out",
        )
