"""Checks shared by the security tests."""

from __future__ import annotations

from html.parser import HTMLParser

HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


def check_security_headers(response) -> None:
    """RELIABILITY F6: the headers every response carries, whatever its status or type."""
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (name, response.request.path)
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives.get("frame-ancestors") == ["'self'"], csp
    assert directives.get("object-src") == ["'none'"] and directives.get("base-uri") == ["'none'"]
    scripts = directives.get("script-src", directives.get("default-src"))
    assert scripts == ["'self'"], f"script-src must allow no inline script: {csp}"
    if response.mimetype.startswith("text/"):
        assert response.mimetype_params.get("charset") == "utf-8", response.content_type


class _ActiveContent(HTMLParser):
    """Collects whatever in a page could run script: script-like elements, event handler
    attributes, and javascript:/data: URLs other than images."""

    RISKY_TAGS = {"script", "iframe", "object", "embed", "svg", "frame", "base", "meta"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.RISKY_TAGS and not (tag == "meta" and _harmless_meta(attrs)):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and value:
                url = "".join(value.split()).lower()
                if url.startswith(("javascript:", "vbscript:")) or (
                    url.startswith("data:") and not url.startswith("data:image/png")
                ):
                    self.found.append(f"<{tag} {name}={value}>")


def _harmless_meta(attrs) -> bool:
    """charset, viewport, and a plain reload (no URL to go to)."""
    values = dict(attrs)
    if "http-equiv" in values:
        return values["http-equiv"] == "refresh" and (values.get("content") or "").isdigit()
    return True


def active_content(html: str) -> list[str]:
    parser = _ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.found
