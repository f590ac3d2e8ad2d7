"""An import: one uploaded file, how its columns map, what it did to which records, and why it
rejected which rows.

An import runs in batches, each in one transaction that also moves ``checkpoint`` to its last
row: a worker killed in the middle leaves the batch unwritten and the checkpoint where it was,
so the import resumes after the last whole batch, with no half-written and no repeated row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sampark.core.models import User
from sampark.core.roles import Action, Reach, reach
from sampark.imports.targets import ImportObject


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Waiting for the column mapping")
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Checked")
    QUEUED = "queued", _("Waiting to run")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    UNDOING = "undoing", _("Undoing")
    UNDONE = "undone", _("Undone")


class MatchOn(models.TextChoices):
    """How a row finds the record it is about, if one exists already."""

    EXTERNAL_ID = "external_id", _("External ID")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    DOMAIN = "domain", _("Web domain")
    NAME = "name", _("Name")
    # Interactions: an email by its message ID where the row has one, any other by its contact,
    # kind and time, so importing the same file again logs nothing twice.
    SAME_MOMENT = "same_moment", _("The same email, or the same contact, kind and time")
    NOTHING = "nothing", _("Nothing: every row is a new record")


# What each kind of record can be matched by, the usual choice first.
MATCHES = {
    ImportObject.CONTACTS: (MatchOn.EMAIL, MatchOn.PHONE, MatchOn.EXTERNAL_ID, MatchOn.NOTHING),
    ImportObject.COMPANIES: (MatchOn.DOMAIN, MatchOn.NAME, MatchOn.EXTERNAL_ID, MatchOn.NOTHING),
    ImportObject.ACTIVITIES: (MatchOn.SAME_MOMENT, MatchOn.NOTHING),
    # A transaction's external ID is its contact's: the same ID on two contacts is two.
    ImportObject.TRANSACTIONS: (MatchOn.EXTERNAL_ID, MatchOn.NOTHING),
    ImportObject.LEADS: (MatchOn.EMAIL, MatchOn.PHONE, MatchOn.NOTHING),
}


class Existing(models.TextChoices):
    """What to do with a row that matches a record."""

    UPDATE = "update", _("Update it with the row's values")
    SKIP = "skip", _("Leave it as it is")


class Outcome(models.TextChoices):
    NEW = "new", _("New")
    UPDATED = "updated", _("Updated")
    UNCHANGED = "unchanged", _("Unchanged")
    DUPLICATE = "duplicate", _("Duplicate")
    ERROR = "error", _("Rejected")


class ImportQuerySet(models.QuerySet["Import"]):
    def visible_to(self, user: User) -> ImportQuerySet:
        """Imports are their author's; those who see every record see every import."""
        if reach(user, Action.VIEW) is Reach.ALL:
            return self
        return self.filter(created_by=user)


class Import(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="imports"
    )
    object = models.CharField(_("records"), max_length=16, choices=ImportObject.choices)
    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(_("file"), max_length=255)
    size = models.BigIntegerField(default=0)
    format = models.CharField(max_length=8)
    encoding = models.CharField(max_length=40, blank=True)
    delimiter = models.CharField(max_length=1, blank=True)
    columns = models.JSONField(default=list)
    # Column name -> target key (see targets.py); unmapped columns are ignored.
    mapping = models.JSONField(default=dict)
    match_on = models.CharField(
        _("find existing records by"), max_length=16, choices=MatchOn.choices, default=MatchOn.EMAIL
    )
    existing = models.CharField(
        _("when a row matches a record"),
        max_length=8,
        choices=Existing.choices,
        default=Existing.UPDATE,
    )
    default_country = models.CharField(
        _("country of rows that name none"),
        max_length=2,
        blank=True,
        help_text=_("Phone numbers without a country code are read as numbers of this country."),
    )
    all_or_nothing = models.BooleanField(
        _("all or nothing"),
        default=False,
        help_text=_("Import nothing if any row is rejected."),
    )
    status = models.CharField(max_length=10, choices=ImportStatus.choices)
    rows_hint = models.IntegerField(null=True, blank=True)  # an estimate, for the progress bar
    # The last row whose effect is committed; rows after it are still to do.
    checkpoint = models.IntegerField(default=0)
    counts = models.JSONField(default=dict)  # Outcome -> rows, of the run
    check_counts = models.JSONField(default=dict)  # Outcome -> rows, of the dry run
    error = models.TextField(blank=True)  # why the import as a whole failed
    # Who is running it, and when they last showed signs of life: a run whose worker died is
    # taken over by the next (see engine.claim).
    runner = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]

    def __str__(self) -> str:
        return self.filename


class ImportProblem(models.Model):
    """A row the import did not take, or took with a note: what it held and why."""

    job = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="problems")
    row = models.IntegerField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    values = models.JSONField(default=dict)  # the row as read, by column
    # Column (or target, or "" for the row) -> messages.
    errors = models.JSONField(default=dict)

    class Meta:
        ordering = ["row", "id"]
        indexes = [models.Index(fields=["job", "row"])]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.row}"


class ImportedRecord(models.Model):
    """A record an import created or changed, and what it changed: enough to undo it."""

    job = models.ForeignKey(Import, on_delete=models.CASCADE, related_name="records")
    row = models.IntegerField()
    model = models.CharField(max_length=64)  # app_label.modelname
    record_id = models.BigIntegerField()
    created = models.BooleanField()
    # For a changed record: the values before, as the record's update action takes them.
    before = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["row", "id"]
        indexes = [models.Index(fields=["job", "row"])]

    def __str__(self) -> str:
        return f"{self.model}:{self.record_id}"


class SavedMapping(models.Model):
    """A column mapping kept for the next file of the same shape."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_mappings"
    )
    name = models.CharField(_("name"), max_length=100)
    object = models.CharField(max_length=16, choices=ImportObject.choices)
    mapping = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "object", "name"], name="import_mapping_name_once"
            )
        ]

    def __str__(self) -> str:
        return self.name
