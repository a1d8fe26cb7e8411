"""axe-core (tests/e2e/vendor/axe.min.js, MPL-2.0) run inside the page under test.

The live server serves the script at AXE_URL, from the page's own origin, so the strict CSP
(no inline script) stays on while pages are checked.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

AXE_FILE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_URL = "/__e2e__/axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING = ("serious", "critical")

_RUN = """async ([tags, disabled]) => {
  const rules = Object.fromEntries(disabled.map((id) => [id, {enabled: false}]));
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules,
                                          resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '')
                                .replace(/\\s+/g, ' ').slice(0, 300)),
  }));
}"""


_DUPLICATE_IDS = """() => {
  const counts = {};
  for (const el of document.querySelectorAll('[id]')) counts[el.id] = (counts[el.id] || 0) + 1;
  return Object.entries(counts).filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}x)`);
}"""


def duplicate_ids(page: Page) -> list[str]:
    """Ids used more than once: a label, a skip link or aria-describedby may point astray.
    (axe-core no longer checks this since WCAG 2.2 made 4.1.1 obsolete; HTML still forbids it.)
    """
    return page.evaluate(_DUPLICATE_IDS)


def violations(page: Page, disabled: tuple[str, ...] = ()) -> list[dict]:
    """Every axe violation on the page as it is now (rules in ``disabled`` are not run)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    return page.evaluate(_RUN, [TAGS, list(disabled)])


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(f"    {node}" for node in violation["nodes"][:8])
    return "\n".join(lines)


def assert_accessible(page: Page, label: str, disabled: tuple[str, ...] = ()) -> None:
    """No serious or critical axe violation on the page; moderate ones are printed."""
    found = violations(page, disabled)
    failing = [v for v in found if v["impact"] in FAILING]
    others = [v for v in found if v["impact"] not in FAILING]
    if others:
        print(f"axe, {label} ({page.url}), not failing:\n{describe(others)}")
    assert not failing, f"axe on {label} ({page.url}):\n{describe(failing)}"
    assert not duplicate_ids(page), f"{label} ({page.url}): duplicate ids {duplicate_ids(page)}"


class Checker:
    """An ``on_page`` hook for a journey: checks each kind of page the first time it is reached
    (one quiz question stands for all of them: they share one template)."""

    def __init__(self) -> None:
        self.checked: list[str] = []

    def __call__(self, page: Page, label: str) -> None:
        if label not in self.checked:
            assert_accessible(page, label)
            self.checked.append(label)
