"""Content: Markdown modules and lessons loaded from files into a validated, immutable catalogue."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from learning.content.catalogue import Catalogue
from learning.content.loader import load_catalogue


def init_app(app: Flask) -> None:
    """Load the catalogue once. Broken modules are left out and each problem is logged."""
    catalogue = load_catalogue(Path(app.config["CONTENT_DIR"]), Path(app.config["QUIZZES_DIR"]))
    if catalogue.problems:
        app.logger.error(
            "Content problems: %d (modules with problems are not served). "
            "Run 'flask content check' for details.\n%s",
            len(catalogue.problems),
            "\n".join(str(p) for p in catalogue.problems[:50]),
        )
    app.extensions["learning.catalogue"] = catalogue


def get_catalogue() -> Catalogue:
    return current_app.extensions["learning.catalogue"]
