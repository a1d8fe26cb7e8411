"""Load run with wrk on 127.0.0.1: the platform and a bare Flask app under the same gunicorn
settings, each page right after a ceiling run. Prints requests per second, p50 and p99 per page
and its ratio to that bare-Flask ceiling. Prints figures; asserts nothing. Needs wrk.

    .venv/bin/python bench/load.py [--seconds 4] [--rounds 3] [--connections 50] [--only lesson]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import gunicorn_settings  # noqa: E402
from dashboard import seed as seed_workshop  # noqa: E402

from learning.app import create_app  # noqa: E402
from learning.db import get_engine, get_session  # noqa: E402
from learning.models import Base  # noqa: E402
from learning.quizzes import services as quizzes  # noqa: E402
from tests import factories  # noqa: E402

APP_PORT, HELLO_PORT = 8093, 8094
MODULE = "smuggling-vs-trafficking"
# The same browser throughout, as in real use: Flask-Login's session protection marks a session
# "not fresh" (and so re-signs its cookie) whenever the client's User-Agent changes.
USER_AGENT = "bench-load/1.0"
WARM_UP_SECONDS = 2
TARGETS = {"lesson page (logged in)": 0.4, "catalogue (anonymous)": 0.6}


def seed(config: dict) -> tuple[int, str, str, str]:
    """The workshop, a record's code, and a single-choice item the learner's open attempt drew
    (with one of its choices) for the quiz-answer load."""
    app = create_app(config)
    Base.metadata.create_all(get_engine(app))
    workshop_id = seed_workshop(app, 500)
    with app.app_context():
        session = get_session()
        # Without an administrator every page would redirect to the setup page.
        factories.user(session, email="admin@bench.example", role="admin")
        learner = factories.user(session, email="learner@bench.example")
        catalogue = app.extensions["learning.catalogue"]
        record = factories.record(session, learner)
        quiz = catalogue.quiz_for(MODULE)
        attempt = quizzes.start_attempt(session, learner.id, quiz)
        session.commit()
        item = next(q for q in quizzes.questions_of(attempt, quiz) if q.type == "single_choice")
        return workshop_id, record.verification_code, item.id, item.choices[0].id


def login(email: str, password: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    base = f"http://127.0.0.1:{APP_PORT}"
    page = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    opener.open(
        f"{base}/login",
        urllib.parse.urlencode(
            {"email": email, "password": password, "csrf_token": token}
        ).encode(),
    )
    page = opener.open(f"{base}/").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    cookie = next(c for c in jar if c.name == "learning_session")
    return f"{cookie.name}={cookie.value}", token


def expect_page(url: str, cookie: str | None, script: str | None) -> None:
    """Refuse to measure a redirect or an error page instead of the page itself."""
    if script:
        return  # the POST answers with a redirect by design (POST/redirect/GET)
    headers = {"User-Agent": USER_AGENT, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own 127.0.0.1 URLs

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        status = urllib.request.build_opener(NoRedirect).open(request).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        sys.exit(f"{url} answers {status}, not 200: the benchmark would measure the wrong page")


def wrk(
    url: str,
    seconds: int,
    connections: int,
    cookie: str | None = None,
    script: str | None = None,
    warm_up: bool = False,
) -> tuple[float, float, float, int]:
    expect_page(url, cookie, script)
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-H",
        f"User-Agent: {USER_AGENT}",
        url,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if script:
        command[1:1] = ["-s", script]
    # Warm-up, not measured: every worker process fills its caches and connection pool once
    # (a first visit builds a 500-row dashboard in each process), then the steady state counts.
    if warm_up:
        first = [part if part != f"-d{seconds}s" else f"-d{WARM_UP_SECONDS}s" for part in command]
        subprocess.run(first, capture_output=True, check=True)  # noqa: S603
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def percentile(name: str) -> float:
        value, unit = re.search(rf"\s{name}\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rps, percentile("50%"), percentile("99%"), int(errors.group(1)) if errors else 0


def serve(module: str, port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            module,
        ],
        cwd=ROOT if module == "wsgi:app" else ROOT / "bench",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=4, help="per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--only", default="", help="measure only pages whose name contains this text"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    folder = tempfile.mkdtemp()
    config = {"SECRET_KEY": "l" * 40, "DATABASE_URL": f"sqlite:///{folder}/load.sqlite3"}
    env = {
        **os.environ,
        "SECRET_KEY": config["SECRET_KEY"],
        "DATABASE_URL": config["DATABASE_URL"],
        "RATELIMIT_ENABLED": "false",
    }
    workshop_id, code, first_question, choice = seed(config)
    servers = [serve("wsgi:app", APP_PORT, env), serve("hello:app", HELLO_PORT, env)]
    try:
        time.sleep(5)
        learner, token = login("learner@bench.example", factories.PASSWORD)
        trainer, _ = login("trainer@bench.example", "benchmark passphrase")
        answer = Path(folder) / "answer.lua"
        answer.write_text(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
            f'wrk.body = "csrf_token={token}&choice={choice}"\n'
        )
        base = f"http://127.0.0.1:{APP_PORT}"
        pages = [
            ("catalogue (anonymous)", f"{base}/", None, None),
            (
                "lesson page (logged in)",
                f"{base}/modules/{MODULE}/what-trafficking-is",
                learner,
                None,
            ),
            ("learner dashboard", f"{base}/my-learning", learner, None),
            (
                "quiz answer (POST)",
                f"{base}/modules/{MODULE}/quiz/attempts/1/{first_question}",
                learner,
                str(answer),
            ),
            ("trainer dashboard, 500 people", f"{base}/workshops/{workshop_id}", trainer, None),
            ("verification page", f"{base}/verify/{code}", None, None),
        ]
        pages = [page for page in pages if args.only in page[0]]
        # Each page alternates with the ceiling, round after round, and the medians count: the
        # speed of this shared machine changes by half for seconds at a time, so a ratio to a
        # ceiling measured at another moment says more about the machine than about the page.
        hello_url = f"http://127.0.0.1:{HELLO_PORT}/"
        results = []
        for name, url, cookie, script in pages:
            rounds = []
            for number in range(args.rounds):
                ceiling = wrk(hello_url, args.seconds, args.connections, warm_up=number == 0)[0]
                rounds.append(
                    (
                        ceiling,
                        *wrk(
                            url, args.seconds, args.connections, cookie, script, warm_up=number == 0
                        ),
                    )
                )
            results.append((name, rounds))
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"wrk, {args.connections} connections, gunicorn {gunicorn_settings.describe()}, "
        f"SQLite, 2 cores shared with wrk; {args.rounds} rounds of {args.seconds} s per page, "
        "each right after a round of a bare Flask 'hello' app (the ceiling) under the same "
        "settings; medians of the rounds"
    )
    print(
        f"{'page':<32}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'ceiling':>9}{'ratio':>7}"
        f"{'errors':>8}  target"
    )
    for name, rounds in results:
        ceiling, rps, p50, p99 = (median(column) for column in list(zip(*rounds, strict=True))[:4])
        ratio = median(page / hello for hello, page, *_ in rounds)
        errors = sum(round_errors for *_, round_errors in rounds)
        goal = TARGETS.get(name)
        target = (f">= {goal} of ceiling" if goal else "") + ("; " if goal else "") + "p99 < 250 ms"
        print(
            f"{name:<32}{rps:>8.0f}{p50:>8.1f}{p99:>8.1f}{ceiling:>9.0f}{ratio:>7.2f}"
            f"{errors:>8}  {target}"
        )


if __name__ == "__main__":
    main()
