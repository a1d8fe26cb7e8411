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

EXTENSIONS = ["tables", "footnotes", "toc", "admonition", "attr_list", "sane_lists"]
EXTENSION_CONFIGS = {"toc": {"permalink": False, "toc_depth": "2-3"}}

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
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


def _converter() -> markdown.Markdown:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown.Markdown(
            extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html"
        )
        _local.converter = converter
    return converter


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
def render_markdown(text: str) -> Markup:
    """Render trusted content Markdown to sanitized HTML (cached)."""
    converter = _converter()
    try:
        html = converter.convert(text)
    finally:
        converter.reset()
    return Markup(sanitize(html))  # noqa: S704 - sanitized just above
