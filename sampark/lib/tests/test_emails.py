"""Email addresses are checked for form, and stored in one normal form."""

from __future__ import annotations

import pytest

from sampark.lib.emails import InvalidEmail, normalise_email


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("asha@example.com", "asha@example.com"),
        ("  Asha.Rahman@EXAMPLE.com ", "Asha.Rahman@example.com"),
        ("রহিম@উদাহরণ.বাংলা", "রহিম@উদাহরণ.বাংলা"),  # internationalised addresses are valid
        ("priya+crm@example.co.in", "priya+crm@example.co.in"),
    ],
)
def test_valid_addresses_are_normalised(typed, stored):  # type: ignore[no-untyped-def]
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["asha", "asha@", "@example.com", "asha@example", "asha@@example.com", "a b@example.com"],
)
def test_malformed_addresses_are_refused(typed):  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidEmail):
        normalise_email(typed)
