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

from weakref import WeakKeyDictionary

from flask import current_app, session
from sqlalchemy import and_, bindparam, select

from learning.accounts.auth import session_identity, still_valid
from learning.accounts.models import Role, User
from learning.caching import LRUCache, fill_in_token, stand_in_token
from learning.content.course import Lesson, Module
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
    .select_from(
        _users.outerjoin(
            _enrolments,
            and_(
                _enrolments.c.user_id == _users.c.id, _enrolments.c.module_slug == bindparam("slug")
            ),
        ).outerjoin(_lessons, _lessons.c.enrolment_id == _enrolments.c.id)
    )
    .where(_users.c.id == bindparam("user_id"))
)
_COMPILED: WeakKeyDictionary = WeakKeyDictionary()  # engine -> compiled statement


def _login_and_progress(user_id: int, module_slug: str) -> list[tuple]:
    """(is_active, session_version, role, completed lesson slug or None) rows for the user.

    Straight through a pooled driver connection: the statement is compiled once per engine,
    and a single SELECT needs neither an ORM session nor SQLAlchemy's transaction events
    (together two thirds of this page's database cost). The connection goes back to the pool,
    which ends whatever the driver began.
    """
    engine = get_engine(current_app)
    compiled = _COMPILED.get(engine)
    if compiled is None:
        compiled = _COMPILED[engine] = _LOGIN_AND_PROGRESS.compile(dialect=engine.dialect)
    values = {"user_id": user_id, "slug": module_slug}
    parameters = [values[name] for name in compiled.positiontup] if compiled.positional else values
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(compiled.string, parameters)
        rows = cursor.fetchall()
        cursor.close()
    finally:
        connection.close()
    return rows


def page_cache() -> LRUCache:
    return current_app.extensions.setdefault("learning.lesson_pages", LRUCache(MAX_PAGES))


def page_key(module: Module, lesson: Lesson, is_admin: bool, completed: frozenset[str]) -> tuple:
    """Everything a lesson page depends on besides the CSRF token."""
    done = sum(slug in completed for slug in module.lesson_slugs)
    catalogue = current_app.extensions["learning.catalogue"]
    return (
        id(catalogue),
        locale_name(),
        module.slug,
        lesson.slug,
        is_admin,
        done,
        lesson.slug in completed,
    )


def cached_page(module: Module, lesson: Lesson) -> str | None:
    """The page for the current request from the cache, or None: take the full view."""
    if session.get("_flashes"):
        return None  # one-off messages are part of the page
    identity = session_identity()
    if identity is None:
        return None
    user_id, cookie_version = identity
    rows = _login_and_progress(user_id, module.slug)
    if not rows or not still_valid(bool(rows[0][0]), rows[0][1], cookie_version):
        return None  # the full view logs the stale session out
    completed = frozenset(row[3] for row in rows if row[3] is not None)
    page = page_cache().get(page_key(module, lesson, rows[0][2] == Role.ADMIN, completed))
    if page is None:
        return None
    return fill_in_token(page)


def keep_page(
    module: Module, lesson: Lesson, is_admin: bool, completed: frozenset[str], html: str
) -> None:
    """Store a page the full view rendered without one-off messages."""
    page_cache().put(page_key(module, lesson, is_admin, completed), stand_in_token(html))
