"""Every staff write to surveys: writing one and its questions (checked field by field,
versioned, audited), and inviting a contact or a segment's members.

Who may: admins, managers and agents write surveys; a survey is changed by whoever wrote it, or
by an admin or a manager; read-only users see results only. Inviting is for those who may write
surveys, and reaches only contacts the inviter may see and marketing may reach by email.

An NPS survey starts with its 0-10 "How likely…" question, a CSAT survey with its 1-5 one
(``is_score``): made with the survey in every language the wording is translated into, they may
be reworded and moved but keep their scale, stay required, and cannot be removed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sampark.contacts.models import Contact
from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.records import StaleVersion
from sampark.core.roles import Role, role_of
from sampark.marketing import access, membership
from sampark.marketing.models import (
    Channel,
    InvitationSource,
    Question,
    QuestionKind,
    Segment,
    Survey,
    SurveyKind,
)
from sampark.marketing.models.surveys import (
    KEY_MAX_LENGTH,
    KEY_PATTERN,
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
)
from sampark.marketing.reachability import reachable
from sampark.marketing.surveys import invite, send_invitation

MAX_QUESTIONS = 30
MAX_OPTIONS = 20
# A scale runs within 0-10 (NPS's range), with at least two values.
SCALE_LOWEST, SCALE_HIGHEST = 0, 10

# The score question each kind starts with: wording, scale, and what its ends mean.
_SCORE_QUESTIONS: dict[str, tuple[Promise, int, int, Promise, Promise]] = {
    SurveyKind.NPS: (
        gettext_lazy("How likely are you to recommend us to a friend or colleague?"),
        0,
        10,
        gettext_lazy("Not at all likely"),
        gettext_lazy("Extremely likely"),
    ),
    SurveyKind.CSAT: (
        gettext_lazy("How satisfied are you with our service?"),
        1,
        5,
        gettext_lazy("Very unsatisfied"),
        gettext_lazy("Very satisfied"),
    ),
}


@dataclass
class QuestionDraft:
    """One question as the form sends it; ``options``: one option per line, per language (the
    lines of each language in the same order)."""

    pk: int | None = None
    kind: str = QuestionKind.TEXT
    required: bool = False
    text: dict[str, str] = field(default_factory=dict)
    scale_min: str = ""
    scale_max: str = ""
    min_label: dict[str, str] = field(default_factory=dict)
    max_label: dict[str, str] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Invited:
    invited: int = 0
    sent: int = 0
    unreachable: int = 0
    already: int = 0


def may_change_survey(user: User, survey: Survey) -> bool:
    role = role_of(user)
    return role in (Role.ADMIN, Role.MANAGER) or (
        access.may_add(user) and survey.owner_id == user.pk
    )


def translations(text: Promise, default_language: str) -> dict[str, str]:
    """``text`` in each language it is translated into (and in ``default_language`` anyway)."""
    with translation.override(settings.LANGUAGE_CODE):
        source = str(text)
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            said = str(text)
        if code in (default_language, settings.LANGUAGE_CODE) or said != source:
            found[code] = said
    return found


def save_survey(
    survey: Survey | None,
    *,
    by: User,
    values: Mapping[str, Any],
    questions: Sequence[QuestionDraft],
    expected_version: int | None = None,
) -> Survey:
    """Create (``survey`` None) or change a survey and its questions, in the order given.
    ``values``: name, key, kind (on creation), default_language, is_active, title and intro
    ({language: text}). ValidationError keyed by field ("name", "q2.text": the third row)."""
    if survey is None and not access.may_add(by):
        raise PermissionDenied(_("Read-only users cannot write surveys."))
    if survey is not None and not may_change_survey(by, survey):
        raise PermissionDenied(_("Only whoever wrote this survey, or a manager, may change it."))
    kind = survey.kind if survey is not None else str(values.get("kind", ""))
    default_language = str(values.get("default_language", ""))
    name, key = str(values.get("name", "")).strip(), str(values.get("key", "")).strip()
    problems = _survey_problems(survey, name, key, kind, default_language)
    score = survey.questions.filter(is_score=True).first() if survey is not None else None
    cleaned: list[dict[str, Any]] = []
    for index, draft in enumerate(questions):
        is_score = score is not None and draft.pk == score.pk
        row, found = _question(draft, default_language, score if is_score else None)
        cleaned.append(row)
        problems.update({f"q{index}.{name}": errors for name, errors in found.items()})
    if score is not None and score.pk not in {draft.pk for draft in questions}:
        problems["questions"] = [_("The survey's score question cannot be removed.")]
    if len(questions) > MAX_QUESTIONS:
        problems["questions"] = [_("At most %(n)d questions.") % {"n": MAX_QUESTIONS}]
    if problems:
        raise ValidationError(problems)
    texts = {
        "title": _texts(values.get("title")),
        "intro": _texts(values.get("intro")),
    }
    with transaction.atomic():
        if survey is None:
            survey = Survey.objects.create(
                name=name,
                key=key,
                kind=kind,
                default_language=default_language,
                is_active=bool(values.get("is_active", True)),
                owner=by,
                **texts,
            )
            action = AuditAction.CREATE
            if kind in _SCORE_QUESTIONS:
                _score_question(survey)
        else:
            stored = Survey.objects.select_for_update().get(pk=survey.pk)
            if expected_version is not None and stored.version != expected_version:
                raise StaleVersion(stored.version)
            survey.name, survey.key, survey.default_language = name, key, default_language
            survey.is_active = bool(values.get("is_active"))
            survey.title, survey.intro = texts["title"], texts["intro"]
            survey.version = stored.version + 1
            survey.updated_at = timezone.now()
            survey.save()
            action = AuditAction.UPDATE
        made_score = action == AuditAction.CREATE and kind in _SCORE_QUESTIONS
        _save_questions(survey, cleaned, start=1 if made_score else 0)
        audit.record(
            action,
            survey,
            by=by,
            changes={"name": [None, name], "key": [None, key], "questions": [None, len(cleaned)]},
        )
    return survey


def _texts(given: object) -> dict[str, str]:
    languages = dict(settings.LANGUAGES)
    if not isinstance(given, Mapping):
        return {}
    return {
        code: str(text).strip()[:TEXT_MAX_LENGTH]
        for code, text in given.items()
        if code in languages and str(text).strip()
    }


def _survey_problems(
    survey: Survey | None, name: str, key: str, kind: str, default_language: str
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not name:
        problems["name"] = [_("Give the survey a name.")]
    elif len(name) > NAME_MAX_LENGTH:
        problems["name"] = [_("At most %(n)d characters.") % {"n": NAME_MAX_LENGTH}]
    if not key:
        problems["key"] = [_("Give the survey a key.")]
    elif len(key) > KEY_MAX_LENGTH or not re.match(KEY_PATTERN, key):
        problems["key"] = [
            _("Lower-case letters, digits and _, starting with a letter; at most %(n)d.")
            % {"n": KEY_MAX_LENGTH}
        ]
    else:
        others = Survey.objects.filter(key=key)
        if (others.exclude(pk=survey.pk) if survey else others).exists():
            problems["key"] = [_("Another survey already has this key.")]
    if kind not in SurveyKind.values:
        problems["kind"] = [_("Choose a kind of survey.")]
    if default_language not in dict(settings.LANGUAGES):
        problems["default_language"] = [_("Choose a language.")]
    return problems


def _question(
    draft: QuestionDraft, default_language: str, score: Question | None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The question's stored values and its problems, by field."""
    problems: dict[str, list[str]] = {}
    kind = score.kind if score is not None else draft.kind
    row: dict[str, Any] = {
        "pk": draft.pk,
        "kind": kind,
        "required": True if score is not None else draft.required,
        "text": _texts(draft.text),
        "min_label": {},
        "max_label": {},
        "options": [],
        "scale_min": None,
        "scale_max": None,
    }
    if kind not in QuestionKind.values:
        problems["kind"] = [_("Choose a kind of question.")]
    if not row["text"].get(default_language):
        problems["text"] = [_("Write the question in the survey's default language.")]
    if kind == QuestionKind.SCALE:
        row["min_label"], row["max_label"] = _texts(draft.min_label), _texts(draft.max_label)
        if score is not None:
            row["scale_min"], row["scale_max"] = score.scale_min, score.scale_max
        else:
            low, high = _number(draft.scale_min), _number(draft.scale_max)
            if low is None or high is None or not SCALE_LOWEST <= low < high <= SCALE_HIGHEST:
                problems["scale"] = [
                    _(
                        "A scale runs from a lower to a higher whole number from %(low)d to %(high)d."
                    )
                    % {"low": SCALE_LOWEST, "high": SCALE_HIGHEST}
                ]
            row["scale_min"], row["scale_max"] = low, high
    elif kind == QuestionKind.CHOICE:
        lines = {
            code: [line.strip() for line in str(text).splitlines() if line.strip()]
            for code, text in draft.options.items()
            if code in dict(settings.LANGUAGES)
        }
        count = len(lines.get(default_language, []))
        if count < 2 or count > MAX_OPTIONS:
            problems["options"] = [
                _("Write %(low)d to %(high)d options in the default language, one per line.")
                % {"low": 2, "high": MAX_OPTIONS}
            ]
        elif any(len(found) not in (0, count) for found in lines.values()):
            problems["options"] = [
                _("Write as many options in each language as in the default one, in order.")
            ]
        row["options"] = [
            {"labels": {code: found[n] for code, found in lines.items() if len(found) > n}}
            for n in range(count)
        ]
    return row, problems


def _number(raw: str) -> int | None:
    try:
        return int(str(raw).strip())
    except ValueError:
        return None


def _score_question(survey: Survey) -> Question:
    text, low, high, low_label, high_label = _SCORE_QUESTIONS[survey.kind]
    language = survey.default_language
    return Question.objects.create(
        survey=survey,
        position=0,
        kind=QuestionKind.SCALE,
        is_score=True,
        required=True,
        text=translations(text, language),
        scale_min=low,
        scale_max=high,
        min_label=translations(low_label, language),
        max_label=translations(high_label, language),
    )


def _save_questions(survey: Survey, rows: list[dict[str, Any]], start: int) -> None:
    """The questions as ``rows`` say, in their order from ``start`` (1 after the score question
    a new survey starts with); an option keeps the value of the option it replaces in the same place, so
    rewording an option keeps its answers."""
    existing = {q.pk: q for q in survey.questions.all()}
    kept = set()
    for position, row in enumerate(rows, start=start):
        question = existing.get(row["pk"]) if row["pk"] else None
        if question is None or question.kind != row["kind"]:
            question = Question(survey=survey)
        values = {k: v for k, v in row.items() if k != "pk"}
        values["options"] = _with_values(question.options or [], row["options"])
        for name, value in values.items():
            setattr(question, name, value)
        question.position = position
        question.save()
        kept.add(question.pk)
    survey.questions.exclude(pk__in=kept).exclude(is_score=True).delete()


def _with_values(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[Any]:
    values = [str(option.get("value", "")) for option in before]
    taken = {int(v[1:]) for v in values if v.startswith("o") and v[1:].isdecimal()}
    following = max(taken, default=0)
    result = []
    for n, option in enumerate(after):
        if n < len(values) and values[n]:
            value = values[n]
        else:
            following += 1
            value = f"o{following}"
        result.append({"value": value, **option})
    return result


# --------------------------------------------------------------------------------------------
# Inviting


def may_invite(user: User, survey: Survey) -> bool:
    return access.may_add(user) and survey.is_active


def invite_contact(survey: Survey, contact: Contact, *, by: User) -> Invited:
    """Invite one contact ``by`` may see, by email, if marketing may reach them."""
    return invite_contacts(survey, Contact.objects.filter(pk=contact.pk), by=by)


def invite_segment(survey: Survey, segment: Segment, *, by: User) -> Invited:
    """Invite the members of ``segment`` that ``by`` may see and marketing may reach by email;
    the others are counted, not invited."""
    return invite_contacts(survey, membership.members(segment, by), by=by)


def invite_contacts(survey: Survey, contacts: QuerySet[Contact], *, by: User) -> Invited:
    """Invite those of ``contacts`` that ``by`` may see and marketing may reach by email, and
    mail each their link (once: an invitation already sent is counted, not sent again)."""
    if not may_invite(by, survey):
        raise PermissionDenied(_("You may not invite anyone to this survey."))
    visible = Contact.objects.visible_to(by).filter(pk__in=contacts.values("pk"))
    total = visible.count()
    invited = sent = already = 0
    for contact in reachable(visible, Channel.EMAIL).order_by("pk").iterator():
        invitation = invite(survey, contact, InvitationSource.MANUAL, by=by)
        invited += 1
        if invitation.sent_at is not None:
            already += 1
            continue
        mail = send_invitation(invitation)
        sent += mail is not None and mail.sent_at is not None
    return Invited(invited=invited, sent=sent, unreachable=total - invited, already=already)
