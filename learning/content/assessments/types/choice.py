"""Single and multiple choice questions.

Multiple choice partial credit: ``points × max(0, (correct ticked − wrong ticked) / correct)``,
so ticking every box earns nothing and a wrong tick costs as much as a right one earns.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from werkzeug.datastructures import MultiDict

from learning.content.assessments.definitions import Choice, ChoiceQuestion
from learning.content.assessments.types.base import Grade, ParseContext, QuestionType, ResponseError
from learning.content.assessments.types.summaries import OptionSet, Split, shares
from learning.content.schema import Field
from learning.content.yaml_reader import Located

QUESTION_FIELDS = {
    "id": Field("slug"),
    "type": Field("text"),
    "prompt": Field("markdown", maximum=4000),
    "points": Field("int", required=False, minimum=0, maximum=100),
    "choices": Field("list", minimum=2, maximum=8),
    "explanation": Field("markdown", maximum=4000),
    "sources": Field("sources", maximum=20),
    "objective": Field("int", minimum=1, maximum=12),
    "concept": Field("text", maximum=400),
}
MINUTES_PER_ITEM = 1
CHOICE_FIELDS = {
    "id": Field("slug"),
    "text": Field("text", maximum=600),
    "correct": Field("bool"),
    "feedback": Field("markdown", maximum=2000),
}


class _ChoiceType(QuestionType):
    multiple: bool = False
    pooled = True

    def parse(self, item: Located, ctx: ParseContext) -> ChoiceQuestion | None:
        before = len(ctx.problems)
        values = ctx.check(item, QUESTION_FIELDS)
        refs = ctx.sources(item, values)
        choices = self._parse_choices(item, values.get("choices") or [], ctx)
        correct = sum(choice.correct for choice in choices)
        if choices and len(choices) == len(values.get("choices") or []):
            if not self.multiple and correct != 1:
                ctx.add(
                    item.line_of("choices"),
                    "correct-count",
                    f"a single choice question needs exactly one correct choice, not {correct}",
                )
            if self.multiple and correct == 0:
                ctx.add(
                    item.line_of("choices"),
                    "correct-count",
                    "a multiple choice question needs at least one correct choice",
                )
        if len(ctx.problems) > before:
            return None
        return ChoiceQuestion(
            id=values["id"],
            type=self.name,
            prompt=values["prompt"],
            points=values.get("points", 1),
            choices=tuple(choices),
            explanation=values["explanation"],
            sources=refs,
            objective=values["objective"],
            concept=values["concept"],
        )

    def _parse_choices(self, item: Located, raw: list, ctx: ParseContext) -> list[Choice]:
        choices, seen = [], set()
        for index, data in enumerate(raw):
            located = ctx.located(data)
            values = ctx.check(located, CHOICE_FIELDS)
            if len(values) < len(CHOICE_FIELDS):
                continue
            if values["id"] in seen:
                ctx.add(
                    item.line_of("choices", index),
                    "duplicate-id",
                    f"choice id '{values['id']}' is used twice in this question",
                )
                continue
            seen.add(values["id"])
            choices.append(
                Choice(values["id"], values["text"], values["correct"], values["feedback"])
            )
        return choices

    def read_response(
        self, question: ChoiceQuestion, form: MultiDict, previous: dict | None
    ) -> dict:
        valid = {choice.id for choice in question.choices}
        picked = [value for value in form.getlist("choice") if value in valid]
        if len(picked) != len(form.getlist("choice")):
            raise ResponseError("That answer is not one of the choices. Please choose again.")
        if not picked:
            raise ResponseError("Choose an answer before you continue.")
        if not self.multiple and len(picked) != 1:
            raise ResponseError("Choose one answer only.")
        return {"choices": sorted(set(picked))}

    def options(self, question: ChoiceQuestion) -> tuple:
        return question.choices

    def minutes(self, question: ChoiceQuestion) -> int:
        return MINUTES_PER_ITEM

    def objectives(self, question: ChoiceQuestion) -> tuple[int, ...]:
        return (question.objective,)

    def cue_sets(self, question: ChoiceQuestion) -> tuple[OptionSet, ...]:
        texts = tuple(choice.text for choice in question.choices)
        right = tuple(choice.correct for choice in question.choices)
        # Only a single choice item has one right answer that could stand out by its length.
        return (OptionSet(texts, right, None if self.multiple else "single"),)

    def is_complete(self, question: ChoiceQuestion, response: dict | None) -> bool:
        return bool(response and response.get("choices"))

    def correctness(self, question: ChoiceQuestion, picked: set[str]) -> float:
        correct = question.correct_ids
        if not self.multiple:
            return 1.0 if picked == correct else 0.0
        right, wrong = len(picked & correct), len(picked - correct)
        return max(0.0, (right - wrong) / len(correct))

    def grade(self, question: ChoiceQuestion, response: dict | None) -> Grade:
        picked = set((response or {}).get("choices", []))
        correctness = self.correctness(question, picked)
        chosen = [choice for choice in question.choices if choice.id in picked]
        review: dict[str, Any] = {
            "prompt": question.prompt,
            "choices": [
                {
                    "id": c.id,
                    "text": c.text,
                    "correct": c.correct,
                    "picked": c.id in picked,
                    "feedback": c.feedback,
                }
                for c in question.choices
            ],
            "explanation": question.explanation,
            "concept": question.concept,
            "sources": [[ref.document, ref.location] for ref in question.sources],
        }
        return Grade(
            points=round(question.points * correctness, 2),
            max_points=question.points,
            correctness=correctness,
            answer_text="; ".join(choice.text for choice in chosen),
            review=review,
        )

    def debrief(
        self, question: ChoiceQuestion, responses: list[dict], decisions: list[tuple[str, str]]
    ) -> list[Split]:
        picked = Counter(choice for response in responses for choice in response.get("choices", []))
        total = len(responses)
        better = shares(picked, total, question.choices, lambda choice: choice.correct)
        return [Split(question.id, question.prompt, total, better, question.explanation)]


class SingleChoice(_ChoiceType):
    name = "single_choice"
    template = "quizzes/types/choice.html"
    review_template = "quizzes/_review_choice.html"
    multiple = False


class MultipleChoice(_ChoiceType):
    name = "multiple_choice"
    template = "quizzes/types/choice.html"
    review_template = "quizzes/_review_choice.html"
    multiple = True
