"""Addresses through the actions: checked per country, kept as typed, every problem at once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sampark.contacts import actions
from sampark.contacts.addresses import MAX_ADDRESSES
from sampark.contacts.models import Address, Contact

pytestmark = pytest.mark.django_db

CHATTOGRAM = {"line1": "বাড়ি ১২, রোড ৫, আগ্রাবাদ", "city": "চট্টগ্রাম", "postal_code": "4100"}


def _errors(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


@pytest.mark.parametrize(
    ("country", "typed", "stored"),
    [
        ("BD", "১২১২", "1212"),
        ("IN", "400 001", "400001"),
        ("US", "10001-1234", "10001-1234"),
        ("GB", "sw1a1aa", "SW1A 1AA"),
    ],
)
def test_a_good_postal_code_is_stored_as_the_post_office_writes_it(people, country, typed, stored):
    contact = actions.create_contact(
        by=people["agent"],
        display_name="Client",
        addresses=[{"line1": "1 High Street", "postal_code": typed, "country": country}],
    )

    assert contact.addresses.get().postal_code == stored


@pytest.mark.parametrize(
    ("country", "typed", "message"),
    [
        ("BD", "12345", "4 digits"),
        ("IN", "012345", "does not start with 0"),
        ("US", "1000", "5 digits"),
        ("GB", "SW1A", "SW1A 1AA"),
    ],
)
def test_a_bad_postal_code_is_an_error_on_that_address_and_nothing_is_saved(
    people, country, typed, message
):
    good = {"line1": "Road 1", "city": "Dhaka", "country": "BD"}
    bad = {"line1": "Road 2", "postal_code": typed, "country": country}

    with pytest.raises(ValidationError) as excinfo:
        actions.create_contact(by=people["agent"], display_name="Client", addresses=[good, bad])

    assert list(_errors(excinfo)) == ["addresses.1.postal_code"]
    assert message in _errors(excinfo)["addresses.1.postal_code"][0]
    assert not Contact.objects.exists()
    assert not Address.objects.exists()


@pytest.mark.parametrize("country", ["XX", "EU", "Bangladesh"])
def test_an_unknown_country_is_an_error_on_that_address(people, country):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_contact(
            by=people["agent"],
            display_name="Client",
            addresses=[{"line1": "Road 1", "postal_code": "1212", "country": country}],
        )

    assert set(_errors(excinfo)) == {"addresses.0.country"}


def test_an_address_without_a_country_is_in_the_contacts_and_checked_for_it(people):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_contact(
            by=people["agent"],
            display_name="Client",
            country="IN",
            addresses=[{"line1": "MG Road", "postal_code": "4000"}],
        )
    assert "6 digits" in _errors(excinfo)["addresses.0.postal_code"][0]

    contact = actions.create_contact(
        by=people["agent"],
        display_name="Client",
        country="IN",
        addresses=[{"line1": "MG Road", "city": "Bengaluru", "postal_code": "560001"}],
    )
    assert contact.addresses.get().country == "IN"


def test_a_contacts_country_learnt_from_the_phone_is_the_addresses_country_too(people):
    contact = actions.create_contact(
        by=people["agent"],
        display_name="Client",
        phone="+8801711000001",
        addresses=[{"city": "Sylhet", "postal_code": "3100"}],
    )

    assert contact.addresses.get().country == "BD"


def test_every_bad_field_is_reported_at_once_with_the_contacts_own(people):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_contact(
            by=people["agent"],
            display_name="Client",
            email="not an address",
            tags=["a, b"],
            addresses=[
                {"line1": "Road 1", "label": "palace", "country": "BD"},
                {"postal_code": "1212", "country": "BD"},
                {"line1": "Road 3", "postal_code": "99", "country": "BD"},
            ],
        )

    assert set(_errors(excinfo)) == {
        "email",
        "tags",
        "addresses.0.label",
        "addresses.1.line1",
        "addresses.2.postal_code",
    }


def test_text_in_any_script_is_kept_as_typed(people):
    contact = actions.create_contact(
        by=people["agent"], display_name="প্রবীর", addresses=[{**CHATTOGRAM, "country": "BD"}]
    )
    hindi = actions.create_contact(
        by=people["agent"],
        display_name="अनीता",
        addresses=[{"line1": "  १२, महात्मा गांधी मार्ग ", "city": "वाराणसी", "country": "IN"}],
    )

    stored = contact.addresses.get()
    assert (stored.line1, stored.city) == (CHATTOGRAM["line1"], CHATTOGRAM["city"])
    assert hindi.addresses.get().line1 == "१२, महात्मा गांधी मार्ग"


def test_the_primary_address_comes_first_and_the_others_keep_their_order(people):
    contact = actions.create_contact(
        by=people["agent"],
        display_name="Client",
        country="BD",
        addresses=[
            {"city": "Dhaka", "label": "work"},
            {"city": "Khulna", "label": "shipping"},
            {"city": "Sylhet", "label": "home", "is_primary": True},
            {"city": "Rajshahi", "label": "billing"},
        ],
    )

    stored = list(contact.addresses.all())
    assert [a.city for a in stored] == ["Sylhet", "Dhaka", "Khulna", "Rajshahi"]
    assert [a.is_primary for a in stored] == [True, False, False, False]
    assert [a.position for a in stored] == [0, 1, 2, 3]


def test_when_none_is_marked_primary_the_first_one_is_and_labels_have_a_default(people):
    contact = actions.create_contact(
        by=people["agent"], display_name="Client", addresses=[{"city": "Dhaka"}, {"city": "Pune"}]
    )
    company = actions.create_company(
        by=people["agent"], name="Padma Traders", addresses=[{"city": "Dhaka"}]
    )

    assert [(a.city, a.is_primary, a.label) for a in contact.addresses.all()] == [
        ("Dhaka", True, "home"),
        ("Pune", False, "home"),
    ]
    assert company.addresses.get().label == "work"


def test_only_one_address_can_be_primary(people):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_contact(
            by=people["agent"],
            display_name="Client",
            addresses=[
                {"city": "Dhaka", "is_primary": True},
                {"city": "Pune", "is_primary": True},
            ],
        )

    assert set(_errors(excinfo)) == {"addresses.1.is_primary"}


def test_too_many_addresses_or_an_unknown_field_are_refused(people):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_contact(
            by=people["agent"],
            display_name="Client",
            addresses=[{"city": f"Town {n}"} for n in range(MAX_ADDRESSES + 1)],
        )
    assert set(_errors(excinfo)) == {"addresses"}

    with pytest.raises(ValidationError) as excinfo:
        actions.create_contact(
            by=people["agent"], display_name="Client", addresses=[{"city": "Dhaka", "zip": "1"}]
        )
    assert set(_errors(excinfo)) == {"addresses.0.zip"}


def test_an_update_replaces_the_list_only_when_addresses_are_given(people):
    contact = actions.create_contact(
        by=people["agent"], display_name="Client", addresses=[{"city": "Dhaka"}]
    )

    actions.update_contact(contact, by=people["agent"], values={"source": "Fair"})
    assert [a.city for a in contact.addresses.all()] == ["Dhaka"]

    actions.update_contact(
        contact, by=people["agent"], values={"addresses": [{"city": "Khulna"}, {"city": "Pune"}]}
    )
    assert [a.city for a in contact.addresses.all()] == ["Khulna", "Pune"]

    actions.update_contact(contact, by=people["agent"], values={"addresses": []})
    assert not contact.addresses.exists()


def test_a_company_update_checks_addresses_against_the_companys_country(people):
    company = actions.create_company(by=people["agent"], name="Padma Traders", country="BD")

    with pytest.raises(ValidationError) as excinfo:
        actions.update_company(
            company,
            by=people["agent"],
            values={"domain": "not a domain", "addresses": [{"city": "Dhaka", "postal_code": "1"}]},
        )

    assert set(_errors(excinfo)) == {"domain", "addresses.0.postal_code"}
    assert not company.addresses.exists()
