"""Markdown rendering: the extension set works and the output is sanitized."""

from __future__ import annotations

import pytest

from learning.content.rendering import render_markdown


def test_extensions_render():
    html = render_markdown(
        "## Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: A note.\n\n"
        '!!! note "In practice"\n    Boxed.\n'
    )
    assert '<h2 id="title">Title</h2>' in html
    assert "<table>" in html
    assert 'class="footnote-ref"' in html
    assert '<div class="admonition note">' in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "<svg onload=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<iframe src=//evil.example></iframe>",
    ],
)
def test_dangerous_markup_is_removed(payload):
    html = str(render_markdown(f"Text {payload} end"))
    for marker in ("<script", "onerror", "onload", "javascript:", "data:text", "<iframe", "<svg"):
        assert marker not in html.lower()


def test_rendering_is_cached():
    text = "Some *cached* text."
    assert render_markdown(text) is render_markdown(text)


def test_advice_that_depends_on_the_office_is_marked_as_such():
    html = render_markdown('!!! local "Check your office\'s procedure"\n    Ask the focal point.\n')
    assert '<div class="admonition local">' in html
    assert "Check your office" in html and "Ask the focal point." in html
