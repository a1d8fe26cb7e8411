"""Personal data: the privacy notice, downloading one's data, and closing one's account."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from learning.accounts.models import Organisation, User
from learning.admin import services as admin_services
from learning.db import get_session
from learning.errors import DomainError
from learning.progress.models import Enrolment, LessonProgress
from learning.quizzes.models import AttemptGrant, QuizAnswer, QuizAttempt, ScenarioDecision
from learning.records.models import CompletionRecord
from learning.workshops import services as workshops
from learning.workshops.models import Attendance, WorkshopMember
from tests import factories
from tests.conftest import AuthActions, csrf_token, make_app
from tests.quizzes.helpers import answer, read_lessons, start, submit
from tests.workshops.conftest import CATALOGUE, details, join, logged_in

CLOSE = "/profile/close"
EXPORT = "/profile/data.json"
CASE_URL = "/workshops/{id}/case-studies/sample-quiz/the-case"


def _play(client, case_text: str) -> None:
    """A passing attempt whose case-study answer is ``case_text``."""
    start(client)
    answer(client, 1, "pick-one", choice="right")
    answer(client, 1, "pick-many", choice=["a", "b"])
    answer(client, 1, "the-scenario", node="first", choice="listen")
    answer(client, 1, "the-scenario", node="second", choice="refer")
    answer(
        client,
        1,
        "the-case",
        step="answer",
        **{"answer-classify": case_text, "answer-next-steps": "Refer to protection."},
    )
    answer(client, 1, "the-case", step="assess", rubric=["refers"])
    submit(client)


@pytest.fixture
def story(app, db):
    """A workshop where Amina (who completes the module, attends a day and gets feedback on
    her case study) and Bruno both answered the quiz. Returns Amina's logged-in client."""
    org = factories.organisation(db, name="Amina's Own Office")
    trainer = factories.user(
        db, email="trainer@example.org", role="trainer", display_name="Tina Trainer"
    )
    factories.user(db, email="amina@example.org", display_name="Amina Diallo", organisation=org)
    factories.user(db, email="bruno@example.org", display_name="Bruno Secret")
    workshop = workshops.create(db, trainer, details(), CATALOGUE)
    workshops.open_workshop(db, workshop)
    db.commit()
    amina = join(app, workshop, "amina@example.org")
    read_lessons(amina)
    _play(amina, "Amina thinks it is trafficking.")
    _play(join(app, workshop, "bruno@example.org"), "Bruno's private reasoning.")
    trainer_client = logged_in(app, "trainer@example.org")
    url = CASE_URL.format(id=workshop.id)
    db.rollback()
    answer_id = db.scalar(
        select(QuizAnswer.id)
        .join(QuizAttempt)
        .join(User, User.id == QuizAttempt.user_id)
        .where(User.email == "amina@example.org", QuizAnswer.question_id == "the-case")
    )
    db.rollback()  # end the read transaction: SQLite cannot write from a stale snapshot
    AuthActions(trainer_client).post(
        url, {"answer_id": str(answer_id), "feedback": "Name the means, Amina."}, form_page=url
    )
    member = db.scalar(select(WorkshopMember).join(User).where(User.email == "amina@example.org"))
    db.add(Attendance(member_id=member.id, day=workshop.starts_on, method="roster"))
    db.add(
        AttemptGrant(
            user_id=member.user_id,
            quiz_slug="sample-quiz",
            workshop_id=workshop.id,
            granted_by_id=trainer.id,
        )
    )
    db.commit()
    return amina


def _user(db, email: str) -> User | None:
    db.rollback()  # a fresh transaction sees what the requests committed
    return db.scalar(select(User).where(User.email == email))


def _close(client, password: str = factories.PASSWORD, confirm: bool = True):
    data = {"current_password": password, "csrf_token": csrf_token(client, CLOSE)}
    if confirm:
        data["confirm"] = "y"
    return client.post(CLOSE, data=data)


def test_privacy_notice_is_public_and_linked(client):
    page = client.get("/privacy").get_data(as_text=True)
    assert "What we store" in page and "Who can see it" in page
    assert "Closed account" in page and "12 hours" in page and "7 days" in page
    assert 'href="/privacy"' in client.get("/").get_data(as_text=True)
    assert 'href="/privacy"' in client.get("/register").get_data(as_text=True)


@pytest.mark.parametrize("method, url", [("get", EXPORT), ("get", CLOSE), ("post", CLOSE)])
def test_anonymous_visitors_are_sent_to_log_in(client, method, url):
    data = {"csrf_token": csrf_token(client, "/login")} if method == "post" else None
    response = getattr(client, method)(url, data=data)
    assert response.status_code == 302 and "/login?next=" in response.location


def test_export_holds_everything_about_me_and_nothing_about_others(story, db):
    for page in ("/profile", "/privacy"):
        assert 'href="/profile/data.json"' in story.get(page).get_data(as_text=True)
    response = story.get(EXPORT)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    data = json.loads(text)

    assert data["account"]["email"] == "amina@example.org"
    assert data["organisation"]["name"] == "Amina's Own Office"
    assert data["progress"][0]["module_slug"] == "sample-module"
    assert len(data["progress"][0]["lessons_completed"]) == 3
    attempt = data["quiz_attempts"][0]
    assert attempt["passed"] is True
    assert [d["choice_id"] for d in attempt["scenario_decisions"]] == ["listen", "refer"]
    case = next(a for a in attempt["answers"] if a["question_id"] == "the-case")
    assert case["response"]["answers"]["classify"] == "Amina thinks it is trafficking."
    assert case["trainer_feedback"] == "Name the means, Amina."
    assert [g["quiz_slug"] for g in data["extra_attempts_granted"]] == ["sample-quiz"]
    workshop = data["workshops"][0]
    assert workshop["title"] == "Regional training" and len(workshop["attendance"]) == 1
    record = data["completion_records"][0]
    assert record["name_as_printed"] == "Amina Diallo"
    assert record["verification_url"].endswith(f"/verify/{record['verification_code']}")

    for secret in ("password", "scrypt", "session_version", "shuffle_seed"):
        assert secret not in text
    for other in ("bruno", "Bruno", "trainer@example.org", "Tina Trainer", "admin@example.org"):
        assert other not in text


def test_a_wrong_password_changes_nothing(story, db):
    response = _close(story, password="not my password at all")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Your password is not correct." in page
    tick = re.search(r'<input[^>]*id="confirm"[^>]*>', page).group(0)
    assert "checked" in tick  # the form keeps its state
    user = _user(db, "amina@example.org")
    assert user.is_active and user.display_name == "Amina Diallo" and user.closed_at is None
    assert story.get("/profile").status_code == 200


def test_the_confirmation_tick_is_required(story, db):
    response = _close(story, confirm=False)
    assert response.status_code == 400
    assert "Tick the box" in response.get_data(as_text=True)
    assert _user(db, "amina@example.org").is_active


def test_closing_needs_a_csrf_token(story, db):
    response = story.post(CLOSE, data={"current_password": factories.PASSWORD, "confirm": "y"})
    assert response.status_code == 400
    assert _user(db, "amina@example.org").is_active


def _count(db, model, *conditions) -> int:
    return db.scalar(select(func.count()).select_from(model).where(*conditions))


def test_closing_erases_my_data_and_keeps_my_records_verifiable(app, story, db, auth):
    user = _user(db, "amina@example.org")
    user_id, org_id = user.id, user.organisation_id
    code = db.scalar(
        select(CompletionRecord.verification_code).where(
            CompletionRecord.user_id == user_id, CompletionRecord.subject_slug == "sample-module"
        )
    )
    db.rollback()
    page = story.get(CLOSE).get_data(as_text=True)
    assert "Sample module" in page and "issued to Amina Diallo" in page
    copied = app.test_client()
    copied.set_cookie("learning_session", story.get_cookie("learning_session").value)
    assert copied.get("/profile").status_code == 200

    response = _close(story)
    assert response.status_code == 302
    assert "Your account is closed" in story.get(response.location).get_data(as_text=True)

    db.rollback()
    closed = db.get(User, user_id)
    assert closed.display_name == "Closed account"
    assert closed.email == f"closed-{user_id}@closed.invalid"
    assert not closed.is_active and closed.closed_at is not None
    assert closed.organisation_id is None and closed.country is None
    assert closed.last_login_at is None and closed.role.value == "learner"
    assert db.get(Organisation, org_id) is None  # nobody else belonged to it
    attempts = select(QuizAttempt.id).where(QuizAttempt.user_id == user_id)
    assert _count(db, QuizAttempt, QuizAttempt.user_id == user_id) == 0
    assert _count(db, QuizAnswer, QuizAnswer.attempt_id.in_(attempts)) == 0
    assert _count(db, QuizAnswer, QuizAnswer.trainer_feedback.is_not(None)) == 0
    assert _count(db, ScenarioDecision) == 2  # Bruno's two decisions only
    assert _count(db, Enrolment, Enrolment.user_id == user_id) == 0
    assert _count(db, LessonProgress) == 0  # only Amina had read the lessons
    assert _count(db, WorkshopMember, WorkshopMember.user_id == user_id) == 0
    assert _count(db, Attendance) == 0
    assert _count(db, AttemptGrant) == 0
    assert _count(db, QuizAttempt) == 1  # Bruno's attempt is untouched
    assert _count(db, CompletionRecord, CompletionRecord.user_id == user_id) == 2

    # Every session is dead, the password no longer works, the record still verifies.
    assert story.get("/profile").status_code == 302
    assert copied.get("/profile").status_code == 302
    assert auth.login(email="amina@example.org").status_code == 200
    verify = app.test_client().get(f"/verify/{code}").get_data(as_text=True)
    assert "Valid." in verify and "Amina Diallo" in verify

    # The address is free again: registering gives a new, empty account.
    assert auth.register(email="amina@example.org").status_code == 302
    again = _user(db, "amina@example.org")
    assert again.id != user_id and again.is_active
    assert "sample-module" not in json.dumps(json.loads(auth.client.get(EXPORT).data)["progress"])


def test_the_last_administrator_cannot_close_their_account(app, db):
    client = logged_in(app, "admin@example.org")
    response = _close(client)
    assert response.status_code == 400
    assert "only active administrator account" in response.get_data(as_text=True)
    assert _user(db, "admin@example.org").is_active

    factories.user(db, email="second-admin@example.org", role="admin")
    db.commit()
    assert _close(client).status_code == 302
    assert _user(db, "admin@example.org") is None


def test_a_closed_account_cannot_be_reactivated(story, db):
    _close(story)
    closed = db.scalar(select(User).where(User.display_name == "Closed account"))
    with pytest.raises(DomainError):
        admin_services.reactivate(db, closed.id)
    db.rollback()


def test_close_from_the_command_line(runner, db):
    factories.user(db, email="leaving@example.org")
    db.commit()
    assert runner.invoke(args=["users", "close", "leaving@example.org"], input="n\n").exit_code
    assert _user(db, "leaving@example.org") is not None
    result = runner.invoke(args=["users", "close", "leaving@example.org", "--yes"])
    assert result.exit_code == 0, result.output
    assert _user(db, "leaving@example.org") is None
    result = runner.invoke(args=["users", "close", "admin@example.org", "--yes"])
    assert result.exit_code != 0 and "only active administrator" in result.output
    assert runner.invoke(args=["users", "close", "nobody@example.org", "--yes"]).exit_code != 0


def test_wrong_passwords_count_against_the_password_limit(tmp_path):
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_PASSWORD="2 per hour")
    with app.app_context():
        factories.user(get_session(), email="admin@example.org", role="admin")
        factories.user(get_session(), email="learner@example.org")
        get_session().commit()
    client = logged_in(app, "learner@example.org")
    assert [_close(client, password="wrong guess").status_code for _ in range(2)] == [400, 400]
    assert _close(client).status_code == 429
    # The same counter covers the password-change form.
    response = client.post(
        "/profile/password",
        data={
            "current_password": "another guess",
            "new_password": "x",
            "confirm": "x",
            "csrf_token": csrf_token(client, "/profile"),
        },
    )
    assert response.status_code == 429


def test_privacy_notice_says_1_hour_and_1_day(tmp_path):
    """Issue 15: counts next to nouns use the singular for one."""
    from datetime import timedelta

    app = make_app(
        tmp_path,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=1),
        SESSION_ABSOLUTE_LIFETIME=timedelta(days=1),
    )
    with app.app_context():
        factories.user(get_session(), email="admin@example.org", role="admin")
        get_session().commit()
    page = app.test_client().get("/privacy").get_data(as_text=True)
    assert "after 1 hour without use" in page and "after 1 day in any case" in page
