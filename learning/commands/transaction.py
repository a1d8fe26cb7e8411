"""One transaction per command, as per web request (``learning.transactions``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import click
from sqlalchemy.orm import Session

from learning.db import get_session, write_intent
from learning.errors import DomainError
from learning.transactions import end


@contextmanager
def command_transaction(*, writes: bool = True) -> Iterator[Session]:
    """Run the block in one transaction of the command's session and commit it, or, with
    ``writes=False``, only read and keep nothing. Anything raised rolls it back; a refusal
    (DomainError) becomes the command's error message and exit status 1."""
    session = get_session()
    try:
        # On SQLite a writing command takes the write lock from its first read (learning.db).
        with write_intent() if writes else nullcontext():
            yield session
    except DomainError as error:
        end(session, commit=False)
        raise click.ClickException(error.message) from error
    except BaseException:
        end(session, commit=False)
        raise
    end(session, commit=writes)
