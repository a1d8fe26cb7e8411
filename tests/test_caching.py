"""The per-process LRU cache with an optional time to live."""

from __future__ import annotations

from learning.caching import LRUCache


def test_least_recently_used_entry_goes_first():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the oldest
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2


def test_entries_expire_after_their_time_to_live():
    now = [100.0]
    cache = LRUCache(10, ttl=5, clock=lambda: now[0])
    cache.put("a", 1)
    now[0] = 104.9
    assert cache.get("a") == 1
    now[0] = 105.0
    assert cache.get("a") is None
    assert cache.lookup("a") == (1, False)  # still there for whoever serves it while rebuilding
    cache.put("a", 2)
    assert cache.lookup("a") == (2, True)


def test_discard_drops_matching_keys():
    cache = LRUCache(10)
    for key in [(1, "x"), (1, "y"), (2, "x")]:
        cache.put(key, key)
    cache.discard(lambda key: key[0] == 1)
    assert cache.get((2, "x")) == (2, "x") and len(cache) == 1
