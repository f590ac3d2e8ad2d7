"""People and their teams, API tokens, and the audit trail."""

from __future__ import annotations

import functools
import zoneinfo
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core.roles import Role, role_of


@functools.cache
def _time_zones() -> frozenset[str]:
    # available_timezones() reads the zone database from disk on every call.
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in _time_zones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class User(AbstractUser):
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    # Moves on whenever the user's role, teams or permissions change, so that the copy of them
    # kept in each of their sessions (see core/access.py) is rebuilt on the next request.
    access_version = models.PositiveIntegerField(default=1, editable=False)

    objects: ClassVar[UserManager[User]] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role(self) -> Role | None:
        return role_of(self)

    def team_ids(self) -> list[int]:
        """The user's teams, read once per request."""
        cached: list[int] | None = getattr(self, "_sampark_team_ids", None)
        if cached is None:
            cached = list(self.teams.values_list("id", flat=True))
            self._sampark_team_ids = cached
        return cached


class Team(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        User, related_name="teams", blank=True, verbose_name=_("members")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TokenScope(models.TextChoices):
    READ = "read", _("Read")
    READ_WRITE = "read_write", _("Read and write")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(
        _("prefix"), max_length=16, help_text=_("Shown to tell tokens apart.")
    )
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(
        _("scope"), max_length=16, choices=TokenScope.choices, default=TokenScope.READ
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE


class Channel(models.TextChoices):
    """The path through which a change reached the database."""

    UI = "ui", _("Web")
    API = "api", _("API")
    IMPORT = "import", _("Import")
    AUTOMATION = "automation", _("Automation")
    CLI = "cli", _("Command line")
    SYSTEM = "system", _("System")


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


class AppendOnlyQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit trail is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit trail is append-only.")

    def for_record(self, record: models.Model) -> AppendOnlyQuerySet:
        return self.filter(model_label=record._meta.label_lower, object_id=str(record.pk)).order_by(
            "-seq"
        )


class AuditEntry(models.Model):
    """One change to a business record, chained by hash to the entry before it.

    ``hash`` covers every other column and ``prev_hash``, so editing an entry, deleting one, or
    reordering them breaks the chain where it happened (see ``sampark.core.audit.verify``).
    """

    seq = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # DO_NOTHING without a constraint: an entry keeps pointing at a deleted user (and keeps their
    # name in actor_name) instead of being rewritten, which the hash chain would flag.
    actor = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    action = models.CharField(max_length=8, choices=AuditAction.choices)
    model_label = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    changes = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["seq"]
        indexes = [models.Index(fields=["model_label", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.model_label}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit trail is append-only.")


class AuditHead(models.Model):
    """The newest entry's hash, kept apart so that deleting the newest entries is detected too."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("audit head")

    def __str__(self) -> str:
        return f"audit head #{self.seq}"


class WorkerHeartbeat(models.Model):
    """When a background worker last ran a task, one row per worker host.

    Written by the ``heartbeat`` task, so a fresh row proves the whole path works: something
    enqueued a task, the queue kept it, and a worker picked it up and could write here.
    """

    hostname = models.CharField(_("host"), max_length=255, unique=True)
    backend = models.CharField(_("task backend"), max_length=100)
    last_seen_at = models.DateTimeField(_("last seen"), default=timezone.now)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.hostname} ({self.backend})"


class PeriodicRun(models.Model):
    """When a periodic task (see ``sampark.core.periodic``) was last put on the queue.

    A row per task, claimed with a conditional UPDATE, so two workers ticking at once enqueue it
    once.
    """

    name = models.CharField(_("task"), max_length=255, unique=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued"))

    class Meta:
        verbose_name = _("periodic task run")
        verbose_name_plural = _("periodic task runs")

    def __str__(self) -> str:
        return self.name
