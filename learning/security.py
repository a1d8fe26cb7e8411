"""Security headers, one-line log records and the refusal of NUL characters."""

from __future__ import annotations

import logging

from flask import Flask, Response, abort, request

from learning.transactions import SAFE_METHODS

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


def one_line(value: str) -> str:
    """``value`` with control characters and line separators (U+2028...) escaped as ``\\n``."""
    if value.isprintable():
        return value
    return "".join(
        character.encode("unicode_escape").decode("ascii")
        if not character.isprintable() and character != " "
        else character
        for character in value
    )


class OneLineFilter(logging.Filter):
    """Log injection (RELIABILITY L3): the values logged (e-mail addresses typed at login,
    paths) cannot start a line of their own, so one event is always one log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                one_line(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


LOG_FILTER = OneLineFilter()


def init_app(app: Flask) -> None:
    production = app.config["LEARNING_ENV"] == "production"
    for logger in (app.logger, logging.getLogger("learning.security")):
        logger.addFilter(LOG_FILTER)  # once: addFilter ignores a filter already there

    @app.before_request
    def refuse_nul_characters() -> None:
        # No field of the platform holds a NUL character, and PostgreSQL text cannot: no such
        # page exists (404), and a query or form with one is refused (400, RELIABILITY E2).
        if "\x00" in request.path:
            abort(404)
        # In a query string a NUL can only arrive as "%00" (or raw): parse it only then.
        raw = request.query_string
        values = (
            [v for _k, vs in request.args.lists() for v in vs]
            if b"%00" in raw or b"\x00" in raw
            else []
        )
        if request.method not in SAFE_METHODS:
            values += [v for _k, vs in request.form.lists() for v in vs]
        if any("\x00" in value for value in values):
            abort(400)

    always = [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "SAMEORIGIN"),
    ]
    if production:
        always.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))

    @app.after_request
    def add_headers(response: Response) -> Response:
        headers = response.headers
        # One pass over the headers already set (a view may set its own policy), instead of a
        # look-up per header: this runs on every response.
        present = {name.lower() for name, _value in headers}
        for name, value in always:
            if name.lower() not in present:
                headers.add(name, value)
        if request.endpoint != "static" and "cache-control" not in present:
            # Pages can hold personal data: never store them in shared caches.
            headers["Cache-Control"] = "private, no-cache"
        return response
