"""Case-study exercises: open answers, then a model answer and a self-assessment rubric.

Two steps, in this order: the learner writes an answer to every prompt (then the answers are
locked, because the next page shows the model answer), and ticks the rubric items their answer
meets. Case studies carry no points; trainers read the answers in workshops. In a workshop
whose trainer assesses case studies, the trainer's verdict replaces the self-assessment
(``learning.quizzes.case_assessment``).
"""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from learning.content.assessments.definitions import CaseStudy, Prompt, RubricItem
from learning.content.assessments.types.base import Grade, ParseContext, QuestionType, ResponseError
from learning.content.schema import Field
from learning.content.yaml_reader import Located

MAX_ANSWER_LENGTH = 5000
MINUTES_PER_PROMPT = 4
CASE_FIELDS = {
    "id": Field("slug"),
    "type": Field("text"),
    "title": Field("text", maximum=160),
    "case": Field("markdown", maximum=6000),
    "prompts": Field("list", minimum=1, maximum=4),
    "model_answer": Field("markdown", maximum=6000),
    "rubric": Field("list", minimum=2, maximum=8),
    "sources": Field("sources", maximum=20),
    "objectives": Field("int_list", required=False, minimum=1, maximum=12),
}
ITEM_FIELDS = {"id": Field("slug"), "text": Field("text", maximum=600)}


class CaseStudyType(QuestionType):
    name = "case_study"
    template = "quizzes/types/case_study.html"
    review_template = "quizzes/_review_case_study.html"
    trainer_assessable = True

    def parse(self, item: Located, ctx: ParseContext) -> CaseStudy | None:
        before = len(ctx.problems)
        values = ctx.check(item, CASE_FIELDS)
        refs = ctx.sources(item, values)
        prompts = self._items(item, "prompts", values, ctx)
        rubric = self._items(item, "rubric", values, ctx)
        if len(ctx.problems) > before:
            return None
        return CaseStudy(
            values["id"],
            self.name,
            values["title"],
            values["case"],
            tuple(Prompt(*pair) for pair in prompts),
            values["model_answer"],
            tuple(RubricItem(*pair) for pair in rubric),
            refs,
            objectives=values.get("objectives", ()),
        )

    @staticmethod
    def _items(item: Located, key: str, values: dict, ctx: ParseContext) -> list[tuple]:
        result, seen = [], set()
        for index, raw in enumerate(values.get(key) or []):
            checked = ctx.check(ctx.located(raw), ITEM_FIELDS)
            if len(checked) < 2:
                continue
            if checked["id"] in seen:
                ctx.add(
                    item.line_of(key, index),
                    "duplicate-id",
                    f"'{checked['id']}' is used twice in '{key}'",
                )
            seen.add(checked["id"])
            result.append((checked["id"], checked["text"]))
        return result

    def read_response(self, case: CaseStudy, form: MultiDict, previous: dict | None) -> dict:
        state = previous or {}
        if form.get("step") == "assess":
            if not state.get("answers"):
                raise ResponseError("Write your answer before you assess it.")
            valid = {item.id for item in case.rubric}
            ticked = form.getlist("rubric")
            if any(value not in valid for value in ticked):
                raise ResponseError("That rubric item does not belong to this case study.")
            return {**state, "assessed": True, "rubric": sorted(set(ticked))}
        if state.get("answers"):
            raise ResponseError(
                "Your answer is already saved; it cannot be changed after the "
                "model answer has been shown."
            )
        answers = {}
        for prompt in case.prompts:
            text = form.get(f"answer-{prompt.id}", "").replace("\r\n", "\n").strip()
            if not text:
                raise ResponseError("Answer every question before you continue.")
            if len(text) > MAX_ANSWER_LENGTH:
                raise ResponseError(f"Keep each answer under {MAX_ANSWER_LENGTH} characters.")
            if "\x00" in text:
                raise ResponseError("Your answer contains characters that cannot be stored.")
            answers[prompt.id] = text
        return {"answers": answers, "assessed": False, "rubric": []}

    def for_trainer(self, case: CaseStudy, response: dict) -> dict:
        # Only a written answer waits for the trainer, who then marks it meets or not yet.
        return {**response, "trainer_assessed": True} if response.get("answers") else response

    def minutes(self, case: CaseStudy) -> int:
        return MINUTES_PER_PROMPT * len(case.prompts)

    def is_complete(self, case: CaseStudy, response: dict | None) -> bool:
        """Answered and self-assessed, or answered and waiting for a trainer's assessment."""
        return bool(
            response
            and response.get("answers")
            and (response.get("assessed") or response.get("trainer_assessed"))
        )

    def grade(self, case: CaseStudy, response: dict | None) -> Grade:
        state = response or {}
        answers = state.get("answers", {})
        ticked = set(state.get("rubric", []))
        review = {
            "title": case.title,
            "answers": [{"prompt": p.text, "answer": answers.get(p.id, "")} for p in case.prompts],
            "model_answer": case.model_answer,
            "rubric": [{"text": r.text, "ticked": r.id in ticked} for r in case.rubric],
            "sources": [[ref.document, ref.location] for ref in case.sources],
            "trainer_assessed": bool(state.get("trainer_assessed")),
        }
        text = "\n\n".join(f"{p.text}\n{answers.get(p.id, '')}" for p in case.prompts)
        return Grade(points=0, max_points=0, correctness=None, answer_text=text, review=review)
