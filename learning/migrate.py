"""``flask db ...``: Alembic migrations run against the application's configured database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app
from flask.cli import AppGroup

from learning.config import PROJECT_ROOT

db_cli = AppGroup("db", help="Database migrations (Alembic).")
FILE_TEMPLATE = "%%(year)d%%(month).2d%%(day).2d_%%(hour).2d%%(minute).2d_%%(rev)s_%%(slug)s"


def alembic_config(app: Flask) -> Config:
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", app.config["DATABASE_URL"].replace("%", "%%"))
    config.set_main_option("file_template", FILE_TEMPLATE)
    return config


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    command.upgrade(alembic_config(current_app), revision)


@db_cli.command("downgrade")
@click.argument("revision")
def downgrade(revision: str) -> None:
    """Revert migrations down to REVISION ('base' removes every table)."""
    command.downgrade(alembic_config(current_app), revision)


@db_cli.command("current")
def current() -> None:
    """Show the revision the database is at."""
    command.current(alembic_config(current_app), verbose=False)


@db_cli.command("revision")
@click.option("-m", "--message", required=True, help="What the migration does.")
@click.option("--autogenerate/--empty", default=True, help="Compare models with the database.")
def revision(message: str, autogenerate: bool) -> None:
    """Write a new migration file; read and tidy it before committing."""
    command.revision(alembic_config(current_app), message=message, autogenerate=autogenerate)


@db_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup(path: str) -> None:
    """Write a consistent copy of the running SQLite database to PATH (online, no downtime).

    Uses SQLite's backup API, which copies committed data including what is still in the
    write-ahead log (copying the file alone could lose it). For PostgreSQL use pg_dump.
    """
    url = current_app.config["DATABASE_URL"]
    if not url.startswith("sqlite:///"):
        raise click.ClickException(
            "flask db backup copies SQLite databases; for PostgreSQL use pg_dump (see the README)."
        )
    target = Path(path)
    if target.exists():
        raise click.ClickException(f"{target} exists already; choose a new file.")
    target.touch(mode=0o600)  # a copy of personal data: readable by this user only
    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination)
        result = destination.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        destination.close()
        source.close()
    if result != "ok":
        raise click.ClickException(f"The copy failed its integrity check: {result}")
    click.echo(f"Backup written to {target} (integrity check: ok).")
