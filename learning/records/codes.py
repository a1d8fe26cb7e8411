"""Verification codes: 140 random bits in Crockford's base32, printed in groups of four.

The alphabet has no I, L, O or U, so a code read from paper cannot be mistyped into another
valid code; input is case-insensitive, ignores spaces and hyphens, and reads O as 0 and I or L
as 1. Codes never derive from row ids, so they cannot be enumerated (RELIABILITY C8).
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 28  # 28 characters x 5 bits = 140 bits of randomness
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code(length: int = LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(text: str, length: int = LENGTH) -> str | None:
    """The stored form of a typed code, or None if it cannot be one."""
    compact = "".join(text.split()).replace("-", "").upper().translate(_READ_AS)
    if len(compact) != length or any(character not in ALPHABET for character in compact):
        return None
    return compact


def grouped(code: str) -> str:
    """Groups of four separated by hyphens (7K2M-Q9PX-...), as printed on certificates."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
