"""The survey's answer page, reached from the contact's personal link without signing in, in
the contact's language (the questions in that language, else the survey's default one).

A GET only shows the form (mail scanners open every link they see): answers are kept on POST,
with the CSRF token of the form. Answering again replaces the earlier answers. A link that was
altered or is not ours gets a page saying so (404), a closed survey one saying that (410)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sampark.marketing import links, surveys
from sampark.marketing.models import Question, QuestionKind, Survey, SurveyInvitation
from sampark.marketing.models.surveys import localized


def _field(question: Question) -> str:
    return f"q{question.pk}"


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = surveys.invitation_of(token)
    except links.BadLink:
        return render(request, "marketing/public/refused.html", {"expired": False}, status=404)
    survey, contact = invitation.survey, invitation.contact
    with translation.override(contact.language):
        if not survey.is_active:
            response = render(
                request,
                "marketing/public/survey.html",
                {"closed": True, "survey": survey},
                status=410,
            )
        else:
            response = _form(request, invitation)
    response["Content-Language"] = contact.language
    return response


def _form(request: HttpRequest, invitation: SurveyInvitation) -> HttpResponse:
    survey, contact = invitation.survey, invitation.contact
    questions = list(survey.questions.all())
    errors: dict[str, list[str]] = {}
    done = False
    if request.method == "POST":
        posted = {q.pk: request.POST.get(_field(q), "") for q in questions}
        try:
            surveys.record_answers(invitation, posted)
        except ValidationError as error:
            errors = error.message_dict
        else:
            done = True
        given: dict[int, str] = posted
    else:
        given = {
            a.question_id: str(a.number) if a.number is not None else a.choice or a.text
            for a in invitation.answers.all()
        }
    language = contact.language
    context = {
        "survey": survey,
        "contact": contact,
        "done": done,
        "title": survey.title_in(language),
        "intro": survey.intro_in(language),
        "questions": [_row(survey, q, language, given.get(q.pk, ""), errors) for q in questions],
        "form_errors": errors.get("__all__", []),
        "answered_before": invitation.answered_at is not None and not done,
    }
    status = 400 if errors else 200
    return render(request, "marketing/public/survey.html", context, status=status)


def _row(
    survey: Survey, question: Question, language: str, value: str, errors: dict[str, list[str]]
) -> dict[str, Any]:
    default = survey.default_language
    row: dict[str, Any] = {
        "field": _field(question),
        "kind": question.kind,
        "text": localized(question.text, language, default),
        "required": question.required,
        "value": str(value),
        "errors": errors.get(str(question.pk), []),
    }
    if question.kind == QuestionKind.SCALE:
        row["values"] = [str(v) for v in question.scale_values()]
        row["min_label"] = localized(question.min_label, language, default)
        row["max_label"] = localized(question.max_label, language, default)
    elif question.kind == QuestionKind.CHOICE:
        row["options"] = [
            (str(o.get("value", "")), localized(o.get("labels"), language, default))
            for o in question.options
        ]
    return row
