"""Every write of the imports app: upload a file, choose its mapping and options, check it, run
it, undo it; and keep mappings for reuse. The UI, the API and the CLI all come through here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from sampark.contacts.models import Activity, Company, Contact, Transaction
from sampark.core.models import User
from sampark.core.records import OwnedRecord, can_add
from sampark.imports import mapping
from sampark.imports.models import (
    MATCHES,
    Existing,
    Import,
    ImportStatus,
    MatchOn,
    SavedMapping,
)
from sampark.imports.sources import SourceError, open_source
from sampark.imports.targets import CONTACT_TARGETS, ImportObject, by_key
from sampark.leads.models import Lead
from sampark.lib.countries import is_country
from sampark.lib.timezones import country_of_zone

_MODELS: dict[str, type[OwnedRecord]] = {
    ImportObject.CONTACTS: Contact,
    ImportObject.COMPANIES: Company,
    ImportObject.ACTIVITIES: Activity,
    ImportObject.TRANSACTIONS: Transaction,
    ImportObject.LEADS: Lead,
}
# Records logged on a contact: each row must say whose.
_ON_CONTACT = frozenset({ImportObject.ACTIVITIES, ImportObject.TRANSACTIONS})
# The target a match needs mapped: matching contacts by email needs an email column.
_MATCH_TARGET = {
    MatchOn.EXTERNAL_ID: "external_id",
    MatchOn.EMAIL: "email",
    MatchOn.PHONE: "phone",
    MatchOn.DOMAIN: "domain",
    MatchOn.NAME: "name",
    MatchOn.SAME_MOMENT: "occurred_at",
}


def may_import(user: User, obj: str) -> bool:
    model = _MODELS.get(obj)
    return model is not None and can_add(user, model)


def create_import(
    *,
    by: User,
    content: IO[bytes],
    filename: str,
    obj: str,
    format: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Import:
    """Store the uploaded file and read its columns; the mapping starts as a saved mapping
    for the same columns, else as ``mapping.suggest`` guesses. A file that cannot be read is
    a ValidationError on ``file``, and nothing is kept."""
    if obj not in _MODELS:
        raise ValidationError({"object": _("Imports of this kind of record are not possible yet.")})
    if not may_import(by, obj):
        raise PermissionDenied(_("Your role does not allow adding these records."))
    name = Path(filename).name or "import"
    job = Import(created_by=by, object=obj, filename=name, status=ImportStatus.UPLOADED)
    job.file.save(name, File(content), save=False)
    try:
        if job.file.size > settings.SAMPARK_MAX_IMPORT_MB * 1024 * 1024:
            raise ValidationError(
                {
                    "file": _("The file is larger than %(mb)d MB.")
                    % {"mb": settings.SAMPARK_MAX_IMPORT_MB}
                }
            )
        try:
            source = open_source(
                Path(job.file.path),
                filename=name,
                format=format or None,
                encoding=encoding or None,
                delimiter=delimiter or None,
            )
        except SourceError as error:
            raise ValidationError({"file": str(error.message)}) from None
    except ValidationError:
        job.file.delete(save=False)
        raise
    job.size = job.file.size
    job.format, job.encoding, job.delimiter = source.format, source.encoding, source.delimiter
    job.columns = source.columns
    job.rows_hint = source.count_hint()
    job.match_on = MATCHES[ImportObject(obj)][0]
    job.default_country = country_of_zone(by.time_zone) if by.time_zone else ""
    saved = _saved_for(by, obj, source.columns)
    job.mapping = saved or mapping.suggest(source.columns, obj)
    job.save()
    return job


def _saved_for(user: User, obj: str, columns: list[str]) -> dict[str, str] | None:
    """The newest saved mapping of ``user`` that names exactly these columns."""
    for saved in SavedMapping.objects.filter(created_by=user, object=obj).order_by("-created_at"):
        if set(saved.mapping) == set(columns):
            return dict(saved.mapping)
    return None


def configure(
    job: Import,
    *,
    by: User,
    columns: Mapping[str, str],
    match_on: str,
    existing: str = Existing.UPDATE,
    all_or_nothing: bool = False,
    default_country: str | None = None,
) -> Import:
    """Set the column mapping and options; every problem is a ValidationError at once, keyed
    by the column (``column:<name>``) or the option."""
    _editable(job, by)
    targets = by_key(job.object)
    errors: dict[str, list[str]] = {}
    chosen: dict[str, str] = {}
    taken: dict[str, str] = {}
    for column in job.columns:
        target = columns.get(column, "")
        if not target:
            continue
        if target not in targets:
            errors[f"column:{column}"] = [_("Choose a field from the list.")]
            continue
        if not targets[target].multiple and target in taken:
            errors[f"column:{column}"] = [
                _("“%(field)s” is already filled from the column “%(column)s”.")
                % {"field": targets[target].label, "column": taken[target]}
            ]
            continue
        taken.setdefault(target, column)
        chosen[column] = target
    if match_on not in MATCHES[ImportObject(job.object)]:
        errors["match_on"] = [_("Choose how rows find existing records.")]
    elif match_on != MatchOn.NOTHING and _MATCH_TARGET[MatchOn(match_on)] not in taken:
        field = targets[_MATCH_TARGET[MatchOn(match_on)]]
        errors["match_on"] = [
            _("To find records by %(field)s, map a column to it.") % {"field": field.label}
        ]
    if existing not in Existing.values:
        errors["existing"] = [_("Choose what to do with rows that match a record.")]
    if default_country is not None:
        if default_country and not is_country(default_country):
            errors["default_country"] = [_("Choose a country from the list.")]
        job.default_country = default_country
    if not chosen:
        errors["mapping"] = [_("Map at least one column.")]
    elif job.object in _ON_CONTACT and not set(CONTACT_TARGETS) & set(taken):
        errors["mapping"] = [
            _(
                "Map a column to the contact's external ID, email or phone: each row must say "
                "whose it is."
            )
        ]
    if errors:
        raise ValidationError(errors)
    job.mapping = chosen
    job.match_on, job.existing, job.all_or_nothing = match_on, existing, all_or_nothing
    job.status = ImportStatus.UPLOADED  # a new mapping needs a new check
    job.check_counts = {}
    job.save(
        update_fields=[
            "mapping",
            "match_on",
            "existing",
            "all_or_nothing",
            "status",
            "check_counts",
        ]
    )
    return job


def start_check(job: Import, *, by: User) -> Import:
    from sampark.imports.tasks import check_import

    _editable(job, by)
    _queue(job, ImportStatus.CHECKING, lambda: check_import.enqueue(job.pk))
    return job


def start_run(job: Import, *, by: User) -> Import:
    from sampark.imports.tasks import run_import

    _require_author(job, by)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        raise ValidationError(_("This import has already run."))
    _queue(job, ImportStatus.QUEUED, lambda: run_import.enqueue(job.pk))
    return job


def resume(job: Import, *, by: User) -> Import:
    """Run again a failed or stalled import: it goes on after its last committed batch."""
    from sampark.imports.tasks import run_import

    _require_author(job, by)
    if job.status not in (ImportStatus.FAILED, ImportStatus.RUNNING, ImportStatus.QUEUED):
        raise ValidationError(_("Only an import that stopped can be resumed."))
    if job.status == ImportStatus.FAILED and job.all_or_nothing and job.counts.get("error"):
        raise ValidationError(_("This import was undone because rows were rejected."))
    _queue(job, ImportStatus.QUEUED, lambda: run_import.enqueue(job.pk))
    return job


def start_undo(job: Import, *, by: User) -> Import:
    from sampark.imports.tasks import undo_import

    _require_author(job, by)
    if job.status not in (ImportStatus.DONE, ImportStatus.FAILED):
        raise ValidationError(_("Only a finished import can be undone."))
    _queue(job, ImportStatus.UNDOING, lambda: undo_import.enqueue(job.pk))
    return job


def save_mapping(job: Import, *, by: User, name: str) -> SavedMapping:
    _require_author(job, by)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the mapping a name.")})
    saved, _created = SavedMapping.objects.update_or_create(
        created_by=by, object=job.object, name=name[:100], defaults={"mapping": job.mapping}
    )
    return saved


def _queue(job: Import, status: str, enqueue: Callable[[], object]) -> None:
    job.status = status
    job.error = ""
    job.save(update_fields=["status", "error"])
    transaction.on_commit(enqueue)


def _require_author(job: Import, by: User) -> None:
    # Only the author runs or undoes an import: it writes as them, with their permissions.
    if job.created_by_id != by.pk:
        raise PermissionDenied(_("Only the person who uploaded this file may do this."))


def _editable(job: Import, by: User) -> None:
    _require_author(job, by)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        raise ValidationError(_("This import has already run; upload the file again to change it."))
