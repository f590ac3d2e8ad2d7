"""Admins define, change and delete custom fields; each change is audited and keys stay stable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditAction, AuditEntry
from sampark.customfields.actions import delete_field, derive_key, parse_options, update_field
from sampark.customfields.models import CustomField, CustomObject, FieldKind
from sampark.customfields.tests.factories import _admin, define

pytestmark = pytest.mark.django_db


def test_a_key_is_made_from_an_english_label_and_a_placeholder_from_any_other_script():
    assert derive_key("Risk profile", set()) == "risk_profile"
    assert derive_key("Risk profile", {"risk_profile"}) == "risk_profile_2"
    assert derive_key("ঝুঁকির ধরন", set()) == "field"
    assert derive_key("2nd phone", set()) == "field"


def test_options_keep_their_keys_when_the_labels_are_edited():
    first = parse_options("Low\nHigh risk\nঝুঁকি বেশি")
    assert first == [
        {"key": "low", "label": "Low"},
        {"key": "high_risk", "label": "High risk"},
        {"key": "option", "label": "ঝুঁকি বেশি"},
    ]
    assert parse_options("low = Low (safe)\nhigh_risk = High risk", current=first)[0] == {
        "key": "low",
        "label": "Low (safe)",
    }
    with pytest.raises(ValidationError, match="listed twice"):
        parse_options("low = A\nlow = B")
    with pytest.raises(ValidationError, match="cannot be an option key"):
        parse_options("Low-Risk = Low")


def test_defining_a_field_is_audited_and_checks_its_settings():
    field = define(FieldKind.MONEY, "portfolio", currency="bdt", label="Portfolio")

    assert field.currency == "BDT"
    entry = AuditEntry.objects.for_record(field).get()
    assert entry.action == AuditAction.CREATE
    assert entry.changes["key"] == [None, "portfolio"]
    with pytest.raises(ValidationError) as refused:
        define(FieldKind.CHOICE, "risk", options=[])
    assert refused.value.message_dict == {"options": ["List at least one option."]}
    with pytest.raises(ValidationError, match="three-letter ISO code"):
        define(FieldKind.MONEY, "deposit", currency="taka")
    with pytest.raises(ValidationError, match="already exists"):
        define(FieldKind.TEXT, "portfolio")


def test_the_same_key_may_be_used_on_contacts_and_on_companies():
    define(FieldKind.TEXT, "code")
    define(FieldKind.TEXT, "code", obj=CustomObject.COMPANY)

    assert CustomField.objects.filter(key="code").count() == 2


def test_key_object_and_type_cannot_change_but_the_label_and_options_can():
    field = define(FieldKind.CHOICE, "risk", options=["low", "high"])

    with pytest.raises(ValidationError) as refused:
        update_field(field, by=_admin(), values={"kind": FieldKind.TEXT, "key": "danger"})
    assert set(refused.value.message_dict) == {"kind", "key"}

    options = [*field.options, {"key": "medium", "label": "Medium"}]
    update_field(field, by=_admin(), values={"label": "Risk appetite", "options": options})
    field.refresh_from_db()
    assert field.label == "Risk appetite"
    assert [option["key"] for option in field.options] == ["low", "high", "medium"]
    entry = AuditEntry.objects.for_record(field).order_by("-seq").first()
    assert entry is not None
    assert entry.action == AuditAction.UPDATE
    assert entry.changes["label"] == ["Risk", "Risk appetite"]


def test_deleting_a_field_takes_its_value_off_every_record():
    field = define(FieldKind.TEXT, "broker_code")
    define(FieldKind.NUMBER, "portfolio")
    kept = ContactFactory(custom={"broker_code": "DSE-1", "portfolio": 5})
    other = ContactFactory(custom={"portfolio": 7})

    delete_field(field, by=_admin())

    kept.refresh_from_db()
    other.refresh_from_db()
    assert kept.custom == {"portfolio": 5}
    assert other.custom == {"portfolio": 7}
    assert not CustomField.objects.filter(key="broker_code").exists()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, object_repr="Broker code").exists()
