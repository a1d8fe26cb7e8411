"""The SQLite files hold personal data and password hashes: nobody but the server's user may
read them (RELIABILITY I7). URL probes for them are in test_malformed_requests.py; the secret
key file is checked by tests/test_app.py::test_secret_key_is_generated_once_and_kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import factories
from tests.conftest import TEST_DATABASE_URL, make_app

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")


def _private(path: Path) -> bool:
    return path.stat().st_mode & 0o077 == 0


def test_database_wal_and_backup_files_are_private(tmp_path):
    previous = os.umask(0o022)  # a usual shell umask: new files would be world-readable
    try:
        app = make_app(tmp_path)
        db = app.extensions["learning.db"]()
        factories.user(db, email="admin@example.org", role="admin")
        db.commit()
        database = tmp_path / "test.sqlite3"
        for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            assert path.exists() and _private(path), (path, oct(path.stat().st_mode))
        result = app.test_cli_runner().invoke(args=["db", "backup", str(tmp_path / "copy.db")])
        assert result.exit_code == 0, result.output
        assert _private(tmp_path / "copy.db")
        db.close()
    finally:
        os.umask(previous)


def test_an_existing_database_file_is_left_alone(tmp_path):
    database = tmp_path / "test.sqlite3"
    database.touch(mode=0o640)
    database.chmod(0o640)
    make_app(tmp_path)
    assert database.stat().st_mode & 0o777 == 0o640
