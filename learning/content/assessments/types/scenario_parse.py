"""Parsing and validating branching scenarios (the graph checks live in scenario_graph)."""

from __future__ import annotations

import re
from typing import Any

from learning.content.assessments.conditions import Condition, ConditionError, parse_condition
from learning.content.assessments.definitions import Ending, Route, ScenarioChoice, ScenarioNode
from learning.content.assessments.types.base import ParseContext
from learning.content.schema import Field
from learning.content.yaml_reader import Located

COUNTER_NAME = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
BANDS = ("good", "mixed", "poor")

SCENARIO_FIELDS = {
    "id": Field("slug"),
    "type": Field("text"),
    "title": Field("text", maximum=160),
    "intro": Field("markdown", maximum=4000),
    "counters": Field("any", required=False),
    "start": Field("slug"),
    "nodes": Field("list", minimum=1, maximum=60),
    "endings": Field("list", minimum=1, maximum=12),
    "sources": Field("sources", required=False, maximum=20),
    "objectives": Field("int_list", required=False, minimum=1, maximum=12),
}
NODE_FIELDS = {
    "id": Field("slug"),
    "situation": Field("markdown", maximum=4000),
    "choices": Field("list", minimum=2, maximum=6),
    "sources": Field("sources", required=False, maximum=20),
}
CHOICE_FIELDS = {
    "id": Field("slug"),
    "text": Field("text", maximum=600),
    "feedback": Field("markdown", maximum=3000),
    "points": Field("int", minimum=-100, maximum=100),
    "effects": Field("any", required=False),
    "next": Field("any"),
    "when": Field("any", required=False),
    "sources": Field("sources", required=False),
    "critical": Field("bool", required=False),
    "why": Field("markdown", required=False, maximum=1500),
}
ENDING_FIELDS = {
    "id": Field("slug"),
    "title": Field("text", maximum=160),
    "band": Field("slug"),
    "debrief": Field("markdown", maximum=4000),
    "sources": Field("sources", maximum=20),
}


def parse_counters(item: Located, ctx: ParseContext) -> dict[str, int]:
    raw = item.data.get("counters", {})
    line = item.line_of("counters")
    if not isinstance(raw, dict):
        ctx.add(line, "wrong-type", "'counters' must map counter names to whole numbers")
        return {}
    counters = {}
    for name, value in raw.items():
        if not isinstance(name, str) or not COUNTER_NAME.match(name):
            ctx.add(
                line,
                "bad-counter",
                f"counter name {name!r} must be lower-case letters, digits and underscores",
            )
        elif isinstance(value, bool) or not isinstance(value, int):
            ctx.add(line, "wrong-type", f"counter '{name}' must start at a whole number")
        else:
            counters[name] = value
    return counters


def _condition(
    text: Any,
    line: int,
    counters: dict[str, int],
    ctx: ParseContext,
) -> Condition | None | bool:
    """The parsed condition, or False after reporting a problem."""
    try:
        condition = parse_condition(text)
    except ConditionError as error:
        ctx.add(line, "bad-condition", str(error))
        return False
    for name in sorted(condition.counters - set(counters)):
        ctx.add(line, "unknown-counter", f"condition uses '{name}', which is not in 'counters'")
        return False
    return condition


def _routes(
    raw: Any,
    line: int,
    counters: dict[str, int],
    ctx: ParseContext,
) -> tuple[Route, ...] | None:
    if isinstance(raw, str):
        return (Route(raw),)
    if not isinstance(raw, list) or not raw:
        ctx.add(line, "wrong-type", "'next' must be a node id or a list of routes")
        return None
    routes = []
    for index, route in enumerate(raw):
        route_line = raw.item_lines[index] if hasattr(raw, "item_lines") else line
        last = index == len(raw) - 1
        if (
            not isinstance(route, dict)
            or not isinstance(route.get("to"), str)
            or (set(route) - {"if", "to"})
        ):
            ctx.add(route_line, "bad-route", "each route needs 'to' (a node id) and may have 'if'")
            return None
        if last and "if" in route:
            ctx.add(route_line, "bad-route", "the last route must have no 'if' (the fallback)")
            return None
        if not last and "if" not in route:
            ctx.add(route_line, "bad-route", "only the last route may leave out 'if'")
            return None
        condition = _condition(route["if"], route_line, counters, ctx) if "if" in route else None
        if condition is False:
            return None
        routes.append(Route(route["to"], condition))
    return tuple(routes)


def _effects(raw: Any, line: int, counters: dict[str, int], ctx: ParseContext):
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in raw.values()
    ):
        ctx.add(line, "wrong-type", "'effects' must map counter names to whole numbers")
        return None
    for name in raw:
        if name not in counters:
            ctx.add(line, "unknown-counter", f"effect on '{name}', which is not in 'counters'")
            return None
    return tuple(sorted(raw.items()))


def parse_choice(data: Any, counters: dict[str, int], ctx: ParseContext) -> ScenarioChoice | None:
    item = ctx.located(data)
    before = len(ctx.problems)
    values = ctx.check(item, CHOICE_FIELDS)
    refs = ctx.sources(item, values)
    if "next" not in values:
        return None
    routes = _routes(values["next"], item.line_of("next"), counters, ctx)
    effects = _effects(item.data.get("effects"), item.line_of("effects"), counters, ctx)
    when = None
    if "when" in item.data:
        when = _condition(item.data["when"], item.line_of("when"), counters, ctx)
    critical = values.get("critical", False)
    if values.get("points", 0) < 0 and not critical:
        # A penalty keeps a path with a late harmful act below the pass mark; only a critical
        # choice may carry one.
        ctx.add(
            item.line_of("points"),
            "out-of-range",
            "'points' below 0 (a penalty) is allowed only on a critical choice",
        )
    if critical and "why" not in values:
        ctx.add(
            item.line_of("critical"),
            "missing-key",
            "a critical choice needs 'why': what makes it harmful, shown on the result page",
        )
    elif "why" in values and not critical:
        ctx.add(
            item.line_of("why"),
            "unknown-key",
            "'why' belongs only to a critical choice (critical: true)",
        )
    if len(ctx.problems) > before or routes is None or effects is None or when is False:
        return None
    return ScenarioChoice(
        values["id"],
        values["text"],
        values["feedback"],
        values["points"],
        effects,
        routes,
        when,
        refs,
        critical,
        values.get("why", ""),
    )


def parse_node(data: Any, counters: dict[str, int], ctx: ParseContext) -> ScenarioNode | None:
    item = ctx.located(data)
    before = len(ctx.problems)
    values = ctx.check(item, NODE_FIELDS)
    refs = ctx.sources(item, values)
    choices, seen = [], set()
    for index, raw in enumerate(values.get("choices") or []):
        choice = parse_choice(raw, counters, ctx)
        if choice is None:
            continue
        if choice.id in seen:
            ctx.add(
                item.line_of("choices", index),
                "duplicate-id",
                f"choice id '{choice.id}' is used twice in node '{values.get('id')}'",
            )
        seen.add(choice.id)
        choices.append(choice)
    if len(ctx.problems) > before:
        return None
    top = max(choice.points for choice in choices)
    if sum(choice.points == top for choice in choices) != 1:
        ctx.add(
            item.line_of("choices"),
            "best-choice",
            f"node '{values['id']}' needs exactly one choice with the highest points "
            "(it is shown as the better decision)",
        )
        return None
    if any(choice.critical and choice.points == top for choice in choices):
        ctx.add(
            item.line_of("choices"),
            "critical-best",
            f"node '{values['id']}': a critical choice cannot be the better decision",
        )
        return None
    return ScenarioNode(values["id"], values["situation"], tuple(choices), refs)


def parse_ending(data: Any, ctx: ParseContext) -> Ending | None:
    item = ctx.located(data)
    before = len(ctx.problems)
    values = ctx.check(item, ENDING_FIELDS)
    refs = ctx.sources(item, values)
    if "band" in values and values["band"] not in BANDS:
        ctx.add(item.line_of("band"), "bad-value", f"'band' must be one of {', '.join(BANDS)}")
    if len(ctx.problems) > before:
        return None
    return Ending(values["id"], values["title"], values["band"], values["debrief"], refs)
