"""Graph checks for scenarios: references, reachability, cycles, dead ends and best score.

Static checks look at every route regardless of conditions. The exact check then walks every
state a learner can really be in (node + counter values): it finds states where no choice is
offered (a path that never reaches an ending) and the best score a learner can actually reach.
"""

from __future__ import annotations

from learning.content.assessments.definitions import Ending, ScenarioNode

MAX_STATES = 20_000


class GraphProblem(Exception):
    """A scenario graph defect: the code and message of the problem, and the node it is at."""

    def __init__(self, code: str, message: str, node: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.node = code, message, node


def _targets(node: ScenarioNode) -> list[str]:
    return [route.target for choice in node.choices for route in choice.routes]


def check_static(
    start: str, nodes: dict[str, ScenarioNode], endings: dict[str, Ending]
) -> list[GraphProblem]:
    problems = []
    if start not in nodes:
        problems.append(GraphProblem("dangling-reference", f"start node '{start}' does not exist"))
    for node in nodes.values():
        for target in _targets(node):
            if target not in nodes and target not in endings:
                problems.append(
                    GraphProblem(
                        "dangling-reference",
                        f"node '{node.id}' leads to '{target}', which is "
                        "neither a node nor an ending",
                        node.id,
                    )
                )
    if problems:
        return problems
    reached = {start}
    stack = [start]
    while stack:
        current = nodes.get(stack.pop())
        for target in _targets(current) if current else []:
            if target not in reached:
                reached.add(target)
                stack.append(target)
    for unreachable in sorted((set(nodes) | set(endings)) - reached):
        problems.append(
            GraphProblem(
                "unreachable",
                f"'{unreachable}' cannot be reached from the start node '{start}'",
                unreachable,
            )
        )
    cycle = _find_cycle(start, nodes)
    if cycle:
        problems.append(
            GraphProblem("cycle", "scenario loops back: " + " -> ".join(cycle), cycle[0])
        )
    return problems


def _find_cycle(start: str, nodes: dict[str, ScenarioNode]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished

    def visit(name: str, path: list[str]) -> list[str] | None:
        if state.get(name) == 1:
            return path[path.index(name) :] + [name]
        if state.get(name) == 2 or name not in nodes:
            return None
        state[name] = 1
        for target in _targets(nodes[name]):
            found = visit(target, path + [name])
            if found:
                return found
        state[name] = 2
        return None

    return visit(start, [])


def best_points(
    start: str, counters: dict[str, int], nodes: dict[str, ScenarioNode], endings: dict[str, Ending]
) -> int:
    """The most points any real path can earn; raises GraphProblem on a dead end.

    Choices offered (``when``) see the counters before the choice; routes (``if``) see them
    after the choice's effects, exactly as the attempt does.
    """
    memo: dict[tuple[str, tuple[tuple[str, int], ...]], int] = {}

    def walk(name: str, values: dict[str, int]) -> int:
        if name in endings:
            return 0
        key = (name, tuple(sorted(values.items())))
        if key in memo:
            return memo[key]
        if len(memo) > MAX_STATES:
            raise GraphProblem("too-complex", f"more than {MAX_STATES} states to check")
        offered = nodes[name].offered(values)
        if not offered:
            raise GraphProblem(
                "no-ending",
                f"at node '{name}' with counters "
                f"{dict(sorted(values.items()))} no choice is offered, so this "
                "path never reaches an ending",
                name,
            )
        best = 0
        for choice in offered:
            after = choice.apply(values)
            best = max(best, choice.points + walk(choice.next_node(after), after))
        memo[key] = best
        return best

    return walk(start, counters)
