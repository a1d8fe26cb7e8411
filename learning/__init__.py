"""The e-learning platform: ``create_app`` builds the Flask application.

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
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from learning import config as settings
from learning.locales import install_template_gettext, select_locale
from learning.sessions import ThrottledRefreshSessionInterface


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
    from learning import content, db, errors, security
    from learning.accounts import auth
    from learning.extensions import babel, csrf, limiter
    from learning.workshops import dashboard_cache

    db.init_app(app)
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
    from learning.accounts import privacy_views  # noqa: F401 - adds routes to accounts_bp
    from learning.accounts.cli import users_cli
    from learning.accounts.views import bp as accounts_bp
    from learning.admin.views import bp as admin_users_bp
    from learning.content.cli import content_cli
    from learning.content.views import bp as content_bp
    from learning.migrate import db_cli
    from learning.progress.views import bp as progress_bp
    from learning.quizzes.views import bp as quizzes_bp
    from learning.records.admin_views import bp as records_admin_bp
    from learning.records.cli import records_cli
    from learning.records.views import bp as records_bp
    from learning.workshops.participant_views import bp as join_bp
    from learning.workshops.review_views import bp as workshop_review_bp
    from learning.workshops.roster_views import bp as workshop_roster_bp
    from learning.workshops.views import bp as workshops_bp

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
    from learning.workshops.cli import workshops_cli

    for group in (users_cli, content_cli, db_cli, records_cli, workshops_cli):
        app.cli.add_command(group)


def _template_helpers(app: Flask) -> None:
    from flask_babel import get_locale

    from learning.accounts.countries import country_name
    from learning.accounts.forms import LogoutForm
    from learning.content.rendering import render_markdown
    from learning.records.qr import qr_data_uri

    # Block tags leave no blank lines and indentation behind: a 500-row roster was 40% spaces.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.globals["qr_data_uri"] = qr_data_uri
    app.jinja_env.filters["country"] = country_name

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {
            "platform_name": app.config["PLATFORM_NAME"],
            "logout_form": LogoutForm,
            "get_locale": get_locale,
        }
