"""The exports people made, one row each, and the right to make them.

Exporting copies records out of Sampark, beyond the reach of its permission layer and audit
trail, so it is a right of its own rather than a part of seeing: ``exports.export_contact`` and
``exports.export_company`` (see ``permissions.py``). Each export is written here and to the audit
trail, which needs a row to name: who, which list with which filters, in what format, how many
rows.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core.models import User


class ExportKind(models.TextChoices):
    CONTACTS = "contacts", _("Contact list")
    COMPANIES = "companies", _("Company list")
    CONTACT = "contact", _("All data of one contact")


class FileFormat(models.TextChoices):
    CSV = "csv", _("CSV (any spreadsheet)")
    XLSX = "xlsx", _("Excel (XLSX)")
    JSON = "json", "JSON"


class Export(models.Model):
    kind = models.CharField(_("what"), max_length=10, choices=ExportKind.choices)
    file_format = models.CharField(_("format"), max_length=4, choices=FileFormat.choices)
    # Kept when the user is deleted: the audit entry names them too.
    by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    # The filters and sort in effect, as a saved view keeps them.
    query = models.TextField(_("filters"), blank=True)
    # The saved view applied, if any: a number, not a key, as the view may be deleted later.
    saved_view = models.PositiveBigIntegerField(_("saved view"), null=True, blank=True)
    columns = models.JSONField(_("columns"), default=list, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    # The contact whose data it was, for a contact's export (a number, as it may be deleted).
    record = models.PositiveBigIntegerField(_("record"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-at", "-id"]
        default_permissions = ()
        permissions = [
            ("export_contact", _("Can export contacts")),
            ("export_company", _("Can export companies")),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.file_format}, {self.rows})"
