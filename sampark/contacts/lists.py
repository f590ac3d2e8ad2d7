"""The contact and company lists as ``sampark.listviews`` knows them: their optional columns,
the columns shown until a user chooses, and the parameters a saved view may keep; and the one
rule that turns a list's parameters into its rows, which the list pages and exports share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from sampark.contacts import conditions, search
from sampark.contacts.models import (
    Affiliation,
    Company,
    CompanyQuerySet,
    Contact,
    ContactQuerySet,
    LifecycleStage,
)
from sampark.core.models import User
from sampark.core.planner import unindexed
from sampark.customfields import listing
from sampark.customfields import values as custom_values
from sampark.customfields.models import CustomObject
from sampark.listviews.lists import CUSTOM_IN_LIST, Column, RecordList

# The contact list's sort orders; each is served by an index (see Contact.Meta.indexes).
CONTACT_SORTS = {
    "name": ("display_name",),
    "updated": ("-updated_at", "-id"),  # one direction, so the index serves both
    "stage": ("lifecycle_stage", "display_name"),
}
# Sorts whose index starts with the stage, so a stage filter is best read through it.
SORTS_BY_STAGE = frozenset({"updated", "stage"})
COMPANY_SORTS = {"name": ("name", "id")}
# Past this many matches a list is best read along its sort order's index (see core/planner.py).
MANY_ROWS = 1000

CONTACTS = RecordList(
    name="contacts",
    everything=_("All contacts"),
    url_name="contacts:list",
    columns=(
        Column("stage", _("Stage")),
        Column("email", _("Email")),
        Column("phone", _("Phone")),
        Column("company", _("Company")),
        Column("country", _("Country")),
        Column("language", _("Language")),
        Column("source", _("Source")),
        Column("owner", _("Owner")),
        Column("updated", _("Updated")),
    ),
    default=("stage", "email", "phone", CUSTOM_IN_LIST, "owner", "updated"),
    params=frozenset({"q", "stage", "tag", "segment", "sort"}),
    defaults=frozenset({("sort", "name")}),
    custom_object=CustomObject.CONTACT,
)

COMPANIES = RecordList(
    name="companies",
    everything=_("All companies"),
    url_name="contacts:companies",
    columns=(
        Column("domain", _("Web domain")),
        Column("industry", _("Industry")),
        Column("size", _("Size")),
        Column("country", _("Country")),
        Column("owner", _("Owner")),
        Column("updated", _("Updated")),
        Column("people", _("People"), numeric=True),
    ),
    default=("domain", "industry", "size", "country", CUSTOM_IN_LIST, "owner", "people"),
    params=frozenset({"q", "tag", "sort"}),
    defaults=frozenset({("sort", "name")}),
    custom_object=CustomObject.COMPANY,
)


# What the list page reads of each contact: its link, the owner's name, every sort order's
# fields (the next page's cursor holds them) and what each shown column needs; a list of fifty
# rows need not build fifty notes fields and custom-value dictionaries no one sees.
_ALWAYS_READ = ("id", "display_name", "owner_id", "lifecycle_stage", "updated_at")
_READ_FOR_COLUMN = {
    "email": "email",
    "phone": "phone",
    "country": "country",
    "language": "language",
    "source": "source",
}


def list_fields(columns: Iterable[Column]) -> list[str]:
    """The contact fields a list page showing ``columns`` reads (for ``QuerySet.only``)."""
    fields = list(_ALWAYS_READ)
    for column in columns:
        if column.field is not None:
            fields.append("custom")
        elif column.key in _READ_FOR_COLUMN:
            fields.append(_READ_FOR_COLUMN[column.key])
    return list(dict.fromkeys(fields))


def with_company_names(contacts: ContactQuerySet, user: User) -> ContactQuerySet:
    """Each contact's company for the Company column, as ``company_name``: their primary one
    (else the first linked), among the companies ``user`` may see. A subquery, so the page is
    still read in one query."""
    companies = Company.objects.visible_to(user).values("pk")
    first = (
        Affiliation.objects.filter(contact=OuterRef("pk"), company__in=companies)
        .order_by("-is_primary", "id")
        .values("company__name")[:1]
    )
    return contacts.annotate(company_name=Subquery(first))


def with_people_count(companies: CompanyQuerySet, user: User) -> CompanyQuerySet:
    """Each company's number of people as ``people_count``, counting only contacts ``user`` may
    see (one query)."""
    visible = Contact.objects.visible_to(user).values("pk")
    counted = companies.annotate(
        people_count=Count("affiliations", filter=Q(affiliations__contact__in=visible))
    )
    # An aggregate drops Meta.ordering, so a list left in that order is given it again.
    return counted if companies.query.order_by else counted.order_by(*COMPANY_SORTS["name"])


def filtered_contacts(
    user: User, params: Mapping[str, str], *, many: bool = False
) -> tuple[ContactQuerySet, listing.Filtered[ContactQuerySet]]:
    """The contacts ``user`` may see that pass the list's filters in ``params`` (``q``,
    ``stage``, ``tag``, custom fields), in its ``sort``; with the custom filters' controls and
    errors. ``many``: the caller counted more than a page's worth (see core/planner.py)."""
    query = params.get("q", "")
    stage = params.get("stage", "")
    sort = params.get("sort", "name")
    tag = params.get("tag", "")
    fields = custom_values.definitions(CustomObject.CONTACT)
    visible = Contact.objects.visible_to(user, many=many)
    contacts = search.narrow(visible, query, many=many)
    if stage in LifecycleStage.values:
        # Stage and recency share an index, which serves the two together best.
        stage_column = "lifecycle_stage" if not many or sort in SORTS_BY_STAGE else "stage"
        contacts = contacts.alias(
            stage=unindexed("lifecycle_stage", Contact._meta.get_field("lifecycle_stage"))
        ).filter(**{stage_column: stage})
    if tag:
        contacts = contacts.filter(tags__name=tag)
    segment_error = ""
    if segment := params.get("segment", ""):
        # Segments are the marketing app's: the rule engine knows them as a condition.
        try:
            contacts = contacts.filter(conditions.one_condition("segment", "is", [segment]))
        except conditions.RuleError:
            contacts, segment_error = contacts.none(), str(_("No such segment."))
    custom = listing.apply_filters(contacts, fields, params, many=many)
    if segment_error:
        custom.errors["segment"] = segment_error
    ordered = listing.order_by(custom.queryset, fields, sort)
    if ordered is None:
        ordered = custom.queryset.order_by(*CONTACT_SORTS.get(sort, CONTACT_SORTS["name"]))
    return ordered, custom


def filtered_companies(
    user: User, params: Mapping[str, str]
) -> tuple[CompanyQuerySet, listing.Filtered[CompanyQuerySet]]:
    """The companies ``user`` may see that pass the list's filters in ``params`` (``q``,
    ``tag``, custom fields), in its ``sort``; with the custom filters' controls and errors."""
    query = params.get("q", "")
    tag = params.get("tag", "")
    sort = params.get("sort", "name")
    fields = custom_values.definitions(CustomObject.COMPANY)
    companies = search.narrow(Company.objects.visible_to(user), query)
    if tag:
        companies = companies.filter(tags__name=tag)
    custom = listing.apply_filters(companies, fields, params)
    ordered = listing.order_by(custom.queryset, fields, sort)
    if ordered is None:
        ordered = custom.queryset.order_by(*COMPANY_SORTS.get(sort, COMPANY_SORTS["name"]))
    return ordered, custom
