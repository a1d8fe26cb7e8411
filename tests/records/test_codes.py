"""Verification codes: random, unambiguous, forgiving on input."""

from __future__ import annotations

import pytest

from learning.records import codes


def test_codes_are_long_random_and_unambiguous():
    generated = {codes.new_code() for _ in range(500)}
    assert len(generated) == 500
    for code in generated:
        assert len(code) == 28 and not set(code) & set("ILOU")  # 140 bits, no look-alikes


@pytest.mark.parametrize(
    "typed",
    [
        "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345",
        "abcd efgh jkmn pqrs tvwx yz01 2345",
        "ABCDEFGHJKMNPQRSTVWXYZ012345",
        " abcd-efgh-jkmn-pqrs-tvwx-yzol-2345 ",
    ],
)
def test_typed_codes_normalise(typed):
    assert codes.normalise(typed) == "ABCDEFGHJKMNPQRSTVWXYZ012345"


@pytest.mark.parametrize(
    "typed",
    ["", "ABCD", "U" * 28, "A" * 29, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-234!", "1", "' OR 1=1 --"],
)
def test_impossible_codes_are_refused(typed):
    assert codes.normalise(typed) is None


def test_grouped_in_fours():
    assert codes.grouped("A" * 28) == "-".join(["AAAA"] * 7)
