"""Contacts: the people a firm serves. (Companies, the timeline and search arrive next.)"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sampark.core.records import OwnedQuerySet, OwnedRecord


class ContactQuerySet(OwnedQuerySet["Contact"]):
    def matching(self, text: str) -> ContactQuerySet:
        """A plain substring match until full-text search arrives."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            models.Q(display_name__icontains=text)
            | models.Q(email__icontains=text)
            | models.Q(phone__icontains=text)
        )


class Contact(OwnedRecord):
    display_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["display_name", "id"]
        indexes = [models.Index(fields=["owner", "team"])]

    def __str__(self) -> str:
        return self.display_name
