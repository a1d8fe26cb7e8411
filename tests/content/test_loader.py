"""The one validation function, over good, broken and real content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from learning.config import PROJECT_ROOT
from learning.content.loader import load_catalogue
from tests.conftest import FIXTURES

BAD = FIXTURES / "content_bad"


def test_good_fixture_loads_in_lesson_order():
    catalogue = load_catalogue(FIXTURES / "content")
    assert catalogue.problems == ()
    module = catalogue.module("sample-module")
    assert [lesson.slug for lesson in module.lessons] == ["lesson-1", "lesson-2", "lesson-3"]
    assert module.content_notes == "Mentions exploitation in general terms."
    assert module.lesson("lesson-2").sources[0].location == "para 92"


def test_versions_change_with_the_file(tmp_path: Path):
    import shutil

    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    before = load_catalogue(tmp_path / "content").module("sample-module")
    lesson_file = tmp_path / "content" / "01-sample" / "02-lesson-2.md"
    lesson_file.write_text(lesson_file.read_text() + "\nOne more sentence.\n")
    after = load_catalogue(tmp_path / "content").module("sample-module")
    assert before.lesson("lesson-1").version == after.lesson("lesson-1").version
    assert before.lesson("lesson-2").version != after.lesson("lesson-2").version
    assert before.version != after.version


# One broken fixture per rule: (file below content_bad, line, code).
RULES = [
    ("no-front-matter/01-only-lesson.md", 1, "front-matter"),
    ("unclosed-front-matter/01-only-lesson.md", 1, "front-matter"),
    ("yaml-syntax/01-only-lesson.md", 4, "yaml-syntax"),
    ("yaml-anchor/01-only-lesson.md", 6, "yaml-anchor"),
    ("python-tag/01-only-lesson.md", 3, "yaml-syntax"),
    ("unknown-key/01-only-lesson.md", 5, "unknown-key"),
    ("missing-key/01-only-lesson.md", 1, "missing-key"),
    ("boolean-title/01-only-lesson.md", 3, "wrong-type"),
    ("out-of-range/01-only-lesson.md", 5, "out-of-range"),
    ("wrong-type-int/01-only-lesson.md", 5, "wrong-type"),
    ("bad-slug/01-only-lesson.md", 2, "bad-slug"),
    ("unknown-source/01-only-lesson.md", 9, "unknown-source"),
    ("bad-source/01-only-lesson.md", 9, "bad-source"),
    ("empty-body/01-only-lesson.md", 12, "empty-body"),
    ("heading-level/01-only-lesson.md", 12, "heading-level"),
    ("list-item-type/module.md", 10, "wrong-type"),
    ("missing-module-key/module.md", 1, "missing-key"),
    ("duplicate-lesson-slug/02-again.md", 1, "duplicate-slug"),
    ("duplicate-order/02-other.md", 1, "duplicate-order"),
    ("no-lessons/module.md", 1, "no-lessons"),
    ("no-module-file/module.md", 1, "missing-file"),
    ("unexpected-file/notes.txt", 1, "unexpected-file"),
    ("invalid-utf8/01-only-lesson.md", 14, "encoding"),
    ("duplicate-module-b/module.md", 1, "duplicate-slug"),
    ("lesson-time/01-only-lesson.md", 5, "time-estimate"),
    ("broken-objectives-with-notes/module.md", 8, "wrong-type"),
]


@pytest.fixture(scope="module")
def bad_catalogue():
    return load_catalogue(BAD)


@pytest.mark.parametrize(("path", "line", "code"), RULES, ids=[rule[0] for rule in RULES])
def test_each_rule_reports_file_line_and_code(bad_catalogue, path, line, code):
    found = {(p.path, p.line, p.code) for p in bad_catalogue.problems}
    assert (f"content_bad/{path}", line, code) in found


def test_every_bad_fixture_is_covered_and_kept_out(bad_catalogue):
    folders = {p.name for p in BAD.iterdir() if p.is_dir()}
    covered = {rule[0].split("/")[0] for rule in RULES} | {"duplicate-module-a"}
    assert folders == covered
    # Only the first of two modules sharing a slug is served; every broken one is left out.
    assert [module.slug for module in bad_catalogue.modules] == ["same-slug"]


def test_problem_text_is_path_line_code_message(bad_catalogue):
    text = [str(p) for p in bad_catalogue.problems]
    assert "content_bad/unknown-key/01-only-lesson.md:5: unknown-key unknown key 'duration'" in text


def test_symlink_outside_the_root_is_refused(tmp_path: Path):
    import shutil

    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    outside = tmp_path / "secret.md"
    outside.write_text(
        (FIXTURES / "content/01-sample/01-lesson-1.md")
        .read_text()
        .replace("lesson-1", "lesson-9")
        .replace("order: 1", "order: 9")
    )
    os.symlink(outside, tmp_path / "content/01-sample/09-link.md")
    catalogue = load_catalogue(tmp_path / "content")
    # The module is held back, and so is the path that names it (no path with a hole).
    assert [p.code for p in catalogue.problems] == ["outside-root", "dangling-module"]
    assert catalogue.module("sample-module") is None and catalogue.paths == ()


@pytest.mark.parametrize(
    "content", [b"", b"\xef\xbb\xbf", b"x" * (600 * 1024)], ids=["empty", "bom-only", "too-large"]
)
def test_degenerate_lesson_files_fail_cleanly(tmp_path: Path, content: bytes):
    import shutil

    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    (tmp_path / "content/01-sample/02-lesson-2.md").write_bytes(content)
    catalogue = load_catalogue(tmp_path / "content")
    assert catalogue.module("sample-module") is None
    assert [p.path for p in catalogue.problems] == [
        "content/01-sample/02-lesson-2.md",
        "content/paths.yml",
    ]


def test_crlf_and_bom_are_accepted(tmp_path: Path):
    import shutil

    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    lesson = tmp_path / "content/01-sample/02-lesson-2.md"
    lesson.write_bytes(b"\xef\xbb\xbf" + lesson.read_bytes().replace(b"\n", b"\r\n"))
    catalogue = load_catalogue(tmp_path / "content")
    assert catalogue.problems == ()


@pytest.mark.parametrize(
    "nested",
    [
        "\n".join("    " * level + "- item" for level in range(300)),
        "\n".join("\t" * level + "1. item" for level in range(300)),
        ">" * 10_000 + " quoted",
    ],
    ids=["lists", "tabbed-numbered-lists", "quotes"],
)
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, nested: str):
    import shutil

    from learning.content.rendering import render_markdown

    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    lesson = tmp_path / "content/01-sample/02-lesson-2.md"
    text = lesson.read_text()
    lesson.write_text(text + "\n" + nested + "\n")
    catalogue = load_catalogue(tmp_path / "content")
    assert ("content/01-sample/02-lesson-2.md", "nesting-too-deep") in {
        (p.path, p.code) for p in catalogue.problems
    }
    assert catalogue.module("sample-module") is None  # held back, never rendered
    if nested.startswith("    "):
        with pytest.raises(RecursionError):  # what the check protects the lesson page from
            render_markdown(nested)


def test_ordinary_nesting_is_fine(tmp_path: Path):
    import shutil

    shutil.copytree(FIXTURES / "content", tmp_path / "content")
    lesson = tmp_path / "content/01-sample/02-lesson-2.md"
    nested = "\n".join("    " * level + "- item" for level in range(6))
    lesson.write_text(lesson.read_text() + "\n" + nested + "\n\n> > a quote in a quote\n")
    assert load_catalogue(tmp_path / "content").problems == ()


def test_the_real_course_content_is_valid():
    catalogue = load_catalogue(PROJECT_ROOT / "modules")
    assert [str(problem) for problem in catalogue.problems] == []
    assert catalogue.module("smuggling-vs-trafficking") is not None


def test_real_lessons_have_key_points_sources_and_sensible_length():
    catalogue = load_catalogue(PROJECT_ROOT / "modules")
    for module in catalogue.modules:
        assert 1 <= len(module.lessons) <= 8, module.slug
        for lesson in module.lessons:
            words = len(lesson.body.split())
            assert words >= 300, f"{lesson.path} has only {words} words"
            assert 5 <= lesson.estimated_minutes <= 15, lesson.path
            assert lesson.key_points and lesson.sources, lesson.path
