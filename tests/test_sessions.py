"""The session cookie is re-signed at most once a minute when nothing in it changed."""

from __future__ import annotations


def session_cookie_set(response) -> bool:
    return any(
        header.startswith("learning_session=") for header in response.headers.getlist("Set-Cookie")
    )


def test_unchanged_session_is_not_resent_within_a_minute(client, learner):
    client.get("/my-learning")
    assert not session_cookie_set(client.get("/my-learning"))


def test_unchanged_session_is_resent_once_the_minute_is_over(app, client, learner):
    client.get("/my-learning")
    app.config["SESSION_REFRESH_SECONDS"] = 0  # as if a minute had passed
    assert session_cookie_set(client.get("/my-learning"))


def test_changed_session_is_sent_at_once(client, learner):
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Shown once")]
    response = client.get("/my-learning")
    assert "Shown once" in response.get_data(as_text=True)
    assert session_cookie_set(response)  # the message was taken out of the session


def test_tampered_cookie_starts_an_empty_session(client, learner):
    value = client.get_cookie("learning_session").value
    changed = "A" if value[-2] != "A" else "B"
    client.set_cookie("learning_session", value[:-2] + changed + value[-1])
    response = client.get("/my-learning")
    assert response.status_code == 302 and "/login" in response.location


def test_a_new_key_takes_effect_at_once_and_the_old_one_still_reads(app, client, learner):
    client.get("/my-learning")  # the serializer for the first key is built and kept
    old_key = app.secret_key
    app.secret_key = "a new key for signing sessions, forty chars"
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    assert client.get("/my-learning").status_code == 200  # signed with the old key: still in
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert client.get("/my-learning").status_code == 302  # old key gone: logged out


def test_a_visitor_gets_no_cookie_but_pages_still_vary_on_it(client):
    response = client.get("/")
    assert not session_cookie_set(response)
    assert "Cookie" in response.headers.get("Vary", "")
