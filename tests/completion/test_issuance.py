"""Records are issued the moment a module (and a path) is completed, exactly once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from learning.records.models import CompletionRecord, RecordKind
from tests import factories
from tests.quizzes.helpers import MODULE, play_all, read_lessons, start, submit, token
from tests.quizzes.test_races import fire


@pytest.fixture
def learner(auth, db):
    factories.user(db, email="learner@example.org", display_name="Amina Diallo")
    db.commit()
    auth.login()


def _records(db) -> list[CompletionRecord]:
    db.rollback()
    return list(db.scalars(select(CompletionRecord).order_by(CompletionRecord.kind)))


def test_completing_a_module_issues_module_and_path_records(client, learner, db):
    read_lessons(client)
    assert _records(db) == []
    start(client)
    play_all(client)
    submit(client)
    records = _records(db)
    assert [(r.kind, r.subject_slug) for r in records] == [
        (RecordKind.MODULE, "sample-module"),
        (RecordKind.PATH, "sample-path"),
    ]
    module_record = records[0]
    assert module_record.name_as_printed == "Amina Diallo"
    assert module_record.subject_title == "Sample module" and module_record.hours == 0.5
    page = client.get("/my-records").get_data(as_text=True)
    assert "Sample module" in page and "Sample path" in page
    assert f"/records/{module_record.verification_code}/certificate.pdf" in page


def test_a_failed_quiz_issues_nothing(client, learner, db):
    read_lessons(client)
    start(client)
    play_all(client, good=False)
    submit(client)
    assert _records(db) == []


def test_two_completing_requests_at_once_issue_one_record(app, client, learner, db):
    start(client)
    play_all(client)
    submit(client)
    for lesson in ("lesson-1", "lesson-2"):
        client.post(f"{MODULE}/{lesson}/complete", data={"csrf_token": token(client)})
    statuses = fire(app, client, f"{MODULE}/lesson-3/complete", {"csrf_token": token(client)})
    assert 500 not in statuses
    db.rollback()
    assert db.scalar(select(func.count()).where(CompletionRecord.kind == RecordKind.MODULE)) == 1


def test_records_keep_what_was_issued(client, learner, auth, db):
    read_lessons(client)
    start(client)
    play_all(client)
    submit(client)
    code = _records(db)[0].verification_code
    client.post("/profile/name", data={"display_name": "Someone Else", "csrf_token": token(client)})
    assert "Amina Diallo" in client.get(f"/verify/{code}").get_data(as_text=True)
