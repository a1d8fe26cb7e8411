"""The lesson page, the page read most, served from memory with one database read.

A lesson page is the same HTML for every learner in the same situation: the lesson (content
version, locale), whether the reader is an administrator (two extra menu links), how many of
the module's lessons they completed and whether this one is among them. Only the CSRF token
differs per session. So the full view renders a page once per such state and keeps it with
the token replaced by a stand-in; later requests in the same state check the login and read
the progress in ONE query, then put their own token back in.

Anything unusual takes the full view: no valid login, messages waiting to be shown, a page
not cached yet. The full view is the reference; a test compares both outputs byte for byte.
"""

from __future__ import annotations

from flask import current_app, session
from sqlalchemy import and_, bindparam, select

from learning.accounts.auth import session_identity, still_valid
from learning.accounts.models import Role, User
from learning.caching import LRUCache, fill_in_token, stand_in_token
from learning.content.catalogue import Lesson, Module
from learning.db import get_engine
from learning.locales import locale_name
from learning.progress.models import Enrolment, LessonProgress

MAX_PAGES = 2000  # ~30 KB each: bounded whatever the number of modules and learners
_users = User.__table__
_enrolments = Enrolment.__table__
_lessons = LessonProgress.__table__
# The login check and the progress read in one query, built once: the user's row, outer-joined
# to their enrolment in the module and its completed lessons.
_LOGIN_AND_PROGRESS = (
    select(_users.c.is_active, _users.c.session_version, _users.c.role, _lessons.c.lesson_slug)
    .select_from(_users
                 .outerjoin(_enrolments, and_(_enrolments.c.user_id == _users.c.id,
                                              _enrolments.c.module_slug == bindparam("slug")))
                 .outerjoin(_lessons, _lessons.c.enrolment_id == _enrolments.c.id))
    .where(_users.c.id == bindparam("user_id"))
)


def page_cache() -> LRUCache:
    return current_app.extensions.setdefault("learning.lesson_pages", LRUCache(MAX_PAGES))


def page_key(module: Module, lesson: Lesson, is_admin: bool,
             completed: frozenset[str]) -> tuple:
    """Everything a lesson page depends on besides the CSRF token."""
    done = sum(slug in completed for slug in module.lesson_slugs)
    catalogue = current_app.extensions["learning.catalogue"]
    return (id(catalogue), locale_name(), module.slug, lesson.slug, is_admin, done,
            lesson.slug in completed)


def cached_page(module: Module, lesson: Lesson) -> str | None:
    """The page for the current request from the cache, or None: take the full view."""
    if session.get("_flashes"):
        return None  # one-off messages are part of the page
    identity = session_identity()
    if identity is None:
        return None
    user_id, cookie_version = identity
    # A plain connection, not the request's ORM session: a third of this page's cost was
    # setting up and tearing down a session for one read.
    with get_engine(current_app).connect() as connection:
        rows = connection.execute(
            _LOGIN_AND_PROGRESS, {"user_id": user_id, "slug": module.slug}).all()
    if not rows or not still_valid(rows[0].is_active, rows[0].session_version, cookie_version):
        return None  # the full view logs the stale session out
    completed = frozenset(row.lesson_slug for row in rows if row.lesson_slug is not None)
    page = page_cache().get(page_key(module, lesson, rows[0].role == Role.ADMIN, completed))
    if page is None:
        return None
    return fill_in_token(page)


def keep_page(module: Module, lesson: Lesson, is_admin: bool, completed: frozenset[str],
              html: str) -> None:
    """Store a page the full view rendered without one-off messages."""
    page_cache().put(page_key(module, lesson, is_admin, completed),
                     stand_in_token(html))
