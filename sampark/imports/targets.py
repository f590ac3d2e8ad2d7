"""What an import can fill: the fields of each kind of record, as a file's columns map onto them.

A column maps to one target (or to none, and is ignored). Several columns may feed a target that
holds many values (emails, phones, tags), as peer CRMs' exports spread them over "Email 1",
"Email 2" and so on. Custom fields are targets too, named ``custom.<key>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.customfields import values as custom_values
from sampark.customfields.models import CustomObject, FieldKind

CUSTOM_PREFIX = "custom."


class ImportObject(models.TextChoices):
    CONTACTS = "contacts", _("Contacts")
    COMPANIES = "companies", _("Companies")
    ACTIVITIES = "activities", _("Interactions")
    TRANSACTIONS = "transactions", _("Transactions")
    LEADS = "leads", _("Leads")


@dataclass(frozen=True)
class Target:
    key: str
    label: str | Promise
    multiple: bool = False  # several columns may feed it; a cell may hold several values


def _address(prefix: str = "address_") -> tuple[Target, ...]:
    return (
        Target(f"{prefix}line1", _("Street address")),
        Target(f"{prefix}line2", _("Street address, line 2")),
        Target(f"{prefix}city", _("Town or city")),
        Target(f"{prefix}region", _("District, state or region")),
        Target(f"{prefix}postal_code", _("Postal code")),
        Target(f"{prefix}country", _("Address country")),
    )


# Which contact a row of interactions or transactions belongs to: any one of these finds it.
_CONTACT_KEYS = (
    Target("contact_external_id", _("Contact's external ID")),
    Target("contact_email", _("Contact's email")),
    Target("contact_phone", _("Contact's phone")),
)
CONTACT_TARGETS = tuple(target.key for target in _CONTACT_KEYS)

_TARGETS: dict[str, tuple[Target, ...]] = {
    ImportObject.CONTACTS: (
        Target("external_id", _("External ID")),
        Target("display_name", _("Full name")),
        Target("given_name", _("Given name")),
        Target("family_name", _("Family name")),
        Target("latin_name", _("Name in Latin letters")),
        Target("email", _("Email"), multiple=True),
        Target("phone", _("Phone"), multiple=True),
        Target("company", _("Company name")),
        Target("company_domain", _("Company web domain")),
        Target("job_title", _("Job title")),
        Target("country", _("Country")),
        Target("language", _("Preferred language")),
        Target("preferred_channel", _("Preferred channel")),
        Target("time_zone", _("Time zone")),
        Target("lifecycle_stage", _("Lifecycle stage")),
        Target("source", _("Source")),
        Target("tags", _("Tags"), multiple=True),
        Target("notes", _("Notes")),
        Target("owner", _("Owner (username or email)")),
        *_address(),
    ),
    ImportObject.COMPANIES: (
        Target("external_id", _("External ID")),
        Target("name", _("Company name")),
        Target("domain", _("Web domain")),
        Target("industry", _("Industry")),
        Target("size", _("Size")),
        Target("country", _("Country")),
        Target("parent", _("Parent company")),
        Target("tags", _("Tags"), multiple=True),
        Target("owner", _("Owner (username or email)")),
        *_address(),
    ),
    ImportObject.ACTIVITIES: (
        *_CONTACT_KEYS,
        Target("kind", _("Kind (call, email, meeting, …)")),
        Target("occurred_at", _("When")),
        Target("direction", _("Direction")),
        Target("subject", _("Subject")),
        Target("body", _("Body")),
        Target("duration", _("Duration")),
        Target("outcome", _("Outcome")),
        Target("message_id", _("Message ID")),
        Target("location", _("Location")),
        # No owner: an interaction is logged by whoever imports it (``log_activity``).
    ),
    ImportObject.TRANSACTIONS: (
        *_CONTACT_KEYS,
        Target("external_id", _("External ID")),
        Target("occurred_at", _("When")),
        Target("kind", _("Kind (purchase, deposit, trade, …)")),
        Target("product", _("Product or asset")),
        Target("quantity", _("Quantity")),
        Target("amount", _("Amount")),
        Target("currency", _("Currency")),
        Target("profit", _("Profit or loss")),
        Target("notes", _("Notes")),
    ),
    # A lead holds one email and one phone: the row's first of each is kept (the others are
    # still checked, so a typo is reported rather than dropped unseen).
    ImportObject.LEADS: (
        Target("name", _("Full name")),
        Target("given_name", _("Given name")),
        Target("family_name", _("Family name")),
        Target("email", _("Email"), multiple=True),
        Target("phone", _("Phone"), multiple=True),
        Target("company_name", _("Company name")),
        Target("job_title", _("Job title")),
        Target("country", _("Country")),
        Target("language", _("Preferred language")),
        Target("source", _("Source")),
        Target("status", _("Status")),
        Target("budget", _("Budget")),
        Target("budget_currency", _("Currency")),
        Target("decision_maker", _("Decision maker")),
        Target("need", _("Need")),
        Target("timeline", _("Timeline")),
        Target("message", _("Message")),
        Target("notes", _("Notes")),
        Target("owner", _("Owner (username or email)")),
    ),
}

# The objects whose records carry custom fields, and which.
_CUSTOM_OBJECT = {
    ImportObject.CONTACTS: CustomObject.CONTACT,
    ImportObject.COMPANIES: CustomObject.COMPANY,
}


def targets(obj: str) -> list[Target]:
    """Every target of ``obj``: its fields, then its custom fields."""
    found = list(_TARGETS[obj])
    custom_object = _CUSTOM_OBJECT.get(ImportObject(obj))
    if custom_object:
        found += [
            Target(
                f"{CUSTOM_PREFIX}{field.key}",
                field.label,
                multiple=field.kind == FieldKind.MULTI_CHOICE,
            )
            for field in custom_values.definitions(custom_object)
        ]
    return found


def by_key(obj: str) -> dict[str, Target]:
    return {target.key: target for target in targets(obj)}
