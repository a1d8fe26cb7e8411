"""Case studies assessed by a trainer: the model answer waits for "meets", "not yet" asks for a
revision (earlier versions kept), and only "meets" completes the module and says so on the
record; self-study records say "self-assessed"."""

from __future__ import annotations

from sqlalchemy import select

from learning.progress.models import Enrolment
from learning.quizzes.models import CaseVerdict, QuizAnswer
from learning.records.models import CompletionRecord, RecordKind
from tests.conftest import AuthActions
from tests.quizzes.helpers import answer, item_url, read_lessons, start, submit
from tests.workshops.conftest import join

REVIEW = "/workshops/{id}/case-studies/sample-quiz/the-case"
RESULT = "/modules/sample-module/quiz/attempts/1/result"


def _assessing(db, workshop):
    workshop.assess_case_studies = True
    db.commit()


def _pass_the_quiz(client, self_assess: bool = False) -> None:
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
        **{"answer-classify": "First version.", "answer-next-steps": "Refer."},
    )
    if self_assess:
        answer(client, 1, "the-case", step="assess", rubric=["refers"])
    submit(client)


def _assess(trainer_client, workshop, db, verdict: str, feedback: str = "Name the means."):
    db.rollback()
    answer_id = db.scalar(select(QuizAnswer.id).where(QuizAnswer.question_id == "the-case"))
    return AuthActions(trainer_client).post(
        REVIEW.format(id=workshop.id),
        {"answer_id": str(answer_id), "verdict": verdict, "feedback": feedback},
    )


def _record(db) -> CompletionRecord | None:
    db.rollback()
    return db.scalar(select(CompletionRecord).where(CompletionRecord.kind == RecordKind.MODULE))


def test_the_model_answer_waits_for_the_trainer(app, db, workshop, trainer_client):
    _assessing(db, workshop)
    participant = join(app, workshop, "p1@example.org")
    start(participant)
    answer(
        participant,
        1,
        "the-case",
        step="answer",
        **{"answer-classify": "Trafficking.", "answer-next-steps": "Refer."},
    )
    page = participant.get(item_url(1, "the-case")).get_data(as_text=True)
    assert "Your trainer assesses this answer" in page
    assert "It is trafficking; refer the person." not in page  # the model answer
    assert "Save my self-assessment" not in page


def test_not_yet_then_a_revision_then_meets_completes_the_module(app, db, workshop, trainer_client):
    _assessing(db, workshop)
    participant = join(app, workshop, "p1@example.org")
    read_lessons(participant)
    _pass_the_quiz(participant)
    assert _record(db) is None  # passed, but the case study is not assessed yet
    assert "Waiting for your trainer" in participant.get(RESULT).get_data(as_text=True)

    _assess(trainer_client, workshop, db, "not_yet", "Say who can refer her.")
    page = participant.get(RESULT).get_data(as_text=True)
    assert "not yet" in page and "Say who can refer her." in page
    assert "It is trafficking; refer the person." not in page
    revise = f"{RESULT.rsplit('/', 1)[0]}/case/the-case/revise"
    AuthActions(participant).post(
        revise,
        {"answer-classify": "Second version.", "answer-next-steps": "Refer with consent."},
        form_page=RESULT,
    )
    db.rollback()
    saved = db.scalar(select(QuizAnswer).where(QuizAnswer.question_id == "the-case"))
    assert saved.response["answers"]["classify"] == "Second version."
    assert saved.response["revisions"][0]["answers"]["classify"] == "First version."
    assert saved.assessment is None and _record(db) is None

    _assess(trainer_client, workshop, db, "meets", "Well done.")
    record = _record(db)
    assert record is not None and record.case_study_assessment == "trainer"
    assert db.scalar(select(Enrolment.completed_at)) is not None
    page = participant.get(RESULT).get_data(as_text=True)
    assert "meets the rubric" in page and "It is trafficking; refer the person." in page
    verification = app.test_client().get(f"/verify/{record.verification_code}")
    assert "assessed by a trainer" in verification.get_data(as_text=True)


def test_revising_is_refused_until_the_trainer_says_not_yet(app, db, workshop, trainer_client):
    _assessing(db, workshop)
    participant = join(app, workshop, "p1@example.org")
    _pass_the_quiz(participant)
    revise = f"{RESULT.rsplit('/', 1)[0]}/case/the-case/revise"
    response = AuthActions(participant).post(
        revise, {"answer-classify": "Changed.", "answer-next-steps": "Changed."}, form_page=RESULT
    )
    assert response.status_code == 400
    assert "after your trainer marks it" in response.get_data(as_text=True)
    db.rollback()
    saved = db.scalar(select(QuizAnswer).where(QuizAnswer.question_id == "the-case"))
    assert saved.response["answers"]["classify"] == "First version."


def test_self_study_records_say_self_assessed(app, client, learner, db):
    read_lessons(client)
    _pass_the_quiz(client, self_assess=True)
    record = _record(db)
    assert record.case_study_assessment == "self"
    page = client.get(f"/verify/{record.verification_code}").get_data(as_text=True)
    assert "self-assessed" in page


def test_without_assessment_the_verdict_is_ignored(app, db, workshop, trainer_client):
    participant = join(app, workshop, "p1@example.org")
    _pass_the_quiz(participant, self_assess=True)
    _assess(trainer_client, workshop, db, "meets", "Fine.")
    db.rollback()
    saved = db.scalar(select(QuizAnswer).where(QuizAnswer.question_id == "the-case"))
    assert saved.assessment is None and saved.trainer_feedback == "Fine."
    assert CaseVerdict.MEETS not in (saved.assessment,)
