"""Countries for pickers: real ISO 3166 codes only, named and sorted in the user's language."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sampark.lib.countries import country_choices, is_country, validate_country


def test_only_iso_codes_are_offered():
    codes = [code for code, _name in country_choices("en")]

    assert len(codes) == len(set(codes)) == 249
    assert {"BD", "IN", "NP", "LK", "AE", "GB"} <= set(codes)
    assert not {"EU", "UN", "ZZ", "XK", "AC", "419"} & set(codes)


@pytest.mark.parametrize(
    ("language", "name"), [("en", "Bangladesh"), ("bn", "বাংলাদেশ"), ("hi", "बांग्लादेश")]
)
def test_names_follow_the_language(language, name):
    assert dict(country_choices(language))["BD"] == name


def test_accented_names_sort_with_their_letter():
    names = [name for _code, name in country_choices("en")]

    assert names.index("Albania") > names.index("Åland Islands") > names.index("Afghanistan")


def test_validation_accepts_empty_and_iso_codes_only():
    validate_country("")
    validate_country("IN")
    assert is_country("BD")
    assert not is_country("bd")
    with pytest.raises(ValidationError):
        validate_country("EU")
