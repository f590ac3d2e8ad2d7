"""What imports of records logged on a contact (interactions, transactions) share: the contact
a row names, the time it gives, and the write actions' refusals as the row's errors.

A row names its contact by its external ID, an email or a phone, and it is found among the
contacts the importer may see. A batch's rows are read first and written after; the contacts
they name are noted as they are read and looked up together, a few queries a batch, when the
batch's records are looked up (``ContactFinder.look_up``). A contact the importer may not see
is not found, in the same words as one that does not exist, so an import reveals nothing of
other teams' clients.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from sampark.contacts.actions import normalise_emails, normalise_phones
from sampark.contacts.models import Contact, ContactEmail, ContactPhone
from sampark.imports import choices, values
from sampark.imports.cells import split_emails, split_list
from sampark.imports.objects import Cells, Context
from sampark.imports.objects.common import first
from sampark.lib.phones import InvalidPhone, to_e164


@dataclass(frozen=True)
class Reading:
    """A phone number as E.164, and the country a contact must be in for it to be theirs ("" if
    any: the number had its country code, or was read in the import's country)."""

    number: str
    country: str = ""


@dataclass(frozen=True)
class ContactRef:
    """How one row names its contact: its external ID, its email (normalised) and its phone (as
    typed, and as the numbers it may be)."""

    external_id: str = ""
    email: str = ""
    phone: str = ""  # as typed, for messages
    readings: tuple[Reading, ...] = ()

    def key(self) -> list[Any]:
        """The reference as JSON-able data, for a match key (``from_key`` reads it back)."""
        readings = [[r.number, r.country] for r in self.readings]
        return [self.external_id, self.email, self.phone, readings]

    @classmethod
    def from_key(cls, data: list[Any]) -> ContactRef:
        external_id, email, phone, readings = data
        return cls(external_id, email, phone, tuple(Reading(n, c) for n, c in readings))

    def not_found(self) -> ValidationError:
        """Why no contact was found, on each key the row gave."""
        errors: dict[str, str] = {}
        if self.external_id:
            errors["contact_external_id"] = _(
                "There is no contact with the external ID “%(value)s” that you may see."
            ) % {"value": self.external_id}
        if self.email:
            errors["contact_email"] = _(
                "There is no contact with the email “%(value)s” that you may see."
            ) % {"value": self.email}
        if self.phone:
            errors["contact_phone"] = _(
                "There is no contact with the phone “%(value)s” that you may see."
            ) % {"value": self.phone}
        return ValidationError(errors)


def read_ref(cells: Cells, ctx: Context) -> ContactRef:
    """The row's reference to its contact; ValidationError by target if it gives none, or an
    email or phone that cannot be one."""
    external_id = first(cells, "contact_external_id")
    emails = [e for cell in cells.get("contact_email", ()) for e in split_emails(cell)]
    phones = [p for cell in cells.get("contact_phone", ()) for p in split_list(cell)]
    if not (external_id or emails or phones):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Name the contact: give their external ID, email or phone.")}
        )
    errors: dict[str, list[str]] = {}
    email = ""
    if emails:
        try:
            email = normalise_emails(emails[:1], field="contact_email")[0]
        except ValidationError as error:
            errors.update(error.message_dict)
    readings: tuple[Reading, ...] = ()
    if phones:
        try:
            readings = _readings(phones[0], ctx)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return ContactRef(external_id, email, phones[0] if phones else "", readings)


def _readings(text: str, ctx: Context) -> tuple[Reading, ...]:
    """The numbers a typed phone can be. With its country code, or valid in the import's
    country, it is one number (as the contacts import reads it). A local number that is
    neither is read in the country of each contact the importer may see: it is theirs if they
    are in that country, as the contact's own form would have read it."""
    try:
        number = normalise_phones([text], country=ctx.default_country, field="contact_phone")
    except ValidationError as error:
        if text.strip().startswith(("+", "00")):
            raise
        problem = error
    else:
        return (Reading(number[0]),)
    readings = []
    for country in ctx.contacts.countries(ctx):
        try:
            readings.append(Reading(to_e164(text, country), country))
        except InvalidPhone:
            continue
    if not readings:
        raise problem
    return tuple(readings)


class ContactFinder:
    """The contacts that rows name, among those the importer may see: noted as rows are read,
    looked up together. Keeps only the current batch's, so a long import holds little."""

    def __init__(self) -> None:
        self._wanted: set[ContactRef] = set()
        self._found: dict[ContactRef, Contact | None] = {}
        self._countries: list[str] | None = None

    def note(self, ref: ContactRef) -> None:
        self._wanted.add(ref)

    def look_up(self, ctx: Context) -> None:
        """Find every contact noted since the last look-up, in three queries at most, and
        forget those of earlier batches."""
        wanted, self._wanted = self._wanted, set()
        missing = [ref for ref in wanted if ref not in self._found]
        found = _find(missing, ctx)
        self._found = {
            ref: self._found[ref] if ref in self._found else found[ref] for ref in wanted
        }

    def find(self, ref: ContactRef, ctx: Context) -> Contact | None:
        """The contact ``ref`` names; looked up now if it was not noted before."""
        if ref not in self._found:
            self._found.update(_find([ref], ctx))
        return self._found[ref]

    def countries(self, ctx: Context) -> list[str]:
        """The countries of the contacts the importer may see (asked once an import)."""
        if self._countries is None:
            visible = Contact.objects.visible_to(ctx.by).exclude(country="")
            self._countries = list(
                visible.order_by("country").values_list("country", flat=True).distinct()
            )
        return self._countries


def _find(refs: list[ContactRef], ctx: Context) -> dict[ContactRef, Contact | None]:
    """Each reference's contact: by external ID, else by email, else by phone; the oldest
    contact when several share an email or a phone."""
    if not refs:
        return {}
    visible = Contact.objects.visible_to(ctx.by)
    by_id: dict[str, Contact] = {}
    if ids := {ref.external_id for ref in refs if ref.external_id}:
        by_id = {c.external_id: c for c in visible.filter(external_id__in=ids)}
    by_email: dict[str, Contact] = {}
    if emails := {ref.email for ref in refs if ref.email}:
        # Stored as typed, but for the domain; most people type an address in lower case.
        spelled = emails | {email.lower() for email in emails}
        rows = ContactEmail.objects.filter(address__in=spelled, contact__in=visible)
        for row in rows.select_related("contact").order_by("contact_id"):
            by_email.setdefault(row.address.casefold(), row.contact)
    by_phone: dict[str, list[Contact]] = {}
    if numbers := {r.number for ref in refs for r in ref.readings}:
        phones = ContactPhone.objects.filter(number__in=numbers, contact__in=visible)
        for phone in phones.select_related("contact").order_by("contact_id"):
            by_phone.setdefault(phone.number, []).append(phone.contact)
    return {
        ref: by_id.get(ref.external_id)
        or by_email.get(ref.email.casefold())
        or _by_phone(ref, by_phone)
        for ref in refs
    }


def _by_phone(ref: ContactRef, by_phone: dict[str, list[Contact]]) -> Contact | None:
    for reading in ref.readings:
        for contact in by_phone.get(reading.number, ()):
            if not reading.country or contact.country == reading.country:
                return contact
    return None


def contact_of(ref: ContactRef, ctx: Context) -> Contact:
    """The contact ``ref`` names; ValidationError on the keys the row gave if there is none."""
    contact = ctx.contacts.find(ref, ctx)
    if contact is None:
        raise ref.not_found()
    return contact


def moment(cells: Cells, ctx: Context, errors: dict[str, list[str]]) -> datetime.datetime | None:
    """When the row's record happened (``occurred_at``): required; a time without an offset is
    the importer's own, as it is when they type it in a form."""
    text = first(cells, "occurred_at")
    if not text:
        errors["occurred_at"] = [_("Give the date and time it happened.")]
        return None
    try:
        return values.moment(text, zoneinfo.ZoneInfo(ctx.by.time_zone))
    except ValidationError as error:
        errors["occurred_at"] = error.messages
        return None


def read_choice(
    cells: Cells,
    key: str,
    field: str,
    options: type[models.TextChoices],
    errors: dict[str, list[str]],
) -> str:
    """The code of the choice the row's ``key`` names, by code, label in any language or
    another system's word (``choices.ALIASES[field]``); "" if none, or an error listing them."""
    text = first(cells, key)
    if not text:
        return ""
    code = choices.choice(field, text, options)
    if code is None:
        errors[key] = [
            _("“%(text)s” is not one of: %(options)s.") % {"text": text, "options": labels(options)}
        ]
    return code or ""


def labels(options: type[models.TextChoices]) -> str:
    return ", ".join(map(str, options.labels))


@contextmanager
def row_errors(fields: Mapping[str, str] | None = None) -> Iterator[None]:
    """A write action's refusal as the row's errors: a permission refused is said of the row;
    the model's field names are given as the targets they were read from (``fields``)."""
    try:
        yield
    except PermissionDenied as error:
        raise ValidationError(str(error)) from None
    except ValidationError as error:
        if not fields or not hasattr(error, "error_dict"):
            raise
        renamed: dict[str, list[str]] = {}
        for key, messages in error.message_dict.items():
            renamed.setdefault(fields.get(key, key), []).extend(messages)
        raise ValidationError(renamed) from None
