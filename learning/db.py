"""Database plumbing: declarative base, UTC timestamps, engine and one session per request.

Services receive the session and only flush; the transaction boundary commits once per request
or command (``learning.transactions``), and the teardown handler rolls back whatever is left.

SQLite is the default engine. Two of its behaviours matter for correctness under load:
- a transaction that reads and then writes can fail with SQLITE_BUSY despite the busy timeout
  if another writer committed in between; requests that change state therefore start their
  transaction with ``BEGIN IMMEDIATE`` (see ``write_intent``, set per request by
  ``learning.transactions``);
- pysqlite's own transaction handling is switched off so SQLAlchemy's BEGIN is the only one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import DateTime, Enum, MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from learning.sqlite_writers import WriterQueue

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_BUSY_TIMEOUT_MS = 10_000

# True while the current request or command intends to write; read by the SQLite BEGIN hook.
_write_intent: ContextVar[bool] = ContextVar("write_intent", default=False)


class Base(DeclarativeBase):
    """Base of every model; constraint names follow NAMING_CONVENTION so migrations are stable."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def isoformat_or_none(value: date | datetime | None) -> str | None:
    """A date or time as ISO 8601 text for exports, None kept as None."""
    return None if value is None else value.isoformat()


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC in the database and always returns timezone-aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


@contextmanager
def write_intent() -> Iterator[None]:
    """Within this block, new SQLite transactions start with BEGIN IMMEDIATE."""
    token = _write_intent.set(True)
    try:
        yield
    finally:
        _write_intent.reset(token)


def set_write_intent(value: bool) -> None:
    """Mark the current request as one that writes (set per request by learning.transactions)."""
    _write_intent.set(value)


def make_engine(url: str) -> Engine:
    """Create the engine, with the SQLite pragmas and transaction hooks where relevant."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    _create_private(engine.url.database)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    # Writers queue for their turn instead of polling SQLite (see learning.sqlite_writers).
    writers = WriterQueue(engine.url.database)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if not _write_intent.get():
            connection.exec_driver_sql("BEGIN")
            return
        writers.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        connection.info["holds_write_lock"] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(connection.info)
            raise

    def _release(info: dict) -> None:
        if info.pop("holds_write_lock", False):
            writers.release()

    # The commit and rollback events run just before the COMMIT/ROLLBACK statement, which
    # takes well under a millisecond in WAL mode; a connection returned to the pool in any
    # other way (an error, invalidation) releases the lock on its way back.
    event.listen(engine, "commit", lambda connection: _release(connection.info))
    event.listen(engine, "rollback", lambda connection: _release(connection.info))
    event.listen(engine, "checkin", lambda _dbapi, record: _release(record.info))
    event.listen(engine, "engine_disposed", lambda _engine: writers.close())
    return engine


def _create_private(database: str | None) -> None:
    """Create a new SQLite database file readable by the server's user only: it holds personal
    data and password hashes (RELIABILITY I7). SQLite gives its -wal and -shm files the same
    permissions. An existing file is left as it is."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    # FileExistsError: leave it alone; a missing folder: SQLite reports it on first use.
    with suppress(OSError):
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def init_app(app: Flask) -> None:
    """Create the engine and session factory and register the per-request teardown (the
    transaction boundary, ``learning.transactions``, is registered right after)."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["learning.db"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.extensions["learning.engine"] = engine
    app.teardown_appcontext(_close_session)


def get_session() -> Session:
    """The session of the current request (or CLI command), created on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["learning.db"]()
    return g.db_session


def existing_session() -> Session | None:
    """The session of the current request or command if it has used one, else None."""
    return g.get("db_session")


def get_engine(app: Flask) -> Engine:
    """The application's engine (for migrations, backups and tests)."""
    return app.extensions["learning.engine"]


def _close_session(exc: BaseException | None) -> None:
    session: Session | None = g.pop("db_session", None)
    if session is None:
        return
    try:
        # Whatever the boundary did not commit is discarded, error or not.
        session.rollback()
    finally:
        session.close()


def string_enum(enum_cls: Any, name: str) -> Any:
    """A Python enum stored as its string values, with a CHECK constraint on every engine."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
        length=max(len(member.value) for member in enum_cls),
    )
