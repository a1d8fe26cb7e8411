"""The privacy handlers of every domain, listed by hand in the order they erase.

A handler is one domain's module ``learning/<domain>/privacy.py``: ``TABLES`` (the tables
whose rows about a person it exports and erases), ``export_user`` and ``erase_user``. They are
registered here explicitly rather than discovered, so what runs is visible in one place;
tests/privacy/test_registry.py fails when a table pointing to ``users`` is left unhandled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from learning.accounts import privacy as accounts
from learning.accounts.models import User
from learning.content.catalogue import Catalogue
from learning.progress import privacy as progress
from learning.quizzes import privacy as quizzes
from learning.records import privacy as records
from learning.workshops import privacy as workshops


@dataclass(frozen=True)
class ExportContext:
    """What some handlers need besides the database to describe a person's rows."""

    catalogue: Catalogue  # titles of the modules and quizzes that rows name by slug
    verify_url: Callable[[str], str]  # the address that verifies a certificate, by its code


@dataclass(frozen=True)
class Handler:
    """One domain's handler, with ``export_user`` adapted to one signature for all."""

    domain: str
    tables: frozenset[str]
    export_user: Callable[[Session, User, ExportContext], dict[str, Any]]
    erase_user: Callable[[Session, User], None]


# Erasing runs in this order: every handler comes before the handlers of the tables its own
# tables point to (attempt grants and completion records point to workshops, every table to
# users), so accounts, which keeps the anonymised users row, comes last.
HANDLERS: tuple[Handler, ...] = (
    Handler(
        "quizzes",
        quizzes.TABLES,
        lambda session, user, context: quizzes.export_user(session, user, context.catalogue),
        quizzes.erase_user,
    ),
    Handler(
        "progress",
        progress.TABLES,
        lambda session, user, context: progress.export_user(session, user, context.catalogue),
        progress.erase_user,
    ),
    Handler(
        "records",
        records.TABLES,
        lambda session, user, context: records.export_user(session, user, context.verify_url),
        records.erase_user,
    ),
    Handler(
        "workshops",
        workshops.TABLES,
        lambda session, user, _context: workshops.export_user(session, user),
        workshops.erase_user,
    ),
    Handler(
        "accounts",
        accounts.TABLES,
        lambda session, user, _context: accounts.export_user(session, user),
        accounts.erase_user,
    ),
)
