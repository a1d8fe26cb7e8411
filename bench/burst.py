"""Bursts against gunicorn: 200 simultaneous quiz submissions by different learners, and 50
learners each submitting the same attempt twice at the same instant. Reports errors, lost
writes and duplicate attempts. Prints figures; asserts nothing.

    .venv/bin/python bench/burst.py                 # SQLite
    scripts/with-postgres.sh .venv/bin/python bench/burst.py --postgres
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import gunicorn_settings  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from werkzeug.datastructures import MultiDict  # noqa: E402

from learning.app import create_app  # noqa: E402
from learning.db import get_session  # noqa: E402
from learning.quizzes import services as quizzes  # noqa: E402
from learning.quizzes.models import AttemptStatus, QuizAttempt  # noqa: E402
from tests import factories  # noqa: E402

PORT = 8091
FIXTURES = ROOT / "tests" / "fixtures"
ANSWERS = [
    ("pick-one", {"choice": "right"}),
    ("pick-many", {"choice": ["a", "b"]}),
    ("the-scenario", {"node": "first", "choice": "listen"}),
    ("the-scenario", {"node": "second", "choice": "refer"}),
    ("the-case", {"step": "answer", "answer-classify": "x", "answer-next-steps": "y"}),
    ("the-case", {"step": "assess", "rubric": ["refers"]}),
]


def seed(config: dict, learners: int) -> None:
    """Learners with a fully answered, not yet submitted attempt each."""
    app = create_app(config)
    from learning.db import get_engine
    from learning.models import Base

    Base.metadata.drop_all(get_engine(app))
    Base.metadata.create_all(get_engine(app))
    with app.app_context():
        session = get_session()
        factories.user(session, email="admin@bench.example", role="admin")
        quiz = app.extensions["learning.catalogue"].quiz_for("sample-module")
        for number in range(learners):
            user = factories.user(session, email=f"b{number}@bench.example")
            attempt = quizzes.start_attempt(session, user.id, quiz)
            for question_id, fields in ANSWERS:
                quizzes.save_response(
                    session,
                    attempt,
                    quiz,
                    question_id,
                    MultiDict(
                        [
                            (k, v)
                            for k, vs in fields.items()
                            for v in (vs if isinstance(vs, list) else [vs])
                        ]
                    ),
                )
        session.commit()


class Browser:
    """One learner's browser: a cookie jar and a CSRF token."""

    def __init__(self, email: str) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = self._token("/login")
        self.post("/login", {"email": email, "password": factories.PASSWORD})
        self.token = self._token("/")

    def _token(self, path: str) -> str:
        page = self.opener.open(f"http://127.0.0.1:{PORT}{path}").read().decode()
        return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode({**data, "csrf_token": self.token}).encode()
        try:
            return self.opener.open(f"http://127.0.0.1:{PORT}{path}", body).status
        except urllib.error.HTTPError as error:
            return error.code


def burst(browsers: list[Browser], copies: int) -> tuple[list[int], float]:
    """Every browser submits its attempt ``copies`` times, all at the same instant."""
    jobs = [b for b in browsers for _ in range(copies)]
    barrier = threading.Barrier(len(jobs))
    statuses: list[int] = []
    times: list[float] = []
    lock = threading.Lock()

    def submit(browser: Browser) -> None:
        barrier.wait()
        started = time.perf_counter()
        status = browser.post("/modules/sample-module/quiz/attempts/1/submit", {})
        with lock:
            statuses.append(status)
            times.append(time.perf_counter() - started)

    threads = [threading.Thread(target=submit, args=(b,)) for b in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, sorted(times)[int(0.99 * (len(times) - 1))]


def check(config: dict, emails: list[str]) -> tuple[int, int]:
    """(submitted attempts among these learners, learners with more than one attempt)."""
    app = create_app(config)
    with app.app_context():
        session = get_session()
        from learning.accounts.models import User

        ids = select(User.id).where(User.email.in_(emails))
        submitted = session.scalar(
            select(func.count()).where(
                QuizAttempt.user_id.in_(ids), QuizAttempt.status == AttemptStatus.SUBMITTED
            )
        )
        duplicates = session.scalar(
            select(func.count()).select_from(
                select(QuizAttempt.user_id)
                .where(QuizAttempt.user_id.in_(ids))
                .group_by(QuizAttempt.user_id)
                .having(func.count() > 1)
                .subquery()
            )
        )
    return submitted, duplicates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="use TEST_DATABASE_URL")
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=50)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = os.environ["TEST_DATABASE_URL"] if args.postgres else f"sqlite:///{folder}/burst.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "u" * 40,
        "CONTENT_DIR": str(FIXTURES / "content"),
        "QUIZZES_DIR": str(FIXTURES / "quizzes"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": "2",
        "THREADS": "8",
        "RATELIMIT_ENABLED": "false",
    }
    config = {
        "SECRET_KEY": env["SECRET_KEY"],
        "DATABASE_URL": url,
        "CONTENT_DIR": env["CONTENT_DIR"],
        "QUIZZES_DIR": env["QUIZZES_DIR"],
    }
    seed(config, args.learners + args.pairs)
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(4)
        emails = [f"b{n}@bench.example" for n in range(args.learners + args.pairs)]
        singles = [Browser(email) for email in emails[: args.learners]]
        doubles = [Browser(email) for email in emails[args.learners :]]
        single_statuses, single_p99 = burst(singles, 1)
        double_statuses, double_p99 = burst(doubles, 2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    submitted_single, duplicate_single = check(config, emails[: args.learners])
    submitted_double, duplicate_double = check(config, emails[args.learners :])
    engine = "PostgreSQL" if args.postgres else "SQLite"
    print(f"Bursts against gunicorn ({gunicorn_settings.describe()}), {engine}")
    print(
        f"{'burst':<34}{'requests':>9}{'5xx':>5}{'other errors':>14}{'lost':>6}"
        f"{'duplicates':>12}{'p99 s':>7}"
    )
    for name, statuses, submitted, duplicates, expected, p99 in (
        (
            f"{args.learners} learners submit at once",
            single_statuses,
            submitted_single,
            duplicate_single,
            args.learners,
            single_p99,
        ),
        (
            f"{args.pairs} learners submit twice at once",
            double_statuses,
            submitted_double,
            duplicate_double,
            args.pairs,
            double_p99,
        ),
    ):
        errors5 = sum(s >= 500 for s in statuses)
        other = sum(400 <= s < 500 for s in statuses)
        print(
            f"{name:<34}{len(statuses):>9}{errors5:>5}{other:>14}{expected - submitted:>6}"
            f"{duplicates:>12}{p99:>7.2f}"
        )
    print("target: 0 errors, 0 lost writes, 0 duplicate attempts")


if __name__ == "__main__":
    main()
