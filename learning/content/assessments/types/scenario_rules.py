"""The rules a scenario must meet within its quiz (run by ``flask content check``).

Every scenario has a critical choice; no path that ends ``poor`` or contains a critical choice
reaches the pass mark even with full marks everywhere else; a path that ends worse never earns
more points than one that ends better.
"""

from __future__ import annotations

from collections.abc import Callable

from learning.content.assessments.definitions import Quiz, Scenario
from learning.content.assessments.scenario_paths import BAND_RANK, summarise

Report = Callable[[int, str, str], None]  # (line, code, message)


def full_marks_elsewhere(quiz: Quiz, scenario: Scenario) -> int:
    """The most points an attempt can earn outside ``scenario`` (the luckiest draw)."""
    pool = quiz.classic_questions
    classic = sorted((q.points for q in pool), reverse=True)
    drawn = classic if quiz.draw is None else classic[: quiz.draw]
    pooled = {q.id for q in pool}
    others = sum(q.points for q in quiz.questions if q.id not in pooled and q is not scenario)
    return sum(drawn) + others


def check_scenario(quiz: Quiz, scenario: Scenario, report: Report) -> None:
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
