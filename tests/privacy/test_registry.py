"""The privacy registry covers every table about a person, and erases in a safe order."""

from __future__ import annotations

import learning.models  # noqa: F401 - loads every model into the metadata
from learning.db import Base
from learning.privacy.registry import HANDLERS

USERS_ID = Base.metadata.tables["users"].c.id


def _handler_of() -> dict[str, int]:
    """Each declared table, with the position of the handler declaring it."""
    return {table: position for position, h in enumerate(HANDLERS) for table in h.tables}


def test_every_table_pointing_to_a_user_has_a_registered_handler():
    pointing = sorted(
        table.name
        for table in Base.metadata.sorted_tables
        if any(fk.column is USERS_ID for fk in table.foreign_keys)
    )
    assert "enrolments" in pointing  # the walk itself finds something
    missing = [name for name in pointing if name not in _handler_of()]
    assert not missing, f"no registered privacy handler declares {', '.join(missing)}"


def test_every_declared_table_exists_and_has_one_handler():
    declared = [table for handler in HANDLERS for table in handler.tables]
    assert sorted(set(declared) - set(Base.metadata.tables)) == []
    assert sorted(t for t in set(declared) if declared.count(t) > 1) == []


def test_handlers_erase_before_the_tables_they_point_to():
    # A handler's rows may point to another handler's tables: that one must erase after it.
    handler_of = _handler_of()
    too_late = [
        f"{table.name} -> {fk.column.table.name}"
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_keys
        if table.name in handler_of
        and fk.column.table.name in handler_of
        and handler_of[table.name] > handler_of[fk.column.table.name]
    ]
    assert not too_late, f"erased after the table they point to: {', '.join(too_late)}"
