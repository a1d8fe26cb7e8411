"""The real course content respects the authoring rules that a machine can check."""

from __future__ import annotations

import re

import pytest

from learning.config import PROJECT_ROOT
from learning.content.loader import load_catalogue

SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
WINDOW = 20  # words: no run this long may be copied from a source document
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _words(text: str) -> list[str]:
    return [word.lower().replace("’", "'") for word in WORD.findall(text)]


def _windows(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + WINDOW]) for i in range(len(words) - WINDOW + 1)}


def _content_texts() -> dict[str, str]:
    """Every authored text: lesson bodies, key points, overviews, objectives, quizzes."""
    catalogue = load_catalogue(PROJECT_ROOT / "modules")
    texts = {}
    for module in catalogue.modules:
        texts[module.path] = " ".join([module.overview, module.summary, *module.objectives])
        for lesson in module.lessons:
            texts[lesson.path] = lesson.body + " " + " ".join(lesson.key_points)
    for quiz in sorted((PROJECT_ROOT / "quizzes").glob("*.yml")):
        texts[str(quiz.relative_to(PROJECT_ROOT))] = quiz.read_text(encoding="utf-8")
    return texts


@pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"seed documents not found at {SEEDS}; "
    "the verbatim-copy check needs shared/seeds beside the repository",
)
def test_no_long_passage_is_copied_from_the_seeds():
    seed_windows: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        seed_windows |= _windows(_words(seed.read_text(encoding="utf-8", errors="replace")))
    copied = {}
    for path, text in _content_texts().items():
        hits = _windows(_words(text)) & seed_windows
        if hits:
            copied[path] = " ".join(sorted(hits)[0])
    assert copied == {}, f"passages of {WINDOW}+ words copied from a seed: {copied}"


def test_the_window_check_detects_a_copy():
    sentence = (
        "one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    )
    assert _windows(_words(f"Intro. {sentence}.")) & _windows(_words(sentence.upper()))
    assert not _windows(_words(sentence.replace("ten", "10"))) & _windows(_words(sentence))


def test_no_email_addresses_in_content():
    for path, text in _content_texts().items():
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), f"e-mail address in {path}"


def test_every_citation_names_a_real_source():
    """Seed entries name real seed files; instruments, policies and reports carry an official
    symbol and a date; every lesson cites only what the registry lists."""
    catalogue = load_catalogue(PROJECT_ROOT / "modules")
    seeds = {name for name, document in catalogue.sources.items() if document.is_seed}
    if SEEDS.is_dir():
        assert seeds <= {p.name for p in SEEDS.glob("*.txt")}
    assert len(seeds) == 5
    for document in catalogue.sources.values():
        if not document.is_seed:
            assert document.kind in ("legal_instrument", "policy", "report")
            assert document.symbol and document.date, document.file
    for module in catalogue.modules:
        for lesson in module.lessons:
            assert {ref.document for ref in lesson.sources} <= set(catalogue.sources)
