"""Refused actions: a business rule's "no" becomes a message, and the action leaves nothing.

Services raise DomainError, with a message safe to show, when a rule refuses what was asked,
sometimes after they began changing things. A view runs the action in ``refusable()``:

    with refusable(flash_as="error"):
        summary = closing.close(get_session(), workshop)
        flash(_("The workshop is closed..."), "success")
    return redirect(...)

The block runs in a savepoint. On a refusal its work is rolled back to that savepoint, the
message is flashed (``flash_as``) or left on the yielded ``Refusal`` for the view to show
beside a form field, and the view carries on after the block. Whatever else the request did
is then committed or not by the transaction boundary (``learning.transactions``), as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import flash

from learning.db import get_session
from learning.errors import DomainError


@dataclass
class Refusal:
    """Why the action was refused; false while it was not."""

    error: Exception | None = None

    def __bool__(self) -> bool:
        return self.error is not None

    @property
    def message(self) -> str:
        return "" if self.error is None else str(self.error)


@contextmanager
def refusable(*kinds: type[Exception], flash_as: str | None = None) -> Iterator[Refusal]:
    """Run the block as one action that a rule may refuse by raising one of ``kinds``
    (DomainError by default): refused, it changes nothing and the view goes on after it."""
    refusal, caught = Refusal(), kinds or (DomainError,)
    try:
        # Leaving the savepoint releases it; an exception, refusal or not, rolls it back.
        with get_session().begin_nested():
            yield refusal
    except caught as error:
        refusal.error = error
        if flash_as is not None:
            flash(refusal.message, flash_as)
