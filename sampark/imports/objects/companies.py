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
from sampark.customfields.models import CustomObject
from sampark.imports import choices
from sampark.imports.cells import clean
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

_PLAIN = ("name", "domain", "industry", "size", "country", "external_id")


class CompanyImport:
    label = "contacts.company"

    def match_key(self, cells: Cells, ctx: Context) -> str:
        if ctx.match_on == MatchOn.EXTERNAL_ID:
            return first(cells, "external_id")
        if ctx.match_on == MatchOn.NAME:
            return first(cells, "name").casefold()
        if ctx.match_on == MatchOn.DOMAIN:
            domain = first(cells, "domain")
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
            for company in Company.objects.filter(name__in=spellings(keys)).order_by("id"):
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
            key: first(cells, key) for key in ("name", "domain", "industry", "external_id")
        }
        if not out["name"]:
            errors["name"] = [_("A company needs a name.")]
        country = first(cells, "country")
        if country:
            out["country"] = choices.country(country) or ""
            if not out["country"]:
                errors["country"] = [_("“%(text)s” is not known here.") % {"text": country}]
        size = first(cells, "size")
        if size:
            out["size"] = _size(size) or ""
            if not out["size"]:
                errors["size"] = [
                    _("“%(text)s” is not one of: %(options)s.")
                    % {"text": size, "options": ", ".join(CompanySize.values)}
                ]
        parent = first(cells, "parent")
        if parent:
            found = Company.objects.visible_to(ctx.by).filter(name__iexact=parent).first()
            if found is None:
                errors["parent"] = [
                    _("There is no company called “%(name)s” that you may see.") % {"name": parent}
                ]
            out["parent"] = found
        read_shared(
            cells,
            ctx,
            custom_object=CustomObject.COMPANY,
            unknown_owner=_("“%(name)s” is not someone you may give companies to."),
            out=out,
            errors=errors,
        )
        if errors:
            raise ValidationError(errors)
        return out

    def create(self, values: dict[str, Any], ctx: Context) -> Change:
        values = {k: v for k, v in values.items() if v not in ("", None, []) or k == "custom"}
        return Change(actions.create_company(by=ctx.by, **without_empty(values)), True, {})

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
        parent = values.get("parent")
        if parent is not None and parent.pk != company.parent_id:
            changes["parent"], before["parent"] = parent, company.parent_id
        add_shared(company, values, changes, before)
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
        restore = restored(before)
        if "parent" in restore:
            restore["parent"] = Company.objects.filter(pk=restore["parent"]).first()
        actions.update_company(company, by=by, values=restore)


def _size(text: str) -> str | None:
    compact = clean(text).replace(" ", "").replace("\u2013", "-")  # an en dash, as in 11 to 50
    if compact in CompanySize.values:
        return compact
    return choices.choice("size", text, CompanySize)


COMPANIES = CompanyImport()
