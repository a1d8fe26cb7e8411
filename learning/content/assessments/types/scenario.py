"""Branching scenarios: one decision per page, counters, conditional routes, several endings.

The stored response is the learner's path so far::

    {"at": node or ending id, "counters": {...}, "ending": id or null,
     "steps": [{"node", "choice", "points", "counters"}, ...]}

A decision is accepted only for the node the learner is at, and only for a choice offered
there, so posting a later node or a hidden choice cannot skip ahead (RELIABILITY H4).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from werkzeug.datastructures import MultiDict

from learning.content.assessments.definitions import Quiz, Scenario
from learning.content.assessments.scenario_paths import summarise
from learning.content.assessments.types.base import (
    Decision,
    Grade,
    ParseContext,
    QuestionType,
    ResponseError,
)
from learning.content.assessments.types.scenario_graph import (
    GraphProblem,
    best_points,
    check_static,
)
from learning.content.assessments.types.scenario_parse import (
    SCENARIO_FIELDS,
    parse_counters,
    parse_ending,
    parse_node,
)
from learning.content.assessments.types.scenario_rules import Report, check_scenario
from learning.content.assessments.types.summaries import OptionSet, Split, shares
from learning.content.yaml_reader import Located

MINUTES_PER_DECISION = 1  # plus one for reading the scenario's set-up


class ScenarioType(QuestionType):
    name = "scenario"
    template = "quizzes/types/scenario.html"
    review_template = "quizzes/_review_scenario.html"
    review_when_complete = True  # the replay of a finished scenario
    harm_template = "quizzes/_unsafe_scenario.html"
    debrief_template = "workshops/_split_scenario.html"  # numbered as scenario decisions

    def parse(self, item: Located, ctx: ParseContext) -> Scenario | None:
        before = len(ctx.problems)
        values = ctx.check(item, SCENARIO_FIELDS)
        refs = ctx.sources(item, values)
        counters = parse_counters(item, ctx)
        nodes, endings = {}, {}
        for kind, raw_list in (
            ("nodes", values.get("nodes") or []),
            ("endings", values.get("endings") or []),
        ):
            for index, raw in enumerate(raw_list):
                parsed = (
                    parse_node(raw, counters, ctx) if kind == "nodes" else parse_ending(raw, ctx)
                )
                if parsed is None:
                    continue
                if parsed.id in nodes or parsed.id in endings:
                    ctx.add(
                        item.line_of(kind, index),
                        "duplicate-id",
                        f"'{parsed.id}' is used twice among this scenario's nodes and endings",
                    )
                    continue
                (nodes if kind == "nodes" else endings)[parsed.id] = parsed
        if len(ctx.problems) > before:
            return None
        lines = self._lines(item)
        problems = check_static(values["start"], nodes, endings)
        if not problems:
            try:
                maximum = best_points(values["start"], counters, nodes, endings)
            except GraphProblem as problem:
                problems = [problem]
        for problem in problems:
            ctx.add(lines.get(problem.node, item.line_of("start")), problem.code, problem.message)
        if problems:
            return None
        return Scenario(
            values["id"],
            self.name,
            values["title"],
            values["intro"],
            tuple(counters.items()),
            values["start"],
            nodes,
            endings,
            maximum,
            refs,
            values.get("objectives", ()),
        )

    @staticmethod
    def _lines(item: Located) -> dict[str, int]:
        lines = {}
        for key in ("nodes", "endings"):
            for index, raw in enumerate(item.data.get(key) or []):
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    lines[raw["id"]] = item.line_of(key, index)
        return lines

    def minutes(self, scenario: Scenario) -> int:
        return MINUTES_PER_DECISION * (1 + summarise(scenario).longest)

    def cue_sets(self, scenario: Scenario) -> tuple[OptionSet, ...]:
        return tuple(
            OptionSet(
                tuple(choice.text for choice in node.choices),
                tuple(choice is node.best for choice in node.choices),
                "node",
            )
            for node in scenario.nodes.values()
        )

    def check_in_quiz(self, scenario: Scenario, quiz: Quiz, report: Report) -> None:
        check_scenario(quiz, scenario, report)

    def start(self, scenario: Scenario) -> dict[str, Any]:
        return {
            "at": scenario.start,
            "counters": scenario.initial_counters(),
            "ending": None,
            "steps": [],
        }

    def read_response(self, scenario: Scenario, form: MultiDict, previous: dict | None) -> dict:
        state = previous or self.start(scenario)
        if state["ending"] is not None:
            raise ResponseError("This scenario has already ended.")
        node = scenario.nodes.get(state["at"])
        if node is None or form.get("node") != node.id:
            raise ResponseError(
                "That decision is not the one in front of you now. "
                "Here is where you are in the scenario."
            )
        offered = {choice.id: choice for choice in node.offered(state["counters"])}
        choice = offered.get(form.get("choice", ""))
        if choice is None or len(form.getlist("choice")) != 1:
            raise ResponseError("Choose one of the options before you continue.")
        counters = choice.apply(state["counters"])
        target = choice.next_node(counters)
        step = {"node": node.id, "choice": choice.id, "points": choice.points, "counters": counters}
        return {
            "at": target,
            "counters": counters,
            "ending": target if target in scenario.endings else None,
            "steps": [*state["steps"], step],
        }

    def decision(self, scenario: Scenario, response: dict) -> Decision:
        step = response["steps"][-1]
        return Decision(
            node_id=step["node"],
            choice_id=step["choice"],
            step_no=len(response["steps"]),
            points=step["points"],
            counters=step["counters"],
        )

    def is_complete(self, scenario: Scenario, response: dict | None) -> bool:
        return bool(response and response.get("ending"))

    def grade(self, scenario: Scenario, response: dict | None) -> Grade:
        state = response or self.start(scenario)
        earned = sum(step["points"] for step in state["steps"])
        ending = scenario.endings.get(state.get("ending") or "")
        steps, critical = [], []
        for step in state["steps"]:
            node = scenario.nodes[step["node"]]
            chosen = next(c for c in node.choices if c.id == step["choice"])
            best = node.best
            steps.append(
                {
                    "situation": node.situation,
                    "chosen": chosen.text,
                    "feedback": chosen.feedback,
                    "points": chosen.points,
                    "sources": _cited(chosen.sources or node.sources),
                    "best": best.text,
                    "best_feedback": best.feedback,
                    "best_points": best.points,
                    "best_sources": _cited(best.sources or node.sources),
                    "is_best": chosen.id == best.id,
                    "critical": chosen.critical,
                }
            )
            if chosen.critical:
                critical.append(
                    {"situation": node.situation, "chosen": chosen.text, "why": chosen.why}
                )
        review = {
            "title": scenario.title,
            "steps": steps,
            "max_points": scenario.max_points,
            "critical": critical,
            "ending": None
            if ending is None
            else {
                "title": ending.title,
                "band": ending.band,
                "debrief": ending.debrief,
                "sources": _cited(ending.sources),
            },
        }
        answer_text = " → ".join(step["chosen"] for step in steps)
        if ending is not None:
            answer_text += f" → [{ending.title}]"
        correctness = earned / scenario.max_points if scenario.max_points else 1.0
        return Grade(
            points=earned,
            max_points=scenario.max_points,
            correctness=min(1.0, max(0.0, correctness)),
            answer_text=answer_text,
            review=review,
        )

    def debrief(
        self, scenario: Scenario, responses: list[dict], decisions: list[tuple[str, str]]
    ) -> list[Split]:
        """One split per node: how the group decided there."""
        counted = Counter(decisions)
        splits = []
        for node in scenario.nodes.values():
            counts = Counter({choice: n for (at, choice), n in counted.items() if at == node.id})
            total = sum(counts.values())
            best = node.best.id
            node_shares = shares(
                counts,
                total,
                node.choices,
                lambda choice, best=best: choice.id == best,
                lambda choice: choice.why if choice.critical else "",
            )
            splits.append(
                Split(
                    f"{scenario.id}/{node.id}",
                    node.situation,
                    total,
                    node_shares,
                    node.best.feedback,
                )
            )
        return splits

    def harms(self, review: dict[str, Any]) -> list[dict[str, Any]]:
        """Each critical choice made (with why it is harmful), and an ending in the poor band."""
        found = [{"scenario": review.get("title"), **item} for item in review.get("critical", [])]
        ending = review.get("ending") or {}
        if ending.get("band") == "poor":
            found.append({"scenario": review.get("title"), "ending": ending.get("title")})
        return found


def _cited(refs) -> list[list[str]]:
    """Sources as JSON-friendly [document, location] pairs for the review snapshot."""
    return [[ref.document, ref.location] for ref in refs]
