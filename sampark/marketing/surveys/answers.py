"""Recording a contact's answers, and following up an unhappy one.

Answers are checked question by question before anything is stored: a value off the scale, an
option the question does not have, a required question left empty or a text too long is an
error on that question (``ValidationError`` keyed by the question's id), and then nothing is
kept. Answering again replaces the earlier answers (an optional question left empty now drops
its earlier answer).

Following up: an NPS score of ``NPS_DETRACTOR_MAX`` or less, or a CSAT score of
``CSAT_UNHAPPY_MAX`` or less, opens one task for the contact's owner to call them back, due
tomorrow (through ``sampark.agenda.actions.create_task``, as the service desk's CSAT does). It
is opened once per invitation: changing the answer, even to another low score, opens no second
task.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sampark.agenda.actions import open_follow_up
from sampark.agenda.models import Task
from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify_after_commit
from sampark.marketing.models import (
    Question,
    QuestionKind,
    SurveyAnswer,
    SurveyInvitation,
    SurveyKind,
)
from sampark.marketing.models.surveys import ANSWER_MAX_LENGTH

NPS_DETRACTOR_MAX = 6
NPS_PROMOTER_MIN = 9
CSAT_UNHAPPY_MAX = 2
CSAT_SATISFIED_MIN = 4

# What one question's answer is stored as: (number, choice, text); None: no answer.
_Value = tuple[int | None, str, str]


def record_answers(invitation: SurveyInvitation, data: Mapping[int, str]) -> list[SurveyAnswer]:
    """Keep the answers ``data`` gives by question id (as the form posts them: strings), and
    follow up a low score; returns the answers now kept."""
    survey = invitation.survey
    if not survey.is_active:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("This survey is closed: it takes no answers.")]}
        )
    questions = list(survey.questions.all())
    values: dict[int, _Value | None] = {}
    errors: dict[str, list[str]] = {}
    for question in questions:
        try:
            values[question.pk] = _checked(question, str(data.get(question.pk) or "").strip())
        except ValidationError as error:
            errors[str(question.pk)] = error.messages
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    kept: list[SurveyAnswer] = []
    with transaction.atomic():
        # Two posts of the same form at once wait for each other here.
        locked = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
        for question in questions:
            value = values[question.pk]
            if value is None:
                SurveyAnswer.objects.filter(invitation=locked, question=question).delete()
                continue
            number, choice, text = value
            answer, _created = SurveyAnswer.objects.update_or_create(
                invitation=locked,
                question=question,
                defaults={"number": number, "choice": choice, "text": text, "answered_at": now},
            )
            kept.append(answer)
        locked.answered_at = now
        score = next((values[q.pk] for q in questions if q.is_score), None)
        number = score[0] if score is not None else None
        if (
            number is not None
            and locked.followed_up_at is None
            and _unhappy(survey.kind, number)
            and follow_up(locked, number) is not None
        ):
            locked.followed_up_at = now
        locked.save(update_fields=["answered_at", "followed_up_at"])
    invitation.answered_at, invitation.followed_up_at = locked.answered_at, locked.followed_up_at
    return kept


def _checked(question: Question, raw: str) -> _Value | None:
    """The answer ``raw`` gives ``question``, or None for none; ValidationError if it is not
    one."""
    if not raw:
        if question.required:
            raise ValidationError(_("Please answer this question."))
        return None
    if question.kind == QuestionKind.SCALE:
        low, high = question.scale_min or 0, question.scale_max or 0
        try:
            number = int(raw)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise ValidationError(
                _("Choose a value from %(low)d to %(high)d.") % {"low": low, "high": high}
            )
        return number, "", ""
    if question.kind == QuestionKind.CHOICE:
        if raw not in question.option_values():
            raise ValidationError(_("Choose one of the options."))
        return None, raw, ""
    if len(raw) > ANSWER_MAX_LENGTH:
        raise ValidationError(_("At most %(n)d characters.") % {"n": ANSWER_MAX_LENGTH})
    return None, "", raw


def _unhappy(kind: str, score: int) -> bool:
    if kind == SurveyKind.NPS:
        return score <= NPS_DETRACTOR_MAX
    if kind == SurveyKind.CSAT:
        return score <= CSAT_UNHAPPY_MAX
    return False


def follow_up(invitation: SurveyInvitation, score: int) -> Task | None:
    """The contact owner's task to call them back, and a word in the app for them. None when
    nobody could be given one (an inactive owner, or a role that may not have tasks)."""
    contact, survey = invitation.contact, invitation.survey
    owner = contact.owner
    if not owner.is_active:
        return None
    url = settings.SAMPARK_SITE_URL + reverse("marketing:survey", args=[survey.pk])
    measure = "NPS" if survey.kind == SurveyKind.NPS else "CSAT"
    with translation.override(owner.language):
        title = _("Call back %(name)s: %(measure)s %(score)d") % {
            "name": contact.display_name,
            "measure": measure,
            "score": score,
        }
        notes = _(
            "%(name)s answered the survey “%(survey)s” with %(score)d. Ask them what went "
            "wrong. All the answers: %(url)s"
        ) % {"name": contact.display_name, "survey": survey.name, "score": score, "url": url}
    task = open_follow_up(owner, title=title, notes=notes, contact=contact)
    if task is None:
        return None
    notify_after_commit(
        owner,
        kind=NotificationKind.ASSIGNED,
        message=format_lazy(
            gettext_lazy("{name} gave a low score in “{survey}”: please call them back."),
            name=contact.display_name,
            survey=survey.name,
        ),
        url=reverse("agenda:task", args=[task.pk]),
    )
    return task
