"""Trainer dashboard for a 500-participant workshop on SQLite: time per page, as figures.

Seeds a temporary database through bulk inserts (500 participants, each with enrolments,
lesson progress, two quiz attempts and attendance on every day), then times the roster build
and the whole dashboard page through the test client, with the participant table rendered
and kept for a few seconds (learning.workshops.dashboard_cache). Prints a table; asserts
nothing.

    .venv/bin/python bench/dashboard.py [--participants 500] [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from learning.accounts.models import Role, User  # noqa: E402
from learning.accounts.passwords import hash_password  # noqa: E402
from learning.app import create_app  # noqa: E402
from learning.db import get_engine, get_session, utcnow  # noqa: E402
from learning.models import Base  # noqa: E402
from learning.progress.models import Enrolment, LessonProgress  # noqa: E402
from learning.quizzes.models import AttemptStatus, QuizAttempt  # noqa: E402
from learning.workshops import services  # noqa: E402
from learning.workshops.dashboard import roster  # noqa: E402
from learning.workshops.models import Attendance, MemberRole, WorkshopMember  # noqa: E402

TARGET_MS = 150
PASSWORD = "benchmark passphrase"  # noqa: S105 - a throwaway account in a temporary database


def seed(app, participants: int) -> int:
    with app.app_context():
        session = get_session()
        catalogue = app.extensions["learning.catalogue"]
        trainer = User(
            email="trainer@bench.example",
            display_name="Trainer",
            role=Role.TRAINER,
            password_hash=hash_password(PASSWORD),
            country="KE",
        )
        session.add(trainer)
        session.flush()
        modules = [m.slug for m in catalogue.modules][:4]
        today = utcnow().date()
        workshop = services.create(
            session,
            trainer,
            services.WorkshopDetails(
                title="Benchmark workshop",
                region="Africa",
                country="KE",
                location="Nairobi",
                starts_on=today,
                ends_on=today + timedelta(days=2),
                language="English",
                module_slugs=modules,
            ),
            catalogue,
        )
        services.open_workshop(session, workshop)
        users = [
            User(
                email=f"p{n}@bench.example",
                display_name=f"Participant {n:04d}",
                password_hash="",
                country="KE",
            )
            for n in range(participants)
        ]
        session.add_all(users)
        session.flush()
        members = [
            WorkshopMember(workshop_id=workshop.id, user_id=u.id, role=MemberRole.PARTICIPANT)
            for u in users
        ]
        session.add_all(members)
        session.flush()
        now = utcnow()
        for member in members:
            for day in workshop.days:
                session.add(Attendance(member_id=member.id, day=day, method="roster"))
        for user in users:
            for slug in modules:
                module = catalogue.module(slug)
                enrolment = Enrolment(user_id=user.id, module_slug=slug)
                session.add(enrolment)
                session.flush()
                for lesson in module.lessons[: 1 + user.id % len(module.lessons)]:
                    session.add(
                        LessonProgress(
                            enrolment_id=enrolment.id, lesson_slug=lesson.slug, lesson_version="x"
                        )
                    )
                quiz = catalogue.quiz_for(slug)
                for number, score in ((1, 0.5), (2, 0.8)):
                    session.add(
                        QuizAttempt(
                            user_id=user.id,
                            quiz_slug=quiz.slug,
                            attempt_no=number,
                            quiz_version=quiz.version,
                            pass_mark=0.7,
                            max_points=quiz.max_points,
                            shuffle_seed=1,
                            status=AttemptStatus.SUBMITTED,
                            score=score,
                            passed=score >= 0.7,
                            points=score * quiz.max_points,
                            submitted_at=now,
                        )
                    )
        session.commit()
        return workshop.id


def timed(runs: int, action) -> list[float]:
    action()  # warm up caches and the template
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SECRET_KEY": "b" * 40,
                "RATELIMIT_ENABLED": False,
                "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            }
        )
        Base.metadata.create_all(get_engine(app))
        started = time.perf_counter()
        workshop_id = seed(app, args.participants)
        seeded = time.perf_counter() - started
        app.extensions["learning.setup_done"] = True
        client = app.test_client()
        page = client.get("/login")
        token = page.get_data(as_text=True).split('name="csrf_token" type="hidden" value="')[1]
        client.post(
            "/login",
            data={
                "email": "trainer@bench.example",
                "password": PASSWORD,
                "csrf_token": token.split('"')[0],
            },
        )

        def build_roster() -> None:
            with app.app_context():
                session = get_session()
                trainer = session.query(User).filter_by(email="trainer@bench.example").one()
                roster(
                    session,
                    services.get_managed(session, trainer, workshop_id),
                    app.extensions["learning.catalogue"],
                )

        def load_page() -> None:
            response = client.get(f"/workshops/{workshop_id}")
            assert response.status_code == 200

        app.config["DASHBOARD_CACHE_SECONDS"] = 0
        rows = [
            ("roster build", timed(args.runs, build_roster)),
            ("page, rendered", timed(args.runs, load_page)),
        ]
        app.config["DASHBOARD_CACHE_SECONDS"] = 60  # the page kept (dashboard_cache)
        rows.append(("page, kept", timed(args.runs, load_page)))
    print(
        f"Trainer dashboard, {args.participants} participants x 4 modules, SQLite, "
        f"{args.runs} runs (seeded in {seeded:.1f} s)"
    )
    print(f"{'measure':<24}{'median ms':>11}{'p95 ms':>9}{'target ms':>11}  verdict")
    for name, samples in rows:
        median = statistics.median(samples)
        p95 = sorted(samples)[int(0.95 * (len(samples) - 1))]
        verdict = "meets" if median < TARGET_MS else "MISSES"
        print(f"{name:<24}{median:>11.1f}{p95:>9.1f}{TARGET_MS:>11}  {verdict}")


if __name__ == "__main__":
    main()
