"""Columns are matched to Sampark's fields by name, whatever system wrote the file, and the
system is recognised so the preview can name it."""

from __future__ import annotations

import pytest

from sampark.customfields.models import CustomObject, FieldKind
from sampark.customfields.tests.factories import define
from sampark.imports.mapping import ALIASES, PEERS, guess_origin, peer_name, suggest
from sampark.imports.sources import open_source
from sampark.imports.targets import ImportObject, by_key, targets

pytestmark = pytest.mark.django_db


def mapped(columns: list[str], obj: str = "contacts") -> dict[str, str]:
    """The suggestion without the ignored columns."""
    return {column: key for column, key in suggest(columns, obj).items() if key}


def test_every_column_gets_a_target_or_nothing():
    columns = ["Email", "Favourite colour", "First Name"]
    assert suggest(columns, "contacts") == {
        "Email": "email",
        "Favourite colour": "",
        "First Name": "given_name",
    }


@pytest.mark.parametrize("obj", ImportObject.values)
def test_aliases_name_only_real_targets(obj):
    keys = set(by_key(obj))
    assert set(ALIASES[obj]) <= keys


@pytest.mark.parametrize(
    "column",
    ["E-mail", "email", "EMAIL ADDRESS", "e_mail_address", "  Email  ", "Email.Address"],
)
def test_names_match_whatever_their_case_spacing_and_punctuation(column):
    assert suggest([column], "contacts") == {column: "email"}


def test_hubspot_contacts(sample_file):
    columns = open_source(sample_file("hubspot_contacts.csv")).columns
    assert guess_origin(columns) == "hubspot"
    assert mapped(columns) == {
        "Record ID": "external_id",
        "First Name": "given_name",
        "Last Name": "family_name",
        "Email": "email",
        "Phone Number": "phone",
        "Mobile Phone Number": "phone",
        "Contact owner": "owner",
        "Company Name": "company",
        "Job Title": "job_title",
        "Lifecycle Stage": "lifecycle_stage",
        "Street Address": "address_line1",
        "City": "address_city",
        "State/Region": "address_region",
        "Postal Code": "address_postal_code",
        "Country/Region": "country",
        "Website URL": "company_domain",
        "Original Source": "source",
    }


def test_hubspot_companies(sample_file):
    columns = open_source(sample_file("hubspot_companies.csv")).columns
    assert guess_origin(columns) == "hubspot"
    found = mapped(columns, "companies")
    assert found["Company name"] == "name"
    assert found["Company Domain Name"] == "domain"
    assert found["Industry"] == "industry"
    assert found["Number of Employees"] == "size"
    assert found["Parent Company"] == "parent"
    assert found["Company owner"] == "owner"
    assert "Website URL" not in found  # the domain is taken by the column before it


@pytest.mark.parametrize("name", ["salesforce_contacts.csv", "salesforce_report_contacts.csv"])
def test_salesforce_contacts_with_api_names_or_report_labels(sample_file, name):
    columns = open_source(sample_file(name)).columns
    assert guess_origin(columns) == "salesforce"
    found = mapped(columns)
    expected = {"given_name", "family_name", "email", "phone", "job_title", "company", "source"}
    assert expected <= set(found.values())
    address = {"address_line1", "address_city", "address_region", "address_postal_code"}
    assert address <= set(found.values())
    assert found.get("MailingCountry", found.get("Mailing Country")) == "country"
    assert found.get("Id", found.get("Contact ID")) == "external_id"
    assert "AccountId" not in found
    assert "OwnerId" not in found


def test_salesforce_accounts(sample_file):
    columns = open_source(sample_file("salesforce_accounts.csv")).columns
    assert guess_origin(columns) == "salesforce"
    found = mapped(columns, "companies")
    assert (found["Name"], found["Website"], found["NumberOfEmployees"]) == (
        "name",
        "domain",
        "size",
    )
    assert (found["BillingStreet"], found["BillingCountry"]) == ("address_line1", "country")


def test_zoho_contacts(sample_file):
    columns = open_source(sample_file("zoho_contacts.csv")).columns
    assert guess_origin(columns) == "zoho"
    found = mapped(columns)
    assert found["Record Id"] == "external_id"
    assert found["Full Name"] == "display_name"
    assert (found["Email"], found["Secondary Email"]) == ("email", "email")
    assert (found["Phone"], found["Home Phone"], found["Mobile"]) == ("phone", "phone", "phone")
    assert (found["Account Name"], found["Title"], found["Tag"]) == ("company", "job_title", "tags")
    assert (found["Lead Source"], found["Contact Owner"]) == ("source", "owner")
    assert found["Mailing Street"] == "address_line1"
    # The second address loses to the first: one address per import.
    assert "Other Street" not in found


@pytest.mark.parametrize("name", ["google_contacts.csv", "google_contacts_legacy.csv"])
def test_google_contacts_old_and_new(sample_file, name):
    columns = open_source(sample_file(name)).columns
    assert guess_origin(columns) == "google"
    found = mapped(columns)
    assert (found["E-mail 1 - Value"], found["E-mail 2 - Value"]) == ("email", "email")
    assert (found["Phone 1 - Value"], found["Phone 2 - Value"]) == ("phone", "phone")
    assert found["Address 1 - Street"] == "address_line1"
    assert found["Address 1 - Country"] == "country"
    assert found["Notes"] == "notes"
    # The type and label companions say what kind of email it is: not data of ours.
    assert not any(column.endswith(("- Type", "- Label")) for column in found)
    if name == "google_contacts.csv":
        assert (found["First Name"], found["Organization Name"]) == ("given_name", "company")
        assert (found["Organization Title"], found["Labels"]) == ("job_title", "tags")
    else:
        assert (found["Name"], found["Given Name"]) == ("display_name", "given_name")
        assert (found["Organization 1 - Name"], found["Group Membership"]) == ("company", "tags")


def test_outlook_contacts(sample_file):
    columns = open_source(sample_file("outlook_contacts.csv")).columns
    assert guess_origin(columns) == "outlook"
    found = mapped(columns)
    assert "Title" not in found  # Outlook's Title is "Mr." or "Ms."
    assert found["Job Title"] == "job_title"
    assert {found[c] for c in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")} == {
        "email"
    }
    phones = ("Business Phone", "Business Phone 2", "Home Phone", "Mobile Phone", "Other Phone")
    assert {found[c] for c in phones} == {"phone"}
    assert "Business Fax" not in found
    assert "E-mail Display Name" not in found
    assert (found["Business Street"], found["Business Street 2"]) == (
        "address_line1",
        "address_line2",
    )
    assert found["Business Country/Region"] == "country"
    assert "Home Street" not in found
    assert (found["Company"], found["Categories"], found["Notes"]) == ("company", "tags", "notes")


def test_a_generic_title_column_is_a_job_title():
    assert suggest(["Name", "Title"], "contacts") == {"Name": "display_name", "Title": "job_title"}


def test_vcard_columns(sample_file):
    columns = open_source(sample_file("contacts_v3.vcf")).columns
    assert guess_origin(columns) == "vcard"
    assert suggest(columns, "contacts") == {
        "Full Name": "display_name",
        "Given Name": "given_name",
        "Family Name": "family_name",
        "Organization": "company",
        "Title": "job_title",
        "Email 1": "email",
        "Email 2": "email",
        "Email 3": "email",
        "Phone 1": "phone",
        "Phone 2": "phone",
        "Street": "address_line1",
        "City": "address_city",
        "Region": "address_region",
        "Postal Code": "address_postal_code",
        "Country": "country",
        "Note": "notes",
        "Categories": "tags",
        "UID": "external_id",
    }


def test_two_columns_never_fill_one_single_valued_field():
    found = suggest(
        ["Full Name", "Name", "Email", "E-mail 2", "Company", "Account Name"], "contacts"
    )
    assert found == {
        "Full Name": "display_name",
        "Name": "",
        "Email": "email",
        "E-mail 2": "email",
        "Company": "company",
        "Account Name": "",
    }


def test_sampark_exports_by_key_map_back_exactly():
    keys = [target.key for target in targets("contacts")]
    columns = ["id", *keys, "created_at", "updated_at"]
    assert guess_origin(columns) == "sampark"
    found = suggest(columns, "contacts")
    assert all(found[key] == key for key in keys)
    # Sampark's own ID is not an external system's: it must not take the external ID.
    assert found["id"] == ""


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_sampark_exports_by_label_in_each_language_map_back(language, settings):
    from django.utils import translation

    with translation.override(language):
        labels = {target.key: str(target.label) for target in targets("contacts")}
    found = suggest(list(labels.values()), "contacts")
    assert {key: found[label] for key, label in labels.items()} == {key: key for key in labels}


def test_translated_labels_match_in_any_interface_language():
    # A Bengali export read by someone using Sampark in English, and a Hindi one.
    assert mapped(["ইমেল", "ফোন", "দেশ", "ট্যাগ"]) == {
        "ইমেল": "email",
        "ফোন": "phone",
        "দেশ": "country",
        "ট্যাগ": "tags",
    }
    # "फ़ोन" with the nukta as one letter (U+095E) or as फ + ़: the same word.
    assert mapped(["ईमेल", "\u095eोन", "फ़ोन"]) == {
        "ईमेल": "email",
        "\u095eोन": "phone",
        "फ़ोन": "phone",
    }
    assert mapped(["খাত"], "companies") == {"খাত": "industry"}


def test_custom_fields_map_by_key_or_label():
    define(FieldKind.CHOICE, "risk", label="Risk appetite", options=["low", "high"])
    define(FieldKind.TEXT, "pan_number", label="PAN")
    found = suggest(["custom.risk", "PAN", "Something else"], "contacts")
    assert found == {"custom.risk": "custom.risk", "PAN": "custom.pan_number", "Something else": ""}
    assert suggest(["Risk appetite"], "contacts") == {"Risk appetite": "custom.risk"}
    assert suggest(["risk"], "contacts") == {"risk": "custom.risk"}


def test_a_custom_field_never_takes_a_built_in_name():
    define(FieldKind.TEXT, "email", label="Email", obj=CustomObject.COMPANY)
    assert suggest(["Email"], "contacts") == {"Email": "email"}
    # Companies have no email of their own: there the custom field is the match.
    assert suggest(["Email"], "companies") == {"Email": "custom.email"}


def test_companies_import():
    found = mapped(
        ["Account Name", "Website", "Industry", "Employees", "Parent Account"], "companies"
    )
    assert found == {
        "Account Name": "name",
        "Website": "domain",
        "Industry": "industry",
        "Employees": "size",
        "Parent Account": "parent",
    }


def test_activities_import(sample_file):
    columns = open_source(sample_file("activities.csv")).columns
    assert mapped(columns, "activities") == {
        "Activity Date": "occurred_at",
        "Activity Type": "kind",
        "Contact Email": "contact_email",
        "Subject": "subject",
        "Description": "body",
        "Call Direction": "direction",
        "Call Duration": "duration",
        "Outcome": "outcome",
    }
    # An interaction is logged by whoever imports it: its owner column is left out.
    assert suggest(columns, "activities")["Activity Owner"] == ""
    assert mapped(["Email", "Phone Number", "Created Date"], "activities") == {
        "Email": "contact_email",
        "Phone Number": "contact_phone",
        "Created Date": "occurred_at",
    }


def test_hubspot_engagements_and_salesforce_tasks_map_to_interactions():
    hubspot = ["Activity date", "Email subject", "Body", "Call duration", "Contact email"]
    assert mapped(hubspot, "activities") == {
        "Activity date": "occurred_at",
        "Email subject": "subject",
        "Body": "body",
        "Call duration": "duration",
        "Contact email": "contact_email",
    }
    salesforce = ["Subject", "Description", "ActivityDate", "CallDurationInSeconds", "WhoId"]
    assert mapped(salesforce, "activities") == {
        "Subject": "subject",
        "Description": "body",
        "ActivityDate": "occurred_at",
        "CallDurationInSeconds": "duration",
        "WhoId": "contact_external_id",
    }


def test_transactions_import(sample_file):
    columns = open_source(sample_file("transactions.csv")).columns
    assert mapped(columns, "transactions") == {
        "Transaction ID": "external_id",
        "Date": "occurred_at",
        "Email": "contact_email",
        "Type": "kind",
        "Product": "product",
        "Quantity": "quantity",
        "Amount": "amount",
        "Currency": "currency",
        "Profit/Loss": "profit",
        "Notes": "notes",
    }


def test_a_peer_s_meaning_applies_only_where_the_target_exists():
    # Google's address country is the contact's country; an interaction has no country.
    google = ["E-mail 1 - Value", "Phone 1 - Value", "Address 1 - Country", "Labels"]
    assert guess_origin(google) == "google"
    assert suggest(google, "activities")["Address 1 - Country"] == ""


def test_no_origin_when_nothing_stands_out():
    assert guess_origin(["Name", "Email", "Phone"]) == ""
    assert guess_origin([]) == ""
    # One telling header is not enough.
    assert guess_origin(["Name", "Email", "Lifecycle Stage"]) == ""


def test_peers_have_names():
    assert [peer_name(peer.key) for peer in PEERS] == [
        "HubSpot", "Salesforce", "Zoho CRM", "Google Contacts", "Outlook", "vCard",
    ]  # fmt: skip
    assert peer_name("sampark") == "Sampark"
    assert peer_name("") == ""
