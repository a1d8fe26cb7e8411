"""The completion rule in one place: lessons read, quiz passed, case study assessed where a
trainer assesses it -> ``completed_at`` set once -> records issued (service level, no HTTP)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from learning.completion import rule, status
from learning.quizzes.models import AttemptStatus, CaseVerdict, QuizAnswer, QuizAttempt
from learning.records.models import CompletionRecord, RecordKind
from learning.workshops.models import (
    MemberRole,
    Workshop,
    WorkshopMember,
    WorkshopModule,
    WorkshopStatus,
)
from tests import factories


@pytest.fixture
def catalogue(app):
    return app.extensions["learning.catalogue"]


@pytest.fixture
def module(catalogue):
    return catalogue.module("sample-module")


@pytest.fixture
def learner(db):
    user = factories.user(db, email="rule@example.org")
    db.flush()
    return user


def _pass_quiz(db, user_id: int, catalogue, case_verdict: CaseVerdict | None = None) -> None:
    quiz = catalogue.quiz_for("sample-module")
    attempt = QuizAttempt(
        user_id=user_id,
        quiz_slug=quiz.slug,
        attempt_no=1,
        quiz_version=quiz.version,
        pass_mark=quiz.pass_mark,
        max_points=10,
        shuffle_seed=1,
        status=AttemptStatus.SUBMITTED,
        passed=True,
        score=1.0,
    )
    case = next(q for q in quiz.questions if q.type == "case_study")
    attempt.answers.append(
        QuizAnswer(
            question_id=case.id,
            question_type=case.type,
            response={"answers": {"x": "y"}},
            assessment=case_verdict,
        )
    )
    db.add(attempt)
    db.flush()


def _read_all_but_last(db, user_id, module, catalogue) -> None:
    for lesson in module.lessons[:-1]:
        assert rule.complete_lesson(db, user_id, module, lesson, catalogue) is False


def _records(db, user_id) -> list[tuple[RecordKind, str]]:
    return [
        (r.kind, r.subject_slug)
        for r in db.scalars(
            select(CompletionRecord)
            .where(CompletionRecord.user_id == user_id)
            .order_by(CompletionRecord.kind)
        )
    ]


def test_the_last_lesson_completes_a_module_whose_quiz_is_passed(db, learner, module, catalogue):
    _pass_quiz(db, learner.id, catalogue)
    _read_all_but_last(db, learner.id, module, catalogue)
    assert _records(db, learner.id) == []
    assert rule.complete_lesson(db, learner.id, module, module.lessons[-1], catalogue) is True
    assert status.module_progress(db, learner.id, module).is_complete
    assert _records(db, learner.id) == [
        (RecordKind.MODULE, "sample-module"),
        (RecordKind.PATH, "sample-path"),
    ]
    # Only the first time: reading it again, or passing again, changes nothing.
    assert rule.complete_lesson(db, learner.id, module, module.lessons[-1], catalogue) is False
    assert rule.after_assessment(db, learner.id, module, catalogue) is False


def test_lessons_alone_do_not_complete_a_module_with_a_quiz(db, learner, module, catalogue):
    for lesson in module.lessons:
        assert rule.complete_lesson(db, learner.id, module, lesson, catalogue) is False
    assert not status.module_progress(db, learner.id, module).is_complete
    _pass_quiz(db, learner.id, catalogue)
    assert rule.after_assessment(db, learner.id, module, catalogue) is True
    assert _records(db, learner.id)[0] == (RecordKind.MODULE, "sample-module")


def _assessing_workshop(db, user_id: int) -> Workshop:
    trainer = factories.user(db, email="trainer-rule@example.org", role="trainer")
    workshop = Workshop(
        title="Assessed",
        location="Nairobi",
        country="KE",
        region="Africa",
        language="English",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        status=WorkshopStatus.OPEN,
        assess_case_studies=True,
        created_by_id=trainer.id,
    )
    workshop.modules.append(WorkshopModule(module_slug="sample-module", position=1))
    db.add(workshop)
    db.flush()
    db.add(WorkshopMember(workshop_id=workshop.id, user_id=user_id, role=MemberRole.PARTICIPANT))
    db.flush()
    return workshop


def test_an_assessing_workshop_holds_completion_until_the_case_study_meets(
    db, learner, module, catalogue
):
    workshop = _assessing_workshop(db, learner.id)
    _pass_quiz(db, learner.id, catalogue, case_verdict=CaseVerdict.NOT_YET)
    for lesson in module.lessons:
        assert rule.complete_lesson(db, learner.id, module, lesson, catalogue) is False
    answer = db.scalar(select(QuizAnswer).where(QuizAnswer.question_type == "case_study"))
    answer.assessment = CaseVerdict.MEETS
    assert rule.after_assessment(db, learner.id, module, catalogue) is True
    record = db.scalar(select(CompletionRecord).where(CompletionRecord.kind == RecordKind.MODULE))
    assert record.case_study_assessment == "trainer"
    assert record.workshop_id == workshop.id
