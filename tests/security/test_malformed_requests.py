"""Malformed input gives 400/404/413 or a form error, never a 500 (RELIABILITY E1-E4, I7, L1,
L2). Runs on PostgreSQL too, which refuses NUL characters and integers that SQLite accepts.

Already covered elsewhere: tests/test_app.py::test_oversized_request_is_refused and
::test_path_tricks_are_404, tests/quizzes/test_flow.py::test_malformed_ids_are_404,
tests/quizzes/test_grading.py::test_malformed_responses_are_refused and
::test_case_study_refuses_oversized_answers, tests/accounts/test_registration.py::
test_disguising_names_are_refused and ::test_template_syntax_in_names_is_shown_literally.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from learning.accounts.models import User
from learning.db import get_engine
from tests.conftest import csrf_token
from tests.security.world import build_world, client_for

BAD_TEXT = {
    "NUL": "abc\x00def",
    "10,000 characters": "x" * 10_000,
    "template syntax": "{{7*7}} {% raw %}",
    "right-to-left override": "abc\u202edef",
}
BAD_IDS = ["abc", "-1", "0", "1e9", "99999999999", "1%20OR%201=1", "%00", "1.5"]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    world = build_world(tmp_path_factory.mktemp("malformed"))
    yield world
    get_engine(world.app).dispose()  # the per-test clean-up only covers function scope


@pytest.fixture(scope="module")
def clients(world):
    clients = {role: client_for(world.app, role) for role in ("learner", "trainer", "admin")}
    learner = clients["learner"]
    # An attempt in progress (the first one is submitted), so answers reach the quiz code.
    learner.post("/modules/sample-module/quiz/start", data={"csrf_token": csrf_token(learner, "/")})
    return clients


def _forms(world) -> list[tuple[str, str, str, dict]]:
    """(role, form page, URL, fields) for every form a user types text into."""
    w = f"/workshops/{world.workshop_id}"
    return [
        ("anonymous", "/login", "/login", {"email": "{}", "password": "{}"}),
        (
            "anonymous",
            "/register",
            "/register",
            {
                "display_name": "{}",
                "email": "x{}@example.org",
                "password": "{}",
                "confirm": "{}",
                "organisation_kind": "ngo",
                "organisation_name": "{}",
                "country": "KE",
            },
        ),
        ("learner", "/profile", "/profile/name", {"display_name": "{}"}),
        (
            "learner",
            "/profile",
            "/profile/password",
            {"current_password": "{}", "new_password": "{}", "confirm": "{}"},
        ),
        ("learner", "/check-in", "/check-in", {"code": "{}"}),
        ("learner", "/", f"/join/{world.join_code}", {"extra": "{}"}),
        ("learner", "/", "/modules/sample-module/quiz/attempts/2/pick-one", {"choice": "{}"}),
        (
            "learner",
            "/",
            "/modules/sample-module/quiz/attempts/2/the-case",
            {"step": "answer", "answer-classify": "{}", "answer-next-steps": "{}"},
        ),
        (
            "trainer",
            "/workshops/new",
            "/workshops/new",
            {
                "title": "{}",
                "region": "Africa",
                "country": "KE",
                "location": "{}",
                "starts_on": "2026-05-01",
                "ends_on": "2026-05-02",
                "language": "{}",
                "modules": "sample-module",
                "participation_days": "1",
            },
        ),
        ("trainer", w, f"{w}/facilitators", {"email": "{}"}),
        ("trainer", w, f"{w}/attendance", {"day": "{}", "present": "{}"}),
        (
            "trainer",
            w,
            f"{w}/case-studies/sample-quiz/the-case",
            {"answer_id": str(world.case_answer_id), "feedback": "{}"},
        ),
        ("admin", "/admin/records", f"/admin/records/{world.record_code}/revoke", {"reason": "{}"}),
        ("admin", "/admin/users", f"/admin/users/{world.victim_id}/role", {"role": "{}"}),
    ]


def _post_all(world, clients, value: str) -> dict[str, int]:
    statuses = {}
    for role, page, url, fields in _forms(world):
        client = clients.get(role) or world.app.test_client()
        data = {name: template.replace("{}", value) for name, template in fields.items()}
        data["csrf_token"] = csrf_token(client, page)
        statuses[url] = client.post(url, data=data).status_code
    return statuses


@pytest.mark.parametrize("kind", BAD_TEXT)
def test_bad_text_in_every_form_is_refused_or_kept_as_text(world, clients, kind):
    statuses = _post_all(world, clients, BAD_TEXT[kind])
    assert not {url: code for url, code in statuses.items() if code >= 500}, statuses
    if kind == "NUL":
        assert set(statuses.values()) == {400}, statuses
    assert clients["learner"].get("/my-learning").status_code == 200


@pytest.mark.parametrize("raw", [b"%ED%A0%80", b"%FF%FE", b"%C0%AF", b"abc%00"])
def test_invalid_utf8_and_surrogates_in_forms_and_queries(world, clients, raw):
    learner, admin = clients["learner"], clients["admin"]
    token = csrf_token(learner, "/profile").encode()
    response = learner.post(
        "/profile/name",
        data=b"display_name=Lena" + raw + b"&csrf_token=" + token,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 400)
    for url in (
        "/admin/users?q=",
        "/admin/records?country=",
        "/glossary?q=",
        "/verify?code=",
        "/join?code=",
        f"/workshops/{world.workshop_id}?module=",
    ):
        assert admin.get(url + raw.decode()).status_code in (200, 302, 400, 404), url
    db = world.app.extensions["learning.db"]()
    name = db.scalar(select(User.display_name).where(User.id == world.learner_id))
    db.close()
    name.encode("utf-8")  # what was stored is valid text (no lone surrogate)
    assert "\x00" not in name


@pytest.mark.parametrize("bad", BAD_IDS)
def test_malformed_ids_in_urls_and_queries(world, clients, bad):
    trainer, admin = clients["trainer"], clients["admin"]
    for url in (
        f"/workshops/{bad}",
        f"/workshops/{bad}/roster.csv",
        f"/admin/users/{bad}",
        f"/my-workshops/{bad}",
        f"/modules/sample-module/quiz/attempts/{bad}",
        f"/records/{bad}/certificate",
        f"/verify/{bad}",
        f"/join/{bad}",
    ):
        assert admin.get(url).status_code in (400, 404), url
    w = f"/workshops/{world.workshop_id}"
    for url in (
        f"/admin/users?page={bad}",
        f"/admin/records?page={bad}&workshop={bad}",
        f"{w}?idle={bad}&module={bad}&view={bad}",
        f"{w}/attendance?day={bad}",
        f"{w}/debrief/sample-quiz?reveal={bad}",
    ):
        assert admin.get(url).status_code == (400 if bad == "%00" else 200), url
    token = csrf_token(trainer, w)
    for data in ({"answer_id": bad, "feedback": "x"}, {"answer_id": [bad, "1"]}):
        response = trainer.post(
            f"{w}/case-studies/sample-quiz/the-case", data={**data, "csrf_token": token}
        )
        assert response.status_code in (400, 404)


@pytest.mark.parametrize("number", ["99999999999999999999", "²", "١"])
def test_numbers_that_python_reads_differently(world, clients, number):
    """Unicode digits and numbers beyond 64 bits reach int() and the database."""
    admin = clients["admin"]
    assert admin.get(f"/admin/users?page={number}").status_code == 200
    assert admin.get(f"/admin/records?page={number}").status_code == 200
    w = f"/workshops/{world.workshop_id}"
    response = admin.post(
        f"{w}/attendance", data={"present": number, "csrf_token": csrf_token(admin, w)}
    )
    assert response.status_code == 302


def test_repeated_parameters_take_the_first_value(world, clients):
    """RELIABILITY E4: WTForms and request.args both read the first of repeated keys."""
    learner = clients["learner"]
    token = csrf_token(learner, "/profile")
    response = learner.post(
        "/profile/name", data={"display_name": ["Lena First", "Evil Second"], "csrf_token": token}
    )
    assert response.status_code == 302
    assert "Lena First" in learner.get("/profile").get_data(as_text=True)
    response = learner.get(f"/verify?code={world.record_code}&code=ZZZZ")
    assert response.status_code == 302 and world.record_code[:4] in response.location


BOUNDARY = "b0undary"


def _multipart(fields: dict) -> bytes:
    """A multipart body built by hand (the test client would spool a large one to a temporary
    file that it never closes when the app refuses the request unread)."""
    body = b""
    for name, value in fields.items():
        filename = f'; filename="{name}.csv"' if name == "file" else ""
        body += (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"{filename}\r\n\r\n'
        ).encode()
        body += (value if isinstance(value, bytes) else value.encode()) + b"\r\n"
    return body + f"--{BOUNDARY}--\r\n".encode()


def test_oversized_bodies_and_too_many_fields(world, clients):
    learner, trainer = clients["learner"], clients["trainer"]
    token = csrf_token(learner, "/profile")
    fields = "&".join(f"f{n}=1" for n in range(5000)) + f"&csrf_token={token}"
    response = learner.post(
        "/profile/name", data=fields, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (400, 413)
    parts = {f"f{n}": b"1" for n in range(5000)}
    response = learner.post(
        "/profile/name",
        data=_multipart({**parts, "csrf_token": token}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 413
    w = f"/workshops/{world.workshop_id}"
    big_file = b"name,email\n" + b"x" * (1024 * 1024 + 1)
    response = trainer.post(
        f"{w}/import",
        data=_multipart({"file": big_file, "csrf_token": csrf_token(trainer, w)}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 413
    response = learner.post(
        "/profile/name", data={"display_name": "y" * 300_000, "csrf_token": token}
    )
    assert response.status_code in (400, 413)


@pytest.mark.parametrize(
    "url",
    [
        "/console",
        "/app.db",
        "/instance/secret_key",
        "/.git/config",
        "/static/../instance/secret_key",
        "/static/%2e%2e/__init__.py",
        "/learning.sqlite3",
        "/static/..%2f..%2finstance%2fsecret_key",
    ],
)
def test_no_debugger_and_no_files_outside_static(world, url):
    assert world.app.test_client().get(url).status_code == 404


def test_trace_is_refused_and_no_version_banner(world):
    client = world.app.test_client()
    response = client.open("/", method="TRACE")
    assert response.status_code == 405
    assert "X-Powered-By" not in response.headers
    for response in (client.get("/"), client.get("/no/such/page")):
        assert "X-Powered-By" not in response.headers
        assert not any(char.isdigit() for char in response.headers.get("Server", ""))
