"""Playing the sample quiz through the HTTP interface, as a learner's browser would."""

from __future__ import annotations

from tests.conftest import csrf_token

MODULE = "/modules/sample-module"
QUIZ = f"{MODULE}/quiz"


def item_url(number: int, question_id: str) -> str:
    return f"{QUIZ}/attempts/{number}/{question_id}"


def token(client) -> str:
    """The session's CSRF token (any page of a logged-in learner carries it)."""
    return csrf_token(client, "/")


def start(client) -> str:
    return client.post(f"{QUIZ}/start", data={"csrf_token": token(client)}).location


def answer(client, number: int, question_id: str, **fields):
    return client.post(item_url(number, question_id), data={"csrf_token": token(client), **fields})


def play_all(client, number: int = 1, good: bool = True) -> None:
    """Answer every item: all correct when ``good``, else all wrong (a failing attempt)."""
    answer(client, number, "pick-one", choice="right" if good else "wrong")
    answer(client, number, "pick-many", choice=["a", "b"] if good else ["c"])
    if good:
        answer(client, number, "the-scenario", node="first", choice="listen")
        answer(client, number, "the-scenario", node="second", choice="refer")
    else:
        answer(client, number, "the-scenario", node="first", choice="papers")
    answer(
        client,
        number,
        "the-case",
        step="answer",
        **{"answer-classify": "It is trafficking.", "answer-next-steps": "Refer."},
    )
    answer(client, number, "the-case", step="assess", rubric=["refers"])


def submit(client, number: int = 1):
    return client.post(f"{QUIZ}/attempts/{number}/submit", data={"csrf_token": token(client)})


def read_lessons(client) -> None:
    for lesson in ("lesson-1", "lesson-2", "lesson-3"):
        url = f"{MODULE}/{lesson}"
        client.post(f"{url}/complete", data={"csrf_token": csrf_token(client, url)})
