"""Visits to the pages of the firm's website that carry a Sampark web form, by an anonymous
visitor the embed script names with a random id kept in the visitor's own browser (on the firm's
site). Nobody is known by them until they send a form, which carries the same id: from then on
the lead's visits count in its score as a behaviour (sampark.scoring.behaviour).

The script sets no id when the browser asks not to be tracked (Do Not Track, Global Privacy
Control); a page seen again by the same visitor within half an hour is one visit.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from sampark.leads.models.web_forms import WebForm

# What the embed script makes: 32 URL-safe characters from crypto.getRandomValues.
VISITOR_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class Visit(models.Model):
    web_form = models.ForeignKey(WebForm, on_delete=models.CASCADE, related_name="visits")
    visitor = models.CharField(max_length=64)
    page_url = models.URLField(_("page"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["visitor", "at"])]

    def __str__(self) -> str:
        return self.page_url or self.visitor
