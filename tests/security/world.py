"""One populated platform for the security tests, built through the services and the HTTP
interface: a learner with progress, a quiz attempt, a case-study answer and a completion record
in an open workshop, other learners, two trainers and an administrator."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from learning.quizzes.models import QuizAnswer, QuizAttempt
from learning.records.models import CompletionRecord, RecordKind
from learning.workshops import services
from learning.workshops.models import DebriefShare
from tests import factories
from tests.conftest import AuthActions, make_app
from tests.quizzes.helpers import answer, read_lessons, start, submit
from tests.workshops.conftest import CATALOGUE, details

EMAILS = {
    "learner": "learner@example.org",  # L1, the owner of the data in the URLs
    "other learner": "other@example.org",  # L2, in no workshop
    "trainer": "trainer@example.org",  # T1, runs W1
    "other trainer": "other-trainer@example.org",  # T2, runs W2 only
    "admin": "admin@example.org",
}
ROLES = ("anonymous", *EMAILS)


@dataclass
class World:
    app: Flask
    learner_id: int
    victim_id: int  # a throwaway learner for the administrators' POST actions
    workshop_id: int  # W1
    other_workshop_id: int  # W2
    join_code: str
    record_code: str
    case_answer_id: int


@dataclass
class Names:
    """What the learner, their organisation and the workshop are called, and what they write."""

    person: str = "Lena Learner"
    organisation: str = "Field NGO"
    workshop: str = "Regional training"
    case_answer: str = "It is trafficking."
    feedback: str = "Well argued."


def client_for(app: Flask, role: str, address: str = "127.0.0.1") -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    if role != "anonymous":
        response = AuthActions(client).login(email=EMAILS[role])
        assert response.status_code == 302, f"{role} could not log in"
    return client


def play_quiz(client: FlaskClient, case_text: str) -> None:
    """Read every lesson, then pass the quiz with ``case_text`` as the case-study answers."""
    read_lessons(client)
    number = int(start(client).split("/attempts/")[1].split("/")[0])
    answer(client, number, "pick-one", choice="right")
    answer(client, number, "pick-many", choice=["a", "b"])
    answer(client, number, "the-scenario", node="first", choice="listen")
    answer(client, number, "the-scenario", node="second", choice="refer")
    answer(
        client,
        number,
        "the-case",
        step="answer",
        **{"answer-classify": case_text, "answer-next-steps": case_text},
    )
    answer(client, number, "the-case", step="assess", rubric=["refers"])
    assert submit(client, number).status_code == 302


def build_world(tmp_path: Path, names: Names | None = None, **config) -> World:
    names = names or Names()
    app = make_app(tmp_path, **config)
    db = app.extensions["learning.db"]()
    try:
        organisation = factories.organisation(db, name=names.organisation)
        factories.user(db, email=EMAILS["admin"], role="admin", display_name="Ada Admin")
        learner = factories.user(
            db, email=EMAILS["learner"], display_name=names.person, organisation=organisation
        )
        factories.user(db, email=EMAILS["other learner"], display_name="Otto Other")
        trainer = factories.user(
            db, email=EMAILS["trainer"], role="trainer", display_name="Tina Trainer"
        )
        other_trainer = factories.user(
            db, email=EMAILS["other trainer"], role="trainer", display_name="Theo Trainer"
        )
        victim = factories.user(db, email="victim@example.org", display_name="Vic Victim")
        workshop = services.create(
            db, trainer, details(title=names.workshop, location=names.workshop), CATALOGUE
        )
        services.open_workshop(db, workshop)
        other = services.create(db, other_trainer, details(title="Other workshop"), CATALOGUE)
        services.open_workshop(db, other)
        services.join(db, workshop, learner, CATALOGUE)
        db.add(DebriefShare(workshop_id=workshop.id, quiz_slug="sample-quiz"))
        db.commit()
        world = World(
            app=app,
            learner_id=learner.id,
            victim_id=victim.id,
            workshop_id=workshop.id,
            other_workshop_id=other.id,
            join_code=workshop.join_code,
            record_code="",
            case_answer_id=0,
        )

        play_quiz(client_for(app, "learner"), names.case_answer)
        world.record_code = db.scalar(
            select(CompletionRecord.verification_code).where(
                CompletionRecord.user_id == learner.id, CompletionRecord.kind == RecordKind.MODULE
            )
        )
        world.case_answer_id = db.scalar(
            select(QuizAnswer.id)
            .join(QuizAttempt)
            .where(QuizAttempt.user_id == learner.id, QuizAnswer.question_id == "the-case")
        )
        assert world.record_code and world.case_answer_id, "the learner's history is missing"
    finally:
        db.close()
    trainer_client = client_for(app, "trainer")
    AuthActions(trainer_client).post(
        f"/workshops/{world.workshop_id}/case-studies/sample-quiz/the-case",
        {"answer_id": str(world.case_answer_id), "feedback": names.feedback},
    )
    return world
