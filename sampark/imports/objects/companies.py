"""Importing companies: rows into ``create_company``/``update_company``.

As for contacts, an update only adds what the row says; tags are added to the company's.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sampark.contacts import actions
from sampark.contacts.models import Company, CompanySize
from sampark.core.models import User
from sampark.core.records import OwnedRecord
from sampark.customfields import values as custom_values
from sampark.customfields.models import CustomObject
from sampark.imports import choices, values
from sampark.imports.cells import clean, split_tags
from sampark.imports.models import MatchOn
from sampark.imports.objects import Cells, Change, Context
from sampark.imports.objects.contacts import _ADDRESS, _first, _owner
from sampark.imports.targets import CUSTOM_PREFIX
from sampark.lib.domains import InvalidDomain, normalise_domain

_PLAIN = ("name", "domain", "industry", "size", "country", "external_id")


class CompanyImport:
    label = "contacts.company"

    def match_key(self, cells: Cells, ctx: Context) -> str:
        if ctx.match_on == MatchOn.EXTERNAL_ID:
            return _first(cells, "external_id")
        if ctx.match_on == MatchOn.NAME:
            return _first(cells, "name").casefold()
        if ctx.match_on == MatchOn.DOMAIN:
            domain = _first(cells, "domain")
            if not domain:
                return ""
            try:
                return normalise_domain(domain)
            except InvalidDomain:
                raise ValidationError(
                    {"domain": _("“%(domain)s” is not a web domain.") % {"domain": domain}}
                ) from None
        return ""

    def existing(self, keys: Sequence[str], ctx: Context) -> dict[str, OwnedRecord]:
        found: dict[str, OwnedRecord] = {}
        if not keys:
            return found
        if ctx.match_on == MatchOn.NAME:
            # Names differ in case only: compare folded, among the few companies so named.
            wanted = set(keys)
            for company in Company.objects.filter(name__in=_spellings(keys)).order_by("id"):
                if company.name.casefold() in wanted:
                    found.setdefault(company.name.casefold(), company)
            for key in wanted - set(found):
                other = Company.objects.filter(name__iexact=key).order_by("id").first()
                if other is not None:
                    found[key] = other
            return found
        column = {MatchOn.EXTERNAL_ID: "external_id", MatchOn.DOMAIN: "domain"}.get(
            MatchOn(ctx.match_on)
        )
        if column:
            for company in Company.objects.filter(**{f"{column}__in": keys}).order_by("-id"):
                found[getattr(company, column)] = company
        return found

    def prepare(self, cells: Cells, ctx: Context) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        out: dict[str, Any] = {
            key: _first(cells, key) for key in ("name", "domain", "industry", "external_id")
        }
        if not out["name"]:
            errors["name"] = [_("A company needs a name.")]
        country = _first(cells, "country")
        if country:
            out["country"] = choices.country(country) or ""
            if not out["country"]:
                errors["country"] = [_("“%(text)s” is not known here.") % {"text": country}]
        size = _first(cells, "size")
        if size:
            out["size"] = _size(size) or ""
            if not out["size"]:
                errors["size"] = [
                    _("“%(text)s” is not one of: %(options)s.")
                    % {"text": size, "options": ", ".join(CompanySize.values)}
                ]
        parent = _first(cells, "parent")
        if parent:
            found = Company.objects.visible_to(ctx.by).filter(name__iexact=parent).first()
            if found is None:
                errors["parent"] = [
                    _("There is no company called “%(name)s” that you may see.") % {"name": parent}
                ]
            out["parent"] = found
        out["tags"] = [t for cell in cells.get("tags", ()) for t in split_tags(cell)]
        owner = _first(cells, "owner")
        if owner:
            user = _owner(owner, ctx)
            if user is None:
                errors["owner"] = [
                    _("“%(name)s” is not someone you may give companies to.") % {"name": owner}
                ]
            out["owner"] = user
        address = {part: _first(cells, f"address_{part}") for part in _ADDRESS}
        if any(address.values()):
            if address["country"]:
                address["country"] = choices.country(address["country"]) or address["country"]
            out["addresses"] = [address]
        custom: dict[str, Any] = {}
        for field in custom_values.definitions(CustomObject.COMPANY):
            key = f"{CUSTOM_PREFIX}{field.key}"
            if key in cells:
                try:
                    custom[field.key] = values.custom(field, cells[key])
                except ValidationError as error:
                    errors[key] = error.messages
        out["custom"] = custom
        if errors:
            raise ValidationError(errors)
        return out

    def create(self, values: dict[str, Any], ctx: Context) -> Change:
        values = {k: v for k, v in values.items() if v not in ("", None, []) or k == "custom"}
        return Change(actions.create_company(by=ctx.by, **values), True, {})

    def update(self, record: OwnedRecord, values: dict[str, Any], ctx: Context) -> Change | None:
        assert isinstance(record, Company)
        company = record
        changes: dict[str, Any] = {}
        before: dict[str, Any] = {}
        for key in _PLAIN:
            value = values.get(key)
            if key == "domain" and value:
                with contextlib.suppress(InvalidDomain):  # the update's own check reports it
                    value = normalise_domain(value)
            if value and value != getattr(company, key):
                changes[key], before[key] = value, getattr(company, key)
        for key in ("owner", "parent"):
            value = values.get(key)
            if value is not None and value.pk != getattr(company, f"{key}_id"):
                changes[key], before[key] = value, getattr(company, f"{key}_id")
        tags = actions.tag_names(company)
        new_tags = [
            t for t in values.get("tags", []) if t.casefold() not in {x.casefold() for x in tags}
        ]
        if new_tags:
            changes["tags"], before["tags"] = tags + new_tags, tags
        custom = {
            key: value
            for key, value in values.get("custom", {}).items()
            if value is not None and company.custom.get(key) != value
        }
        if custom:
            changes["custom"] = custom
            before["custom"] = {key: company.custom.get(key) for key in custom}
        if values.get("addresses") and not company.addresses.exists():
            changes["addresses"], before["addresses"] = values["addresses"], []
        if not changes:
            return None
        return Change(actions.update_company(company, by=ctx.by, values=changes), False, before)

    def undo(
        self, model: str, record_id: int, created: bool, before: dict[str, Any], by: User
    ) -> None:
        company = Company.objects.filter(pk=record_id).first()
        if company is None:
            return
        if created:
            actions.delete_company(company, by=by)
            return
        restore = dict(before)
        if "owner" in restore:
            restore["owner"] = User.objects.get(pk=restore["owner"])
        if "parent" in restore:
            restore["parent"] = Company.objects.filter(pk=restore["parent"]).first()
        actions.update_company(company, by=by, values=restore)


def _size(text: str) -> str | None:
    compact = clean(text).replace(" ", "").replace("\u2013", "-")  # an en dash, as in 11 to 50
    if compact in CompanySize.values:
        return compact
    return choices.choice("size", text, CompanySize)


def _spellings(keys: Sequence[str]) -> list[str]:
    return [*keys, *(key.title() for key in keys), *(key.upper() for key in keys)]


COMPANIES = CompanyImport()
