"""Every URL rule of the app x every kind of user, GET and POST (RELIABILITY C1-C4, D1).

The table below has one entry per endpoint of ``app.url_map``: the URL arguments (pointing at
the learner's own workshop, attempt and record) and the expected status for each role. A new
route without an entry, or an entry whose endpoint is gone, fails ``test_the_table_matches_
the_url_map``. POSTs carry a valid CSRF token, so their status reflects authorization only;
they never destroy what later requests need (forms are left incomplete, the account closing
gets a wrong password, administrators act on a throwaway user).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import url_for

from tests.conftest import csrf_token
from tests.security.helpers import active_content, check_security_headers
from tests.security.world import ROLES, World, build_world, client_for

LOGIN = "login"  # 302 to the login page


def _row(anonymous, learner, other, trainer, other_trainer, admin) -> dict[str, object]:
    return dict(zip(ROLES, (anonymous, learner, other, trainer, other_trainer, admin), strict=True))


def everyone(status: int) -> dict[str, object]:
    return _row(status, status, status, status, status, status)


def members(status: int) -> dict[str, object]:
    """Any account; visitors are sent to log in."""
    return _row(LOGIN, status, status, status, status, status)


def admins(status: int) -> dict[str, object]:
    return _row(LOGIN, 403, 403, 403, 403, status)


def trainers(status: int) -> dict[str, object]:
    return _row(LOGIN, 403, 403, status, status, status)


def runners(status: int) -> dict[str, object]:
    """The trainer of W1 and administrators; W1's own participant is refused too."""
    return _row(LOGIN, 403, 403, status, 403, status)


def owner(status: int, admin: int = 404) -> dict[str, object]:
    """The learner's own attempt or record: for anyone else it does not exist."""
    return _row(LOGIN, status, 404, 404, 404, admin)


@dataclass
class Entry:
    args: Callable[[World], dict] = lambda world: {}
    get: dict | None = None
    post: dict | None = None
    data: Callable[[World], dict] = lambda world: {}


W1 = lambda world: {"workshop_id": world.workshop_id}  # noqa: E731
QUIZ = lambda world: {"slug": "sample-module", "number": 1}  # noqa: E731
RECORD = lambda world: {"code": world.record_code}  # noqa: E731
VICTIM = lambda world: {"user_id": world.victim_id}  # noqa: E731


def _w1(**more):
    return lambda world: {"workshop_id": world.workshop_id, **more}


MATRIX: dict[str, Entry] = {
    "accounts.login": Entry(get=everyone(200), post=everyone(200)),
    "accounts.register": Entry(
        get=_row(200, 302, 302, 302, 302, 302), post=_row(200, 302, 302, 302, 302, 302)
    ),
    "accounts.setup": Entry(get=everyone(404), post=everyone(404)),
    "accounts.profile": Entry(get=members(200)),
    "accounts.change_name": Entry(post=members(400)),
    "accounts.change_password": Entry(post=members(400)),
    "accounts.privacy_notice": Entry(get=everyone(200)),
    "accounts.export_data": Entry(get=members(200)),
    "accounts.close_account": Entry(
        get=members(200),
        post=members(400),
        data=lambda world: {"current_password": "not my password", "confirm": "y"},
    ),
    "accounts.logout": Entry(post=everyone(302)),
    "admin_users.index": Entry(get=admins(200)),
    "admin_users.user": Entry(VICTIM, get=admins(200)),
    "admin_users.set_role": Entry(VICTIM, post=admins(302)),
    "admin_users.deactivate": Entry(VICTIM, post=admins(302)),
    "admin_users.reactivate": Entry(VICTIM, post=admins(302)),
    "content.catalogue": Entry(get=everyone(200)),
    "content.glossary": Entry(get=everyone(200)),
    "content.resources": Entry(get=everyone(200)),
    "content.sources": Entry(get=everyone(200)),
    "content.learning_path": Entry(lambda world: {"slug": "sample-path"}, get=everyone(200)),
    "content.module": Entry(lambda world: {"slug": "sample-module"}, get=everyone(200)),
    "content.lesson": Entry(
        lambda world: {"slug": "sample-module", "lesson_slug": "lesson-1"}, get=members(200)
    ),
    "progress.dashboard": Entry(get=members(200)),
    "progress.start": Entry(lambda world: {"slug": "sample-module"}, post=members(302)),
    "progress.complete": Entry(
        lambda world: {"slug": "sample-module", "lesson_slug": "lesson-1"}, post=members(302)
    ),
    "quizzes.overview": Entry(lambda world: {"slug": "sample-module"}, get=members(200)),
    "quizzes.attempt": Entry(QUIZ, get=owner(302)),
    "quizzes.question": Entry(
        lambda world: {**QUIZ(world), "question_id": "pick-one"},
        get=owner(302),
        post=owner(302),
        data=lambda world: {"choice": "wrong"},
    ),
    "quizzes.result": Entry(QUIZ, get=owner(200)),
    "quizzes.submit": Entry(QUIZ, post=owner(302)),
    "quizzes.start": Entry(lambda world: {"slug": "sample-module"}, post=members(302)),
    "quizzes.revise_case": Entry(
        lambda world: {**QUIZ(world), "question_id": "the-case"}, post=owner(400)
    ),
    "records.my_records": Entry(get=members(200)),
    "records.certificate_page": Entry(RECORD, get=owner(200, admin=200)),
    "records.certificate_download": Entry(RECORD, get=owner(200, admin=200)),
    "records.verify_form": Entry(get=everyone(200)),
    "records.verify": Entry(RECORD, get=everyone(200)),
    "records_admin.index": Entry(get=admins(200)),
    "records_admin.export_csv": Entry(get=admins(200)),
    "records_admin.export_xlsx": Entry(get=admins(200)),
    "records_admin.revoke": Entry(RECORD, post=admins(302)),
    "records_admin.reissue": Entry(RECORD, post=admins(302)),
    "join.enter_code": Entry(get=everyone(200)),
    "join.landing": Entry(
        lambda world: {"code": world.join_code},
        get=everyone(200),
        post=_row(LOGIN, 302, 302, 302, 302, 302),
    ),
    "join.check_in": Entry(get=members(200), post=members(200)),
    "join.mine": Entry(W1, get=owner(200)),
    "join.shared_debrief": Entry(_w1(quiz_slug="sample-quiz"), get=owner(200)),
    "workshops.index": Entry(get=members(200)),
    "workshops.create": Entry(get=trainers(200), post=trainers(200)),
    "workshops.show": Entry(W1, get=runners(200)),
    "workshops.edit": Entry(W1, get=runners(200), post=runners(200)),
    "workshops.projector": Entry(W1, get=runners(200)),
    "workshops.open_workshop": Entry(W1, post=runners(302)),
    "workshops.add_facilitator": Entry(W1, post=runners(302)),
    "workshop_roster.attendance_page": Entry(W1, get=runners(200), post=runners(302)),
    "workshop_roster.open_check_in": Entry(W1, post=runners(200)),
    "workshop_roster.import_participants": Entry(W1, get=runners(200), post=runners(200)),
    "workshop_roster.confirm_import": Entry(W1, post=runners(400)),
    # The POST names no participant: authorised runners get 404, everyone else 403.
    "workshop_roster.attempts_page": Entry(
        W1, get=runners(200), post=runners(404), data=lambda world: {"quiz_slug": "sample-quiz"}
    ),
    "workshop_review.group_debrief": Entry(_w1(quiz_slug="sample-quiz"), get=runners(200)),
    "workshop_review.share_debrief": Entry(_w1(quiz_slug="sample-quiz"), post=runners(302)),
    "workshop_review.case_review": Entry(
        _w1(quiz_slug="sample-quiz", question_id="the-case"),
        get=runners(200),
        post=runners(302),
        data=lambda world: {"answer_id": str(world.case_answer_id), "feedback": "Seen."},
    ),
    "workshop_review.roster_file": Entry(_w1(kind="csv"), get=runners(200)),
    "workshop_review.certificates": Entry(W1, get=runners(200)),
    "workshop_review.close": Entry(W1, post=runners(302)),
}
# POSTs that change what later requests see run last, in this order.
POST_LAST = [
    "quizzes.start",
    "join.landing",
    "workshop_review.close",
    "accounts.close_account",
    "accounts.logout",
]


def _rules(app) -> dict[str, set[str]]:
    methods: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static":
            methods.setdefault(rule.endpoint, set()).update(rule.methods - {"HEAD", "OPTIONS"})
    return methods


def _declared(entry: Entry) -> set[str]:
    return {method for method, row in (("GET", entry.get), ("POST", entry.post)) if row}


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    from tests.conftest import make_app

    return _rules(make_app(tmp_path_factory.mktemp("rules")))


def test_every_route_has_an_entry(rules):
    missing = sorted(set(rules) - set(MATRIX))
    assert not missing, f"routes without an authorization rule in MATRIX: {missing}"
    wrong = {
        name: (sorted(rules[name]), sorted(_declared(MATRIX[name])))
        for name in rules
        if _declared(MATRIX[name]) != rules[name]
    }
    assert not wrong, f"methods allowed vs. methods in MATRIX differ: {wrong}"


def test_no_entry_names_a_route_that_is_gone(rules):
    stale = sorted(set(MATRIX) - set(rules))
    assert not stale, f"MATRIX entries for endpoints that no longer exist: {stale}"


def _check(response, expected, what: str) -> str | None:
    check_security_headers(response)
    if response.mimetype == "text/html":
        # The CSP allows no inline script: pages must not need any (RELIABILITY F6).
        assert active_content(response.text) == [], (what, active_content(response.text))
    if expected == LOGIN:
        if response.status_code == 302 and "/login" in response.location:
            return None
    elif response.status_code == expected:
        return None
    return f"{what}: expected {expected}, got {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_matrix_says(tmp_path, role):
    world = build_world(tmp_path)
    app, client = world.app, client_for(world.app, role)
    token = csrf_token(client, "/login" if role == "anonymous" else "/")
    existing = _rules(app)
    entries = {name: entry for name, entry in MATRIX.items() if name in existing}
    with app.test_request_context():
        urls = {name: url_for(name, **entry.args(world)) for name, entry in entries.items()}
    problems = []
    for name, entry in entries.items():
        if entry.get:
            response = client.get(urls[name])
            problems.append(_check(response, entry.get[role], f"GET {urls[name]}"))
    order = sorted(
        (name for name in entries if entries[name].post),
        key=lambda name: POST_LAST.index(name) if name in POST_LAST else -1,
    )
    for name in order:
        entry = entries[name]
        response = client.post(urls[name], data={**entry.data(world), "csrf_token": token})
        problems.append(_check(response, entry.post[role], f"POST {urls[name]}"))
    problems = [problem for problem in problems if problem]
    assert not problems, f"{role}:\n" + "\n".join(problems)


def test_every_post_route_needs_a_csrf_token(tmp_path):
    """RELIABILITY D1 for every POST route, generated from the same table: an administrator
    (who may do everything) is refused every POST that carries no token."""
    world = build_world(tmp_path)
    client = client_for(world.app, "admin")
    existing = _rules(world.app)
    with world.app.test_request_context():
        urls = [
            url_for(name, **entry.args(world))
            for name, entry in MATRIX.items()
            if entry.post and name in existing
        ]
    statuses = {url: client.post(url, data={"answer_id": "1"}).status_code for url in urls}
    assert {url: code for url, code in statuses.items() if code != 400} == {}
    assert client.get("/admin/users").status_code == 200  # still logged in: nothing happened
