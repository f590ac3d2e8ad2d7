"""Email templates with a variant per language, and the senders marketing mail goes out as.

A template holds one variant per language (subject and body, written in the sandboxed template
language of ``sampark.marketing.personalise``); each contact gets the variant in their own
language, else the template's default one. A sender is who a campaign's mail is from, with the
postal address every marketing email must carry.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core.models import User

NAME_MAX_LENGTH = 100
SUBJECT_MAX_LENGTH = 200


class Sender(models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_("Such as Padma Securities."))
    from_address = models.EmailField(_("from address"))
    reply_to = models.EmailField(_("replies to"), blank=True)
    postal_address = models.TextField(
        _("postal address"),
        max_length=500,
        help_text=_("Shown at the foot of every marketing email, as the law asks."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("sender")
        verbose_name_plural = _("senders")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} <{self.from_address}>"


class EmailTemplate(models.Model):
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, unique=True)
    description = models.TextField(_("description"), blank=True)
    default_language = models.CharField(
        _("default language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Clients whose language has no variant get this one."),
    )
    owner = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("email template")
        verbose_name_plural = _("email templates")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class TemplateVariant(models.Model):
    template = models.ForeignKey(EmailTemplate, on_delete=models.CASCADE, related_name="variants")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    body = models.TextField(_("body"))

    class Meta:
        verbose_name = _("template variant")
        verbose_name_plural = _("template variants")
        constraints = [
            models.UniqueConstraint(fields=["template", "language"], name="variant_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.template_id}:{self.language}"
