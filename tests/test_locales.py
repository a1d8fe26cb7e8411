"""Template translations looked up once per request (learning.locales)."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import get_translations

from learning.locales import template_translations

TEMPLATE = (
    "{{ _('Hello %(name)s', name=who) }}|"
    "{{ ngettext('%(num)d lesson', '%(num)d lessons', n) }}|{{ _('Log out') }}"
)


def test_templates_translate_and_escape_as_before(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        text = render_template_string(TEMPLATE, who="<b>Ana</b>", n=3)
        assert text == "Hello &lt;b&gt;Ana&lt;/b&gt;|3 lessons|Log out"
        assert render_template_string(TEMPLATE, who="x", n=1).endswith("1 lesson|Log out")


def test_translations_are_looked_up_once_per_request(app, monkeypatch):
    calls = []
    with app.test_request_context():
        expected = get_translations()
        monkeypatch.setattr(
            "learning.locales.get_translations", lambda: calls.append(1) or expected
        )
        render_template_string(TEMPLATE * 5, who="x", n=2)
        assert template_translations() is expected and len(calls) == 1
