"""Which catalogue a request is served in: the browser's best match among those we have."""

from __future__ import annotations

from flask import current_app, has_request_context, request

AVAILABLE = ["en"]


def select_locale() -> str | None:
    """Flask-Babel's locale selector: None outside requests (CLI) means the default."""
    if not has_request_context():
        return None
    return request.accept_languages.best_match(AVAILABLE)


def locale_name() -> str:
    """The request's locale as a name, without building Babel's Locale object: for cache keys
    on pages served without rendering."""
    return select_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]
