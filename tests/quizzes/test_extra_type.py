"""A question type added without editing the platform: a true-or-false statement, defined here
with its own templates, goes through a quiz file, an attempt, the result page and the workshop
debrief. Only its class and its two templates exist; the registry is restored afterwards."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest
from jinja2 import ChoiceLoader, FileSystemLoader

from learning.content.assessments.types import QuestionType, question_type
from learning.content.assessments.types.base import Grade, ResponseError
from learning.content.assessments.types.summaries import Split, shares
from learning.content.schema import Field
from learning.db import get_session
from learning.workshops import services as workshops
from tests import factories
from tests.conftest import FIXTURES, AuthActions, make_app
from tests.quizzes.helpers import QUIZ, answer, item_url, play_all, start, submit
from tests.workshops.conftest import details, logged_in

FIELDS = {
    "id": Field("slug"),
    "type": Field("text"),
    "statement": Field("text", maximum=600),
    "answer": Field("bool"),
    "explanation": Field("text", maximum=600),
}
ITEM = """
  - id: the-statement
    type: true_false
    statement: Trafficking always involves crossing a border.
    answer: false
    explanation: People are trafficked within their own country too.
"""
TEMPLATES = {
    "true_false.html": """<h1>{{ question.statement }}</h1>
<form method="post">{{ form.csrf_token }}
  <label><input type="radio" name="answer" value="true"> True</label>
  <label><input type="radio" name="answer" value="false"> False</label>
  <button type="submit">Save</button>
</form>""",
    "true_false_review.html": """<h2 id="rv-{{ answer.id }}">Statement {{ number }}</h2>
<p>{{ review.statement }} You said {{ review.said }}:
  {{- ' right' if review.right else ' wrong' }}.</p>""",
}


@dataclass(frozen=True)
class Statement:
    id: str
    type: str
    statement: str
    answer: bool
    explanation: str
    points: int = 1


class Option(NamedTuple):
    id: str
    text: str


OPTIONS = (Option("true", "True"), Option("false", "False"))


class TrueFalse(QuestionType):
    """No ``name`` here, so defining it registers nothing; the fixture names a subclass."""

    template = "test_types/true_false.html"
    review_template = "test_types/true_false_review.html"

    def parse(self, item, ctx):
        values = ctx.check(item, FIELDS)
        if len(values) < len(FIELDS):
            return None
        return Statement(
            values["id"], self.name, values["statement"], values["answer"], values["explanation"]
        )

    def read_response(self, question, form, previous):
        if form.get("answer") not in ("true", "false"):
            raise ResponseError("Say whether the statement is true or false.")
        return {"said": form["answer"]}

    def is_complete(self, question, response):
        return bool(response and response.get("said"))

    def grade(self, question, response):
        right = response["said"] == ("true" if question.answer else "false")
        review = {"statement": question.statement, "said": response["said"], "right": right}
        return Grade(int(right), 1, float(right), response["said"], review)

    def debrief(self, question, responses, decisions):
        said = Counter(response["said"] for response in responses)
        better = shares(
            said, len(responses), OPTIONS, lambda option: (option.id == "true") == question.answer
        )
        return [
            Split(question.id, question.statement, len(responses), better, question.explanation)
        ]


@pytest.fixture
def app(tmp_path: Path, monkeypatch):
    # A registry of this test's own: the original comes back when monkeypatch undoes this.
    monkeypatch.setattr(QuestionType, "registry", dict(QuestionType.registry))

    class Registered(TrueFalse):
        name = "true_false"

    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    sample = (FIXTURES / "quizzes" / "sample-module.yml").read_text("utf-8")
    (quizzes / "sample-module.yml").write_text(sample.rstrip("\n") + "\n" + ITEM, "utf-8")
    templates = tmp_path / "templates" / "test_types"
    templates.mkdir(parents=True)
    for name, text in TEMPLATES.items():
        (templates / name).write_text(text, "utf-8")
    app = make_app(tmp_path, QUIZZES_DIR=str(quizzes))
    app.jinja_loader = ChoiceLoader([FileSystemLoader(tmp_path / "templates"), app.jinja_loader])
    assert isinstance(question_type("true_false"), Registered)
    return app


def test_a_new_type_needs_only_its_class_and_templates(app):
    catalogue = app.extensions["learning.catalogue"]
    quiz = catalogue.quiz_for("sample-module")
    assert quiz is not None, catalogue.problems
    assert quiz.question("the-statement").statement.startswith("Trafficking always")
    with app.app_context():
        session = get_session()
        trainer = factories.user(session, email="trainer@example.org", role="trainer")
        factories.user(session, email="admin@example.org", role="admin")
        for email in ("p1@example.org", "p2@example.org"):
            factories.user(session, email=email)
        workshop = workshops.create(session, trainer, details(), catalogue)
        workshops.open_workshop(session, workshop)
        session.commit()
        workshop_id, code = workshop.id, workshop.join_code
    learners = []
    for email in ("p1@example.org", "p2@example.org"):
        learners.append(logged_in(app, email))
        AuthActions(learners[-1]).post(f"/join/{code}")
    for client, said in zip(learners, ("false", "true"), strict=True):
        start(client)
        play_all(client)
        page = client.get(item_url(1, "the-statement")).get_data(as_text=True)
        assert "<h1>Trafficking always involves crossing a border.</h1>" in page
        refused = answer(client, 1, "the-statement", answer="maybe")
        assert refused.status_code == 400
        assert "Say whether the statement is true or false." in refused.get_data(as_text=True)
        saved = answer(client, 1, "the-statement", answer=said)
        assert saved.location == f"{QUIZ}/attempts/1"  # the last item: on to submission
        assert submit(client).location == f"{QUIZ}/attempts/1/result"

    result = learners[0].get(f"{QUIZ}/attempts/1/result").get_data(as_text=True)
    assert "Statement 5" in result and "You said false: right." in result
    assert "8 of 8 points" in result and "Passed" in result
    wrong = learners[1].get(f"{QUIZ}/attempts/1/result").get_data(as_text=True)
    assert "You said true: wrong." in wrong

    trainer = logged_in(app, "trainer@example.org")
    url = f"/workshops/{workshop_id}/debrief/sample-quiz?reveal=the-statement"
    debrief = trainer.get(url).get_data(as_text=True)
    split = debrief[debrief.index('id="the-statement"') :]
    assert "Question 5" in split and "2 participants answered" in split
    assert split.count("50% (1)") == 2
    assert "False <strong>(better answer)</strong>" in split
    assert "True <strong>" not in split and "People are trafficked within" in split


def test_the_type_is_known_only_inside_its_test():
    assert "true_false" not in QuestionType.registry
