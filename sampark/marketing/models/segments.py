"""Segments: groups of clients to talk to alike, by rules (dynamic) or picked by hand (fixed).

A segment is not an ``OwnedRecord``: the whole firm shares its segments, as it shares tags, and
who is in one is always read through the permission layer, so a segment never shows anyone a
client they could not see without it (see ``sampark.marketing.access``).
"""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.conditions import EVERYONE
from sampark.contacts.models import Contact
from sampark.core.models import User

NAME_MAX_LENGTH = 100


class SegmentKind(models.TextChoices):
    DYNAMIC = "dynamic", _("By rules: members change as clients do")
    STATIC = "static", _("A fixed list: members are added by hand")


class SegmentQuerySet(models.QuerySet["Segment"]):
    def dynamic(self) -> Self:
        return self.filter(kind=SegmentKind.DYNAMIC)


def _everyone() -> dict[str, object]:
    return dict(EVERYONE)


class Segment(models.Model):
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=8, choices=SegmentKind.choices, default=SegmentKind.DYNAMIC
    )
    # A checked rule of sampark.contacts.conditions (dynamic segments only).
    rules = models.JSONField(_("rules"), default=_everyone, blank=True)
    # The key of the starter segment this was shipped as (it stays editable); empty for others.
    starter = models.CharField(max_length=40, blank=True, editable=False)
    # Starter segments have no owner: admins and managers look after them.
    owner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField(Contact, through="SegmentMember", related_name="+", blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = SegmentQuerySet.as_manager()

    AUDIT_EXCLUDE = frozenset({"created_at", "updated_at", "version"})

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["starter"], condition=~Q(starter=""), name="segment_starter_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_static(self) -> bool:
        return self.kind == SegmentKind.STATIC

    @property
    def label(self) -> str:
        """The name to show: a starter segment not renamed since it was shipped (in English)
        is shown in the reader's language."""
        from sampark.marketing.starters import shown_name

        return shown_name(self.starter, self.name)


class SegmentMember(models.Model):
    """A client on a fixed list, with who put them there and when."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("segment member")
        verbose_name_plural = _("segment members")
        constraints = [
            models.UniqueConstraint(fields=["segment", "contact"], name="segment_member_once")
        ]
        indexes = [models.Index(fields=["contact"])]

    def __str__(self) -> str:
        return f"{self.segment_id}:{self.contact_id}"
