"""The trainer dashboard kept for a few seconds (learning.workshops.dashboard_cache)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from learning.workshops import dashboard
from learning.workshops.models import WorkshopMember
from tests import factories
from tests.conftest import CSRF_PATTERN, AuthActions
from tests.quizzes.helpers import read_lessons
from tests.workshops.conftest import join, logged_in


@pytest.fixture
def builds(app, monkeypatch) -> list[int]:
    """Keep tables for a minute and count how often the roster is built."""
    app.config["DASHBOARD_CACHE_SECONDS"] = 60
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


def test_participant_progress_shows_when_the_table_expires(app, workshop, trainer_client, builds):
    participant = join(app, workshop, "p1@example.org")
    url = f"/workshops/{workshop.id}"
    assert "0/3 lessons" in trainer_client.get(url).get_data(as_text=True)
    read_lessons(participant)
    assert "0/3 lessons" in trainer_client.get(url).get_data(as_text=True)  # kept
    app.extensions["learning.dashboard_pages"].discard(lambda key: True)  # time passes
    assert "3/3 lessons" in trainer_client.get(url).get_data(as_text=True)


def test_joining_and_trainer_changes_show_at_once(app, workshop, trainer_client, builds, db):
    url = f"/workshops/{workshop.id}"
    assert "Participant One" not in trainer_client.get(url).get_data(as_text=True)
    join(app, workshop, "p1@example.org")
    assert "Participant One" in trainer_client.get(url).get_data(as_text=True)
    member = db.scalar(select(WorkshopMember.id).where(WorkshopMember.role == "participant"))
    AuthActions(trainer_client).post(
        f"{url}/attendance", {"day": workshop.starts_on.isoformat(), "present": [str(member)]}
    )
    assert "1/3</td>" in trainer_client.get(url).get_data(as_text=True)


def test_a_kept_table_is_never_shown_to_another_trainer(app, workshop, trainer_client, builds):
    url = f"/workshops/{workshop.id}"
    trainer_client.get(url)
    other = logged_in(app, "other-trainer@example.org")
    response = other.get(url)
    assert response.status_code in (403, 404)
    assert "Participants" not in response.get_data(as_text=True)


def test_threads_asking_at_once_build_the_table_once(app, workshop, builds):
    from learning.workshops import dashboard_cache

    start = threading.Barrier(6)

    def slow_render() -> str:
        builds.append(workshop.id)
        time.sleep(0.3)  # long enough for every other thread to ask meanwhile
        return "<table></table>"

    def ask() -> str:
        with app.test_request_context():
            start.wait(timeout=5)
            return dashboard_cache.page(workshop.id, ("all",), slow_render)

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = [future.result(timeout=10) for future in [pool.submit(ask) for _ in range(6)]]
    assert results == ["<table></table>"] * 6 and builds == [workshop.id]


def test_messages_are_shown_once_and_never_kept(workshop, trainer_client, builds):
    url = f"/workshops/{workshop.id}"
    trainer_client.get(url)
    with trainer_client.session_transaction() as session:
        session["_flashes"] = [("info", "A one-off message")]
    assert "A one-off message" in trainer_client.get(url).get_data(as_text=True)
    assert "A one-off message" not in trainer_client.get(url).get_data(as_text=True)
    assert len(builds) == 2  # the page with the message was rendered apart, then not kept


def test_each_trainer_gets_their_own_csrf_token(app, workshop, trainer_client, builds, db):
    from learning.workshops import services
    from tests import factories
    from tests.workshops.conftest import CATALOGUE

    factories.user(db, email="co@example.org", role="trainer")
    services.add_facilitator(db, db.merge(workshop), "co@example.org", CATALOGUE)
    db.commit()
    url = f"/workshops/{workshop.id}"
    trainer_client.get(url)
    co_trainer = logged_in(app, "co@example.org")
    page = co_trainer.get(url).get_data(as_text=True)
    assert len(builds) == 1 and "@@" not in page
    token = CSRF_PATTERN.search(page).group(1)
    response = co_trainer.post(
        f"{url}/facilitators", data={"csrf_token": token, "email": "other-trainer@example.org"}
    )
    assert response.status_code == 302  # the token from the kept page is this trainer's


def test_an_expired_page_is_served_while_one_thread_rebuilds_it(app, workshop, builds):
    from learning.caching import LRUCache
    from learning.workshops import dashboard_cache

    now = [0.0]
    app.extensions["learning.dashboard_pages"] = LRUCache(10, ttl=10, clock=lambda: now[0])
    rebuilding, served = threading.Event(), []

    def render(version: str):
        def slow() -> str:
            rebuilding.set()
            time.sleep(0.3)  # the other thread asks meanwhile
            return version

        return slow

    def ask(render_page) -> None:
        with app.test_request_context():
            served.append(dashboard_cache.page(workshop.id, ("all",), render_page))

    ask(lambda: "old page")
    now[0] = 11.0  # expired
    rebuild = threading.Thread(target=ask, args=(render("new page"),))
    rebuild.start()
    assert rebuilding.wait(timeout=5)
    ask(render("never built"))  # served at once, from the expired copy
    rebuild.join(timeout=5)
    assert served == ["old page", "old page", "new page"]
    ask(render("never built either"))
    assert served[-1] == "new page"


def test_closing_an_account_drops_the_kept_dashboards_showing_the_person(
    app, workshop, trainer_client, builds
):
    participant = join(app, workshop, "p1@example.org")
    url = f"/workshops/{workshop.id}"
    assert "Participant One" in trainer_client.get(url).get_data(as_text=True)  # kept
    response = AuthActions(participant).post(
        "/profile/close",
        {"current_password": factories.PASSWORD, "confirm": "y"},
        form_page="/profile/close",
    )
    assert response.status_code == 302
    assert "Participant One" not in trainer_client.get(url).get_data(as_text=True)


def test_closing_an_account_from_the_command_line_drops_the_kept_dashboards(
    app, workshop, trainer_client, builds, runner
):
    join(app, workshop, "p1@example.org")
    url = f"/workshops/{workshop.id}"
    assert "Participant One" in trainer_client.get(url).get_data(as_text=True)  # kept
    result = runner.invoke(args=["users", "close", "p1@example.org", "--yes"])
    assert result.exit_code == 0, result.output
    assert "Participant One" not in trainer_client.get(url).get_data(as_text=True)
