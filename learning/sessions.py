"""Signed-cookie sessions that re-sign an unchanged cookie at most once a minute.

Flask re-signs and re-sends a permanent session cookie on every request so that its idle
expiry moves forward. Signing and sending ~300 bytes is a sizeable share of a cached page's
cost, and moving the expiry once a minute is as good for a 12-hour idle timeout: a session
idle for ``PERMANENT_SESSION_LIFETIME`` still expires, at most ``SESSION_REFRESH_SECONDS``
sooner. A session whose content changed is always sent at once.

Two smaller savings on every request: the signing serializer is built once per secret key
(Flask builds a new one for each request), and a response that sends no cookie returns before
working out the cookie's attributes.
"""

from __future__ import annotations

import time

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer


class ThrottledRefreshSessionInterface(SecureCookieSessionInterface):
    _serializer: tuple[tuple, URLSafeTimedSerializer | None] = ((), None)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cached_keys, serializer = self._serializer
        if cached_keys != keys:  # first use, or the keys changed (tests, key rotation)
            serializer = super().get_signing_serializer(app)
            self._serializer = (keys, serializer)  # one assignment: safe across threads
        return serializer

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
        return signed_at is None or time.time() - signed_at >= app.config["SESSION_REFRESH_SECONDS"]

    def save_session(self, app: Flask, session: SecureCookieSession, response: Response) -> None:
        if not session.modified and (not session or not self.should_set_cookie(app, session)):
            if session.accessed:  # what Flask does when it sends no cookie
                response.vary.add("Cookie")
            return
        super().save_session(app, session, response)
