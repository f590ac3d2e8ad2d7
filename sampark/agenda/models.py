"""Tasks (to-dos with a due time, on a contact, a company or on their own) and calendar feeds."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Company, Contact
from sampark.core.models import User
from sampark.core.records import OwnedQuerySet, OwnedRecord


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class TaskPriority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class Recurrence(models.TextChoices):
    NONE = "none", _("Does not repeat")
    DAILY = "daily", _("Every day")
    WEEKDAYS = "weekdays", _("Every working day")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")
    YEARLY = "yearly", _("Every year")


OPEN_STATUSES = [TaskStatus.OPEN.value, TaskStatus.IN_PROGRESS.value]


class TaskQuerySet(OwnedQuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        return self.filter(is_open=True)

    def done(self) -> TaskQuerySet:
        return self.filter(status=TaskStatus.DONE)

    def assigned_to(self, user: User) -> TaskQuerySet:
        return self.filter(owner=user)

    def on_contact(self, contact: Contact) -> TaskQuerySet:
        return self.filter(contact=contact)

    def on_company(self, company: Company) -> TaskQuerySet:
        return self.filter(company=company)

    def due_between(self, start: datetime.datetime, end: datetime.datetime) -> TaskQuerySet:
        return self.filter(due_at__gte=start, due_at__lt=end)

    def soonest_first(self) -> TaskQuerySet:
        """By due time, undated ones last (databases disagree on where NULLs go unless told)."""
        return self.order_by(models.F("due_at").asc(nulls_last=True), "id")


class Task(OwnedRecord):
    """Something someone has to do. ``owner`` is the assignee; ``team`` decides who else sees it."""

    title = models.CharField(_("title"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("contact"),
    )
    company = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("company"),
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    priority = models.CharField(
        _("priority"), max_length=8, choices=TaskPriority.choices, default=TaskPriority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    recurrence = models.CharField(
        _("repeats"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE
    )
    # The occurrence this one follows; unique, so completing a recurring task twice (or twice at
    # once) makes one next occurrence, never two.
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_occurrence",
        verbose_name=_("previous occurrence"),
        editable=False,
    )
    remind_at = models.DateTimeField(_("remind at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True, editable=False)
    # Open or in progress, kept by the database. The hot reads ("my open tasks by due date",
    # "open tasks of this contact") filter on it as an index prefix: a partial index on the
    # status would serve them on PostgreSQL, but SQLite never uses a partial index for a query
    # whose condition is a bound parameter, which every ORM query's is.
    is_open = models.GeneratedField(
        # Django takes a Q as a boolean expression here; the stubs know only Expression.
        expression=Q(status__in=OPEN_STATUSES),  # type: ignore[arg-type]
        output_field=models.BooleanField(),
        db_persist=True,
    )

    # reminded_at is bookkeeping of the reminder task: audited writes neither diff nor write it,
    # so an edit made from a page read before the reminder went out cannot un-send it. is_open
    # is computed by the database from the status.
    AUDIT_EXCLUDE = OwnedRecord.AUDIT_EXCLUDE | {"reminded_at", "is_open"}

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["owner", "team"]),
            # "My open tasks by due date" and "open tasks of this contact/company": one range
            # of each index, already in due order, however many done tasks pile up.
            models.Index(fields=["owner", "is_open", "due_at", "id"], name="task_open_mine"),
            models.Index(fields=["contact", "is_open", "due_at", "id"], name="task_open_contact"),
            models.Index(fields=["company", "is_open", "due_at", "id"], name="task_open_company"),
            # The recently done ones under them on the record's page.
            models.Index(fields=["contact", "status", "completed_at"], name="task_done_contact"),
            models.Index(fields=["company", "status", "completed_at"], name="task_done_company"),
            # The reminder task's every-minute look-up: open, not reminded, time come.
            models.Index(fields=["is_open", "reminded_at", "remind_at"], name="task_reminder_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="task_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        """Open or in progress, from the status as it is now on this instance."""
        return self.status in OPEN_STATUSES

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        return self.is_active and self.due_at is not None and self.due_at < (now or timezone.now())

    def clean(self) -> None:
        """Normalise what the field types cannot: run by every audited write."""
        self.title = (self.title or "").strip()
        for name in ("due_at", "remind_at", "completed_at"):
            value = getattr(self, name)
            if isinstance(value, datetime.datetime):
                # A time without a zone means the writer's own (active) time zone; stored and
                # returned in UTC, so what a writer gets back is what a reader later sees.
                if timezone.is_naive(value):
                    value = timezone.make_aware(value)
                setattr(self, name, value.astimezone(datetime.UTC))
        if self.status == TaskStatus.DONE:
            self.progress = 100


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def active(self) -> CalendarFeedQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class CalendarFeed(models.Model):
    """A user's calendar (ICS) address. Only the SHA-256 digest of its secret is stored; the
    address is shown once, when made. A user has at most one active feed."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="calendar_feeds")
    prefix = models.CharField(_("prefix"), max_length=16, help_text=_("Shown to tell feeds apart."))
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendar_feed_one"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.prefix}…)"
