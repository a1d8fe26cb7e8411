"""The gunicorn settings the benchmarks run with, as printed in their headings."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def describe() -> str:
    """``"2 workers x 4 threads"`` from gunicorn.conf.py (and WEB_CONCURRENCY / THREADS)."""
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return f"{settings['workers']} workers x {settings['threads']} threads"
