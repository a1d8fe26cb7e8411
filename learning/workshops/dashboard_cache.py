"""The trainer dashboard, kept for a few seconds.

Building and rendering a 500-person roster costs about 100 ms of CPU, and the same page is
asked for again and again: trainers reload it, it can reload itself, and co-facilitators watch
the same workshop. So the rendered page is kept per (workshop, filters, reload setting, admin
menu, locale) for ``DASHBOARD_CACHE_SECONDS`` (the page says "as of"), with the CSRF token
replaced by each requester's own. A trainer's own change to the workshop (any POST to a
workshop URL), a participant joining and a check-in drop that workshop's pages in this process
at once, and closing an account drops those of every workshop the person was a member of;
progress made by participants shows up within those seconds. Authorization is
checked on every request before the cache is consulted; pages showing one-off messages are
neither served from nor kept in the cache. While an expired page is rebuilt by one thread,
the others serve the expired copy (for the few hundred milliseconds of the rebuild) instead of
queueing behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock

from flask import Flask, current_app, request, session

from learning.caching import LRUCache, fill_in_token, stand_in_token
from learning.locales import locale_name

MAX_PAGES = 256
_BUILDING = tuple(Lock() for _ in range(32))  # striped by key


def _cache() -> LRUCache | None:
    seconds = current_app.config["DASHBOARD_CACHE_SECONDS"]
    if seconds <= 0:
        return None
    return current_app.extensions.setdefault(
        "learning.dashboard_pages", LRUCache(MAX_PAGES, ttl=seconds)
    )


def page(workshop_id: int, variant: tuple, render: Callable[[], str]) -> str:
    """The dashboard of ``workshop_id`` in ``variant``, from the cache when fresh."""
    cache = _cache()
    if cache is None or session.get("_flashes"):
        return render()
    catalogue = current_app.extensions["learning.catalogue"]
    key = (workshop_id, variant, locale_name(), id(catalogue))
    kept, fresh = cache.lookup(key)
    if kept is not None and fresh:
        return fill_in_token(kept)
    building = _BUILDING[hash(key) % len(_BUILDING)]
    # One thread builds the page. When an older copy exists, the others serve it meanwhile;
    # when none does (first visit, or dropped after a change), they wait for the new one.
    if not building.acquire(blocking=kept is None):
        return fill_in_token(kept)
    try:
        kept, fresh = cache.lookup(key)
        if kept is None or not fresh:
            kept = stand_in_token(render())
            cache.put(key, kept)
    finally:
        building.release()
    return fill_in_token(kept)


def forget(*workshop_ids: int) -> None:
    """Drop the kept pages of these workshops in this process."""
    cache = current_app.extensions.get("learning.dashboard_pages")
    if cache is not None and workshop_ids:
        cache.discard(lambda key: key[0] in workshop_ids)


def init_app(app: Flask) -> None:
    @app.after_request
    def forget_after_changes(response):
        workshop_id = (request.view_args or {}).get("workshop_id")
        if request.method == "POST" and workshop_id is not None:
            forget(workshop_id)
        return response
