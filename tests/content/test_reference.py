"""Learning paths, glossary and resources: loading, validation and their pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from learning.content.loader import load_catalogue
from tests.conftest import FIXTURES, make_app
from tests.quizzes.helpers import play_all, read_lessons, start, submit


def _with(tmp_path: Path, name: str, text: str):
    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    (tmp_path / "content" / name).write_text(text)
    return load_catalogue(tmp_path / "content", FIXTURES / "quizzes")


def test_fixture_reference_data_loads():
    catalogue = load_catalogue(FIXTURES / "content", FIXTURES / "quizzes")
    assert [p.slug for p in catalogue.paths] == ["sample-path"]
    assert [t.slug for t in catalogue.glossary] == ["body-text", "key-point"]
    assert catalogue.instruments[0].kind == "treaty"
    assert catalogue.practices[0].region == "Americas"


@pytest.mark.parametrize(
    ("name", "text", "code", "line"),
    [
        (
            "paths.yml",
            "paths:\n  - slug: p\n    title: P\n    audience: A\n    summary: S\n"
            "    modules: [sample-module, ghost]\n",
            "dangling-module",
            6,
        ),
        (
            "paths.yml",
            "paths:\n  - slug: p\n    title: P\n    audience: A\n    summary: S\n    modules: []\n",
            "wrong-type",
            6,
        ),
        (
            "glossary.yml",
            "terms:\n  - slug: a\n    term: Alpha\n    definition: D.\n    sources:\n"
            "      - {document: 002_e2a2ceed1908732c.txt, location: p}\n"
            "  - slug: b\n    term: Beta\n"
            "    aliases: [alpha]\n    definition: D.\n    sources:\n"
            "      - {document: 002_e2a2ceed1908732c.txt, location: p}\n",
            "duplicate-id",
            8,
        ),
        (
            "glossary.yml",
            "terms:\n  - slug: a\n    term: Alpha\n    definition: D.\n    sources:\n"
            "      - {document: 999.txt, location: p}\n",
            "unknown-source",
            6,
        ),
        (
            "resources.yml",
            "instruments:\n  - title: T\n    kind: poem\n    summary: S\n    sources:\n"
            "      - {document: 002_e2a2ceed1908732c.txt, location: p}\npractices: []\n",
            "bad-value",
            3,
        ),
        (
            "resources.yml",
            "instruments: []\npractices:\n  - region: Atlantis\n    title: T\n"
            "    summary: S\n    sources:\n"
            "      - {document: 002_e2a2ceed1908732c.txt, location: p}\n",
            "bad-value",
            3,
        ),
    ],
)
def test_reference_rules(tmp_path, name, text, code, line):
    catalogue = _with(tmp_path, name, text)
    assert [(p.path, p.line, p.code) for p in catalogue.problems] == [
        (f"content/{name}", line, code)
    ]


def test_lessons_link_the_first_mention_of_glossary_terms(client, learner):
    page = client.get("/modules/sample-module/lesson-1").get_data(as_text=True)
    assert page.count('href="/glossary#body-text"') == 1


def test_glossary_page_and_search(client):
    page = client.get("/glossary").get_data(as_text=True)
    assert 'id="body-text"' in page and 'id="key-point"' in page
    page = client.get("/glossary?q=LESSON+BODY").get_data(as_text=True)
    assert 'id="body-text"' in page and 'id="key-point"' not in page
    assert "1 term matches" in page
    assert "<script>" not in client.get("/glossary?q=<script>").get_data(as_text=True)


def test_resources_page(client):
    page = client.get("/resources").get_data(as_text=True)
    assert "A sample protocol" in page and "Costa Rica" in page and "Americas" in page


def test_paths_on_the_catalogue_with_progress(client, learner):
    page = client.get("/").get_data(as_text=True)
    assert "Learning paths" in page and "/paths/sample-path" in page
    assert "0 of 1 module completed" in page
    read_lessons(client)
    start(client)
    play_all(client)
    submit(client)
    assert "1 of 1 module completed" in client.get("/paths/sample-path").get_data(as_text=True)


def test_path_page_for_visitors_and_unknown_path(client):
    page = client.get("/paths/sample-path").get_data(as_text=True)
    assert "Sample module" in page and "modules completed" not in page
    assert client.get("/paths/nope").status_code == 404


def _content_with_source(tmp_path: Path, entry: str) -> Path:
    """A copy of the fixture content whose sources.yml lists one more entry."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    registry = content / "sources.yml"
    registry.write_text(registry.read_text() + entry)
    return content


def test_the_sources_page_groups_instruments_apart_from_the_seed_documents(tmp_path):
    content = _content_with_source(
        tmp_path,
        (
            "  - id: trafficking-protocol\n"
            "    kind: legal_instrument\n"
            "    title: Trafficking Protocol\n"
            "    publisher: United Nations General Assembly\n"
            '    symbol: "A/RES/55/25, annex II"\n'
            "    date: 15 November 2000\n"
            "    cite_by: article\n"
            "    summary: Defines trafficking in persons.\n"
        ),
    )
    app = make_app(tmp_path, CONTENT_DIR=str(content))
    app.extensions["learning.setup_done"] = True
    page = app.test_client().get("/sources").get_data(as_text=True)
    seeds, instruments = page.index("Source documents</h2>"), page.index("Legal instruments</h2>")
    assert seeds < page.index("Review of efforts against trafficking") < instruments
    assert instruments < page.index("A/RES/55/25, annex II")


def test_an_instrument_needs_its_kind_symbol_and_date(tmp_path):
    content = _content_with_source(
        tmp_path,
        (
            "  - id: some-treaty\n"
            "    kind: treaty\n"
            "    title: A treaty\n"
            "    publisher: Someone\n"
            "    date: 2000\n"
            "    cite_by: article\n"
            "    summary: No symbol, a kind that is not one, a date read as a number.\n"
        ),
    )
    problems = load_catalogue(content).problems
    assert [(p.path, p.code) for p in problems] == [("content/sources.yml", "bad-source")]
