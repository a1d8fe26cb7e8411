"""The page number a list page was asked for."""

from __future__ import annotations

from flask import request

# Page numbers beyond this list nothing anyway; larger ones overflow the database's integers.
MAX_PAGE = 100_000


def requested_page() -> int:
    """``?page=`` as a number from 1 to MAX_PAGE (anything else reads as 1 or the maximum)."""
    return min(max(1, request.args.get("page", 1, type=int) or 1), MAX_PAGE)
