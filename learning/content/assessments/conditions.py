"""Conditions on scenario counters, such as ``risk >= 2 and trust < 1``.

They are parsed into (counter, operator, number) triples and compared in Python: author text
is never evaluated as code (RELIABILITY E6).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

OPERATORS: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_COMPARISON = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(<=|>=|==|!=|<|>)\s*(-?\d{1,6})\s*$")


class ConditionError(ValueError):
    """The text is not a valid condition; the message says why."""


@dataclass(frozen=True)
class Comparison:
    counter: str
    op: str
    value: int

    def holds(self, counters: Mapping[str, int]) -> bool:
        return OPERATORS[self.op](counters.get(self.counter, 0), self.value)


@dataclass(frozen=True)
class Condition:
    """All comparisons must hold (joined with ``and`` in the source text)."""

    comparisons: tuple[Comparison, ...]
    text: str

    def holds(self, counters: Mapping[str, int]) -> bool:
        return all(comparison.holds(counters) for comparison in self.comparisons)

    @property
    def counters(self) -> set[str]:
        return {comparison.counter for comparison in self.comparisons}


def parse_condition(text: object) -> Condition:
    if not isinstance(text, str) or not text.strip():
        raise ConditionError("a condition must be text such as 'risk >= 2'")
    comparisons = []
    for part in re.split(r"\s+and\s+", text.strip()):
        match = _COMPARISON.match(part)
        if match is None:
            raise ConditionError(
                f"cannot read condition {part.strip()!r}: write 'counter op number' with op "
                "one of < <= > >= == !=, joined with 'and'"
            )
        counter, op, value = match.groups()
        comparisons.append(Comparison(counter, op, int(value)))
    return Condition(tuple(comparisons), text.strip())
