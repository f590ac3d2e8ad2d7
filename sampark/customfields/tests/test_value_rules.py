"""What each kind of custom field accepts and how it is stored: the rules forms and API share."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sampark.customfields import kinds
from sampark.customfields.models import CustomField, FieldKind
from sampark.customfields.tests.factories import define
from sampark.customfields.values import merge

OPTIONS = [{"key": "low", "label": "Low"}, {"key": "very_low", "label": "Very low"}]


def field(kind: FieldKind, **values: object) -> CustomField:
    return CustomField(object="contact", key="f", label="F", kind=kind, **values)


@pytest.mark.parametrize(
    ("kind", "raw", "stored"),
    [
        (FieldKind.TEXT, "  prefers Bangla  ", "prefers Bangla"),
        (FieldKind.NUMBER, "42", 42),
        (FieldKind.NUMBER, 2.5, 2.5),
        (FieldKind.NUMBER, Decimal("1e3"), 1000),
        (FieldKind.MONEY, "1250000.456", 1250000.46),
        (FieldKind.DATE, "2026-12-16", "2026-12-16"),
        (FieldKind.DATE, datetime.date(2026, 3, 26), "2026-03-26"),
        (FieldKind.BOOLEAN, False, False),
        (FieldKind.URL, "https://example.com/kyc", "https://example.com/kyc"),
    ],
)
def test_good_values_are_stored_in_their_plain_json_shape(kind, raw, stored):  # type: ignore[no-untyped-def]
    assert kinds.clean(field(kind), raw) == stored


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        (FieldKind.NUMBER, "forty", "Enter a number."),
        (FieldKind.NUMBER, "NaN", "Enter a number."),
        (FieldKind.NUMBER, True, "Enter a number."),
        (FieldKind.NUMBER, "1234567890123456", "Use at most 15 significant digits."),
        (FieldKind.DATE, "16/12/2026", "Enter a date as YYYY-MM-DD."),
        (FieldKind.DATE, "2026-02-30", "Enter a date as YYYY-MM-DD."),
        (FieldKind.BOOLEAN, "yes", "Give true or false."),
        (FieldKind.URL, "javascript:alert(1)", "Enter a web address such as https://example.com."),
        (FieldKind.TEXT, 12, "Give text."),
        (FieldKind.TEXT, "x" * 1001, "Use at most 1000 characters."),
    ],
)
def test_bad_values_are_refused_with_a_reason(kind, raw, message):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        kinds.clean(field(kind), raw)
    assert refused.value.messages == [message]


def test_choices_take_option_keys_and_several_choices_keep_the_options_order():
    assert kinds.clean(field(FieldKind.CHOICE, options=OPTIONS), "low") == "low"
    several = field(FieldKind.MULTI_CHOICE, options=OPTIONS)
    assert kinds.clean(several, ["very_low", "low", "low"]) == ["low", "very_low"]
    with pytest.raises(ValidationError, match="not one of the options: low, very_low"):
        kinds.clean(several, ["medium"])
    with pytest.raises(ValidationError, match=r"Give a list of options\."):
        kinds.clean(several, "low")


def test_a_required_field_refuses_nothing_and_an_optional_one_stores_none():
    assert kinds.clean(field(FieldKind.TEXT), "") is None
    with pytest.raises(ValidationError, match=r"This field is required\."):
        kinds.clean(field(FieldKind.NUMBER, required=True), None)


def test_values_show_in_the_readers_language():
    from django.utils import translation

    money = field(FieldKind.MONEY, currency="BDT")
    with translation.override("bn"):
        assert kinds.display(money, 1250000.5) == "১২,৫০,০০০.৫০৳"  # noqa: RUF001 - Bengali digits
        assert kinds.display(field(FieldKind.DATE), "2026-12-16") == "১৬ ডিসে, ২০২৬"
    with translation.override("en"):
        assert kinds.display(field(FieldKind.CHOICE, options=OPTIONS), "very_low") == "Very low"
        assert kinds.display(field(FieldKind.BOOLEAN), False) == "No"


@pytest.mark.django_db
def test_merging_reports_every_bad_and_unknown_key_at_once():
    define(FieldKind.NUMBER, "portfolio")
    define(FieldKind.CHOICE, "risk", options=["low", "high"], required=True)

    with pytest.raises(ValidationError) as refused:
        merge("contact", {"portfolio": "lots", "colour": "blue"})

    assert refused.value.message_dict == {
        "custom.portfolio": ["Enter a number."],
        "custom.colour": ["There is no custom field with this key."],
        "custom.risk": ["This field is required."],
    }


@pytest.mark.django_db
def test_a_partial_merge_keeps_other_values_and_null_clears_one():
    define(FieldKind.NUMBER, "portfolio")
    define(FieldKind.TEXT, "broker_code")
    current = {"portfolio": 10, "broker_code": "DSE-1", "deleted_field": "stale"}

    merged = merge("contact", {"portfolio": None}, current=current, partial=True)

    assert merged == {"broker_code": "DSE-1"}
