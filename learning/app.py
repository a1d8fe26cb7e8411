"""``create_app`` builds the Flask application: the composition root, the one module that
imports every layer (``learning.web``, ``learning.commands`` and the domains below them).

Start-up does no database work and runs no migrations (``make run`` / ``flask db upgrade`` do);
the only work beyond configuration is loading and validating the content files.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import get_locale
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from learning import config as settings
from learning import content, db, errors, security, transactions
from learning.accounts import auth
from learning.commands.accounts import users_cli
from learning.commands.content import content_cli
from learning.commands.records import records_cli
from learning.commands.workshops import workshops_cli
from learning.content.assessments.types import question_type
from learning.content.rendering import render_markdown
from learning.extensions import babel, csrf, limiter
from learning.geography.countries import country_name
from learning.locales import install_template_gettext, select_locale
from learning.migrate import db_cli
from learning.records.qr import qr_data_uri
from learning.sessions import ThrottledRefreshSessionInterface
from learning.web.accounts import privacy_views  # noqa: F401 - adds routes to accounts_bp
from learning.web.accounts.forms import LogoutForm
from learning.web.accounts.views import bp as accounts_bp
from learning.web.admin.views import bp as admin_users_bp
from learning.web.content.views import bp as content_bp
from learning.web.progress.views import bp as progress_bp
from learning.web.quizzes.views import bp as quizzes_bp
from learning.web.records.admin_views import bp as records_admin_bp
from learning.web.records.views import bp as records_bp
from learning.web.workshops.participant_views import bp as join_bp
from learning.web.workshops.review_views import bp as workshop_review_bp
from learning.web.workshops.roster_views import bp as workshop_roster_bp
from learning.web.workshops.views import bp as workshops_bp
from learning.workshops import dashboard_cache


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    instance = Path(app.instance_path)
    values = settings.default_config(instance)
    if test_config is None:
        values = settings.from_environment(values)
    else:
        values.update(test_config)
    instance.mkdir(parents=True, exist_ok=True)
    settings.ensure_secret_key(values, instance)
    app.config.update(values)
    if app.config["LEARNING_ENV"] == "production" and app.debug:
        raise settings.ConfigurationError("debug mode must never run in production")
    _configure_logging(app)
    proxies = int(os.environ.get("TRUSTED_PROXIES", "0") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    app.url_map.converters["id"] = DatabaseId
    app.session_interface = ThrottledRefreshSessionInterface()
    _init_extensions(app)
    _register_blueprints(app)
    return app


class DatabaseId(IntegerConverter):
    """A positive id that fits the database's 32-bit integer columns: anything else is a 404
    before it reaches a query (PostgreSQL rejects 99999999999 where SQLite does not)."""

    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=1, max=2**31 - 1)


def _configure_logging(app: Flask) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.Formatter.converter = time.gmtime  # log timestamps in UTC
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def _init_extensions(app: Flask) -> None:

    db.init_app(app)
    # Before every other extension: the write intent must be set before anything reads.
    transactions.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)
    limiter.init_app(app)
    auth.init_app(app)
    content.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    dashboard_cache.init_app(app)
    _template_helpers(app)


def _register_blueprints(app: Flask) -> None:

    for blueprint in (
        content_bp,
        accounts_bp,
        progress_bp,
        quizzes_bp,
        records_bp,
        records_admin_bp,
        workshops_bp,
        workshop_roster_bp,
        workshop_review_bp,
        join_bp,
        admin_users_bp,
    ):
        app.register_blueprint(blueprint)

    for group in (users_cli, content_cli, db_cli, records_cli, workshops_cli):
        app.cli.add_command(group)


def _template_helpers(app: Flask) -> None:

    # Block tags leave no blank lines and indentation behind: a 500-row roster was 40% spaces.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals["qr_data_uri"] = qr_data_uri
    # Shared templates ask the type for its own templates and traits, never test its name.
    app.jinja_env.globals["question_type"] = question_type
    app.jinja_env.filters["country"] = country_name

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {
            "platform_name": app.config["PLATFORM_NAME"],
            "logout_form": LogoutForm,
            "get_locale": get_locale,
        }
