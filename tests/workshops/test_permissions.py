"""Every workshop route with an id, probed as each kind of user (RELIABILITY C1-C4, C2)."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token
from tests.workshops.conftest import join, logged_in

MANAGE_GET = [
    "",
    "/edit",
    "/projector",
    "/attendance",
    "/import",
    "/debrief/sample-quiz",
    "/case-studies/sample-quiz/the-case",
    "/roster.csv",
    "/roster.xlsx",
    "/certificates.pdf",
]
MANAGE_POST = [
    "/open",
    "/facilitators",
    "/attendance",
    "/check-in",
    "/import",
    "/import/confirm",
    "/debrief/sample-quiz/share",
    "/case-studies/sample-quiz/the-case",
    "/close",
    "/edit",
]
PARTICIPANT_GET = ["/my-workshops/{id}", "/my-workshops/{id}/debrief/sample-quiz"]


def _client(app, workshop, who: str):
    if who == "anonymous":
        return app.test_client()
    if who == "participant":
        return join(app, workshop, "p1@example.org")
    return logged_in(
        app, {"other trainer": "other-trainer@example.org", "admin": "admin@example.org"}[who]
    )


@pytest.mark.parametrize("who", ["anonymous", "participant", "other trainer"])
def test_only_people_who_run_the_workshop_get_in(app, workshop, who):
    client = _client(app, workshop, who)
    token = csrf_token(client, "/login" if who == "anonymous" else "/")
    expected = 302 if who == "anonymous" else 403
    for suffix in MANAGE_GET:
        response = client.get(f"/workshops/{workshop.id}{suffix}")
        assert response.status_code == expected, (who, "GET", suffix)
        if expected == 302:
            assert "/login" in response.location
    for suffix in MANAGE_POST:
        response = client.post(f"/workshops/{workshop.id}{suffix}", data={"csrf_token": token})
        assert response.status_code == expected, (who, "POST", suffix)


def test_administrators_and_the_owner_get_in(app, workshop, trainer_client):
    for client in (trainer_client, _client(app, workshop, "admin")):
        for suffix in ["", "/attendance", "/debrief/sample-quiz", "/roster.csv"]:
            assert client.get(f"/workshops/{workshop.id}{suffix}").status_code == 200


def test_unknown_workshop_is_404(trainer_client):
    for suffix in ["", "/attendance", "/roster.csv"]:
        assert trainer_client.get(f"/workshops/999999{suffix}").status_code == 404
    assert trainer_client.get("/workshops/abc").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "other trainer"])
def test_participant_pages_are_for_members_only(app, workshop, who):
    client = _client(app, workshop, who)
    for url in PARTICIPANT_GET:
        response = client.get(url.format(id=workshop.id))
        assert response.status_code == (302 if who == "anonymous" else 404)


def test_missing_csrf_token_is_refused(trainer_client, workshop):
    assert trainer_client.post(f"/workshops/{workshop.id}/close").status_code == 400
