"""Migrations and models agree; upgrade and downgrade work; there is a single head."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from learning.app import create_app
from learning.db import Base
from learning.migrate import alembic_config
from tests.conftest import TEST_SECRET, database_url


def _empty_database(url: str) -> None:
    engine = create_engine(url)
    if engine.dialect.name == "postgresql":
        from sqlalchemy import text

        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def test_upgrade_matches_models_then_downgrade_to_base(tmp_path):
    url = database_url(tmp_path)
    _empty_database(url)
    app = create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET, "DATABASE_URL": url})
    config = alembic_config(app)

    command.upgrade(config, "head")
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert set(inspect(connection).get_table_names()) >= set(Base.metadata.tables)

    command.downgrade(config, "base")
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    engine.dispose()


def test_single_head(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": TEST_SECRET,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'h.sqlite3'}",
        }
    )
    assert len(ScriptDirectory.from_config(alembic_config(app)).get_heads()) == 1


def test_backup_while_serving_keeps_every_committed_row(app, runner, db, tmp_path):
    """Rows committed (still in the write-ahead log) are in the backup, which restores."""
    import sqlite3

    import pytest

    from tests import factories

    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("flask db backup is for SQLite; PostgreSQL uses pg_dump")
    for number in range(25):
        factories.user(db, email=f"kept{number}@example.org")
    db.commit()
    target = tmp_path / "backup.sqlite3"
    result = runner.invoke(args=["db", "backup", str(target)])
    assert result.exit_code == 0, result.output
    restored = sqlite3.connect(target)
    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    emails = {row[0] for row in restored.execute("SELECT email FROM users")}
    restored.close()
    assert {f"kept{n}@example.org" for n in range(25)} <= emails
    assert runner.invoke(args=["db", "backup", str(target)]).exit_code != 0  # never overwrites


def test_existing_records_and_attempts_survive_the_assessment_migration(tmp_path):
    """Records issued before trainer-assessed case studies say "self-assessed" (they were);
    attempts made before pools show every item (no drawn list), so their results still read."""
    from sqlalchemy import text

    url = database_url(tmp_path)
    _empty_database(url)
    app = create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET, "DATABASE_URL": url})
    config = alembic_config(app)
    command.upgrade(config, "4b2a034e605d")  # the revision before the assessment migration
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, email, display_name, password_hash, role, country, "
                "is_active, created_at, session_version) VALUES (1, 'a@example.org', 'A', 'x', "
                "'learner', 'KE', true, '2026-01-01', 1)"
            )
        )
        for kind, slug, code in (("module", "foundations", "C1"), ("path", "core", "C2")):
            connection.execute(
                text(
                    "INSERT INTO completion_records (user_id, kind, subject_slug, subject_title, "
                    "subject_version, hours, name_as_printed, completed_at, issued_at, "
                    "verification_code) VALUES (1, :kind, :slug, 'T', 'v', 1, 'A', "
                    "'2026-01-02', '2026-01-02', :code)"
                ),
                {"kind": kind, "slug": slug, "code": code},
            )
        connection.execute(
            text(
                "INSERT INTO quiz_attempts (user_id, quiz_slug, attempt_no, quiz_version, "
                "pass_mark, max_points, shuffle_seed, status, started_at) "
                "VALUES (1, 'foundations', 1, 'v', 0.7, 20, 1, 'in_progress', '2026-01-02')"
            )
        )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert dict(
            connection.execute(
                text("SELECT kind, case_study_assessment FROM completion_records")
            ).all()
        ) == {"module": "self", "path": None}
        assert connection.execute(text("SELECT question_ids FROM quiz_attempts")).scalar() is None
    engine.dispose()
