"""Stored XSS (RELIABILITY F1, F2, F3, F5, E5): every payload of RELIABILITY §F, put in the
learner's name, their organisation, the workshop's title and place, the learner's case-study
answer and the trainer's feedback, is shown as text on every page that shows these, in the
PDFs and in the exports.

Already covered: tests/admin/test_users.py::test_names_are_shown_literally,
tests/workshops/test_import.py::test_formula_and_markup_in_names_are_shown_as_text (G5),
tests/content/test_rendering.py::test_dangerous_markup_is_removed (F4, author Markdown).
"""

from __future__ import annotations

import csv
import io

import pytest
from markupsafe import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from learning.db import get_engine
from tests.security.helpers import active_content
from tests.security.world import Names, build_world, client_for

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<iframe src=//evil.example></iframe>",
    "</textarea><script>alert(1)</script>",
    "{{7*7}}",
]


def _pages(world) -> dict[str, list[str]]:
    """Pages that show user-controlled text, by who looks at them."""
    w, code = f"/workshops/{world.workshop_id}", world.record_code
    return {
        "learner": [
            "/profile",
            "/workshops",
            f"/my-workshops/{world.workshop_id}",
            f"/join/{world.join_code}",
            "/my-records",
            f"/records/{code}/certificate",
            "/modules/sample-module/quiz/attempts/1/result",
        ],
        "trainer": [
            "/workshops",
            w,
            f"{w}?view=attention",
            f"{w}/edit",
            f"{w}/projector",
            f"{w}/attendance",
            f"{w}/case-studies/sample-quiz/the-case",
            f"{w}/debrief/sample-quiz",
        ],
        "admin": [
            "/admin/users",
            f"/admin/users/{world.learner_id}",
            "/admin/records",
            f"/admin/records?workshop={world.workshop_id}",
            f"/verify/{code}",
        ],
        "anonymous": [f"/verify/{code}"],
    }


def _as_text(payload: str, text: str) -> bool:
    """The payload is in ``text`` (PDF text: line breaks and spacing may differ)."""
    return "".join(payload.split()) in "".join(text.split())


@pytest.fixture(scope="module", params=PAYLOADS, ids=range(len(PAYLOADS)))
def payload_world(request, tmp_path_factory):
    payload = request.param
    names = Names(
        person=payload,
        organisation=payload,
        workshop=payload,
        case_answer=payload,
        feedback=payload,
    )
    world = build_world(tmp_path_factory.mktemp("xss"), names)
    clients = {role: client_for(world.app, role) for role in ("learner", "trainer", "admin")}
    clients["anonymous"] = world.app.test_client()
    yield payload, world, clients
    get_engine(world.app).dispose()  # the per-test clean-up only covers function scope


def test_pages_show_the_payload_as_text(payload_world):
    payload, world, clients = payload_world
    escaped = str(escape(payload))
    for role, urls in _pages(world).items():
        for url in urls:
            response = clients[role].get(url)
            assert response.status_code == 200, (role, url)
            page = response.get_data(as_text=True)
            assert escaped in page, f"{url} does not show the user's text"
            if escaped != payload:
                assert payload not in page, f"{url} shows the payload unescaped"
            assert active_content(page) == [], (url, active_content(page))
            assert "<script" not in page.replace("&lt;script", "")
    search = clients["admin"].get("/admin/users", query_string={"q": payload})
    assert escaped in search.get_data(as_text=True) and not active_content(search.text)


def test_feedback_and_answers_are_text_where_they_are_edited(payload_world):
    """The trainer's textarea holds the feedback; a </textarea> in it must not close it."""
    payload, world, clients = payload_world
    page = (
        clients["trainer"]
        .get(f"/workshops/{world.workshop_id}/case-studies/sample-quiz/the-case")
        .text
    )
    assert page.count("<textarea") == page.count("</textarea>")
    assert f">{escape(payload)}</textarea>" in page
    result = clients["learner"].get("/modules/sample-module/quiz/attempts/1/result").text
    assert result.count(f'<p class="learner-text">{escape(payload)}</p>') == 3  # 2 answers


def test_pdfs_print_the_payload_as_text(payload_world):
    payload, world, clients = payload_world
    own = clients["learner"].get(f"/records/{world.record_code}/certificate.pdf")
    every = clients["trainer"].get(f"/workshops/{world.workshop_id}/certificates.pdf")
    for response in (own, every):
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        text = PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
        assert _as_text(payload, text), text  # the name
        assert text.count(payload.split()[0]) >= 2, text  # and the workshop line


def test_exports_hold_the_payload_as_plain_cells(payload_world):
    payload, world, clients = payload_world
    w = f"/workshops/{world.workshop_id}"
    roster = list(
        csv.reader(io.StringIO(clients["trainer"].get(f"{w}/roster.csv").text.lstrip("\ufeff")))
    )
    assert roster[1][0] == payload and roster[1][2] == payload
    sheet = load_workbook(io.BytesIO(clients["trainer"].get(f"{w}/roster.xlsx").data)).active
    assert sheet.cell(row=2, column=1).value == payload
    records = list(
        csv.DictReader(
            io.StringIO(clients["admin"].get("/admin/records/export.csv").text.lstrip("\ufeff"))
        )
    )
    row = next(r for r in records if r["verification_code"].replace("-", "") == world.record_code)
    assert row["name_as_printed"] == payload and row["organisation"] == payload
    assert row["workshop"].startswith(payload)
    sheet = load_workbook(
        io.BytesIO(clients["admin"].get("/admin/records/export.xlsx").data)
    ).active
    assert payload in [cell.value for line in sheet.iter_rows() for cell in line]
