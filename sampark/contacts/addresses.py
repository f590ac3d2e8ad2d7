"""A contact's or company's postal addresses: checked, stored as one list, audited as one change.

The contact and company actions call these inside their own transaction; an address is never
written on its own. Problems are keyed ``addresses.<n>.<field>`` by the address's place in the
list as given, so a form or an API client can put each one beside the value that caused it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from sampark.contacts.models import Address, AddressLabel, Company, Contact
from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.lib.countries import is_country
from sampark.lib.postcodes import InvalidPostalCode, normalise_postal_code

MAX_ADDRESSES = 10
TEXT_FIELDS = ("line1", "line2", "city", "region", "postal_code")
FIELDS = ("label", *TEXT_FIELDS, "country", "is_primary")
# What an address is labelled when the sender does not say.
DEFAULT_LABEL = {Contact: AddressLabel.HOME, Company: AddressLabel.WORK}


def clean_addresses(
    raw: Sequence[Mapping[str, Any]], *, owner: type[Contact] | type[Company], country: str
) -> list[dict[str, Any]]:
    """The addresses as they are stored, primary first; every problem raised at once.

    Text is trimmed and otherwise kept as typed, in any script. An address without a country is
    in the record's ``country``; its postal code is checked for that country. When no address
    is marked primary, the first one is.
    """
    if len(raw) > MAX_ADDRESSES:
        raise ValidationError(
            {"addresses": gettext("At most %(max)d addresses.") % {"max": MAX_ADDRESSES}}
        )
    home = country if is_country(country) else ""
    errors: dict[str, list[str]] = {}
    cleaned: list[dict[str, Any]] = []
    for n, item in enumerate(raw):
        try:
            cleaned.append(_clean_one(item, default_label=DEFAULT_LABEL[owner], country=home))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[f"addresses.{n}.{name}"] = messages
    primaries = [n for n, item in enumerate(raw) if item.get("is_primary")]
    for n in primaries[1:]:
        errors[f"addresses.{n}.is_primary"] = [gettext("Only one address can be the primary one.")]
    if errors:
        raise ValidationError(errors)
    first = primaries[0] if primaries else 0
    ordered = cleaned[first : first + 1] + cleaned[:first] + cleaned[first + 1 :]
    return [{**item, "is_primary": n == 0} for n, item in enumerate(ordered)]


def _clean_one(item: Mapping[str, Any], *, default_label: str, country: str) -> dict[str, Any]:
    unknown = sorted(set(item) - set(FIELDS))
    if unknown:
        raise ValidationError(
            {key: [gettext("This field is not accepted here.")] for key in unknown}
        )
    values: dict[str, Any] = {name: str(item.get(name) or "").strip() for name in TEXT_FIELDS}
    values["label"] = item.get("label") or default_label
    values["country"] = str(item.get("country") or country).strip().upper()
    values["is_primary"] = bool(item.get("is_primary"))
    errors: dict[str, list[str]] = {}
    try:
        Address(**values).full_clean(
            exclude=["contact", "company", "position"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if not (values["line1"] or values["city"]):
        errors.setdefault("line1", []).append(gettext("Give at least the street or the town."))
    if "postal_code" not in errors and "country" not in errors:
        try:
            values["postal_code"] = normalise_postal_code(values["postal_code"], values["country"])
        except InvalidPostalCode as error:
            errors["postal_code"] = [str(error)]
    if errors:
        raise ValidationError(errors)
    return values


def stored_addresses(record: Contact | Company) -> list[dict[str, Any]]:
    """The record's addresses as ``clean_addresses`` returns them (reads the prefetch if any)."""
    return [{name: getattr(a, name) for name in FIELDS} for a in record.addresses.all()]


def store_addresses(
    record: Contact | Company, addresses: Sequence[Mapping[str, Any]], *, by: User
) -> bool:
    """Make ``addresses`` (cleaned) the record's list, audited as one change of "addresses" from
    the old list to the new one. Untouched if unchanged; whether anything changed. The caller
    moves the record's version on and re-indexes it for search."""
    current = list(record.addresses.all())
    if [{name: getattr(a, name) for name in FIELDS} for a in current] == list(addresses):
        return False
    owner = "contact" if isinstance(record, Contact) else "company"
    record.addresses.all().delete()
    # A list prefetched earlier would now be stale.
    getattr(record, "_prefetched_objects_cache", {}).pop("addresses", None)
    created = Address.objects.bulk_create(
        Address(**{owner: record}, **values, position=n) for n, values in enumerate(addresses)
    )
    audit.record(
        AuditAction.UPDATE,
        record,
        by=by,
        changes={"addresses": [[_summary(a) for a in current], [_summary(a) for a in created]]},
    )
    return True


def _summary(address: Address) -> str:
    """One line for the audit trail, in no one's language: "home: House 12 / Dhaka 1212 / BD".
    Slashes, not commas: the History tab lists the addresses with commas between them."""
    lines = [*address.postal_lines(), *([address.country] if address.country else [])]
    return f"{address.label}: {' / '.join(lines)}"
