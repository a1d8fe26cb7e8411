"""Security headers and per-request transaction intent."""

from __future__ import annotations

from flask import Flask, Response, request

from learning.db import set_write_intent

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def init_app(app: Flask) -> None:
    production = app.config["LEARNING_ENV"] == "production"

    @app.before_request
    def declare_write_intent() -> None:
        # State changes only happen in POST requests; their transactions take the SQLite
        # write lock up front so a read-then-write can never fail half-way (see learning.db).
        set_write_intent(request.method not in SAFE_METHODS)

    @app.teardown_request
    def clear_write_intent(_exc: BaseException | None) -> None:
        # Threads are reused between requests (and by tests): never leak the intent.
        set_write_intent(False)

    @app.after_request
    def add_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        if production:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint != "static" and "Cache-Control" not in headers:
            # Pages can hold personal data: never store them in shared caches.
            headers["Cache-Control"] = "private, no-cache"
        return response
