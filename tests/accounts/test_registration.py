"""Registration: validation, password policy, duplicates, and what is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from learning.accounts.models import Organisation, Role, User


def test_register_logs_in_and_stores_a_scrypt_hash(client, auth, db):
    response = auth.register(email="New.Person@Example.org ")
    assert response.status_code == 302
    user = db.scalar(select(User).where(User.email == "new.person@example.org"))
    assert user.role == Role.LEARNER
    assert user.password_hash.startswith("scrypt:")
    assert "long enough" not in user.password_hash
    assert user.organisation.name == "Field NGO" and user.country == "KE"
    assert client.get("/my-learning").status_code == 200


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("short1234", False),  # 9 characters
        ("tencharsok", True),  # exactly 10, lower-case only: no composition rules
        ("1234567890", False),  # common
        ("qwertyuiop", False),  # common
        ("aaaaaaaaaaaa", False),  # fewer than three distinct characters
        ("pass phrase with spaces 🙂", True),
        ("a long passphrase of many words " * 4, True),  # 128 characters
    ],
)
def test_password_policy(auth, password, accepted):
    response = auth.register(password=password)
    assert (response.status_code == 302) is accepted


def test_long_password_is_verified_exactly_as_typed(client, auth):
    password = "correct horse " * 9 + "z"  # 127 characters, longer than bcrypt's 72
    assert auth.register(password=password).status_code == 302
    auth.logout()
    assert auth.login(password=password[:72]).status_code == 200
    assert auth.login(password=password).status_code == 302


def test_bad_input_keeps_what_was_typed_and_explains(auth):
    response = auth.register(password="short", display_name="Amina Diallo")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Amina Diallo"' in page
    assert "Use at least 10 characters." in page
    assert 'aria-invalid="true"' in page


def test_duplicate_email_is_refused_case_insensitively(auth, db):
    auth.register(email="dup@example.org")
    auth.logout()
    response = auth.register(email="DUP@example.org")
    assert response.status_code == 200
    assert "already exists" in response.get_data(as_text=True)
    assert len(db.scalars(select(User).where(User.email == "dup@example.org")).all()) == 1


def test_extra_fields_cannot_raise_privileges(auth, db):
    auth.register(email="sneaky@example.org", role="admin", is_active="0", session_version="9")
    user = db.scalar(select(User).where(User.email == "sneaky@example.org"))
    assert user.role == Role.LEARNER and user.is_active and user.session_version == 1


@pytest.mark.parametrize("name", ["Evil\u202eName", "Zero\u200bWidth", "Bell\x07", "   "])
def test_disguising_names_are_refused(auth, name):
    response = auth.register(display_name=name)
    assert response.status_code == 200


def test_names_in_any_script_round_trip(auth, db):
    name = "فاطمة الزهراء / Ольга Петрова / Nguyễn"
    auth.register(email="intl@example.org", display_name=name)
    assert db.scalar(select(User.display_name).where(User.email == "intl@example.org")) == name


def test_template_syntax_in_names_is_shown_literally(client, auth):
    auth.register(display_name="{{7*7}} <script>alert(1)</script>")
    page = client.get("/profile").get_data(as_text=True)
    assert 'value="{{7*7}} &lt;script&gt;' in page  # shown as typed, not evaluated to 49
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_organisations_are_shared_not_duplicated(auth, db):
    auth.register(email="a@example.org", organisation_name="Field NGO")
    auth.logout()
    auth.register(email="b@example.org", organisation_name="  field   ngo ")
    assert len(db.scalars(select(Organisation)).all()) == 1


def test_unknown_country_and_kind_are_refused(auth):
    assert auth.register(country="XX").status_code == 200
    assert auth.register(organisation_kind="pirates").status_code == 200


def test_register_follows_a_safe_next(client, auth):
    token_page = "/register?next=/modules/sample-module"
    from tests.conftest import csrf_token

    data = {
        "display_name": "N",
        "email": "next@example.org",
        "password": "tencharsok!",
        "confirm": "tencharsok!",
        "organisation_kind": "ngo",
        "organisation_name": "O",
        "country": "KE",
        "csrf_token": csrf_token(client, token_page),
    }
    response = client.post(token_page, data=data)
    assert response.location == "/modules/sample-module"


def test_the_organisation_kind_is_not_chosen_for_the_person(client, auth, db):
    """Issue 15: "UN agency" was pre-selected, so partners were recorded as UN staff."""
    page = client.get("/register").get_data(as_text=True)
    kind = page.split('name="organisation_kind"', 1)[1].split("</select>", 1)[0]
    assert "selected" not in kind
    assert '<option value="">' in kind.replace(" selected", "")
    response = auth.register(organisation_kind="", display_name="Amina Diallo")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Choose the type of your organisation." in page
    assert 'value="Amina Diallo"' in page and 'value="Field NGO"' in page
    assert db.scalar(select(User).where(User.email == "learner@example.org")) is None
