"""Importing contacts: rows into ``create_contact``/``update_contact``, with their company.

An update only adds what the row says: an empty cell never blanks a stored value, and emails,
phones and tags are added to the contact's, not put in their place. So importing a partial file
(just phones, say) over existing contacts loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from sampark.contacts import actions, actions_bulk
from sampark.contacts.models import (
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    LifecycleStage,
    PreferredChannel,
)
from sampark.core.models import User
from sampark.core.records import OwnedRecord
from sampark.customfields.models import CustomObject
from sampark.imports import choices
from sampark.imports.cells import (
    clean_block,
    split_emails,
    split_list,
    split_name,
)
from sampark.imports.models import MatchOn
from sampark.imports.objects import Cells, Change, Context
from sampark.imports.objects.common import (
    add_shared,
    first,
    read_shared,
    restored,
    spellings,
    without_empty,
)
from sampark.lib.domains import InvalidDomain, normalise_domain
from sampark.lib.emails import InvalidEmail, normalise_email
from sampark.lib.phones import InvalidPhone, to_e164

# Fields an update may set from a non-empty cell, as they are named in the action's values.
_PLAIN = (
    "display_name",
    "given_name",
    "family_name",
    "latin_name",
    "country",
    "language",
    "preferred_channel",
    "time_zone",
    "lifecycle_stage",
    "source",
    "notes",
    "external_id",
)
_NAMES = frozenset({"display_name", "given_name", "family_name"})
_CHOICES: dict[str, type[models.TextChoices]] = {
    "preferred_channel": PreferredChannel,
    "lifecycle_stage": LifecycleStage,
}


class ContactImport:
    label = "contacts.contact"

    def match_key(self, cells: Cells, ctx: Context) -> str:
        if ctx.match_on == MatchOn.EXTERNAL_ID:
            return first(cells, "external_id")
        if ctx.match_on == MatchOn.EMAIL:
            emails = [e for cell in cells.get("email", ()) for e in split_emails(cell)]
            if not emails:
                return ""
            try:
                return normalise_email(emails[0])
            except InvalidEmail as error:
                raise ValidationError({"email": f"{emails[0]}: {error}"}) from None
        if ctx.match_on == MatchOn.PHONE:
            phones = [p for cell in cells.get("phone", ()) for p in split_list(cell)]
            if not phones:
                return ""
            country = choices.country(first(cells, "country")) or ctx.default_country
            try:
                return to_e164(phones[0], country or None)
            except InvalidPhone as error:
                raise ValidationError({"phone": f"{phones[0]}: {error}"}) from None
        return ""

    def existing(self, keys: Sequence[str], ctx: Context) -> dict[str, OwnedRecord]:
        found: dict[str, OwnedRecord] = {}
        if not keys:
            return found
        if ctx.match_on == MatchOn.EXTERNAL_ID:
            for contact in Contact.objects.filter(external_id__in=keys):
                found[contact.external_id] = contact
        elif ctx.match_on in (MatchOn.EMAIL, MatchOn.PHONE):
            model = ContactEmail if ctx.match_on == MatchOn.EMAIL else ContactPhone
            column = "address" if model is ContactEmail else "number"
            rows = (
                model.objects.filter(**{f"{column}__in": keys})
                .select_related("contact")
                .order_by("contact_id")
            )
            for row in rows:
                found.setdefault(getattr(row, column), row.contact)
        return found

    def prepare(self, cells: Cells, ctx: Context) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        out: dict[str, Any] = {}
        out["emails"] = [e for cell in cells.get("email", ()) for e in split_emails(cell)]
        out["phones"] = [p for cell in cells.get("phone", ()) for p in split_list(cell)]
        given, family = first(cells, "given_name"), first(cells, "family_name")
        name = first(cells, "display_name") or " ".join(filter(None, [given, family]))
        name = name or first(cells, "latin_name")
        if name and not given and not family:
            given, family = split_name(name)
        # A row with an email or a phone but no name (a newsletter list, say) still makes a
        # contact, shown by its email or phone until someone learns the name.
        display = name or next(iter(out["emails"] or out["phones"]), "")
        if not display:
            errors["display_name"] = [
                _("A name is needed: a full name, or a given or family name.")
            ]
        out.update(display_name=display, given_name=given, family_name=family, named=bool(name))
        for key in ("latin_name", "time_zone", "source", "external_id"):
            out[key] = first(cells, key)
        out["notes"] = clean_block("\n".join(cells.get("notes", ())))
        for key, read in (("country", choices.country), ("language", choices.language)):
            text = first(cells, key)
            if text:
                code = read(text)
                if code is None:
                    errors[key] = [_("“%(text)s” is not known here.") % {"text": text}]
                out[key] = code or ""
        if not out.get("country") and ctx.default_country:
            out["country"] = ctx.default_country
        for key, options in _CHOICES.items():
            text = first(cells, key)
            if text:
                code = choices.choice(key, text, options)
                if code is None:
                    errors[key] = [
                        _("“%(text)s” is not one of: %(options)s.")
                        % {"text": text, "options": ", ".join(map(str, options.labels))}
                    ]
                out[key] = code or ""
        read_shared(
            cells,
            ctx,
            custom_object=CustomObject.CONTACT,
            unknown_owner=_("“%(name)s” is not someone you may give contacts to."),
            out=out,
            errors=errors,
        )
        out["company"] = (
            first(cells, "company"),
            first(cells, "company_domain"),
            first(cells, "job_title"),
        )
        if errors:
            raise ValidationError(errors)
        return out

    def create(self, values: dict[str, Any], ctx: Context) -> Change:
        values, (company_name, domain, title) = _for_create(values)
        contact = actions.create_contact(by=ctx.by, **values)
        made = _link_company(contact, company_name, domain, title, ctx)
        return Change(contact, True, {}, also_created=[made] if made else [])

    def create_many(
        self, rows: Sequence[dict[str, Any]], ctx: Context
    ) -> list[Change | ValidationError]:
        """``create`` for many rows, written together (see contacts.actions_bulk)."""
        split = [_for_create(values) for values in rows]
        made: dict[int, Company] = {}

        def companies_of(ats: list[int]) -> dict[int, tuple[Company, str]]:
            named = [split[at][1] for at in ats]
            companies = _companies([(name, domain) for name, domain, _title in named], ctx)
            found: dict[int, tuple[Company, str]] = {}
            for at, (name, domain, title) in zip(ats, named, strict=True):
                company, new = companies.get(_company_key(name, domain), (None, False))
                if company is None:
                    continue
                if new:
                    # Made once, for the first row naming it: undo removes it with that row.
                    made[at] = company
                    companies[_company_key(name, domain)] = (company, False)
                found[at] = (company, title)
            return found

        results = actions_bulk.create_contacts(
            by=ctx.by, rows=[values for values, _company_row in split], companies_of=companies_of
        )
        return [
            result
            if isinstance(result, ValidationError)
            else Change(result, True, {}, also_created=[made[at]] if at in made else [])
            for at, result in enumerate(results)
        ]

    def update(self, record: OwnedRecord, values: dict[str, Any], ctx: Context) -> Change | None:
        assert isinstance(record, Contact)
        contact = record
        changes: dict[str, Any] = {}
        before: dict[str, Any] = {}
        for key in _PLAIN:
            value = values.get(key)
            if key in _NAMES and not values.get("named"):
                continue  # a name made up from an email never replaces a stored one
            if value and value != getattr(contact, key):
                changes[key], before[key] = value, getattr(contact, key)
        _add_reachability(contact, values, changes, before)
        add_shared(contact, values, changes, before)
        company_name, domain, title = values["company"]
        if changes:
            contact = actions.update_contact(contact, by=ctx.by, values=changes)
        linked = _linked(contact, company_name, domain)
        if not changes and (linked or not (company_name or domain)):
            return None
        made = None if linked else _link_company(contact, company_name, domain, title, ctx)
        return Change(contact, False, before, also_created=[made] if made else [])

    def undo(
        self, model: str, record_id: int, created: bool, before: dict[str, Any], by: User
    ) -> None:
        if model == "contacts.company":
            company = Company.objects.filter(pk=record_id).first()
            # A company the import made is kept if someone has joined it since.
            if company is not None and not company.contacts.exists():
                actions.delete_company(company, by=by)
            return
        contact = Contact.objects.filter(pk=record_id).first()
        if contact is None:
            return
        if created:
            actions.delete_contact(contact, by=by)
            return
        actions.update_contact(contact, by=by, values=restored(before))


def _add_reachability(
    contact: Contact, values: dict[str, Any], changes: dict[str, Any], before: dict[str, Any]
) -> None:
    """Emails and phones in the row that the contact lacks, added after its own."""
    emails = [e.address for e in contact.emails.all()]
    new_emails = [e for e in values.get("emails", []) if e.casefold() not in _folded(emails)]
    if new_emails:
        changes["emails"] = emails[1:] + new_emails if emails else new_emails[1:]
        if not emails:
            changes["email"] = new_emails[0]
            before["email"] = ""
        before["emails"] = emails[1:]
    phones = [p.number for p in contact.phones.all()]
    new_phones = [p for p in values.get("phones", []) if _e164(p, contact.country) not in phones]
    if new_phones:
        changes["phones"] = phones[1:] + new_phones if phones else new_phones[1:]
        if not phones:
            changes["phone"] = new_phones[0]
            before["phone"] = ""
        before["phones"] = phones[1:]


def _folded(texts: list[str]) -> set[str]:
    return {text.casefold() for text in texts}


def _e164(text: str, country: str) -> str:
    try:
        return to_e164(text, country or None)
    except InvalidPhone:
        return text  # the update's own check reports it


def _company_key(name: str, domain: str) -> tuple[str, str]:
    try:
        bare = normalise_domain(domain) if domain else ""
    except InvalidDomain:
        bare = ""
    return name.casefold(), bare


def _linked(contact: Contact, name: str, domain: str) -> bool:
    if not (name or domain):
        return False
    folded, bare = _company_key(name, domain)
    return any(
        (bare and company.domain == bare) or (folded and company.name.casefold() == folded)
        for company in contact.companies.all()
    )


def _for_create(values: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, str, str]]:
    """The row's values as ``create_contact`` takes them, and its company's name, domain and
    the contact's title there."""
    values = dict(values)
    values.pop("named")
    company = values.pop("company")
    values = without_empty(values)
    emails, phones = values.pop("emails", []), values.pop("phones", [])
    if emails:
        values["email"], values["emails"] = emails[0], emails[1:]
    if phones:
        values["phone"], values["phones"] = phones[0], phones[1:]
    return values, company


def _companies(
    named: Sequence[tuple[str, str]], ctx: Context
) -> dict[tuple[str, str], tuple[Company, bool]]:
    """The companies rows name, as (name, domain) pairs, by ``_company_key``: found by web
    domain first, then by name, among the companies the importer may see, or made if there is
    none (once per import); each with whether it was made now. A few queries for a batch."""
    spelled = {_company_key(name, domain): name for name, domain in named if name or domain}
    known = Company.objects.in_bulk([ctx.companies[k] for k in spelled if k in ctx.companies])
    found: dict[tuple[str, str], tuple[Company, bool]] = {}
    for key in spelled:
        if (company := known.get(ctx.companies.get(key, 0))) is not None:
            found[key] = (company, False)
    missing = [key for key in spelled if key not in found]
    if not missing:
        return found
    # Newest first, so the oldest of namesakes is the one kept.
    visible = Company.objects.visible_to(ctx.by).order_by("-id")
    by_domain = {c.domain: c for c in visible.filter(domain__in={b for _f, b in missing if b})}
    by_name = {
        c.name.casefold(): c
        for c in visible.filter(name__in=spellings([spelled[key] for key in missing]))
    }
    for key in missing:
        folded, bare = key
        company = (bare and by_domain.get(bare)) or (folded and by_name.get(folded)) or None
        if company is None and folded:
            # Written with other capitals than the row's: rare, so asked on its own.
            company = visible.filter(name__iexact=spelled[key]).last()
        made = company is None
        if company is None:
            company = actions.create_company(by=ctx.by, name=spelled[key] or bare, domain=bare)
        ctx.companies[key] = company.pk
        found[key] = (company, made)
    return found


def _link_company(
    contact: Contact, name: str, domain: str, title: str, ctx: Context
) -> Company | None:
    """Link the contact to the company the row names (see ``_companies``); returns it if made."""
    if not (name or domain):
        return None
    company, made = _companies([(name, domain)], ctx)[_company_key(name, domain)]
    actions.link_company(
        contact, company, by=ctx.by, title=title, is_primary=not contact.affiliations.exists()
    )
    return company if made else None


CONTACTS = ContactImport()
