"""Administrator export of 100,000 completion records: time and peak memory, CSV and XLSX.

Seeds the records with bulk inserts, then downloads the exports through the application (the
CSV streams row by row). Prints figures next to the targets (10 s, 200 MB); asserts nothing.

    .venv/bin/python bench/export.py [--records 100000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from learning.accounts.models import Role, User  # noqa: E402
from learning.accounts.passwords import hash_password  # noqa: E402
from learning.app import create_app  # noqa: E402
from learning.db import get_engine, get_session, utcnow  # noqa: E402
from learning.models import Base  # noqa: E402
from learning.records import codes  # noqa: E402
from learning.records.models import CompletionRecord  # noqa: E402

PASSWORD = "benchmark passphrase"  # noqa: S105 - a throwaway account in a temporary database


def seed(app, count: int) -> None:
    with app.app_context():
        session = get_session()
        session.add(
            User(
                email="admin@bench.example",
                display_name="Admin",
                role=Role.ADMIN,
                password_hash=hash_password(PASSWORD),
                country="CH",
            )
        )
        people = [
            {
                "email": f"l{n}@bench.example",
                "display_name": f"Learner {n}",
                "password_hash": "",
                "role": "learner",
                "country": "KE",
                "is_active": True,
                "session_version": 1,
                "created_at": utcnow(),
            }
            for n in range(count // 5)
        ]
        session.execute(insert(User), people)
        ids = [
            row[0]
            for row in session.execute(
                User.__table__.select().with_only_columns(User.id).where(User.email.like("l%"))
            )
        ]
        now = utcnow()
        batch = []
        for number in range(count):
            batch.append(
                {
                    "user_id": ids[number % len(ids)],
                    "kind": "module",
                    "subject_slug": f"module-{number // len(ids)}",
                    "subject_title": f"Module {number // len(ids)}",
                    "subject_version": "0123456789abcdef",
                    "hours": 1.0,
                    "name_as_printed": f"Learner {number % len(ids)}",
                    "completed_at": now,
                    "issued_at": now,
                    "verification_code": codes.new_code(),
                }
            )
            if len(batch) == 10_000:
                session.execute(insert(CompletionRecord), batch)
                batch = []
        if batch:
            session.execute(insert(CompletionRecord), batch)
        session.commit()


def download(client, url: str) -> int:
    response = client.get(url, buffered=False)
    size = sum(len(chunk) for chunk in response.response)
    response.close()
    return size


def measure(client, url: str) -> tuple[float, float, int]:
    """Time without tracing (tracemalloc slows Python down), then peak memory with it."""
    started = time.perf_counter()
    size = download(client, url)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    download(client, url)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return elapsed, peak, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SECRET_KEY": "e" * 40,
                "RATELIMIT_ENABLED": False,
                "DATABASE_URL": f"sqlite:///{folder}/export.sqlite3",
            }
        )
        Base.metadata.create_all(get_engine(app))
        started = time.perf_counter()
        seed(app, args.records)
        seeded = time.perf_counter() - started
        app.extensions["learning.setup_done"] = True
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        client.post(
            "/login",
            data={"email": "admin@bench.example", "password": PASSWORD, "csrf_token": token},
        )
        rows = [
            (kind, *measure(client, f"/admin/records/export.{kind}")) for kind in ("csv", "xlsx")
        ]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Export of {args.records:,} completion records, SQLite (seeded in {seeded:.1f} s)")
    print(f"{'format':<8}{'seconds':>9}{'peak Python MB':>16}{'size MB':>9}  target 10 s / 200 MB")
    for kind, elapsed, peak, size in rows:
        verdict = "meets" if elapsed < 10 and peak < 200 else "MISSES"
        print(f"{kind:<8}{elapsed:>9.1f}{peak:>16.1f}{size / 1e6:>9.1f}  {verdict}")
    print(f"process peak resident memory: {rss:.0f} MB (includes seeding)")


if __name__ == "__main__":
    main()
