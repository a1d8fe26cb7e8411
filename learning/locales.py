"""Which catalogue a request is served in: the browser's best match among those we have."""

from __future__ import annotations

from functools import lru_cache

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_translations
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

AVAILABLE = ["en"]


def select_locale() -> str | None:
    """Flask-Babel's locale selector: None outside requests (CLI) means the default."""
    if not has_request_context():
        return None
    return _best_match(request.headers.get("Accept-Language", ""))


@lru_cache(maxsize=512)
def _best_match(accept_language: str) -> str | None:
    # Browsers send a handful of distinct headers; parsing one costs more than a cached page.
    return parse_accept_header(accept_language, LanguageAccept).best_match(AVAILABLE)


def locale_name() -> str:
    """The request's locale as a name, without building Babel's Locale object: for cache keys
    on pages served without rendering."""
    return select_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]


def template_translations():
    """The request's translations, looked up once per request for the templates.

    Flask-Babel's own template callables find the translations anew for every string (several
    context look-ups and a Locale formatted to text each time: about a sixth of a full page's
    rendering time). The locale does not change during a request (nothing here uses
    ``force_locale``), so the first answer is kept on ``g``.
    """
    translations = g.get("_template_translations")
    if translations is None:
        translations = g._template_translations = get_translations()
    return translations


def install_template_gettext(app: Flask) -> None:
    """Replace Flask-Babel's template callables (installed by ``babel.init_app``)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: template_translations().ugettext(string),
        ngettext=lambda singular, plural, n: template_translations().ungettext(singular, plural, n),
        pgettext=lambda context, string: template_translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: template_translations().unpgettext(
            context, singular, plural, n
        ),
        newstyle=True,
    )
