"""The contact and company lists as ``sampark.listviews`` knows them: their optional columns,
the columns shown until a user chooses, and the parameters a saved view may keep."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Affiliation, Company, Contact
from sampark.core.models import User
from sampark.customfields.models import CustomObject
from sampark.listviews.lists import CUSTOM_IN_LIST, Column, RecordList

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
    params=frozenset({"q", "stage", "tag", "sort"}),
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


def with_company_names(contacts: QuerySet[Contact], user: User) -> QuerySet[Contact]:
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
