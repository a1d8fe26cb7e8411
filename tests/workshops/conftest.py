"""Workshop fixtures: trainers, participants and an open workshop on the sample module."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from learning.content.loader import load_catalogue
from learning.db import utcnow
from learning.workshops import services
from tests import factories
from tests.conftest import FIXTURES, AuthActions

CATALOGUE = load_catalogue(FIXTURES / "content", FIXTURES / "quizzes")


def details(**overrides) -> services.WorkshopDetails:
    today = utcnow().date()
    values = dict(
        title="Regional training",
        region="Africa",
        country="KE",
        location="Nairobi",
        starts_on=today,
        ends_on=today + timedelta(days=2),
        language="English",
        module_slugs=["sample-module"],
        capacity=None,
        participation_days=1,
    )
    values.update(overrides)
    return services.WorkshopDetails(**values)


def logged_in(app, email: str):
    client = app.test_client()
    AuthActions(client).login(email=email)
    return client


@pytest.fixture
def people(db):
    trainer = factories.user(
        db, email="trainer@example.org", role="trainer", display_name="Tina Trainer"
    )
    factories.user(db, email="other-trainer@example.org", role="trainer")
    factories.user(db, email="p1@example.org", display_name="Participant One")
    factories.user(db, email="p2@example.org", display_name="Participant Two")
    factories.user(db, email="outsider@example.org")
    db.commit()
    return trainer


@pytest.fixture
def workshop(db, people):
    created = services.create(db, people, details(), CATALOGUE)
    services.open_workshop(db, created)
    db.commit()
    return created


@pytest.fixture
def trainer_client(app, people):
    return logged_in(app, "trainer@example.org")


def join(app, workshop, email: str):
    client = logged_in(app, email)
    AuthActions(client).post(f"/join/{workshop.join_code}")
    return client


def days_of(workshop) -> list[date]:
    return workshop.days
