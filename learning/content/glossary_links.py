"""Links the first mention of each glossary term in a text to its glossary entry.

A Python-Markdown tree processor, run after inline parsing: it walks the element tree, skips
headings, code, existing links and abbreviations, and turns the first whole-word match of a
term (or one of its aliases, case-insensitive, longest first) into a link. Authors write plain
text; the glossary file decides what is linked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

SKIPPED_TAGS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr"}


class GlossaryLinker(Treeprocessor):
    def __init__(self, md: Markdown, forms: dict[str, str], base_url: str) -> None:
        super().__init__(md)
        self.forms = forms  # lower-cased wording -> term slug
        ordered = sorted(forms, key=len, reverse=True)
        self.pattern = (
            re.compile(
                r"(?<![\w-])(" + "|".join(re.escape(form) for form in ordered) + r")(?![\w-])",
                re.IGNORECASE,
            )
            if ordered
            else None
        )
        self.base_url = base_url

    def run(self, root: etree.Element) -> None:
        if self.pattern is not None:
            self._walk(root, set())

    def _walk(self, element: etree.Element, linked: set[str]) -> None:
        if element.tag in SKIPPED_TAGS:
            return
        if element.text:
            element.text, links = self._split(element.text, linked)
            for offset, link in enumerate(links):
                element.insert(offset, link)
        for child in list(element):
            self._walk(child, linked)
            if child.tail:
                child.tail, links = self._split(child.tail, linked)
                position = list(element).index(child) + 1
                for offset, link in enumerate(links):
                    element.insert(position + offset, link)

    def _split(self, text: str, linked: set[str]) -> tuple[str, list[etree.Element]]:
        """The text before the first new term, and link elements carrying the rest as tails."""
        links: list[etree.Element] = []
        head, rest = text, ""
        for match in self.pattern.finditer(text):
            slug = self.forms[match.group(1).lower()]
            if slug in linked:
                continue
            linked.add(slug)
            link = etree.Element("a", {"href": f"{self.base_url}#{slug}", "class": "glossary-link"})
            link.text = match.group(1)
            if links:
                previous_end = links[-1].get("data-end")
                links[-1].tail = text[int(previous_end) : match.start()]
            else:
                head = text[: match.start()]
            link.set("data-end", str(match.end()))
            links.append(link)
        if links:
            rest = text[int(links[-1].get("data-end")) :]
            links[-1].tail = rest
            for link in links:
                del link.attrib["data-end"]
        return head, links


class GlossaryExtension(Extension):
    def __init__(self, terms: Iterable[tuple[str, Iterable[str]]], base_url: str) -> None:
        super().__init__()
        self.forms = {form.lower(): slug for slug, forms in terms for form in forms}
        self.base_url = base_url

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(
            GlossaryLinker(md, self.forms, self.base_url), "glossary_links", 5
        )
