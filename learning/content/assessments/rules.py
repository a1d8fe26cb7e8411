"""Rules that make a quiz a valid assessment of its module (run by ``flask content check``).

They need the quiz and its module together, so they run once both have loaded:
- every objective of the module is assessed by at least one classic item, and items name only
  objectives that exist;
- a quiz that draws its classic items holds a pool of at least 1.5 times the draw, and the draw
  reaches every objective the pool covers (it goes round-robin over them);
- every scenario has a critical choice; no path that ends ``poor`` or contains a critical choice
  reaches the pass mark even with full marks everywhere else; a path that ends worse never
  earns more points than one that ends better;
- the module's stated time counts its reading (about 200 words a minute) and its quiz.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from learning.content.assessments.definitions import Quiz, Scenario
from learning.content.assessments.scenario_paths import BAND_RANK, summarise
from learning.content.course import WORDS_PER_MINUTE, Lesson, Module, reading_minutes

POOL_FACTOR = 1.5
MODULE_TIME_TOLERANCE = 0.15
MINUTES_PER_CLASSIC_ITEM = 1
MINUTES_PER_DECISION = 1  # plus one for reading the scenario's set-up
MINUTES_PER_CASE_PROMPT = 4

Report = Callable[[int, str, str], None]  # (line, code, message)


def lesson_minutes(lesson: Lesson) -> float:
    return reading_minutes(lesson.body)


def quiz_minutes(quiz: Quiz) -> int:
    """What the quiz takes: each classic item shown, each scenario's longest path and set-up,
    and each case-study prompt."""
    minutes = 0
    for question in quiz.questions:
        if question.type == "scenario":
            minutes += MINUTES_PER_DECISION * (1 + summarise(question).longest)
        elif question.type == "case_study":
            minutes += MINUTES_PER_CASE_PROMPT * len(question.prompts)
    drawn = quiz.shown_per_attempt - (len(quiz.questions) - len(quiz.classic_questions))
    return minutes + MINUTES_PER_CLASSIC_ITEM * drawn


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
        if isinstance(question, Scenario):
            _check_scenario(quiz, question, report)


def _check_objectives(quiz: Quiz, module: Module, report: Report) -> None:
    count = len(module.objectives)
    for question in quiz.questions:
        named = (
            (question.objective,)
            if question.type in ("single_choice", "multiple_choice")
            else getattr(question, "objectives", ())
        )
        for number in named:
            if number > count:
                report(
                    quiz.lines.get(question.id, 1),
                    "bad-objective",
                    f"item '{question.id}' names objective {number}, but module "
                    f"'{module.slug}' has {count} objectives",
                )
    assessed = {question.objective for question in quiz.classic_questions}
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


def full_marks_elsewhere(quiz: Quiz, scenario: Scenario) -> int:
    """The most points an attempt can earn outside ``scenario`` (the luckiest draw)."""
    classic = sorted((q.points for q in quiz.classic_questions), reverse=True)
    drawn = classic if quiz.draw is None else classic[: quiz.draw]
    others = sum(
        q.points
        for q in quiz.questions
        if q.type not in ("single_choice", "multiple_choice") and q is not scenario
    )
    return sum(drawn) + others


def _check_scenario(quiz: Quiz, scenario: Scenario, report: Report) -> None:
    line = quiz.lines.get(scenario.id, 1)
    if not any(choice.critical for node in scenario.nodes.values() for choice in node.choices):
        report(
            line,
            "no-critical-choice",
            f"scenario '{scenario.id}' has no critical choice (critical: true with a why)",
        )
    summary = summarise(scenario)
    elsewhere = full_marks_elsewhere(quiz, scenario)
    total = elsewhere + scenario.max_points
    for outcome in summary.outcomes:
        if outcome.effective_band != "poor" or not total:
            continue
        best = outcome.high
        if (elsewhere + best.points) / total + 1e-9 >= quiz.pass_mark:
            what = "contains a critical choice" if outcome.harmful else "ends poor"
            report(
                line,
                "harmful-path-passes",
                f"scenario '{scenario.id}': a path that {what} earns {best.points} of "
                f"{scenario.max_points} points, enough to reach the pass mark with full marks "
                f"elsewhere ({' -> '.join(best.path)})",
            )
    for worse in summary.outcomes:
        for better in summary.outcomes:
            if BAND_RANK[worse.effective_band] >= BAND_RANK[better.effective_band]:
                continue
            if worse.high.points > better.low.points:
                report(
                    line,
                    "worse-path-more-points",
                    f"scenario '{scenario.id}': a path ending {_describe(worse)} earns "
                    f"{worse.high.points} points ({' -> '.join(worse.high.path)}), more "
                    f"than a path ending {_describe(better)} earns "
                    f"({better.low.points}: {' -> '.join(better.low.path)})",
                )


def _describe(outcome) -> str:
    return f"{outcome.band} with a critical choice" if outcome.harmful else outcome.band
