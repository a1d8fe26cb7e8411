"""Refused actions (learning.web.refusals, learning.commands.transaction): a refusal becomes a
message and takes back what the refused action had begun; nothing else of the request is lost."""

from __future__ import annotations

import click
import pytest
from flask import get_flashed_messages, request
from sqlalchemy import func, select, update

from learning.accounts.models import Organisation
from learning.commands.transaction import command_transaction
from learning.db import get_session
from learning.errors import DomainError
from learning.extensions import csrf
from learning.quizzes.models import AttemptStatus, QuizAttempt
from learning.web.refusals import refusable
from tests import factories
from tests.quizzes.helpers import QUIZ, play_all, start, submit, token

PROBE = "/probe"


def probe():
    """Adds "Before", then, as a refusable action, "Partial" and refuses on ?refuse=1 (or fails
    on ?fail=1); answers with the refusal's message and the flashed ones, status 200."""
    session = get_session()
    factories.organisation(session, name="Before")
    with refusable(flash_as="error") as refused:
        factories.organisation(session, name="Partial")
        if request.args.get("refuse"):
            raise DomainError("Not now.")
        if request.args.get("fail"):
            raise RuntimeError("the action failed")
    return f"{refused.message}|{'/'.join(get_flashed_messages())}"


@pytest.fixture
def probed(app):
    app.add_url_rule(PROBE, view_func=csrf.exempt(probe), methods=["POST"])
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the 500 page, as in production
    return app


def names(db) -> list[str]:
    db.rollback()
    return sorted(db.scalars(select(Organisation.name)))


def test_a_refused_action_leaves_no_partial_change(probed, client, db):
    response = client.post(PROBE, query_string={"refuse": 1})
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "Not now.|Not now."
    assert names(db) == ["Before"]  # committed: the request succeeded; the action did not


def test_an_action_not_refused_keeps_its_work(probed, client, db):
    response = client.post(PROBE)
    assert response.get_data(as_text=True) == "|"
    assert names(db) == ["Before", "Partial"]


def test_a_failure_is_no_refusal(probed, client, db):
    response = client.post(PROBE, query_string={"fail": 1})
    assert response.status_code == 500
    assert names(db) == []


def test_a_refused_start_keeps_the_outdated_attempt_closed(app, client, learner, db):
    quiz = app.extensions["learning.catalogue"].quiz_for("sample-module")
    object.__setattr__(quiz, "max_attempts", 2)
    start(client)
    play_all(client, good=False)
    submit(client)
    start(client)
    object.__setattr__(quiz, "max_attempts", 1)
    db.execute(update(QuizAttempt).where(QuizAttempt.attempt_no == 2).values(quiz_version="0"))
    db.commit()
    # Starting closes attempt 2 (outdated), then the limit refuses a third.
    response = client.post(f"{QUIZ}/start", data={"csrf_token": token(client)})
    assert response.location == QUIZ
    assert "used all 1 attempts" in client.get(QUIZ).get_data(as_text=True)
    db.rollback()
    assert db.scalar(select(QuizAttempt.status).where(QuizAttempt.attempt_no == 2)) == (
        AttemptStatus.OUTDATED
    )
    assert db.scalar(select(func.count(QuizAttempt.id))) == 2


def test_a_refused_submission_keeps_the_outdated_attempt_closed(client, learner, db):
    start(client)
    play_all(client)
    db.execute(update(QuizAttempt).values(quiz_version="0"))
    db.commit()
    response = submit(client)
    assert response.location == f"{QUIZ}/attempts/1"
    assert "quiz was updated" in client.get(QUIZ).get_data(as_text=True)
    db.rollback()
    assert db.scalar(select(QuizAttempt.status)) == AttemptStatus.OUTDATED


def test_a_refused_command_commits_nothing_and_says_why(app, db):
    with app.app_context():
        with pytest.raises(click.ClickException, match="Not now."), command_transaction() as s:
            factories.organisation(s, name="Partial")
            raise DomainError("Not now.")
        with command_transaction() as session:
            factories.organisation(session, name="Done")
        with command_transaction(writes=False) as session:
            factories.organisation(session, name="Read only")
    assert names(db) == ["Done"]
