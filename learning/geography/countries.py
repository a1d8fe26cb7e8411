"""Country names and codes (ISO 3166-1 alpha-2) from the Unicode CLDR data shipped with Babel."""

from __future__ import annotations

from functools import cache

from babel import Locale

# CLDR territories that are not countries or are placeholders.
_NOT_COUNTRIES = {
    "EU",
    "EZ",
    "UN",
    "QO",
    "XA",
    "XB",
    "ZZ",
    # Exceptionally reserved codes CLDR lists but ISO 3166-1 does not assign.
    "AC",
    "CP",
    "CQ",
    "DG",
    "EA",
    "IC",
    "TA",
}


@cache
def countries(locale: str = "en") -> tuple[tuple[str, str], ...]:
    """(code, name) pairs sorted by name, for form choices."""
    names = Locale.parse(locale).territories
    pairs = [
        (code, name)
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(pairs, key=lambda pair: pair[1]))


def country_name(code: str | None, locale: str = "en") -> str:
    if not code:
        return ""
    return dict(countries(locale)).get(code, code)
