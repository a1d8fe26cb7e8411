"""Password policy and hashing.

Policy (ASVS 5.0 6.2): a minimum length, no composition rules, no upper limit below 128,
the password checked exactly as typed, and the most common passwords refused. Hashing is
Werkzeug's scrypt with a random salt.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

MAX_LENGTH = 256
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt.gz"

# Verified against when the e-mail is unknown, so both failures take the same time (ASVS 6.3.8).
_DUMMY_HASH = generate_password_hash("no account has this password, it only burns time")


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


def password_problem(password: str, min_length: int, email: str = "") -> str | None:
    """Why ``password`` is not acceptable, or None if it is."""
    if len(password) < min_length:
        return str(_l("Use at least %(n)d characters.", n=min_length))
    if len(password) > MAX_LENGTH:
        return str(_l("Use at most %(n)d characters.", n=MAX_LENGTH))
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < 3:
        return str(_l("This password is too common. Choose a longer phrase that only you know."))
    if email and lowered == email.lower():
        return str(_l("Do not use your e-mail address as your password."))
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no hash (no account, or one pre-registered without a password),
    spend the same time and fail."""
    if not password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(password_hash, password)
