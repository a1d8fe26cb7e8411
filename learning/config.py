"""Configuration from the environment, with safe defaults for a single-office install.

Every setting can be overridden by an environment variable of the same name; the test suite
passes a mapping to ``create_app`` instead. Secrets are never stored in the repository: without
``SECRET_KEY`` in the environment a random key is generated once into ``instance/secret_key``.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Keys that appear in tutorials and sample configs; a server started with one of them would
# accept forged session cookies from anyone who has read the same tutorial.
KNOWN_WEAK_KEYS = {"dev", "development", "secret", "changeme", "change-me", "your-secret-key"}
MIN_SECRET_KEY_LENGTH = 32


class ConfigurationError(RuntimeError):
    """The application cannot start safely with the configuration it was given."""


def default_config(instance_path: Path) -> dict[str, Any]:
    """Defaults for every setting; environment variables override them in ``from_environment``."""
    return {
        "LEARNING_ENV": "development",
        "DATABASE_URL": f"sqlite:///{instance_path / 'learning.sqlite3'}",
        "CONTENT_DIR": str(PROJECT_ROOT / "modules"),
        "QUIZZES_DIR": str(PROJECT_ROOT / "quizzes"),
        "PLATFORM_NAME": "Protection Learning",
        # Sessions: signed cookies, checked against users.session_version on every request.
        "SESSION_COOKIE_NAME": "learning_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),  # idle timeout (refreshed per request)
        "SESSION_REFRESH_SECONDS": 60,  # an unchanged cookie is re-signed at most this often
        "SESSION_ABSOLUTE_LIFETIME": timedelta(days=7),  # re-login required after this
        # Request limits (RELIABILITY E1): nothing the platform accepts is larger than this.
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 200 * 1024,
        "MAX_FORM_PARTS": 200,
        "WTF_CSRF_TIME_LIMIT": None,  # token lives as long as the session
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_LOGIN": "10 per minute;50 per hour",
        "RATELIMIT_REGISTER": "10 per hour",
        "RATELIMIT_PASSWORD": "10 per hour",
        "RATELIMIT_QUIZ": "120 per minute",  # per learner: answers, starts and submissions
        "RATELIMIT_VERIFY": "30 per minute",  # public certificate lookups, per address
        "RATELIMIT_CODES": "20 per minute",  # join and check-in codes, per address
        "DASHBOARD_REFRESH_SECONDS": 60,  # the trainer dashboard reloads itself this often
        "DASHBOARD_CACHE_SECONDS": 10,  # and may be this old (0: never kept)
        # Printed on certificates as "Issued by ...".
        "CERTIFICATE_ISSUER": "UNHCR Protection Learning Programme",
        "PASSWORD_MIN_LENGTH": 10,
    }


def from_environment(config: dict[str, Any]) -> dict[str, Any]:
    """Return ``config`` updated with environment variables of the same names."""
    updated = dict(config)
    for name in (
        "LEARNING_ENV",
        "DATABASE_URL",
        "CONTENT_DIR",
        "QUIZZES_DIR",
        "PLATFORM_NAME",
        "RATELIMIT_STORAGE_URI",
        "SECRET_KEY",
        "CERTIFICATE_ISSUER",
    ):
        if os.environ.get(name):
            updated[name] = os.environ[name]
    if os.environ.get("RATELIMIT_ENABLED", "").lower() in ("0", "false", "no"):
        updated["RATELIMIT_ENABLED"] = False  # load tests from one address only
    if updated["LEARNING_ENV"] == "production":
        updated["SESSION_COOKIE_SECURE"] = True
        updated["SESSION_COOKIE_NAME"] = "__Host-learning_session"
    return updated


def ensure_secret_key(config: dict[str, Any], instance_path: Path) -> None:
    """Use SECRET_KEY from the config, else a key generated once into the instance folder."""
    if not config.get("SECRET_KEY"):
        key_file = instance_path / "secret_key"
        if not key_file.exists():
            instance_path.mkdir(parents=True, exist_ok=True)
            # O_EXCL: two processes starting at once must not overwrite each other's key.
            try:
                fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_hex(32))
        config["SECRET_KEY"] = key_file.read_text().strip()
    check_secret_key(str(config["SECRET_KEY"]))


def check_secret_key(key: str) -> None:
    """Refuse keys that are short or well known (RELIABILITY B8)."""
    if key.lower() in KNOWN_WEAK_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigurationError(
            f"SECRET_KEY must be a random value of at least {MIN_SECRET_KEY_LENGTH} characters; "
            "unset it to have one generated into instance/secret_key."
        )
