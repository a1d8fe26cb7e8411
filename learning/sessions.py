"""Signed-cookie sessions that re-sign an unchanged cookie at most once a minute.

Flask re-signs and re-sends a permanent session cookie on every request so that its idle
expiry moves forward. Signing and sending ~300 bytes is a sizeable share of a cached page's
cost, and moving the expiry once a minute is as good for a 12-hour idle timeout: a session
idle for ``PERMANENT_SESSION_LIFETIME`` still expires, at most ``SESSION_REFRESH_SECONDS``
sooner. A session whose content changed is always sent at once.
"""

from __future__ import annotations

import time

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature


class ThrottledRefreshSessionInterface(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        session = self.session_class(data)
        session.signed_at = signed_at.timestamp()  # type: ignore[attr-defined]
        return session

    def should_set_cookie(self, app: Flask, session: SecureCookieSession) -> bool:
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        signed_at = getattr(session, "signed_at", None)
        return signed_at is None or \
            time.time() - signed_at >= app.config["SESSION_REFRESH_SECONDS"]
