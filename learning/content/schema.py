"""Declarative checks for front matter: which keys exist, their types and their ranges.

Each file kind (module, lesson, sources registry) is a table of ``Field`` rules; ``check``
reports every deviation with the line of the offending key and returns the cleaned values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from learning.content.problems import ProblemList
from learning.content.sources import SourceRef

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    """A rule for one key: kind is text, markdown, slug, int, int_list (whole numbers, each in
    minimum..maximum), number, bool, text_list, sources, list (a list of mappings, checked item
    by item by the caller) or any (presence only)."""

    kind: str
    required: bool = True
    minimum: int = 1
    maximum: int = 10_000


MODULE_FIELDS = {
    "slug": Field("slug"),
    "title": Field("text", maximum=120),
    "summary": Field("text", maximum=300),
    "audience": Field("text_list", minimum=1, maximum=8),
    "estimated_minutes": Field("int", minimum=1, maximum=600),
    "objectives": Field("text_list", minimum=1, maximum=12),
    "content_notes": Field("text", required=False, maximum=600),
    "sources": Field("sources", minimum=1, maximum=40),
}

LESSON_FIELDS = {
    "slug": Field("slug"),
    "title": Field("text", maximum=120),
    "order": Field("int", minimum=1, maximum=99),
    "estimated_minutes": Field("int", minimum=1, maximum=60),
    "key_points": Field("text_list", minimum=1, maximum=10),
    "sources": Field("sources", minimum=1, maximum=30),
}

SOURCE_REF_KEYS = {"document", "location"}


def describe(value: Any) -> str:
    """How YAML read a value, in words an author can act on."""
    if isinstance(value, bool):
        return "a boolean (YAML reads yes/no/on/off/true/false as booleans; quote the text)"
    if value is None:
        return "empty"
    names = {int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


def check(doc: Any, fields: dict[str, Field], problems: ProblemList) -> dict[str, Any]:
    """Validate ``doc.data`` against ``fields``; returns the values that passed."""
    clean: dict[str, Any] = {}
    for key in doc.data:
        if key not in fields:
            problems.add(doc.path, doc.line_of(str(key)), "unknown-key", f"unknown key '{key}'")
    for key, rule in fields.items():
        if key not in doc.data:
            if rule.required:
                problems.add(
                    doc.path,
                    getattr(doc, "line", 1),
                    "missing-key",
                    f"required key '{key}' is missing",
                )
            continue
        value = _check_value(doc, key, rule, doc.data[key], problems)
        if value is not None:
            clean[key] = value
    return clean


def _check_value(doc: Any, key: str, rule: Field, value: Any, problems: ProblemList) -> Any:
    line = doc.line_of(key)
    checker = {
        "text": _text,
        "markdown": _markdown,
        "slug": _slug,
        "int": _int,
        "number": _number,
        "bool": _bool,
        "text_list": _text_list,
        "sources": _sources,
        "list": _list,
        "any": _any,
        "int_list": _int_list,
    }[rule.kind]
    return checker(doc, key, rule, value, line, problems)


def _any(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    """Presence only: the caller checks the structure of this value itself."""
    return value


def _markdown(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    """Like text, but line breaks are kept (Markdown needs them)."""
    if not isinstance(value, str) or not value.strip():
        problems.add(
            doc.path,
            line,
            "wrong-type" if not isinstance(value, str) else "empty-value",
            f"'{key}' must be non-empty text, not {describe(value)}",
        )
        return None
    if len(value) > rule.maximum:
        problems.add(doc.path, line, "too-long", f"'{key}' is longer than {rule.maximum} chars")
        return None
    return value.strip()


def _number(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.add(
            doc.path, line, "wrong-type", f"'{key}' must be a number, not {describe(value)}"
        )
        return None
    return float(value)


def _bool(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    if not isinstance(value, bool):
        problems.add(
            doc.path, line, "wrong-type", f"'{key}' must be true or false, not {describe(value)}"
        )
        return None
    return value


def _list(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problems.add(doc.path, line, "wrong-type", f"'{key}' must be a list of mappings")
        return None
    if not rule.minimum <= len(value) <= rule.maximum:
        problems.add(
            doc.path,
            line,
            "out-of-range",
            f"'{key}' must have {rule.minimum} to {rule.maximum} items, not {len(value)}",
        )
        return None
    return value


def _text(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    if not isinstance(value, str):
        problems.add(doc.path, line, "wrong-type", f"'{key}' must be text, not {describe(value)}")
        return None
    text = " ".join(value.split())
    if not text:
        problems.add(doc.path, line, "empty-value", f"'{key}' must not be empty")
        return None
    if len(text) > rule.maximum:
        problems.add(doc.path, line, "too-long", f"'{key}' is longer than {rule.maximum} chars")
        return None
    return text


def _slug(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    if not isinstance(value, str) or not SLUG_PATTERN.match(value) or len(value) > 80:
        problems.add(
            doc.path,
            line,
            "bad-slug",
            f"'{key}' must be lower-case letters, digits and single hyphens "
            f"(at most 80 characters), not {value!r}",
        )
        return None
    return value


def _int(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(
            doc.path, line, "wrong-type", f"'{key}' must be a whole number, not {describe(value)}"
        )
        return None
    if not rule.minimum <= value <= rule.maximum:
        problems.add(
            doc.path,
            line,
            "out-of-range",
            f"'{key}' must be between {rule.minimum} and {rule.maximum}, not {value}",
        )
        return None
    return value


def _int_list(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(item, int) and not isinstance(item, bool) for item in value)
    ):
        problems.add(
            doc.path,
            line,
            "wrong-type",
            f"'{key}' must be a list of whole numbers, not {describe(value)}",
        )
        return None
    if not all(rule.minimum <= item <= rule.maximum for item in value):
        problems.add(
            doc.path,
            line,
            "out-of-range",
            f"'{key}' must hold numbers between {rule.minimum} and {rule.maximum}",
        )
        return None
    return tuple(value)


def _text_list(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    if not isinstance(value, list):
        problems.add(doc.path, line, "wrong-type", f"'{key}' must be a list, not {describe(value)}")
        return None
    if not rule.minimum <= len(value) <= rule.maximum:
        problems.add(
            doc.path,
            line,
            "out-of-range",
            f"'{key}' must have {rule.minimum} to {rule.maximum} items, not {len(value)}",
        )
        return None
    items = []
    for index, item in enumerate(value):
        item_line = doc.line_of(key, index)
        if not isinstance(item, str) or not item.strip():
            problems.add(
                doc.path,
                item_line,
                "wrong-type",
                f"item {index + 1} of '{key}' must be text, not {describe(item)}",
            )
            continue
        items.append(" ".join(item.split()))
    return tuple(items) if len(items) == len(value) else None


def _sources(doc: Any, key: str, rule: Field, value: Any, line: int, problems: ProblemList):
    if not isinstance(value, list) or not value:
        problems.add(
            doc.path,
            line,
            "wrong-type",
            f"'{key}' must be a non-empty list of document/location pairs",
        )
        return None
    refs = []
    for index, item in enumerate(value):
        item_line = doc.line_of(key, index)
        if not isinstance(item, dict):
            problems.add(
                doc.path,
                item_line,
                "wrong-type",
                f"source {index + 1} must be a mapping with 'document' and 'location'",
            )
            continue
        unknown = set(item) - SOURCE_REF_KEYS
        missing = SOURCE_REF_KEYS - set(item)
        bad = [k for k in SOURCE_REF_KEYS & set(item) if not isinstance(item[k], str)]
        if unknown or missing or bad:
            detail = "; ".join(
                [f"unknown key '{k}'" for k in sorted(map(str, unknown))]
                + [f"missing '{k}'" for k in sorted(missing)]
                + [f"'{k}' must be text" for k in sorted(bad)]
            )
            problems.add(doc.path, item_line, "bad-source", f"source {index + 1}: {detail}")
            continue
        refs.append((item["document"].strip(), " ".join(item["location"].split()), item_line))
    return tuple(refs) if len(refs) == len(value) else None


def source_refs(path: Any, refs: Any, known: dict, problems: ProblemList) -> tuple[SourceRef, ...]:
    """Citations checked by ``_sources`` as SourceRefs; a document missing from sources.yml is
    reported at its line (when a registry is loaded at all)."""
    for document, _location, line in refs or ():
        if known and document not in known:
            problems.add(
                path,
                line,
                "unknown-source",
                f"'{document}' is not a document listed in sources.yml",
            )
    return tuple(SourceRef(document, location) for document, location, _line in refs or ())
