"""The dashboard's participant table kept for a few seconds (learning.workshops.roster_cache)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from learning.workshops import dashboard
from learning.workshops.models import WorkshopMember
from tests.conftest import CSRF_PATTERN, AuthActions
from tests.quizzes.helpers import read_lessons
from tests.workshops.conftest import join, logged_in


@pytest.fixture
def builds(app, monkeypatch) -> list[int]:
    """Keep tables for a minute and count how often the roster is built."""
    app.config["ROSTER_CACHE_SECONDS"] = 60
    calls: list[int] = []
    original = dashboard.roster

    def counted(session, workshop, catalogue):
        calls.append(workshop.id)
        return original(session, workshop, catalogue)

    monkeypatch.setattr(dashboard, "roster", counted)
    return calls


def test_table_is_built_once_per_filter(app, workshop, trainer_client, builds):
    url = f"/workshops/{workshop.id}"
    first = trainer_client.get(url).get_data(as_text=True)
    second = trainer_client.get(url).get_data(as_text=True)
    assert CSRF_PATTERN.sub("", second) == CSRF_PATTERN.sub("", first)
    assert builds == [workshop.id]
    trainer_client.get(f"{url}?view=attention")
    trainer_client.get(f"{url}?view=whatever")  # same as "all": no new table
    assert len(builds) == 2


def test_participant_progress_shows_when_the_table_expires(app, workshop, trainer_client,
                                                            builds):
    participant = join(app, workshop, "p1@example.org")
    url = f"/workshops/{workshop.id}"
    assert "0/3 lessons" in trainer_client.get(url).get_data(as_text=True)
    read_lessons(participant)
    assert "0/3 lessons" in trainer_client.get(url).get_data(as_text=True)  # kept
    app.extensions["learning.roster_tables"].discard(lambda key: True)  # time passes
    assert "3/3 lessons" in trainer_client.get(url).get_data(as_text=True)


def test_joining_and_trainer_changes_show_at_once(app, workshop, trainer_client, builds, db):
    url = f"/workshops/{workshop.id}"
    assert "Participant One" not in trainer_client.get(url).get_data(as_text=True)
    join(app, workshop, "p1@example.org")
    assert "Participant One" in trainer_client.get(url).get_data(as_text=True)
    member = db.scalar(select(WorkshopMember.id).where(WorkshopMember.role == "participant"))
    AuthActions(trainer_client).post(f"{url}/attendance", {
        "day": workshop.starts_on.isoformat(), "present": [str(member)]})
    assert "1/3</td>" in trainer_client.get(url).get_data(as_text=True)


def test_a_kept_table_is_never_shown_to_another_trainer(app, workshop, trainer_client, builds):
    url = f"/workshops/{workshop.id}"
    trainer_client.get(url)
    other = logged_in(app, "other-trainer@example.org")
    response = other.get(url)
    assert response.status_code in (403, 404)
    assert "Participants" not in response.get_data(as_text=True)
