"""Email templates and senders in the web UI: the list, writing a template with a variant per
language, a preview against a real contact, and the senders."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sampark.contacts.models import Contact
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import StaleVersion
from sampark.core.roles import Role, role_of
from sampark.marketing import access, actions_templates, personalise
from sampark.marketing.compose import compose
from sampark.marketing.models import EmailTemplate, Sender, TemplateVariant

SYNTAX_HELP = gettext_lazy(
    'Fill in with {{ contact.first_name | default("client") }}, {{ contact.name }}, '
    "{{ contact.country }}, {{ adviser.name }} or the next-best offer's {{ offer.name }} and "
    "{{ offer.reason }}; choose with "
    '{% if contact.country_code == "BD" %}…{% endif %}. The unsubscribe link and the postal '
    "address are added at the end."
)
# Contacts offered for a preview: the most recently changed that the user may see.
PREVIEW_CHOICES = 20


def _viewer(request: AuthenticatedRequest) -> None:
    if not access.may_view(request.user):
        raise Http404


@login_required
def template_list(request: AuthenticatedRequest) -> HttpResponse:
    _viewer(request)
    context = {
        "templates": EmailTemplate.objects.prefetch_related("variants"),
        "senders": Sender.objects.all(),
        "can_add": access.may_add(request.user),
        "can_manage_senders": role_of(request.user) in (Role.ADMIN, Role.MANAGER),
    }
    return render(request, "marketing/templates/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    _viewer(request)
    template = get_object_or_404(EmailTemplate, pk=pk) if pk else None
    if template is None and not access.may_add(request.user):
        raise PermissionDenied(_("Read-only users cannot write templates."))
    if template is not None and not actions_templates.may_change_template(request.user, template):
        raise PermissionDenied(_("Only whoever wrote this template, or a manager, may change it."))
    problems: dict[str, list[str]] = {}
    values = _values(request, template)
    if request.method == "POST":
        try:
            saved = actions_templates.save_template(
                template,
                by=request.user,
                name=values["name"],
                description=values["description"],
                default_language=values["default_language"],
                variants={
                    lang: (v["subject"], v["body"]) for lang, v in values["variants"].items()
                },
                expected_version=int(values["version"]) if values["version"].isdigit() else None,
            )
        except ValidationError as error:
            problems = error.message_dict
        except StaleVersion:
            problems = {"__all__": [_("Someone changed this template since you opened it.")]}
        else:
            messages.success(request, _("Template “%(name)s” saved.") % {"name": saved.name})
            return redirect("marketing:template", saved.pk)
    context = {
        "template": template,
        "values": values,
        "problems": problems,
        "syntax_help": SYNTAX_HELP,
        "form_errors": problems.get("__all__", []) + problems.get("variants", []),
        "languages": settings.LANGUAGES,
        "variant_rows": [
            {
                "code": code,
                "name": name,
                **values["variants"][code],
                "subject_errors": problems.get(f"{code}.subject", []),
                "body_errors": problems.get(f"{code}.body", []) + problems.get(code, []),
            }
            for code, name in settings.LANGUAGES
        ],
        "preview_contacts": _preview_contacts(request),
        "senders": Sender.objects.all(),
    }
    return render(request, "marketing/templates/form.html", context)


def _values(request: AuthenticatedRequest, template: EmailTemplate | None) -> dict[str, Any]:
    """What the form shows: what was posted, else the template as stored."""
    if request.method == "POST":
        data = request.POST
        return {
            "name": data.get("name", ""),
            "description": data.get("description", ""),
            "default_language": data.get("default_language", ""),
            "version": data.get("version", ""),
            "variants": {
                code: {
                    "subject": data.get(f"{code}.subject", ""),
                    "body": data.get(f"{code}.body", ""),
                }
                for code, _name in settings.LANGUAGES
            },
        }
    stored = {v.language: v for v in template.variants.all()} if template else {}
    empty = TemplateVariant(subject="", body="")
    return {
        "name": template.name if template else "",
        "description": template.description if template else "",
        "default_language": template.default_language if template else request.user.language,
        "version": str(template.version) if template else "",
        "variants": {
            code: {
                "subject": stored.get(code, empty).subject,
                "body": stored.get(code, empty).body,
            }
            for code, _name in settings.LANGUAGES
        },
    }


def _preview_contacts(request: AuthenticatedRequest) -> list[Contact]:
    contacts = Contact.objects.visible_to(request.user).order_by("-updated_at", "-id")
    return list(contacts.only("pk", "display_name", "language")[:PREVIEW_CHOICES])


@login_required
@require_POST
def template_preview(request: AuthenticatedRequest) -> HttpResponse:
    """The mail the form's text makes for the chosen contact, as they would get it (htmx)."""
    _viewer(request)
    contact = (
        Contact.objects.visible_to(request.user).filter(pk=request.POST.get("contact") or 0).first()
    )
    sender = Sender.objects.filter(pk=request.POST.get("sender") or 0).first()
    context: dict[str, Any] = {"contact": contact}
    if contact is None or sender is None:
        context["problem"] = _("Choose a contact and a sender to preview the mail.")
        return render(request, "marketing/templates/_preview.html", context)
    draft = EmailTemplate(
        default_language=request.POST.get("default_language") or settings.LANGUAGE_CODE
    )
    variants = [
        TemplateVariant(
            language=code,
            subject=request.POST.get(f"{code}.subject", ""),
            body=request.POST.get(f"{code}.body", ""),
        )
        for code, _name in settings.LANGUAGES
        if request.POST.get(f"{code}.subject", "").strip()
        or request.POST.get(f"{code}.body", "").strip()
    ]
    try:
        adviser = contact.owner.get_full_name()
        context["mail"] = compose(draft, contact, sender, adviser_name=adviser, variants=variants)
    except personalise.TemplateProblem as problem:
        context["problem"] = str(problem)
    return render(request, "marketing/templates/_preview.html", context)


@login_required
def template_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _viewer(request)
    template = get_object_or_404(EmailTemplate.objects.prefetch_related("variants"), pk=pk)
    context = {
        "template": template,
        "can_change": actions_templates.may_change_template(request.user, template),
    }
    return render(request, "marketing/templates/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def sender_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    _viewer(request)
    if role_of(request.user) not in (Role.ADMIN, Role.MANAGER):
        raise PermissionDenied(_("Only admins and managers manage senders."))
    sender = get_object_or_404(Sender, pk=pk) if pk else None
    problems: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            actions_templates.save_sender(sender, by=request.user, values=request.POST.dict())
        except ValidationError as error:
            problems = error.message_dict
        else:
            messages.success(request, _("Sender saved."))
            return redirect("marketing:templates")
    values = request.POST if request.method == "POST" else (sender.__dict__ if sender else {})
    context = {"sender": sender, "values": values, "problems": problems}
    return render(request, "marketing/templates/sender_form.html", context)
