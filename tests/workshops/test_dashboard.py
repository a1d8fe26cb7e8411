"""The trainer dashboard: progress per participant, needs-attention, bounded queries."""

from __future__ import annotations

from learning.progress.models import EnrolmentSource
from learning.progress.services import enrol
from learning.workshops import services
from learning.workshops.dashboard import roster
from learning.workshops.models import MemberRole, WorkshopMember
from tests import factories
from tests.conftest import recorded_statements
from tests.quizzes.helpers import play_all, read_lessons, start, submit
from tests.workshops.conftest import CATALOGUE, join


def test_dashboard_follows_a_participant_live(app, workshop, trainer_client):
    participant = join(app, workshop, "p1@example.org")
    page = trainer_client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert "Participant One" in page and "0/3 lessons" in page and "none yet" in page
    read_lessons(participant)
    start(participant)
    play_all(participant, good=False)
    submit(participant)
    page = trainer_client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert "3/3 lessons" in page and "1 failed attempt" in page
    attention = trainer_client.get(f"/workshops/{workshop.id}?view=attention").get_data(True)
    assert "Participant One" in attention
    start(participant)
    play_all(participant, number=2)
    submit(participant, 2)
    page = trainer_client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert "✓ complete" in page and "best 100%" in page
    attention = trainer_client.get(f"/workshops/{workshop.id}?view=attention").get_data(True)
    assert "Participant One" not in attention
    # Reloading itself is opt-in (WCAG 2.2.1 Timing Adjustable).
    assert 'http-equiv="refresh"' not in page and "?live=1" in page
    live = trainer_client.get(f"/workshops/{workshop.id}?live=1").get_data(as_text=True)
    assert 'http-equiv="refresh"' in live and "Stop reloading" in live


def _add_participants(db, workshop, count: int) -> None:
    module = CATALOGUE.module("sample-module")
    for _ in range(count):
        user = factories.user(db)
        db.add(
            WorkshopMember(workshop_id=workshop.id, user_id=user.id, role=MemberRole.PARTICIPANT)
        )
        enrol(db, user.id, module, EnrolmentSource.WORKSHOP)
    db.commit()


def _count_queries(app, workshop) -> tuple[int, int]:
    """(rows, SELECT statements) for building the roster once."""
    with recorded_statements(app) as statements, app.app_context():
        from learning.db import get_session

        session = get_session()
        rows = roster(
            session,
            services.get_managed(
                session, session.get(type(workshop.created_by), workshop.created_by_id), workshop.id
            ),
            CATALOGUE,
        )
    return len(rows), sum(s.lstrip().upper().startswith("SELECT") for s in statements)


def test_roster_query_count_is_the_same_for_5_and_500_participants(app, db, workshop):
    _add_participants(db, workshop, 5)
    rows, small = _count_queries(app, workshop)
    assert rows == 5
    _add_participants(db, workshop, 495)
    rows, large = _count_queries(app, workshop)
    assert rows == 500 and large == small <= 9


def test_participants_join_while_the_trainer_watches(app, workshop, trainer_client):
    """Joining in one browser while the trainer's dashboard reloads in another."""
    import threading

    statuses: list[int] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            statuses.append(trainer_client.get(f"/workshops/{workshop.id}").status_code)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for email in ("p1@example.org", "p2@example.org", "outsider@example.org"):
            join(app, workshop, email)
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert statuses and set(statuses) == {200}
    page = trainer_client.get(f"/workshops/{workshop.id}").get_data(as_text=True)
    assert "Participant One" in page and "Participant Two" in page and "(3)" in page
