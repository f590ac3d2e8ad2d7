"""Which columns each user shows in a record list, and the list views people save and share.

Neither is an ``OwnedRecord``: a saved view is seen by its owner, the members of the team it is
shared with, or everyone, whatever their role reaches (see ``sampark.listviews.access``); and the
rows a view shows still come through the permission layer of its list, so sharing a view never
shares records.
"""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core.models import Team, User
from sampark.core.roles import Role, role_of

LIST_NAME_LENGTH = 40
NAME_MAX_LENGTH = 100
QUERY_MAX_LENGTH = 2000


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    TEAM = "team", _("A team")
    EVERYONE = "everyone", _("Everyone")


class ListPreference(models.Model):
    """The columns ``user`` shows in one list, in order, after the name (which always comes
    first). Keys of columns that no longer exist are skipped when the list is shown."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    list_name = models.CharField(_("list"), max_length=LIST_NAME_LENGTH)
    columns = models.JSONField(_("columns"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "list_name"], name="list_preference_once")
        ]
        verbose_name = _("list preference")
        verbose_name_plural = _("list preferences")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.list_name}"


class SavedViewQuerySet(models.QuerySet["SavedView"]):
    def for_list(self, list_name: str) -> Self:
        return self.filter(list_name=list_name)

    def visible_to(self, user: User) -> Self:
        """One's own views, those shared with one's teams, and those shared with everyone; an
        admin also sees every team's (to tidy them up), but never someone else's private ones."""
        if not user.is_authenticated or role_of(user) is None:
            return self.none()
        shared = Q(owner=user) | Q(visibility=Visibility.EVERYONE)
        if role_of(user) is Role.ADMIN:
            return self.filter(shared | Q(visibility=Visibility.TEAM))
        return self.filter(shared | Q(visibility=Visibility.TEAM, team_id__in=user.team_ids()))


class SavedView(models.Model):
    """A named set of a list's filters, sort and columns: ``query`` is the list's own query
    string (``stage=customer&sort=updated``), so applying a view is opening the list with it."""

    owner = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="saved_views", verbose_name=_("owner")
    )
    list_name = models.CharField(_("list"), max_length=LIST_NAME_LENGTH)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    query = models.CharField(_("filters and sort"), max_length=QUERY_MAX_LENGTH, blank=True)
    columns = models.JSONField(_("columns"), default=list, blank=True)
    visibility = models.CharField(
        _("shared with"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    # For team views. A deleted team leaves its views to their owners alone.
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = SavedViewQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "list_name", "name"], name="saved_view_name_per_owner"
            )
        ]
        indexes = [
            models.Index(fields=["list_name", "visibility", "team"]),
            models.Index(fields=["owner", "list_name"]),
        ]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")

    def __str__(self) -> str:
        return self.name

    @property
    def is_shared(self) -> bool:
        return self.visibility != Visibility.PRIVATE
