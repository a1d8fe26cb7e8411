"""``flask content check|list``: validate and list the course content."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from learning.content.loader import load_catalogue

content_cli = AppGroup("content", help="Validate and list course content.")


@content_cli.command("check")
def check() -> None:
    """Validate every module file; print path:line: problem for each error, exit 1 if any."""
    catalogue = load_catalogue(
        Path(current_app.config["CONTENT_DIR"]), Path(current_app.config["QUIZZES_DIR"])
    )
    for problem in catalogue.problems:
        click.echo(str(problem), err=True)
    lessons = sum(len(module.lessons) for module in catalogue.modules)
    if catalogue.problems:
        click.echo(f"{len(catalogue.problems)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo(
        f"Content OK: {len(catalogue.modules)} module(s), {lessons} lesson(s), "
        f"{len(catalogue.quizzes)} quiz(zes)."
    )


@content_cli.command("list")
def list_content() -> None:
    """List modules and their lessons with reading times and versions."""
    catalogue = load_catalogue(
        Path(current_app.config["CONTENT_DIR"]), Path(current_app.config["QUIZZES_DIR"])
    )
    for module in catalogue.modules:
        click.echo(
            f"{module.slug}  ({module.estimated_minutes} min, version {module.version})"
            f"  {module.title}"
        )
        for lesson in module.lessons:
            click.echo(
                f"  {lesson.order:>2}. {lesson.slug}  ({lesson.estimated_minutes} min)"
                f"  {lesson.title}"
            )
    if catalogue.problems:
        click.echo(
            f"{len(catalogue.problems)} problem(s) kept content out; run 'flask content check'.",
            err=True,
        )
