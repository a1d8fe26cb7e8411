"""Domain exceptions and the HTML error pages (no traceback ever reaches a user)."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError


class DomainError(Exception):
    """A business rule refused an operation; the message is safe to show to the user."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = str(message)


class NotFoundError(DomainError):
    """The object asked for does not exist (or the user may not know that it does)."""


class PermissionDeniedError(DomainError):
    """The user may not do this."""


ERROR_TITLES = {
    400: "The request could not be understood",
    403: "You do not have access to this page",
    404: "Page not found",
    405: "This action is not available here",
    413: "What you sent is too large",
    429: "Too many attempts",
    500: "Something went wrong on our side",
}


def _render_error(code: int, detail: str | None = None):
    title = _(ERROR_TITLES.get(code, "Something went wrong"))
    try:
        return render_template("errors/error.html", code=code, title=title, detail=detail), code
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        return f"{code} {title}", code, {"Content-Type": "text/plain; charset=utf-8"}


def _who() -> str:
    """Who made the request, for the security log: ``user <id> from <address>``."""
    user = f"user {current_user.id}" if current_user.is_authenticated else "anonymous"
    return f"{user} from {request.remote_addr}"


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        app.logger.warning(
            "CSRF failure on %s %s by %s: %s",
            request.method,
            request.path,
            _who(),
            error.description,
        )
        return _render_error(
            400,
            _(
                "Your form expired or was sent from elsewhere. "
                "Go back, reload the page and try again."
            ),
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if code == 403:
            app.logger.warning("Access denied: %s %s to %s", request.method, request.path, _who())
        if code == 429:
            return _render_error(code, _("Please wait a minute before trying again."))
        return _render_error(code if code in ERROR_TITLES else 400)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        return _render_error(500)

    @app.errorhandler(Exception)
    def unhandled(error: Exception):
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return _render_error(500)
