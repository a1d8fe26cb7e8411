"""Counts next to nouns use the singular for one (issue 15: "1 hours" on My records)."""

from __future__ import annotations

from tests import factories
from tests.conftest import AuthActions


def test_my_records_say_1_hour_and_half_hours(app, db):
    owner = factories.user(db, email="owner@example.org")
    for slug, minutes in (("one", 60), ("half", 30), ("more", 90)):
        factories.record(db, owner, slug=slug, title=f"Module {slug}", minutes=minutes)
    db.commit()
    client = app.test_client()
    AuthActions(client).login(email="owner@example.org")
    page = client.get("/my-records").get_data(as_text=True)
    assert "1 hour<" in page or "1 hour\n" in page or "1 hour " in page
    assert "1 hours" not in page
    assert "0.5 hours" in page and "1.5 hours" in page


def test_a_one_minute_lesson_and_a_one_module_path(client, learner):
    lesson = client.get("/modules/sample-module/lesson-1").get_data(as_text=True)
    assert "about 1 minute" in lesson and "about 1 minutes" not in lesson
    path = client.get("/paths/sample-path").get_data(as_text=True)
    assert "0 of 1 module completed" in path and "1 modules" not in path
