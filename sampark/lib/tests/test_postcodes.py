"""Postal codes: the known shape in Bangladesh, India, the US and the UK, a sane one elsewhere."""

from __future__ import annotations

import pytest

from sampark.lib.postcodes import InvalidPostalCode, normalise_postal_code


@pytest.mark.parametrize(
    ("country", "typed", "stored"),
    [
        ("BD", "1212", "1212"),
        ("BD", " 4000 ", "4000"),
        ("BD", "৪০০০", "4000"),  # noqa: RUF001 - typed in Bengali digits
        ("IN", "400001", "400001"),
        ("IN", "400 001", "400001"),
        ("IN", "११०००१", "110001"),  # typed in Devanagari digits
        ("US", "10001", "10001"),
        ("US", "10001-1234", "10001-1234"),
        ("US", "10001 1234", "10001-1234"),
        ("GB", "SW1A 1AA", "SW1A 1AA"),
        ("GB", "sw1a1aa", "SW1A 1AA"),
        ("GB", "M1 1AE", "M1 1AE"),
        ("GB", "EC1A 1BB", "EC1A 1BB"),
        ("GB", "GIR 0AA", "GIR 0AA"),
        ("DE", "10115", "10115"),
        ("CA", "k1a 0b6", "K1A 0B6"),
        ("NL", "1012  AB", "1012 AB"),
        ("", "AB-12", "AB-12"),
        ("bd", "1212", "1212"),  # the country's case does not matter
    ],
)
def test_a_good_code_is_stored_as_the_post_office_writes_it(country, typed, stored):
    assert normalise_postal_code(typed, country) == stored


@pytest.mark.parametrize(
    ("country", "typed", "message"),
    [
        ("BD", "121", "4 digits"),
        ("BD", "12120", "4 digits"),
        ("BD", "12A2", "4 digits"),
        ("IN", "40001", "6 digits"),
        ("IN", "040001", "does not start with 0"),
        ("IN", "4000011", "6 digits"),
        ("US", "1000", "5 digits"),
        ("US", "10001-12", "5 digits"),
        ("GB", "SW1A", "SW1A 1AA"),
        ("GB", "1AA SW1", "SW1A 1AA"),
        ("GB", "GIR 1AA", "SW1A 1AA"),
        ("DE", "1234567890123", "up to 12"),
        ("FR", "75001!", "up to 12"),
        ("FR", "-75001", "up to 12"),
        ("", "ঢাকা", "up to 12"),  # letters of another script are not a postal code
    ],
)
def test_a_bad_code_says_what_a_code_there_looks_like(country, typed, message):
    with pytest.raises(InvalidPostalCode, match=message):
        normalise_postal_code(typed, country)


@pytest.mark.parametrize("typed", ["", "   "])
def test_no_code_is_no_error(typed):
    assert normalise_postal_code(typed, "BD") == ""
