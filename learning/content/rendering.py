"""Markdown to safe HTML, with a fixed extension set, an allow-list sanitizer and a cache.

Content files are written by trusted authors, but Python-Markdown passes raw HTML,
``javascript:`` links and event handlers straight through, so the output is sanitized with nh3
anyway (defence in depth; see RELIABILITY F4/K6). Learner text is never rendered as Markdown.

Rendering costs milliseconds; the result is cached per text (the catalogue is immutable, so a
text's identity is its version). Markdown instances are not thread-safe: one per thread.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

from learning.content.glossary_links import GlossaryExtension

EXTENSIONS = ["tables", "footnotes", "toc", "admonition", "attr_list", "sane_lists"]
EXTENSION_CONFIGS = {"toc": {"permalink": False, "toc_depth": "2-3"}}

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title"},
    "a": {"href"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_local = threading.local()


class Glossary:
    """The terms a text's first mentions link to; compared by identity (one per catalogue)."""

    def __init__(self, terms: tuple[tuple[str, tuple[str, ...]], ...], base_url: str) -> None:
        self.terms = terms  # (slug, (term, *aliases)) pairs
        self.base_url = base_url


def _converter(glossary: Glossary | None) -> markdown.Markdown:
    converters = getattr(_local, "converters", None)
    if converters is None:
        converters = _local.converters = {}
    key = glossary  # the object itself: an id() could be reused after garbage collection
    if key not in converters:
        extensions: list = list(EXTENSIONS)
        if glossary is not None:
            extensions.append(GlossaryExtension(glossary.terms, glossary.base_url))
        converters[key] = markdown.Markdown(
            extensions=extensions, extension_configs=EXTENSION_CONFIGS, output_format="html"
        )
    return converters[key]


def sanitize(html: str) -> str:
    """Keep only allow-listed tags, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
    )


@lru_cache(maxsize=2048)
def render_markdown(text: str, glossary: Glossary | None = None) -> Markup:
    """Render trusted content Markdown to sanitized HTML (cached per text and glossary).

    With a glossary, the first mention of each term links to its entry.
    """
    converter = _converter(glossary)
    try:
        html = converter.convert(text)
    finally:
        converter.reset()
    return Markup(sanitize(html))  # noqa: S704 - sanitized just above
