"""The downloaded data file keeps its top-level keys, in their order."""

from __future__ import annotations

import json

# The parts come from several domains; this pins the file's layout while they move around.
EXPORT_KEYS = [
    "account",
    "organisation",
    "exported_at",
    "progress",
    "quiz_attempts",
    "extra_attempts_granted",
    "workshops",
    "workshops_created",
    "feedback_written",
    "completion_records",
]


def test_the_export_keeps_its_keys_in_order(client, learner):
    response = client.get("/profile/data.json")
    assert response.status_code == 200
    assert list(json.loads(response.get_data(as_text=True))) == EXPORT_KEYS
