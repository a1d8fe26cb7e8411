"""A small thread-safe LRU cache with an optional time to live, kept per process, and the
CSRF-token stand-in that lets one rendered page serve many sessions.

Used for rendered pages and fragments. Each server process keeps its own (the app servers stay
stateless: nothing here is needed for correctness, only for speed), bounded in entries.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

from flask_wtf.csrf import generate_csrf


class LRUCache:
    def __init__(
        self, size: int, ttl: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._size = size
        self._ttl = ttl
        self._clock = clock
        self._lock = Lock()

    def get(self, key: Hashable) -> Any | None:
        value, fresh = self.lookup(key)
        return value if fresh else None

    def lookup(self, key: Hashable) -> tuple[Any | None, bool]:
        """(value, fresh): an expired value is still returned, with fresh False, until it is
        replaced or pushed out, so a caller can serve it while one thread rebuilds it."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None, False
            expires, value = entry
            self._entries.move_to_end(key)
            return value, self._ttl is None or self._clock() < expires

    def put(self, key: Hashable, value: Any) -> None:
        expires = self._clock() + self._ttl if self._ttl is not None else 0.0
        with self._lock:
            self._entries[key] = (expires, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def discard(self, predicate: Callable[[Hashable], bool]) -> None:
        """Drop every entry whose key matches ``predicate``."""
        with self._lock:
            for key in [key for key in self._entries if predicate(key)]:
                del self._entries[key]

    def __len__(self) -> int:
        return len(self._entries)


# Cached pages carry this in place of the CSRF token; each request puts its own back in.
TOKEN_STAND_IN = "@@csrf-token@@"  # noqa: S105 - a marker, not a secret (tokens never hold @)


def stand_in_token(html: str) -> str:
    """``html`` rendered for this request, with its CSRF token replaced by the stand-in."""
    return html.replace(generate_csrf(), TOKEN_STAND_IN)


def fill_in_token(html: str) -> str:
    """A cached page with this request's CSRF token put in."""
    return html.replace(TOKEN_STAND_IN, generate_csrf())
