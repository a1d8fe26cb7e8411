"""Which classic items one attempt shows, drawn from the quiz's pool.

The draw goes round-robin over the objectives the pool covers (in objective order), so every
objective is assessed in every attempt, and within an objective it prefers the items the
learner's previous attempt did not show, so a retake asks other questions as far as the pool
allows. The order within a group is random, seeded per attempt, so the draw is reproducible.
Scenarios and case studies are always shown; the attempt keeps the quiz's authored order.
"""

from __future__ import annotations

import random
from collections import defaultdict

from learning.content.assessments.definitions import Quiz


def draw_question_ids(
    quiz: Quiz,
    seed: int,
    shown_before: frozenset[str] = frozenset(),
) -> list[str] | None:
    """The ids of the items an attempt shows, in quiz order; None when it shows them all."""
    pool = quiz.classic_questions
    if quiz.draw is None or quiz.draw >= len(pool):
        return None
    rng = random.Random(f"draw:{seed}")  # noqa: S311 - not security: a reproducible mix
    groups: dict[int, list[str]] = defaultdict(list)
    for question in pool:
        groups[question.objective].append(question.id)
    queues = []
    for objective in sorted(groups):
        ids = groups[objective]
        rng.shuffle(ids)
        ids.sort(key=lambda question_id: question_id in shown_before)  # unseen first (stable)
        queues.append(ids)
    chosen: set[str] = set()
    while len(chosen) < quiz.draw:
        for queue in queues:
            if queue and len(chosen) < quiz.draw:
                chosen.add(queue.pop(0))
    classic = {question.id for question in pool}
    return [q.id for q in quiz.questions if q.id in chosen or q.id not in classic]


def shown_questions(quiz: Quiz, question_ids: list[str] | None) -> tuple:
    """The questions of an attempt that drew ``question_ids`` (all for None), in quiz order."""
    if question_ids is None:
        return quiz.questions
    wanted = set(question_ids)
    return tuple(question for question in quiz.questions if question.id in wanted)
