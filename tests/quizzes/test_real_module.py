"""A learner completes the real module "Smuggling vs trafficking" end to end, quiz included."""

from __future__ import annotations

import io

import segno
from pypdf import PdfReader
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from learning.config import PROJECT_ROOT
from learning.content.assessments.types import question_type
from learning.db import get_session
from learning.progress.models import Enrolment
from learning.quizzes.models import QuizAttempt
from learning.quizzes.services import questions_of
from learning.records.models import CompletionRecord
from tests import factories
from tests.conftest import AuthActions, make_app

SLUG = "smuggling-vs-trafficking"


def _best_path(scenario):
    """Post the best offered choice at every node, tracking the state as the server does."""
    kind, state, moves = question_type("scenario"), None, []
    while not (state and state["ending"]):
        node = scenario.nodes[state["at"] if state else scenario.start]
        counters = state["counters"] if state else scenario.initial_counters()
        choice = max(node.offered(counters), key=lambda c: c.points)
        moves.append({"node": node.id, "choice": choice.id})
        state = kind.read_response(scenario, MultiDict(moves[-1]), state)
    return moves, state


def test_complete_the_real_module(tmp_path):
    app = make_app(
        tmp_path,
        CONTENT_DIR=str(PROJECT_ROOT / "modules"),
        QUIZZES_DIR=str(PROJECT_ROOT / "quizzes"),
    )
    with app.app_context():
        factories.user(get_session(), email="admin@example.org", role="admin")
        get_session().commit()
    catalogue = app.extensions["learning.catalogue"]
    module, quiz = catalogue.module(SLUG), catalogue.quiz_for(SLUG)
    client = app.test_client()
    auth = AuthActions(client)
    assert auth.register(email="officer@example.org").status_code == 302

    for lesson in module.lessons:
        page = client.get(f"/modules/{SLUG}/{lesson.slug}")
        assert page.status_code == 200 and lesson.title.split(":")[0] in page.get_data(True)
        auth.post(f"/modules/{SLUG}/{lesson.slug}/complete")

    start = auth.post(f"/modules/{SLUG}/quiz/start")
    base = f"/modules/{SLUG}/quiz/attempts/1"
    assert start.location.startswith(base)
    with app.app_context():
        attempt = get_session().scalar(select(QuizAttempt))
        drawn = questions_of(attempt, quiz)
    # The attempt drew its classic items from the pool; the others are not part of it.
    assert len([q for q in drawn if q.type.endswith("_choice")]) == quiz.draw
    undrawn = next(q for q in quiz.questions if q not in drawn)
    assert client.get(f"{base}/{undrawn.id}").status_code == 404
    for question in drawn:
        url = f"{base}/{question.id}"
        assert client.get(url).status_code == 200
        if question.type in ("single_choice", "multiple_choice"):
            assert auth.post(url, {"choice": sorted(question.correct_ids)}).status_code == 302
        elif question.type == "scenario":
            moves, state = _best_path(question)
            assert len(moves) >= 6
            for move in moves:
                assert auth.post(url, move).status_code == 302
            assert "Ending:" in client.get(url).get_data(True)
            assert question.endings[state["ending"]].band == "good"
        else:
            answers = {f"answer-{p.id}": "A considered answer." for p in question.prompts}
            auth.post(url, {"step": "answer", **answers})
            auth.post(url, {"step": "assess", "rubric": [r.id for r in question.rubric]})

    result = auth.post(f"{base}/submit")
    assert result.location == f"{base}/result"
    page = client.get(result.location).get_data(True)
    assert "100%" in page and "Passed" in page
    dashboard = client.get("/my-learning").get_data(True)
    assert "Completed" in dashboard and "best score 100%" in dashboard
    with app.app_context():
        assert get_session().scalar(select(Enrolment.completed_at)) is not None
        code = get_session().scalar(
            select(CompletionRecord.verification_code).where(CompletionRecord.subject_slug == SLUG)
        )

    # The certificate's QR code encodes the verification page, which shows the same details.
    pdf = client.get(f"/records/{code}/certificate.pdf")
    page = PdfReader(io.BytesIO(pdf.data)).pages[0]
    verify_url = f"http://localhost/verify/{code}"
    assert qr_matches(page.images[0].image, verify_url)
    printed = page.extract_text()
    verification = client.get(verify_url).get_data(True)
    for detail in ("Test Learner", module.title, "Valid."):
        assert detail in verification
    assert "Test Learner" in printed and module.title in printed
    assert "self-assessed" in verification and "self-assessed" in printed

    admin = app.test_client()
    AuthActions(admin).login(email="admin@example.org")
    export = admin.get("/admin/records/export.csv").data.decode("utf-8")
    assert code[:4] in export and module.title in export


def qr_matches(image, url: str) -> bool:
    """Whether a QR image (as drawn by the certificate: scale 8, border 2) encodes ``url``."""
    matrix = segno.make(url, error="m").matrix
    grey = image.convert("L")
    scale, border = 8, 2
    return all(
        (
            grey.getpixel(((x + border) * scale + scale // 2, (y + border) * scale + scale // 2))
            < 128
        )
        == bool(cell)
        for y, row in enumerate(matrix)
        for x, cell in enumerate(row)
    )
