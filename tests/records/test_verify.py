"""The public verification page: valid, revoked and unknown codes; nothing beyond the paper."""

from __future__ import annotations

import pytest

from learning.accounts import services as accounts
from learning.records import services
from tests import factories
from tests.conftest import make_app


@pytest.fixture
def issued(db):
    owner = factories.user(db, email="owner@example.org", display_name="Ольга Петрова")
    record = factories.record(db, owner)
    db.commit()
    return record


def test_valid_record_shows_what_the_certificate_prints(client, issued):
    page = client.get(f"/verify/{issued.verification_code}").get_data(as_text=True)
    assert "Valid." in page and "Ольга Петрова" in page and "Sample module" in page
    assert "Estimated study time" in page and "1.5 hours" in page and "Completed on" in page
    assert "UNHCR Protection Learning Programme" in page
    assert "owner@example.org" not in page and "Field NGO" not in page


def test_codes_are_accepted_as_people_type_them(client, issued):
    code = issued.verification_code
    spaced = " ".join(code[i : i + 4] for i in range(0, 28, 4)).lower()
    assert client.get(f"/verify/{spaced}").status_code == 200
    response = client.get("/verify", query_string={"code": spaced})
    assert response.status_code == 302 and client.get(response.location).status_code == 200


def test_unknown_code_says_so_plainly(client):
    response = client.get("/verify/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG")
    assert response.status_code == 404
    assert "No certificate has this code." in response.get_data(as_text=True)
    assert client.get("/verify/<script>alert(1)</script>").status_code == 404


def test_revoked_then_reissued(client, issued, db):
    services.revoke(db, issued.verification_code, "Issued to the wrong person")
    db.commit()
    page = client.get(f"/verify/{issued.verification_code}").get_data(as_text=True)
    assert "Revoked on" in page and "Issued to the wrong person" in page
    services.reissue(db, issued.verification_code)
    db.commit()
    assert "Valid." in client.get(f"/verify/{issued.verification_code}").get_data(as_text=True)


def test_deactivated_learners_records_stay_verifiable(client, issued, db):
    accounts.deactivate(db, "owner@example.org")
    db.commit()
    assert "Valid." in client.get(f"/verify/{issued.verification_code}").get_data(as_text=True)


def test_lookups_are_rate_limited(tmp_path):
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_VERIFY="3 per minute")
    app.extensions["learning.setup_done"] = True
    client = app.test_client()
    statuses = [client.get("/verify/AAAA").status_code for _ in range(5)]
    assert statuses[:3] == [404, 404, 404] and statuses[3:] == [429, 429]
