"""Surveys in the web UI: the list, writing one (questions added, removed and moved by the
server, no script needed), its page with the results charted, and inviting a contact or a
segment.

Thin: who may do what is ``access`` and ``actions_surveys``; every write is an action of
``actions_surveys``, whose ``ValidationError`` (by field) is shown beside its input. Results
are ``surveys.results``, over the contacts the reader may see.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.http.request import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sampark.contacts.models import Contact
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import StaleVersion
from sampark.marketing import access, actions_surveys, surveys
from sampark.marketing.actions_surveys import MAX_QUESTIONS, QuestionDraft
from sampark.marketing.models import Question, QuestionKind, Segment, Survey, SurveyKind

# The chart's drawing, in SVG user units: the height of the tallest bar, the room each bar
# takes, and the length of the longest choice bar.
CHART_HEIGHT = 160
BAR_STEP = 32
CHOICE_WIDTH = 320


def _viewer(request: AuthenticatedRequest) -> None:
    if not access.may_view(request.user):
        raise Http404


def _survey(pk: int) -> Survey:
    return get_object_or_404(Survey, pk=pk)


@login_required
def survey_list(request: AuthenticatedRequest) -> HttpResponse:
    _viewer(request)
    visible = Contact.objects.visible_to(request.user).values("pk")
    listed = Survey.objects.annotate(
        invited=Count("invitations", filter=Q(invitations__contact__in=visible)),
        answered=Count(
            "invitations",
            filter=Q(invitations__contact__in=visible, invitations__answered_at__isnull=False),
        ),
    )
    context = {"surveys": listed, "can_add": access.may_add(request.user)}
    return render(request, "marketing/surveys/list.html", context)


@login_required
def survey_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _viewer(request)
    return render(request, "marketing/surveys/detail.html", _detail(request, _survey(pk)))


def _detail(request: AuthenticatedRequest, survey: Survey, **extra: Any) -> dict[str, Any]:
    may_invite = actions_surveys.may_invite(request.user, survey)
    return {
        "survey": survey,
        "results": surveys.results(survey, request.user),
        "can_change": actions_surveys.may_change_survey(request.user, survey),
        "can_invite": may_invite,
        "segments": list(Segment.objects.all()) if may_invite else [],
        "chart_height": CHART_HEIGHT,
        "bar_step": BAR_STEP,
        "choice_width": CHOICE_WIDTH,
        "template_tag": "{{ surveys." + survey.key + " }}",
        "invite_errors": {},
        **extra,
    }


@login_required
@require_POST
def survey_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _viewer(request)
    survey = _survey(pk)
    if not actions_surveys.may_invite(request.user, survey):
        raise PermissionDenied(_("You may not invite anyone to this survey."))
    address = request.POST.get("contact", "").strip()
    segment_pk = request.POST.get("segment", "")
    errors: dict[str, list[str]] = {}
    invited: actions_surveys.Invited | None = None
    if address:
        contact = (
            Contact.objects.visible_to(request.user).filter(email__iexact=address).first()
            if len(address) <= 254
            else None
        )
        if contact is None:
            errors["contact"] = [_("None of the clients you may see has this address.")]
        else:
            invited = actions_surveys.invite_contact(survey, contact, by=request.user)
    elif segment_pk:
        segment = (
            Segment.objects.filter(pk=segment_pk).first()
            if segment_pk.isdecimal() and len(segment_pk) < 19
            else None
        )
        if segment is None:
            errors["segment"] = [_("Choose a segment.")]
        else:
            invited = actions_surveys.invite_segment(survey, segment, by=request.user)
    else:
        errors["contact"] = [_("Give a client's email address, or choose a segment.")]
    if invited is None:
        context = _detail(request, survey, invite_errors=errors, invite_address=address)
        return render(request, "marketing/surveys/detail.html", context, status=400)
    messages.success(
        request,
        _(
            "%(sent)d invitations sent; %(already)d had been invited already; %(unreachable)d "
            "could not be reached by email."
        )
        % {"sent": invited.sent, "already": invited.already, "unreachable": invited.unreachable},
    )
    return redirect("marketing:survey", survey.pk)


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    _viewer(request)
    survey = _survey(pk) if pk else None
    if survey is None and not access.may_add(request.user):
        raise PermissionDenied(_("Read-only users cannot write surveys."))
    if survey is not None and not actions_surveys.may_change_survey(request.user, survey):
        raise PermissionDenied(_("Only whoever wrote this survey, or a manager, may change it."))
    questions = list(survey.questions.all()) if survey else []
    score_pk = next((q.pk for q in questions if q.is_score), None)
    problems: dict[str, list[str]] = {}
    if request.method == "POST":
        values, drafts = _posted(request.POST)
        op = request.POST.get("op", "save")
        if op == "save":
            try:
                saved = actions_surveys.save_survey(
                    survey,
                    by=request.user,
                    values=values,
                    questions=drafts,
                    expected_version=int(values["version"])
                    if str(values["version"]).isdecimal()
                    else None,
                )
            except ValidationError as error:
                problems = error.message_dict
            except StaleVersion:
                problems = {"__all__": [_("Someone changed this survey since you opened it.")]}
            else:
                messages.success(request, _("Survey “%(name)s” saved.") % {"name": saved.name})
                return redirect("marketing:survey", saved.pk)
        else:
            drafts = _rearranged(drafts, op, score_pk)
    else:
        values, drafts = _stored(request, survey), [_draft(q) for q in questions]
    context = {
        "survey": survey,
        "values": values,
        "problems": problems,
        "form_errors": problems.get("__all__", []) + problems.get("questions", []),
        "languages": settings.LANGUAGES,
        "kinds": SurveyKind.choices,
        "question_kinds": QuestionKind.choices,
        "text_rows": [
            {
                "code": code,
                "name": name,
                "title": values["title"].get(code, ""),
                "intro": values["intro"].get(code, ""),
            }
            for code, name in settings.LANGUAGES
        ],
        "rows": [_row(i, d, score_pk, problems, len(drafts)) for i, d in enumerate(drafts)],
        "can_add_question": len(drafts) < MAX_QUESTIONS,
    }
    return render(request, "marketing/surveys/form.html", context)


def _stored(request: AuthenticatedRequest, survey: Survey | None) -> dict[str, Any]:
    if survey is None:
        return {
            "name": "",
            "key": "",
            "kind": SurveyKind.NPS,
            "default_language": request.user.language,
            "is_active": True,
            "version": "",
            "title": {},
            "intro": {},
        }
    return {
        "name": survey.name,
        "key": survey.key,
        "kind": survey.kind,
        "default_language": survey.default_language,
        "is_active": survey.is_active,
        "version": str(survey.version),
        "title": dict(survey.title),
        "intro": dict(survey.intro),
    }


def _by_language(data: QueryDict, prefix: str) -> dict[str, str]:
    return {code: data.get(f"{prefix}.{code}", "") for code, _name in settings.LANGUAGES}


def _posted(data: QueryDict) -> tuple[dict[str, Any], list[QuestionDraft]]:
    values = {
        "name": data.get("name", ""),
        "key": data.get("key", ""),
        "kind": data.get("kind", ""),
        "default_language": data.get("default_language", ""),
        "is_active": bool(data.get("is_active")),
        "version": data.get("version", ""),
        "title": _by_language(data, "title"),
        "intro": _by_language(data, "intro"),
    }
    drafts = []
    # A few rows over the most a survey may have: the action says there are too many.
    for i in range(MAX_QUESTIONS + 5):
        prefix = f"q{i}"
        if f"{prefix}.kind" not in data:
            break
        pk = data.get(f"{prefix}.id", "")
        drafts.append(
            QuestionDraft(
                pk=int(pk) if pk.isdecimal() else None,
                kind=data.get(f"{prefix}.kind", ""),
                required=bool(data.get(f"{prefix}.required")),
                text=_by_language(data, f"{prefix}.text"),
                scale_min=data.get(f"{prefix}.scale_min", ""),
                scale_max=data.get(f"{prefix}.scale_max", ""),
                min_label=_by_language(data, f"{prefix}.min_label"),
                max_label=_by_language(data, f"{prefix}.max_label"),
                options=_by_language(data, f"{prefix}.options"),
            )
        )
    return values, drafts


def _rearranged(drafts: list[QuestionDraft], op: str, score_pk: int | None) -> list[QuestionDraft]:
    """The rows after one of the form's buttons: add a question, remove or move one."""
    verb, _sep, argument = op.partition(":")
    drafts = list(drafts)
    if verb == "add" and argument in QuestionKind.values and len(drafts) < MAX_QUESTIONS:
        scale = argument == QuestionKind.SCALE
        drafts.append(
            QuestionDraft(
                kind=argument, scale_min="1" if scale else "", scale_max="5" if scale else ""
            )
        )
        return drafts
    if not argument.isdecimal() or int(argument) >= len(drafts):
        return drafts
    index = int(argument)
    if verb == "remove" and (score_pk is None or drafts[index].pk != score_pk):
        del drafts[index]
    elif verb == "up" and index > 0:
        drafts[index - 1], drafts[index] = drafts[index], drafts[index - 1]
    elif verb == "down" and index < len(drafts) - 1:
        drafts[index + 1], drafts[index] = drafts[index], drafts[index + 1]
    return drafts


def _draft(question: Question) -> QuestionDraft:
    options: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        labels = [str(o.get("labels", {}).get(code, "")) for o in question.options]
        options[code] = "\n".join(labels) if any(labels) else ""
    return QuestionDraft(
        pk=question.pk,
        kind=question.kind,
        required=question.required,
        text=dict(question.text),
        scale_min="" if question.scale_min is None else str(question.scale_min),
        scale_max="" if question.scale_max is None else str(question.scale_max),
        min_label=dict(question.min_label),
        max_label=dict(question.max_label),
        options=options,
    )


def _row(
    index: int,
    draft: QuestionDraft,
    score_pk: int | None,
    problems: dict[str, list[str]],
    count: int,
) -> dict[str, Any]:
    prefix = f"q{index}"
    return {
        "index": index,
        "prefix": prefix,
        "draft": draft,
        "kind_label": QuestionKind(draft.kind).label
        if draft.kind in QuestionKind.values
        else draft.kind,
        "is_score": score_pk is not None and draft.pk == score_pk,
        "first": index == 0,
        "last": index == count - 1,
        "languages": [
            {
                "code": code,
                "name": name,
                "text": draft.text.get(code, ""),
                "min_label": draft.min_label.get(code, ""),
                "max_label": draft.max_label.get(code, ""),
                "options": draft.options.get(code, ""),
            }
            for code, name in settings.LANGUAGES
        ],
        "errors": {
            name: problems.get(f"{prefix}.{name}", [])
            for name in ("kind", "text", "scale", "options")
        },
    }
