"""A realistic large dataset, quickly, through bulk inserts: by default 20,000 users, 200
workshops of 100 participants, enrolments and lesson progress, and 1,000,000 quiz answers.
Prints what it made and how long it took.

    .venv/bin/python bench/seed.py [--database-url URL] [--users 20000] [--answers 1000000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from learning.accounts.models import Organisation, User  # noqa: E402
from learning.accounts.passwords import hash_password  # noqa: E402
from learning.app import create_app  # noqa: E402
from learning.db import get_engine, get_session, utcnow  # noqa: E402
from learning.models import Base  # noqa: E402
from learning.progress.models import Enrolment, LessonProgress  # noqa: E402
from learning.quizzes.models import QuizAnswer, QuizAttempt  # noqa: E402
from learning.workshops.models import Workshop, WorkshopMember, WorkshopModule  # noqa: E402

BATCH = 20_000
COUNTRIES = ["KE", "UG", "ET", "CO", "MX", "TH", "MY", "NP", "JO", "LB", "GR", "IT", "UA"]
REGIONS = {
    "KE": "Africa",
    "UG": "Africa",
    "ET": "Africa",
    "CO": "Americas",
    "MX": "Americas",
    "TH": "Asia and the Pacific",
    "MY": "Asia and the Pacific",
    "NP": "Asia and the Pacific",
    "JO": "Middle East and North Africa",
    "LB": "Middle East and North Africa",
    "GR": "Europe",
    "IT": "Europe",
    "UA": "Europe",
}


def bulk(session, model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        session.execute(insert(model), rows[start : start + BATCH])


def ids(session, column, where) -> list[int]:
    return list(session.scalars(select(column).where(where).order_by(column)))


def main() -> None:  # noqa: PLR0915 - one linear recipe reads best as one function
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite:///instance/bench-large.sqlite3")
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--workshops", type=int, default=200)
    parser.add_argument("--answers", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = random.Random(7)  # noqa: S311 - reproducible test data, not secrets
    app = create_app({"SECRET_KEY": "s" * 40, "DATABASE_URL": args.database_url})
    engine = get_engine(app)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    started = time.perf_counter()
    with app.app_context():
        session = get_session()
        catalogue = app.extensions["learning.catalogue"]
        now = utcnow()
        bulk(
            session,
            Organisation,
            [
                {
                    "name": f"Organisation {n}",
                    "name_key": f"organisation {n}",
                    "kind": rng.choice(["un_agency", "government", "ngo"]),
                    "country": COUNTRIES[n % len(COUNTRIES)],
                    "created_at": now,
                }
                for n in range(500)
            ],
        )
        organisations = ids(session, Organisation.id, Organisation.id > 0)
        password = hash_password("a long benchmark passphrase")
        bulk(
            session,
            User,
            [
                {
                    "email": f"user{n}@bench.example",
                    "display_name": f"User {n:05d}",
                    "password_hash": password,
                    "role": "trainer" if n < 200 else "learner",
                    "organisation_id": organisations[n % len(organisations)],
                    "country": COUNTRIES[n % len(COUNTRIES)],
                    "is_active": True,
                    "session_version": 1,
                    "created_at": now,
                }
                for n in range(args.users)
            ],
        )
        users = ids(session, User.id, User.id > 0)
        modules = catalogue.modules
        bulk(
            session,
            Workshop,
            [
                {
                    "title": f"Regional training {n}",
                    "region": REGIONS[COUNTRIES[n % len(COUNTRIES)]],
                    "country": COUNTRIES[n % len(COUNTRIES)],
                    "location": f"City {n}",
                    "starts_on": (now - timedelta(days=n)).date(),
                    "ends_on": (now - timedelta(days=n - 2)).date(),
                    "language": "English",
                    "participation_days": 1,
                    "status": "open",
                    "join_code": f"W{n:07d}",
                    "created_by_id": users[n % 200],
                    "created_at": now,
                }
                for n in range(args.workshops)
            ],
        )
        workshops = ids(session, Workshop.id, Workshop.id > 0)
        bulk(
            session,
            WorkshopModule,
            [
                {"workshop_id": w, "module_slug": m.slug, "position": i}
                for w in workshops
                for i, m in enumerate(modules[:4])
            ],
        )
        learners = users[200:]
        bulk(
            session,
            WorkshopMember,
            [
                {
                    "workshop_id": workshops[n % len(workshops)],
                    "user_id": user_id,
                    "role": "participant",
                    "joined_at": now,
                }
                for n, user_id in enumerate(learners)
            ],
        )
        bulk(
            session,
            Enrolment,
            [
                {
                    "user_id": user_id,
                    "module_slug": m.slug,
                    "source": "workshop",
                    "enrolled_at": now,
                }
                for user_id in learners
                for m in modules[:4]
            ],
        )
        enrolments = session.execute(select(Enrolment.id, Enrolment.module_slug)).all()
        bulk(
            session,
            LessonProgress,
            [
                {
                    "enrolment_id": enrolment_id,
                    "lesson_slug": lesson.slug,
                    "lesson_version": "x",
                    "completed_at": now,
                }
                for enrolment_id, slug in enrolments
                for lesson in catalogue.module(slug).lessons[: rng.randint(0, 3)]
            ],
        )
        quizzes = [catalogue.quiz_for(m.slug) for m in modules[:4]]
        per_attempt = 15
        attempts_needed = args.answers // per_attempt
        bulk(
            session,
            QuizAttempt,
            [
                {
                    # n walks every (learner, quiz) pair once before any second attempt.
                    "user_id": learners[(n // 4) % len(learners)],
                    "quiz_slug": quizzes[n % 4].slug,
                    "attempt_no": 1 + n // (len(learners) * 4),
                    "quiz_version": quizzes[n % 4].version,
                    "pass_mark": 0.7,
                    "max_points": quizzes[n % 4].max_points,
                    "shuffle_seed": n,
                    "status": "submitted",
                    "points": 10.0,
                    "score": rng.random(),
                    "passed": rng.random() > 0.3,
                    "started_at": now,
                    "submitted_at": now,
                }
                for n in range(attempts_needed)
            ],
        )
        session.commit()
        attempt_ids = ids(session, QuizAttempt.id, QuizAttempt.id > 0)
        answers = 0
        rows: list[dict] = []
        for attempt_id in attempt_ids:
            for question in range(per_attempt):
                rows.append(
                    {
                        "attempt_id": attempt_id,
                        "question_id": f"q{question}",
                        "question_type": "single_choice",
                        "response": {"choices": ["a"]},
                        "answer_text": "An answer",
                        "correctness": 1.0,
                        "points": 1.0,
                        "updated_at": now,
                    }
                )
            if len(rows) >= BATCH:
                session.execute(insert(QuizAnswer), rows)
                answers += len(rows)
                rows = []
        if rows:
            session.execute(insert(QuizAnswer), rows)
            answers += len(rows)
        session.commit()
    elapsed = time.perf_counter() - started
    print(
        f"Seeded {args.database_url} in {elapsed:.0f} s: {len(users):,} users, "
        f"{len(workshops):,} workshops, {len(enrolments):,} enrolments, "
        f"{len(attempt_ids):,} quiz attempts, {answers:,} quiz answers"
    )


if __name__ == "__main__":
    main()
