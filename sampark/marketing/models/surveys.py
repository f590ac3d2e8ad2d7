"""Surveys: NPS, CSAT and custom questionnaires, the invitations that ask one contact to answer
one survey, and their answers.

Texts a contact reads (title, intro, question wording, scale end labels, choice options) are kept
per language as JSON ``{language: text}``: a survey is written once, and each contact reads it
in their own language, else in the survey's default language (``localized``). A per-language row
table would cost a join per text for no gain: these texts are only ever read whole.

An NPS survey has exactly one 0-10 "How likely…" scale question and a CSAT survey one 1-5
question, marked ``is_score``: created with the survey, their wording may change but not their
scale, and they cannot be removed; results are computed from them. Other questions follow.

An invitation is one contact's personal, unguessable way in (``token``), saying where it came
from (a campaign, automation, an interaction or by hand, with the record it came from): the same
source never invites the same contact to the same survey twice.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Contact
from sampark.core.models import User

NAME_MAX_LENGTH = 150
KEY_MAX_LENGTH = 40
# A key is written in templates as ``{{ surveys.<key> }}``: it must read as a name there
# ("nps-2025" would be a subtraction).
KEY_PATTERN = r"^[a-z][a-z0-9_]*\Z"
TEXT_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 2000

# Languages -> text; what a contact reads.
Texts = Mapping[str, str]


def localized(texts: Texts | None, language: str, default_language: str) -> str:
    """The text in ``language``, else in ``default_language``, else in any language written."""
    texts = texts or {}
    for code in (language, default_language):
        if str(texts.get(code) or "").strip():
            return str(texts[code])
    return next((str(text) for text in texts.values() if str(text).strip()), "")


class SurveyKind(models.TextChoices):
    NPS = "nps", _("Net Promoter Score (NPS)")
    CSAT = "csat", _("Customer satisfaction (CSAT)")
    CUSTOM = "custom", _("Custom")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale")
    CHOICE = "choice", _("Choice")
    TEXT = "text", _("Text")


class InvitationSource(models.TextChoices):
    CAMPAIGN = "campaign", _("Campaign")
    AUTOMATION = "automation", _("Automation")
    INTERACTION = "interaction", _("After an interaction")
    MANUAL = "manual", _("By hand")


class Survey(models.Model):
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    key = models.CharField(
        _("key"),
        max_length=KEY_MAX_LENGTH,
        unique=True,
        validators=[RegexValidator(KEY_PATTERN)],
        help_text=_(
            "Lower-case letters, digits and _, starting with a letter. An email template puts "
            "the survey's link in with {{ surveys.<key> }}."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=6, choices=SurveyKind.choices, default=SurveyKind.CUSTOM
    )
    default_language = models.CharField(
        _("default language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Clients whose language has no text read this one."),
    )
    title = models.JSONField(_("title"), default=dict, blank=True)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    is_active = models.BooleanField(
        _("open for answers"),
        default=True,
        help_text=_("A closed survey sends no invitations and takes no answers."),
    )
    owner = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def title_in(self, language: str) -> str:
        return localized(self.title, language, self.default_language) or self.name

    def intro_in(self, language: str) -> str:
        return localized(self.intro, language, self.default_language)


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=6, choices=QuestionKind.choices)
    text = models.JSONField(_("question"), default=dict)
    required = models.BooleanField(_("an answer is required"), default=False)
    # The NPS or CSAT question the survey's score is computed from.
    is_score = models.BooleanField(default=False, editable=False)
    # Scale questions: the lowest and highest value, and what each end means.
    scale_min = models.SmallIntegerField(_("lowest value"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("highest value"), null=True, blank=True)
    min_label = models.JSONField(_("label of the lowest value"), default=dict, blank=True)
    max_label = models.JSONField(_("label of the highest value"), default=dict, blank=True)
    # Choice questions: [{"value": "o1", "labels": {language: text}}, …]. The value is what an
    # answer keeps, so rewording an option keeps its answers.
    options = models.JSONField(_("options"), default=list, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey"], condition=Q(is_score=True), name="survey_one_score_question"
            )
        ]

    def __str__(self) -> str:
        return localized(self.text, settings.LANGUAGE_CODE, settings.LANGUAGE_CODE)

    def scale_values(self) -> list[int]:
        if self.scale_min is None or self.scale_max is None:
            return []
        return list(range(self.scale_min, self.scale_max + 1))

    def option_values(self) -> list[str]:
        return [str(option.get("value", "")) for option in self.options]

    def option_label(self, value: str, language: str, default_language: str) -> str:
        for option in self.options:
            if option.get("value") == value:
                return localized(option.get("labels"), language, default_language) or value
        return value


class SurveyInvitation(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    # The random key of the answer link (which carries it signed: see sampark.marketing.surveys).
    token = models.CharField(max_length=32, unique=True)
    source = models.CharField(_("source"), max_length=12, choices=InvitationSource.choices)
    # What the invitation came from: the campaign, the activity or ticket, the automation rule.
    reference_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reference_id = models.PositiveBigIntegerField(null=True, blank=True)
    reference = GenericForeignKey("reference_type", "reference_id")
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # When a low score opened the owner's follow-up task: it is opened once per invitation.
    followed_up_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            # NULLs never clash in a unique index: with and without a reference, separately.
            models.UniqueConstraint(
                fields=["survey", "contact", "source", "reference_type", "reference_id"],
                condition=Q(reference_type__isnull=False),
                name="invitation_once_per_reference",
            ),
            models.UniqueConstraint(
                fields=["survey", "contact", "source"],
                condition=Q(reference_type__isnull=True),
                name="invitation_once_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} → {self.contact_id}"


class SurveyAnswer(models.Model):
    invitation = models.ForeignKey(
        SurveyInvitation, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.SmallIntegerField(_("value"), null=True, blank=True)
    choice = models.CharField(_("choice"), max_length=40, blank=True)
    text = models.TextField(_("answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["invitation", "question"], name="answer_once")
        ]
        # The results page counts by question and value.
        indexes = [models.Index(fields=["question", "number"], name="answer_question_number")]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number if self.number is not None else self.choice}"
