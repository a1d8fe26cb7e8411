"""Every way a scenario can end, summarised: the points range per ending band and harm.

A learner's path through a scenario is a sequence of real states (node + counter values).
Walking all of them once (memoised per state) gives, for each kind of outcome, the fewest and
the most points a path of that kind earns, with an example path for each, and the longest
path in decisions. The assessment rules use it to refuse scenarios where a harmful path could
pass or a worse path earns more than a better one.
"""

from __future__ import annotations

from dataclasses import dataclass

from learning.content.assessments.definitions import Scenario

BAND_RANK = {"poor": 0, "mixed": 1, "good": 2}


@dataclass(frozen=True)
class Extreme:
    points: int
    path: tuple[str, ...]  # "node:choice" steps, then the ending id

    def shifted(self, points: int, step: str) -> Extreme:
        return Extreme(self.points + points, (step, *self.path))


@dataclass(frozen=True)
class Outcome:
    """The paths that end in ``band`` and do (or do not) contain a critical choice."""

    band: str
    harmful: bool
    low: Extreme
    high: Extreme

    @property
    def effective_band(self) -> str:
        """A path with a critical choice counts as poor, whatever its ending."""
        return "poor" if self.harmful else self.band


@dataclass(frozen=True)
class PathSummary:
    outcomes: tuple[Outcome, ...]
    longest: int  # decisions on the longest path


def summarise(scenario: Scenario) -> PathSummary:
    """Walk every real path of a (graph-checked) scenario; computed once per scenario."""
    if "paths" not in scenario.memo:
        scenario.memo["paths"] = _walk_all(scenario)
    return scenario.memo["paths"]


def _walk_all(scenario: Scenario) -> PathSummary:
    memo: dict[tuple, tuple[dict[tuple[str, bool], tuple[Extreme, Extreme]], int]] = {}

    def walk(name: str, values: dict[str, int]):
        if name in scenario.endings:
            end = Extreme(0, (name,))
            return {(scenario.endings[name].band, False): (end, end)}, 0
        key = (name, tuple(sorted(values.items())))
        if key in memo:
            return memo[key]
        merged: dict[tuple[str, bool], tuple[Extreme, Extreme]] = {}
        longest = 0
        for choice in scenario.nodes[name].offered(values):
            after = choice.apply(values)
            outcomes, depth = walk(choice.next_node(after), after)
            longest = max(longest, depth + 1)
            step = f"{name}:{choice.id}"
            for (band, harmful), (low, high) in outcomes.items():
                kind = (band, harmful or choice.critical)
                low = low.shifted(choice.points, step)
                high = high.shifted(choice.points, step)
                if kind in merged:
                    old_low, old_high = merged[kind]
                    low = low if low.points < old_low.points else old_low
                    high = high if high.points > old_high.points else old_high
                merged[kind] = (low, high)
        memo[key] = (merged, longest)
        return memo[key]

    outcomes, longest = walk(scenario.start, scenario.initial_counters())
    return PathSummary(
        tuple(
            Outcome(band, harmful, low, high)
            for (band, harmful), (low, high) in sorted(outcomes.items())
        ),
        longest,
    )
