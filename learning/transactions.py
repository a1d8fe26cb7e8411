"""The transaction boundary: the one place where the application commits.

A web request is one transaction. It is committed once, after the view, when the request may
change state (any method but GET, HEAD and OPTIONS) and its response is not an error (status
below 400). Anything else is rolled back: an error page, an exception, any safe request. Views
and services never commit; a refused action undoes its own work and the view goes on
(``learning.web.refusals``). A command-line command is one transaction too
(``learning.commands.transaction``), ended by the same ``end``.

Write intent (SQLite): a request that may write says so before anything reads, so that its
transaction begins with ``BEGIN IMMEDIATE`` from the first read on, the user's included
(``learning.db``); a read-then-write can then never fail half-way with SQLITE_BUSY.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, after_this_request, current_app, g, request, session
from sqlalchemy.orm import Session

from learning.db import existing_session, set_write_intent

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def end(db_session: Session, commit: bool) -> None:
    """Commit or roll back ``db_session``'s transaction: the only ``commit()`` there is."""
    if commit:
        db_session.commit()
    else:
        db_session.rollback()


def keep_changes() -> None:
    """Commit this request's work although its method is safe. Only for a page that repairs
    stale state as it shows it (a quiz page closing an attempt its quiz file outdated); such a
    write begins in a read transaction, so on SQLite it may fail under concurrent writers."""
    g.keep_changes = True


def after_commit(callback: Callable[..., object], *args: object) -> None:
    """Call ``callback(*args)`` once this request's work is committed, never if it is rolled
    back: to log a change as made, or drop a kept page only when it can no longer be rebuilt
    from the state before the change. The arguments are taken now, not then."""
    g.setdefault("after_commit", []).append((callback, args))


def init_app(app: Flask) -> None:
    # Registered first (db.init_app runs before the other extensions), so the intent is set
    # before any other before_request handler reads (the setup gate does).
    app.before_request(_begin_request)
    app.teardown_request(_clear_write_intent)


def _begin_request() -> None:
    set_write_intent(request.method not in SAFE_METHODS)
    # A function of this request runs before the application's after_request handlers, so
    # those acting on committed state (dashboard_cache drops a workshop's pages after a POST)
    # run after the commit; an exception it raises (a failing commit) becomes the 500 page
    # just as one raised by the view.
    after_this_request(_end_request)


def _end_request(response: Response) -> Response:
    writes = request.method not in SAFE_METHODS or g.get("keep_changes", False)
    commit = writes and response.status_code < 400
    db_session = existing_session()
    if db_session is not None:
        try:
            end(db_session, commit)
        except Exception:
            # The exception becomes the 500 page (this function then runs again for it and
            # commits nothing). Nothing was saved, so nothing the view put in the cookie
            # session may reach the browser either: no login to an account that does not
            # exist, no "saved" message. Rolled back at once: the 500 page may still read.
            _restore_cookie_session()
            end(db_session, commit=False)
            raise
    if commit:
        for callback, args in g.pop("after_commit", ()):
            callback(*args)
    return response


def _restore_cookie_session() -> None:
    """Put back the cookie session the request arrived with."""
    arrived = current_app.session_interface.open_session(current_app, request)
    session.clear()
    session.update(arrived or {})


def _clear_write_intent(_exc: BaseException | None) -> None:
    # Threads are reused between requests (and by tests): never leak the intent.
    set_write_intent(False)
