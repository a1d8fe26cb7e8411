"""Extra attempts a workshop's trainer grants to a participant who is blocked."""

from __future__ import annotations

from sqlalchemy import select

from learning.quizzes.models import AttemptGrant, QuizAttempt
from learning.workshops.models import WorkshopMember
from tests.conftest import AuthActions
from tests.quizzes.helpers import QUIZ, item_url, start
from tests.quizzes.test_retakes import fail, limit
from tests.workshops.conftest import join


def test_a_trainer_grants_one_more_attempt(app, db, workshop, trainer_client):
    limit(app, max_attempts=1, retake_wait_hours=48)
    participant = join(app, workshop, "p1@example.org")
    fail(participant, 1)
    assert start(participant) == QUIZ
    page_url = f"/workshops/{workshop.id}/attempts"
    page = trainer_client.get(page_url).get_data(as_text=True)
    assert "Participant One" in page and "1 of 1" in page and "Grant one more attempt" in page
    db.rollback()
    member = db.scalar(
        select(WorkshopMember).where(
            WorkshopMember.user_id == db.scalar(select(QuizAttempt.user_id))
        )
    )
    response = AuthActions(trainer_client).post(
        page_url, {"member_id": str(member.id), "quiz_slug": "sample-quiz"}, form_page=page_url
    )
    assert response.status_code == 302
    db.rollback()
    assert db.scalar(select(AttemptGrant.granted_by_id)) is not None
    assert start(participant) == item_url(2, "pick-one")  # the limit and the wait are lifted


def test_grants_only_for_this_workshops_participants_and_quizzes(app, db, workshop, trainer_client):
    limit(app, max_attempts=1)
    page_url = f"/workshops/{workshop.id}/attempts"
    for data in (
        {"member_id": "999999", "quiz_slug": "sample-quiz"},
        {"member_id": "1", "quiz_slug": "another-quiz"},
    ):
        response = AuthActions(trainer_client).post(page_url, data, form_page=page_url)
        assert response.status_code == 404
    db.rollback()
    assert db.scalar(select(AttemptGrant.id)) is None
