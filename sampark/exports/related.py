"""What an export reads beside its rows, a batch of rows at a time.

Each kind of related value is one query per batch, read as plain values into a dictionary by
record id — cheaper by far than ``prefetch_related``, which builds a model and a manager per
related row — so a million rows cost a few queries per two thousand, never one per row. What
the reader may not see stays out: a contact's companies are only those they may see, and so is
a company's parent and its count of people.
"""

from __future__ import annotations

import enum
import itertools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

from django.db import models
from django.db.models import OuterRef, QuerySet, Subquery

from sampark.contacts.lists import with_people_count
from sampark.contacts.models import Address, Affiliation, Company, ContactEmail, ContactPhone
from sampark.core.models import User


class Related(enum.Enum):
    EMAILS = "emails"  # a contact's, primary first
    PHONES = "phones"  # a contact's, primary first
    TAGS = "tags"  # by name
    ADDRESSES = "addresses"  # (line1, line2, city, region, postal_code, country), primary first
    COMPANIES = "companies"  # a contact's (name, domain, title), the primary one first
    PARENT = "parent"  # a company's parent's name, as ``export_parent``
    PEOPLE = "people"  # a company's number of people, as ``people_count``


# Values by record id, each in order.
type Found = dict[int, list[Any]]
type Loader = Callable[[type[models.Model], list[int], User], Found]


def _grouped(rows: Iterable[tuple[Any, ...]]) -> Found:
    found: Found = defaultdict(list)
    for owner, *values in rows:
        found[owner].append(values[0] if len(values) == 1 else tuple(values))
    return found


def _owner(model: type[models.Model]) -> str:
    return f"{model._meta.model_name}_id"  # contact_id, company_id


def _emails(_model: type[models.Model], ids: list[int], _user: User) -> Found:
    rows = ContactEmail.objects.filter(contact_id__in=ids).order_by("-is_primary", "id")
    return _grouped(rows.values_list("contact_id", "address"))


def _phones(_model: type[models.Model], ids: list[int], _user: User) -> Found:
    rows = ContactPhone.objects.filter(contact_id__in=ids).order_by("-is_primary", "id")
    return _grouped(rows.values_list("contact_id", "number"))


def _tags(model: type[models.Model], ids: list[int], _user: User) -> Found:
    owner = _owner(model)
    through = model.tags.through  # type: ignore[attr-defined]
    rows = through.objects.filter(**{f"{owner}__in": ids}).order_by("tag__name")
    return _grouped(rows.values_list(owner, "tag__name"))


def _addresses(model: type[models.Model], ids: list[int], _user: User) -> Found:
    owner = _owner(model)
    rows = Address.objects.filter(**{f"{owner}__in": ids}).order_by("position", "id")
    parts = ("line1", "line2", "city", "region", "postal_code", "country")
    return _grouped(rows.values_list(owner, *parts))


def _companies(_model: type[models.Model], ids: list[int], user: User) -> Found:
    visible = Company.objects.visible_to(user).values("pk")
    rows = Affiliation.objects.filter(contact_id__in=ids, company__in=visible).order_by(
        "-is_primary", "id"
    )
    return _grouped(rows.values_list("contact_id", "company__name", "company__domain", "title"))


LOADERS: dict[Related, Loader] = {
    Related.EMAILS: _emails,
    Related.PHONES: _phones,
    Related.TAGS: _tags,
    Related.ADDRESSES: _addresses,
    Related.COMPANIES: _companies,
}


def annotated[R: QuerySet[Any]](records: R, needs: Collection[Related], user: User) -> R:
    """``records`` with what is read in the same query: a company's parent and people."""
    if Related.PARENT in needs:
        parents = Company.objects.visible_to(user).filter(pk=OuterRef("parent_id"))
        records = records.annotate(export_parent=Subquery(parents.values("name")[:1]))
    if Related.PEOPLE in needs:
        records = with_people_count(records, user)  # type: ignore[arg-type,assignment]
    return records


def batches(
    records: QuerySet[Any], needs: Collection[Related], user: User, size: int
) -> Iterator[tuple[tuple[Any, ...], dict[Related, Found]]]:
    """The records ``size`` at a time, each batch with what ``needs`` names of its rows."""
    loaders = [need for need in needs if need in LOADERS]
    rows = annotated(records, needs, user).iterator(chunk_size=size)
    for batch in itertools.batched(rows, size):
        ids = [record.pk for record in batch]
        yield batch, {need: LOADERS[need](records.model, ids, user) for need in loaders}
