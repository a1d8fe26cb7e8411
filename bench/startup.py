"""Start-up time with 100 modules of content: loading and validating the catalogue, and the
whole app factory. Prints figures; asserts nothing.

    .venv/bin/python bench/startup.py [--modules 100]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from learning.app import create_app  # noqa: E402
from learning.content.loader import load_catalogue  # noqa: E402


def build_content(folder: Path, count: int) -> tuple[Path, Path]:
    """``count`` modules made by copying the real ones under new slugs (with their quizzes)."""
    modules, quizzes = folder / "modules", folder / "quizzes"
    modules.mkdir()
    quizzes.mkdir()
    shutil.copy(ROOT / "modules" / "sources.yml", modules)
    real = sorted(p for p in (ROOT / "modules").iterdir() if p.is_dir())
    for number in range(count):
        source = real[number % len(real)]
        slug = source.name.split("-", 1)[1]
        target = modules / f"{number:03d}-{slug}-{number}"
        shutil.copytree(source, target)
        module_file = target / "module.md"
        module_file.write_text(
            module_file.read_text().replace(f"slug: {slug}", f"slug: {slug}-{number}", 1)
        )
        quiz = (ROOT / "quizzes" / f"{slug}.yml").read_text()
        quiz = quiz.replace(f"slug: {slug}", f"slug: {slug}-{number}", 1)
        quiz = quiz.replace(f"module: {slug}", f"module: {slug}-{number}", 1)
        (quizzes / f"{slug}-{number}.yml").write_text(quiz)
    return modules, quizzes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        modules, quizzes = build_content(Path(folder), args.modules)
        loads, apps = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            catalogue = load_catalogue(modules, quizzes)
            loads.append(time.perf_counter() - started)
            started = time.perf_counter()
            create_app(
                {
                    "SECRET_KEY": "s" * 40,
                    "CONTENT_DIR": str(modules),
                    "QUIZZES_DIR": str(quizzes),
                    "DATABASE_URL": f"sqlite:///{folder}/startup.sqlite3",
                }
            )
            apps.append(time.perf_counter() - started)
        assert not catalogue.problems, catalogue.problems[:3]
        lessons = sum(len(m.lessons) for m in catalogue.modules)
    print(
        f"Start-up with {len(catalogue.modules)} modules, {lessons} lessons, "
        f"{len(catalogue.quizzes)} quizzes ({args.runs} runs)"
    )
    print(f"{'measure':<34}{'median s':>10}{'max s':>8}")
    for name, samples in (
        ("load and validate the catalogue", loads),
        ("create_app (catalogue included)", apps),
    ):
        print(f"{name:<34}{statistics.median(samples):>10.2f}{max(samples):>8.2f}")


if __name__ == "__main__":
    main()
