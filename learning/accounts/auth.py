"""Flask-Login wiring: loading users from session cookies, session lifetime, the setup gate.

A session cookie carries ``<user id>.<session version>``. Logout, a password change and
deactivation bump the version in the database, so every cookie issued before, including a
copy taken by an attacker, stops working on the next request (RELIABILITY B3-B5).
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

from flask import Flask, current_app, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import login_user

from learning.accounts.models import User
from learning.accounts.services import admin_exists, record_login
from learning.db import get_session
from learning.extensions import login_manager

security_log = logging.getLogger("learning.security")
SETUP_EXEMPT_ENDPOINTS = {"static", "accounts.setup"}


def session_identity() -> tuple[int, int] | None:
    """(user id, session version) from the signed session, or None when it holds no valid
    login (none, malformed, or older than the absolute lifetime)."""
    user_id, _, version = str(session.get("_user_id", "")).partition(".")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    started = session.get("login_at")
    lifetime = current_app.config["SESSION_ABSOLUTE_LIFETIME"].total_seconds()
    if not isinstance(started, int | float) or time.time() - started > lifetime:
        return None
    return int(user_id), int(version)


def still_valid(is_active: bool, session_version: int, cookie_version: int) -> bool:
    """A login stays valid while the account is active and its session version unchanged."""
    return is_active and session_version == cookie_version


def load_user(_token: str) -> User | None:
    # Flask-Login passes session["_user_id"]; session_identity reads it with the lifetime.
    identity = session_identity()
    if identity is None:
        return None
    # Read in the request's own transaction, which only the boundary ends (learning.transactions).
    # A writing request has declared its intent before anything reads, so on SQLite this read
    # already holds the write lock (BEGIN IMMEDIATE): the view's writes that follow cannot fail
    # half-way with SQLITE_BUSY because another writer committed after this read.
    user = get_session().get(User, identity[0])
    if user is None or not still_valid(user.is_active, user.session_version, identity[1]):
        return None
    return user


def start_session(user: User) -> None:
    """Log ``user`` in on a fresh session (no fixation: the old session content is dropped)."""
    session.clear()
    login_user(user)
    record_login(user)
    session["login_at"] = time.time()
    session.permanent = True


def safe_next(target: str | None, default: str) -> str:
    """``target`` if it is a path on this site, else ``default`` (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if any(ord(character) < 32 or character == "\\" for character in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def _require_setup():
    """Until an administrator exists, every page leads to the one-time setup page."""
    if current_app.extensions.get("learning.setup_done"):
        return None
    if request.endpoint in SETUP_EXEMPT_ENDPOINTS or request.endpoint is None:
        return None
    if admin_exists(get_session()):
        current_app.extensions["learning.setup_done"] = True
        return None
    return redirect(url_for("accounts.setup"))


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.before_request(_require_setup)
