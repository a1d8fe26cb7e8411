"""Loads ``modules/`` into a Catalogue, reporting every problem with its file and line.

``load_catalogue`` is the one validation function: ``flask content check`` prints its problems,
the app factory logs them and serves only the modules that loaded cleanly (a broken file never
becomes a 500, and a half-loaded module is never served), and a test runs it over the real
content. A module with any problem is left out whole, so a learner can never complete a module
with a lesson missing.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from learning.content import reference, schema
from learning.content.assessments.loader import load_quizzes
from learning.content.catalogue import Catalogue
from learning.content.course import WORDS_PER_MINUTE, Lesson, Module, reading_minutes
from learning.content.problems import ProblemList
from learning.content.sources import SourceDocument
from learning.content.yaml_reader import Document, read_document, read_yaml_file

SOURCES_FILE = "sources.yml"
PATHS_FILE = "paths.yml"
GLOSSARY_FILE = "glossary.yml"
RESOURCES_FILE = "resources.yml"
DATA_FILES = (SOURCES_FILE, PATHS_FILE, GLOSSARY_FILE, RESOURCES_FILE, "README.md")
MODULE_FILE = "module.md"
SOURCE_DOCUMENT_KEYS = ("file", "title", "publisher", "date", "cite_by", "summary")
INSTRUMENT_SOURCE_KEYS = (
    "id",
    "kind",
    "title",
    "publisher",
    "symbol",
    "date",
    "cite_by",
    "summary",
)
INSTRUMENT_SOURCE_KINDS = ("legal_instrument", "policy", "report")
_FENCE = re.compile(r"^\s*(```|~~~)")
_QUOTES = re.compile(r"^[ \t]*(?:>[ \t]*)+")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]")
MAX_NESTING = 20


def load_catalogue(content_dir: Path, quizzes_dir: Path | None = None) -> Catalogue:
    """Read and validate every module below ``content_dir`` and every quiz in ``quizzes_dir``.

    A module whose quiz file is broken is left out too: it could not be completed properly.
    """
    content_dir = content_dir.resolve()
    problems = ProblemList(content_dir)
    if not content_dir.is_dir():
        problems.add(content_dir, 1, "missing-dir", "content folder does not exist")
        return Catalogue((), {}, tuple(problems))
    root = content_dir.resolve()
    sources = _load_sources(content_dir / SOURCES_FILE, problems)
    modules: list[Module] = []
    seen: dict[str, str] = {}
    for entry in sorted(content_dir.iterdir()):
        if entry.name.startswith((".", "_")) or entry.name in DATA_FILES:
            continue
        if not entry.is_dir():
            problems.add(entry, 1, "unexpected-file", "only module folders belong here")
            continue
        count_before = len(problems)
        module = _load_module(entry, root, sources, problems)
        if module is None or len(problems) > count_before:
            continue
        if module.slug in seen:
            problems.add(
                entry / MODULE_FILE,
                1,
                "duplicate-slug",
                f"module slug '{module.slug}' is already used by {seen[module.slug]}",
            )
            continue
        seen[module.slug] = entry.name
        modules.append(module)
    quizzes: dict = {}
    if quizzes_dir is not None:
        quiz_problems = ProblemList(quizzes_dir.resolve())
        by_slug = {module.slug: module for module in modules}
        quizzes, broken = load_quizzes(
            quizzes_dir.resolve(), by_slug, sources, quiz_problems, content_dir.parent
        )
        problems.extend(quiz_problems)
        modules = [module for module in modules if module.slug not in broken]
    served = {module.slug for module in modules}
    paths = reference.load_paths(content_dir / PATHS_FILE, served, problems)
    glossary = reference.load_glossary(content_dir / GLOSSARY_FILE, sources, problems)
    instruments, practices = reference.load_resources(
        content_dir / RESOURCES_FILE, sources, problems
    )
    return Catalogue(
        tuple(modules),
        sources,
        tuple(sorted(problems)),
        quizzes,
        paths,
        glossary,
        instruments,
        practices,
    )


def _version(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()[:16]


def _inside(path: Path, root: Path, problems: ProblemList) -> bool:
    """Refuse files (or symlinks) that resolve outside the content root."""
    if path.resolve().is_relative_to(root):
        return True
    problems.add(path, 1, "outside-root", "file resolves outside the content folder")
    return False


def _load_sources(path: Path, problems: ProblemList) -> dict[str, SourceDocument]:
    if not path.is_file():
        problems.add(path, 1, "missing-file", "the source registry sources.yml is missing")
        return {}
    doc = read_yaml_file(path, problems)
    if doc is None:
        return {}
    if set(doc.data) != {"documents"} or not isinstance(doc.data["documents"], list):
        problems.add(path, 1, "yaml-shape", "sources.yml must hold one key, 'documents', a list")
        return {}
    documents: dict[str, SourceDocument] = {}
    for index, item in enumerate(doc.data["documents"]):
        line = doc.line_of("documents", index)
        values = _source_values(item)
        if values is None:
            problems.add(
                path,
                line,
                "bad-source",
                f"document {index + 1} needs exactly these text keys: "
                + ", ".join(SOURCE_DOCUMENT_KEYS)
                + " (a seed document), or "
                + ", ".join(INSTRUMENT_SOURCE_KEYS)
                + " with kind one of "
                + ", ".join(INSTRUMENT_SOURCE_KINDS),
            )
            continue
        if values["file"] in documents:
            problems.add(path, line, "duplicate-source", f"'{values['file']}' is listed twice")
            continue
        documents[values["file"]] = SourceDocument(**values)
    return documents


def _source_values(item: object) -> dict[str, str] | None:
    """The SourceDocument fields of one registry entry, or None when its keys are wrong.

    A seed document is cited by its file name; an instrument, policy or report by its ``id``
    (it is kept under ``file`` too, the key every citation is looked up by)."""
    if not isinstance(item, dict) or not all(
        isinstance(value, str) and value.strip() for value in item.values()
    ):
        return None
    if set(item) == set(SOURCE_DOCUMENT_KEYS):
        return {key: item[key].strip() for key in SOURCE_DOCUMENT_KEYS}
    if set(item) == set(INSTRUMENT_SOURCE_KEYS) and item["kind"] in INSTRUMENT_SOURCE_KINDS:
        values = {key: item[key].strip() for key in INSTRUMENT_SOURCE_KEYS}
        values["file"] = values.pop("id")
        return values
    return None


def _load_module(
    folder: Path, root: Path, known: dict[str, SourceDocument], problems: ProblemList
) -> Module | None:
    module_path = folder / MODULE_FILE
    if not module_path.is_file():
        problems.add(module_path, 1, "missing-file", "module folder has no module.md")
        return None
    if not _inside(module_path, root, problems):
        return None
    doc = read_document(module_path, problems)
    values = schema.check(doc, schema.MODULE_FIELDS, problems) if doc else {}
    lessons = _load_lessons(folder, root, known, problems)
    if doc is None:
        return None
    refs = schema.source_refs(doc.path, values.pop("sources", ()), known, problems)
    # Every required key must have passed (an optional one, such as content_notes, cannot stand
    # in for a broken one: the module could not be built).
    if any(
        rule.required and key != "sources" and key not in values
        for key, rule in schema.MODULE_FIELDS.items()
    ):
        return None
    if not lessons:
        if not any(path.suffix == ".md" and path.name != MODULE_FILE for path in folder.iterdir()):
            problems.add(module_path, 1, "no-lessons", "module has no lesson files")
        return None
    values.setdefault("content_notes", None)
    return Module(
        **values,
        sources=refs,
        overview=doc.body.strip(),
        lessons=tuple(lessons),
        version=_version(doc.raw, *(lesson.version.encode() for lesson in lessons)),
        path=str(module_path.relative_to(root.parent)),
    )


def _load_lessons(
    folder: Path, root: Path, known: dict[str, SourceDocument], problems: ProblemList
) -> list[Lesson]:
    lessons: list[Lesson] = []
    slugs: dict[str, str] = {}
    orders: dict[int, str] = {}
    for path in sorted(folder.iterdir()):
        if path.name == MODULE_FILE or path.name.startswith("."):
            continue
        if path.suffix != ".md" or not path.is_file():
            problems.add(path, 1, "unexpected-file", "only .md lesson files belong in a module")
            continue
        if not _inside(path, root, problems):
            continue
        lesson = _load_lesson(path, root, known, problems)
        if lesson is None:
            continue
        if lesson.slug in slugs:
            problems.add(
                path,
                1,
                "duplicate-slug",
                f"lesson slug '{lesson.slug}' is already used by {slugs[lesson.slug]}",
            )
        elif lesson.order in orders:
            problems.add(
                path,
                1,
                "duplicate-order",
                f"lesson order {lesson.order} is already used by {orders[lesson.order]}",
            )
        else:
            slugs[lesson.slug], orders[lesson.order] = path.name, path.name
            lessons.append(lesson)
    return sorted(lessons, key=lambda lesson: lesson.order)


def _load_lesson(
    path: Path, root: Path, known: dict[str, SourceDocument], problems: ProblemList
) -> Lesson | None:
    doc = read_document(path, problems)
    if doc is None:
        return None
    count_before = len(problems)
    values = schema.check(doc, schema.LESSON_FIELDS, problems)
    _check_body(doc, problems)
    _check_lesson_time(doc, values, problems)
    refs = schema.source_refs(doc.path, values.pop("sources", ()), known, problems)
    if len(problems) > count_before:
        return None
    return Lesson(
        **values,
        sources=refs,
        body=doc.body.strip(),
        version=_version(doc.raw),
        path=str(path.relative_to(root.parent)),
    )


def _check_body(doc: Document, problems: ProblemList) -> None:
    """A lesson needs text, and no level-1 heading: the page's only h1 is the lesson title."""
    if not doc.body.strip():
        problems.add(
            doc.path, doc.body_line, "empty-body", "lesson has no text after the front matter"
        )
        return
    in_fence = False
    for offset, line in enumerate(doc.body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and re.match(r"^#(?!#)\s", line):
            problems.add(
                doc.path,
                doc.body_line + offset,
                "heading-level",
                "level-1 heading in the body; start headings at '##'",
            )
        elif not in_fence and _nesting(line) > MAX_NESTING:
            # Python-Markdown recurses once per level: ~300 nested lists exhaust the stack.
            problems.add(
                doc.path,
                doc.body_line + offset,
                "nesting-too-deep",
                f"lists or quotes nested more than {MAX_NESTING} levels deep",
            )
            return


def _check_lesson_time(doc: Document, values: dict, problems: ProblemList) -> None:
    """A lesson's stated minutes match its length at about 200 words a minute."""
    if "estimated_minutes" not in values:
        return
    reading = reading_minutes(doc.body)
    if abs(values["estimated_minutes"] - reading) > max(2, 0.25 * reading):
        problems.add(
            doc.path,
            doc.line_of("estimated_minutes"),
            "time-estimate",
            f"estimated_minutes {values['estimated_minutes']} should be about "
            f"{max(1, round(reading))} ({len(doc.body.split())} words at "
            f"{WORDS_PER_MINUTE} a minute)",
        )


def _nesting(line: str) -> int:
    """How deep a list item or quote line is nested (0 for other lines)."""
    quotes = _QUOTES.match(line)
    if quotes:
        return quotes.group(0).count(">")
    item = _LIST_ITEM.match(line)
    return len(item.group(1).expandtabs(4)) // 4 + 1 if item else 0
