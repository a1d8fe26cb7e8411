"""The trainer dashboard's participant table, kept for a few seconds.

Building and rendering a 500-person roster costs about 100 ms of CPU, and the same table is
asked for again and again: the dashboard reloads itself, and co-facilitators watch the same
workshop. So the rendered table is kept per (workshop, filters, locale) for
``ROSTER_CACHE_SECONDS`` (shown on the page as "as of"). A trainer's own change to the workshop
(any POST to a workshop URL) drops that workshop's tables in this process at once; progress
made by participants shows up within those seconds. Authorization is checked on every request
before the cache is consulted.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, request
from flask_babel import get_locale
from markupsafe import Markup

from learning.caching import LRUCache

MAX_TABLES = 256


def _cache() -> LRUCache | None:
    seconds = current_app.config["ROSTER_CACHE_SECONDS"]
    if seconds <= 0:
        return None
    return current_app.extensions.setdefault("learning.roster_tables",
                                             LRUCache(MAX_TABLES, ttl=seconds))


def table(workshop_id: int, filters: tuple, render: Callable[[], str]) -> Markup:
    """The rendered table for ``workshop_id`` and ``filters``, from the cache when fresh."""
    cache = _cache()
    catalogue = current_app.extensions["learning.catalogue"]
    key = (workshop_id, filters, str(get_locale()), id(catalogue))
    html = cache.get(key) if cache is not None else None
    if html is None:
        html = Markup(render())  # noqa: S704 - rendered by our autoescaping template
        if cache is not None:
            cache.put(key, html)
    return html


def forget(workshop_id: int) -> None:
    cache = current_app.extensions.get("learning.roster_tables")
    if cache is not None:
        cache.discard(lambda key: key[0] == workshop_id)


def init_app(app: Flask) -> None:
    @app.after_request
    def forget_after_changes(response):
        workshop_id = (request.view_args or {}).get("workshop_id")
        if request.method == "POST" and workshop_id is not None:
            forget(workshop_id)
        return response
