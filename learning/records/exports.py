"""Exports of completion records: RFC 4180 CSV (UTF-8 with BOM) streamed row by row, and XLSX.

In the CSV, every text cell that a spreadsheet could read as a formula (starting with = + - @,
a tab, a carriage return or NUL) is prefixed with an apostrophe (RELIABILITY G1, OWASP CSV
injection). XLSX cells are written as inline strings, which a spreadsheet never evaluates, so
they hold the value exactly as typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from learning.records.xlsx import workbook_bytes

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")


def _plain(value: Any) -> Any:
    """The value as a spreadsheet shows it: datetimes as text, everything else unchanged."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value


def neutralise(value: Any) -> Any:
    """The value as safe for a CSV cell (text only; numbers and dates pass)."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_stream(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    """CSV text in chunks: a byte-order mark (so spreadsheets detect UTF-8), then the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([neutralise(value) for value in row])
        yield buffer.getvalue()


def xlsx_bytes(title: str, header: list[str], rows: Iterable[list[Any]]) -> bytes:
    """An XLSX workbook with one sheet; text cells are inline strings, kept as typed."""
    return workbook_bytes(title, header, ([_plain(value) for value in row] for row in rows))
