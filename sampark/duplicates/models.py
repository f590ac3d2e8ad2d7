"""What duplicate detection keeps: matching keys per record, candidate pairs, scans, merges."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Company, Contact
from sampark.core.models import User


class RecordKind(models.TextChoices):
    CONTACT = "contact", _("Contacts")
    COMPANY = "company", _("Companies")


class ContactKey(models.Model):
    """One key a contact is matched on (see ``duplicates.keys``): records sharing a key form a
    block, and only records in the same block are ever compared."""

    record = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=160)

    class Meta:
        indexes = [
            models.Index(fields=["key", "record"], name="contactkey_block"),
            models.Index(fields=["record", "key"], name="contactkey_record"),
        ]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.key}"


class CompanyKey(models.Model):
    record = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+", db_index=False)
    key = models.CharField(max_length=160)

    class Meta:
        indexes = [
            models.Index(fields=["key", "record"], name="companykey_block"),
            models.Index(fields=["record", "key"], name="companykey_record"),
        ]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.key}"


class PairStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Not a duplicate")
    MERGED = "merged", _("Merged")


class PairQuerySet(models.QuerySet["Pair"]):
    def open_for(self, user: User, kind: str) -> PairQuerySet:
        """Open pairs of ``kind`` whose two records ``user`` may see, best first, each with
        the two records' names (``a_name``, ``b_name``) read in the same query."""
        model: type[Contact] | type[Company] = Contact if kind == RecordKind.CONTACT else Company
        name = "display_name" if model is Contact else "name"
        visible = model.objects.visible_to(user).values("pk")
        return (
            self.filter(kind=kind, status=PairStatus.OPEN, a_id__in=visible, b_id__in=visible)
            .annotate(
                a_name=models.Subquery(
                    model.objects.filter(pk=models.OuterRef("a_id")).values(name)[:1]
                ),
                b_name=models.Subquery(
                    model.objects.filter(pk=models.OuterRef("b_id")).values(name)[:1]
                ),
            )
            .order_by("-score", "id")
        )


class Pair(models.Model):
    """Two records that may be one, found once (``a_id`` < ``b_id``), with why and how sure.

    The records are named by id, not by foreign key: a dismissed pair must outlive a merge that
    deletes one side, so that undoing the merge brings the decision back with the record. Pairs
    of records that are gone are never shown (the queue only lists pairs whose two records the
    user may see) and open ones are pruned by the scans.
    """

    kind = models.CharField(_("kind"), max_length=7, choices=RecordKind.choices)
    a_id = models.PositiveBigIntegerField()
    b_id = models.PositiveBigIntegerField()
    score = models.PositiveSmallIntegerField(_("score"))
    # [{"code": "email", "value": "rahim@x.com"}, {"code": "name", "a": …, "b": …, "score": 92}]
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(
        _("status"), max_length=9, choices=PairStatus.choices, default=PairStatus.OPEN
    )
    found_at = models.DateTimeField(_("found"), default=timezone.now)
    # The full scan that last found it: open pairs a full scan no longer finds are removed.
    scan = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "a_id", "b_id"], name="pair_once"),
            models.CheckConstraint(condition=Q(a_id__lt=F("b_id")), name="pair_in_order"),
        ]
        indexes = [
            # The queue: open pairs of a kind, best first, paged by keyset.
            models.Index(fields=["kind", "status", "-score", "id"], name="pair_queue"),
            models.Index(fields=["kind", "b_id"], name="pair_b"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.a_id} ~ {self.b_id} ({self.score})"


class Scan(models.Model):
    """One run of the background scan: what it did, and the blocks it left out as too big."""

    kind = models.CharField(_("kind"), max_length=7, choices=RecordKind.choices)
    full = models.BooleanField(_("full scan"), default=False)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    records = models.PositiveIntegerField(_("records"), default=0)
    keys = models.PositiveIntegerField(_("keys"), default=0)
    blocks = models.PositiveIntegerField(_("blocks compared"), default=0)
    pairs = models.PositiveIntegerField(_("pairs found"), default=0)
    skipped = models.JSONField(_("blocks skipped"), default=list)

    class Meta:
        verbose_name = _("duplicate scan")
        verbose_name_plural = _("duplicate scans")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["kind", "finished_at"], name="scan_finished")]

    def __str__(self) -> str:
        return f"{self.kind} scan {self.started_at:%Y-%m-%d %H:%M}"


class Merge(models.Model):
    """Records merged into one, with everything needed to undo it (see ``duplicates.undo``)."""

    kind = models.CharField(_("kind"), max_length=7, choices=RecordKind.choices)
    winner_id = models.PositiveBigIntegerField()
    loser_ids = models.JSONField(default=list)
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("merged"), default=timezone.now)
    # The winner's version right after the merge: undo refuses if it has moved on since.
    winner_version = models.PositiveIntegerField()
    undo = models.JSONField(default=dict)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "winner_id"], name="merge_winner")]

    def __str__(self) -> str:
        return f"{self.kind} {self.loser_ids} → {self.winner_id}"
