"""Shared fixtures: ``app``, ``client``, ``runner``, ``auth`` and ``db`` (flaskr-style)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from learning.app import create_app
from learning.db import get_engine, get_session
from learning.models import Base  # every model, so create_all builds the whole schema
from tests import factories

FIXTURES = Path(__file__).parent / "fixtures"
# Set by .ci/run to run the whole suite against PostgreSQL as well as SQLite.
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
_ENGINES: list = []
TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"
CSRF_PATTERN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def database_url(tmp_path: Path) -> str:
    return TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'test.sqlite3'}"


def reset_schema(engine) -> None:
    """Start from empty tables (PostgreSQL databases outlive a test; SQLite files do not)."""
    from sqlalchemy import text

    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    Base.metadata.create_all(engine)


class BufferedClient(FlaskClient):
    """Reads every response to the end and closes it, as a WSGI server does.

    Unbuffered, a streamed response (CSV exports) that a test never closes keeps its request
    context, and so its database transaction, open until garbage collection.
    """

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


def make_app(tmp_path: Path, **overrides) -> Flask:
    config = {
        "TESTING": True,
        "SECRET_KEY": TEST_SECRET,
        "DATABASE_URL": database_url(tmp_path),
        "CONTENT_DIR": str(FIXTURES / "content"),
        "QUIZZES_DIR": str(FIXTURES / "quizzes"),
        "RATELIMIT_ENABLED": False,
        "DASHBOARD_CACHE_SECONDS": 0,  # tests follow it live; test_dashboard_cache keeps it
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = BufferedClient
    _ENGINES.append(get_engine(app))
    reset_schema(get_engine(app))
    return app


@pytest.fixture(autouse=True)
def _dispose_engines():
    """Close every connection pool a test opened (PostgreSQL has a connection limit)."""
    yield
    while _ENGINES:
        _ENGINES.pop().dispose()


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """An app on a fresh SQLite file, with the platform already set up (an admin exists)."""
    app = make_app(tmp_path)
    with app.app_context():
        factories.user(get_session(), email="admin@example.org", role="admin")
        get_session().commit()
    yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def db(app: Flask):
    """A session of its own for arranging data and checking results.

    No app context is held open: requests made by the test client must each get their own
    ``g`` and database session, exactly as in production.
    """
    session = app.extensions["learning.db"]()
    yield session
    session.close()


@contextmanager
def recorded_statements(app: Flask) -> Iterator[list[str]]:
    """The SQL statements the app's engine runs inside the block, for query-count tests."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    engine = get_engine(app)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the first form on the page at ``url``."""
    response = client.get(url)
    match = CSRF_PATTERN.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {url} (status {response.status_code})"
    return match.group(1)


class AuthActions:
    """Register, log in and log out through the real forms, CSRF tokens included."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def register(
        self, email: str = "learner@example.org", password: str = factories.PASSWORD, **fields: str
    ):
        data = {
            "display_name": "Test Learner",
            "email": email,
            "password": password,
            "confirm": password,
            "organisation_kind": "ngo",
            "organisation_name": "Field NGO",
            "country": "KE",
        }
        data.update(fields)
        data["csrf_token"] = csrf_token(self.client, "/register")
        return self.client.post("/register", data=data)

    def login(
        self,
        email: str = "learner@example.org",
        password: str = factories.PASSWORD,
        next_url: str | None = None,
    ):
        url = "/login" + (f"?next={next_url}" if next_url else "")
        data = {"email": email, "password": password, "csrf_token": csrf_token(self.client, url)}
        return self.client.post(url, data=data)

    def logout(self):
        return self.client.post("/logout", data={"csrf_token": csrf_token(self.client, "/")})

    def post(self, url: str, data: dict | None = None, form_page: str | None = None):
        """POST ``data`` to ``url`` with a CSRF token taken from ``form_page`` (default: /)."""
        payload = dict(data or {})
        payload["csrf_token"] = csrf_token(self.client, form_page or "/")
        return self.client.post(url, data=payload)


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def learner_account(db):
    """learner@example.org, registered but not logged in."""
    user = factories.user(db, email="learner@example.org")
    db.commit()
    return user


@pytest.fixture
def learner(auth: AuthActions, learner_account) -> None:
    """learner@example.org, registered and logged in on ``client``."""
    auth.login()
