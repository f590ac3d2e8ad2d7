"""The contacts app's models, one module per concept; imported here so Django finds them."""

from sampark.contacts.models.activities import (
    KIND_FIELDS,
    Activity,
    ActivityKind,
    ActivityQuerySet,
    Attachment,
    CallOutcome,
    Direction,
)
from sampark.contacts.models.addresses import Address, AddressLabel
from sampark.contacts.models.people import (
    Affiliation,
    Company,
    CompanyQuerySet,
    CompanySize,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactQuerySet,
    EmailLabel,
    LifecycleStage,
    PhoneLabel,
    PreferredChannel,
    Tag,
)
from sampark.contacts.models.transactions import (
    Transaction,
    TransactionKind,
    TransactionQuerySet,
    validate_currency,
)

__all__ = [
    "KIND_FIELDS",
    "Activity",
    "ActivityKind",
    "ActivityQuerySet",
    "Address",
    "AddressLabel",
    "Affiliation",
    "Attachment",
    "CallOutcome",
    "Company",
    "CompanyQuerySet",
    "CompanySize",
    "Contact",
    "ContactEmail",
    "ContactPhone",
    "ContactQuerySet",
    "Direction",
    "EmailLabel",
    "LifecycleStage",
    "PhoneLabel",
    "PreferredChannel",
    "Tag",
    "Transaction",
    "TransactionKind",
    "TransactionQuerySet",
    "validate_currency",
]
