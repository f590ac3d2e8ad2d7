"""Companies (accounts) in the web UI: list, detail with their people, History, create, edit,
delete. Every record goes through ``access_record``/``visible_to``, every write through actions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sampark.contacts import actions
from sampark.contacts.forms_companies import CompanyForm, PersonForm
from sampark.contacts.lists import COMPANIES, filtered_companies, with_people_count
from sampark.contacts.models import Affiliation, Company, Contact
from sampark.core.history import history
from sampark.core.http import AuthenticatedRequest, render_fragment_or_page, wants_fragment
from sampark.core.models import AuditEntry
from sampark.core.records import StaleVersion, access_record, can, can_add
from sampark.core.roles import Action
from sampark.customfields import listing
from sampark.customfields import values as custom_values
from sampark.customfields.models import CustomObject
from sampark.listviews.state import list_state

STALE = gettext_lazy(
    "Someone else changed this company while you were editing. "
    "Reload the page to see their changes, then edit again."
)


@login_required
def company_list(request: AuthenticatedRequest) -> HttpResponse:
    # A saved view (?view=) brings its own filters, sort and columns: see listviews/state.py.
    shown = list_state(request, COMPANIES)
    params = shown.params
    companies, custom = filtered_companies(request.user, params)
    companies = companies.select_related("owner")
    if "people" in shown.column_keys:
        companies = with_people_count(companies, request.user)
    page = Paginator(companies, 50).get_page(request.GET.get("page"))
    pages = request.GET.copy()
    pages.pop("page", None)
    context = {
        "page": page,
        "page_query": pages.urlencode(),
        "query": params.get("q", ""),
        "tag": params.get("tag", ""),
        "sort": params.get("sort", "name"),
        "custom_filters": custom,
        "custom_sorts": listing.sort_choices(custom_values.definitions(CustomObject.COMPANY)),
        "list_state": shown,
        "columns": shown.columns,
        "oob_views": wants_fragment(request),  # the saved-views bar follows the filters
        "can_add": can_add(request.user, Company),
    }
    return render_fragment_or_page(
        request, "contacts/companies/_results.html", "contacts/companies/list.html", context
    )


@login_required
def company_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = access_record(request.user, Company, pk)
    context = _people_context(request, company, PersonForm(request.user))
    return render(request, "contacts/companies/detail.html", context)


def _header_context(request: AuthenticatedRequest, company: Company, tab: str) -> dict[str, object]:
    return {
        "company": company,
        "tab": tab,
        "can_change": can(request.user, Action.CHANGE, company),
        "can_delete": can(request.user, Action.DELETE, company),
    }


def _people_context(
    request: AuthenticatedRequest, company: Company, person_form: PersonForm
) -> dict[str, object]:
    """The Details tab: the company, its parent and subsidiaries and people the user may see."""
    visible = Company.objects.visible_to(request.user)
    contacts = Contact.objects.visible_to(request.user).values("pk")
    return {
        **_header_context(request, company, "details"),
        "custom_values": custom_values.shown(CustomObject.COMPANY, company.custom),
        "parent": visible.filter(pk=company.parent_id).first() if company.parent_id else None,
        "subsidiaries": list(visible.filter(parent=company)),
        "affiliations": list(
            company.affiliations.filter(contact__in=contacts)
            .select_related("contact")
            .order_by("contact__display_name", "contact_id")
        ),
        "person_form": person_form,
        "tags": list(company.tags.all()),
        "addresses": list(company.addresses.all()),
    }


@login_required
def company_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = access_record(request.user, Company, pk)
    context = _header_context(request, company, "history")
    entries = AuditEntry.objects.for_record(company).select_related("actor")[:200]
    context["history"] = history(
        list(entries), Company, custom_values.history_formats(CustomObject.COMPANY)
    )
    return render(request, "contacts/companies/history.html", context)


@login_required
def company_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_add(request.user, Company):
        raise PermissionDenied(_("Your role does not allow adding companies."))
    form = CompanyForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = actions.create_company(by=request.user, **form.action_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Company created."))
            return redirect("contacts:company_detail", company.pk)
    return render(request, "contacts/companies/form.html", {"form": form})


@login_required
def company_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = access_record(request.user, Company, pk, Action.CHANGE)
    initial = {"version": company.version}
    form = CompanyForm(request.user, request.POST or None, instance=company, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_company(
                company,
                by=request.user,
                values=form.action_values(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except StaleVersion:
            form.add_error(None, STALE)
        else:
            messages.success(request, _("Company saved."))
            return redirect("contacts:company_detail", company.pk)
    return render(request, "contacts/companies/form.html", {"form": form, "company": company})


@login_required
def company_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = access_record(request.user, Company, pk, Action.DELETE)
    if request.method == "POST":
        actions.delete_company(company, by=request.user)
        messages.success(request, _("Company deleted."))
        return redirect("contacts:companies")
    return render(request, "contacts/companies/delete.html", {"company": company})


@login_required
def company_person_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    company = access_record(request.user, Company, pk, Action.CHANGE)
    if request.method != "POST":
        return redirect("contacts:company_detail", company.pk)
    form = PersonForm(request.user, request.POST)
    if form.is_valid():
        contact: Contact = form.cleaned_data["contact"]
        values = {k: form.cleaned_data[k] for k in ("title", "role", "is_primary")}
        actions.link_company(contact, company, by=request.user, **values)
        messages.success(request, _("%(name)s is now with this company.") % {"name": contact})
        return redirect("contacts:company_detail", company.pk)
    context = _people_context(request, company, form)
    return render(request, "contacts/companies/detail.html", context)


@login_required
def company_person_remove(request: AuthenticatedRequest, pk: int, contact_pk: int) -> HttpResponse:
    company = access_record(request.user, Company, pk, Action.CHANGE)
    contact = access_record(request.user, Contact, contact_pk)
    affiliation = Affiliation.objects.filter(company=company, contact=contact).first()
    if affiliation is None:
        raise Http404(_("No such record, or you may not see it."))
    if request.method == "POST":
        actions.unlink_company(contact, company, by=request.user)
        messages.success(request, _("%(name)s removed from this company.") % {"name": contact})
        return redirect("contacts:company_detail", company.pk)
    context = {"company": company, "contact": contact, "affiliation": affiliation}
    return render(request, "contacts/companies/remove_person.html", context)
