"""Every write to contacts and companies goes through here: normalised, validated, audited."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from sampark.contacts import search
from sampark.contacts.addresses import clean_addresses, store_addresses
from sampark.contacts.models import (
    Activity,
    ActivityKind,
    Affiliation,
    Attachment,
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    Direction,
    Tag,
)
from sampark.core import audit, cached
from sampark.core.models import AuditAction, Team, User
from sampark.core.records import (
    StaleVersion,
    can,
    can_add,
    create_record,
    delete_record,
    scope_key,
    update_record,
)
from sampark.core.roles import Action, Reach, reach
from sampark.customfields import values as custom_values
from sampark.lib import filetypes
from sampark.lib.domains import InvalidDomain, normalise_domain
from sampark.lib.emails import InvalidEmail, normalise_email
from sampark.lib.phones import InvalidPhone, region_of, to_e164
from sampark.lib.timezones import guess_time_zone

# Apps above this one that keep data derived from contacts and companies (the duplicates app's
# matching keys) add a function here; each is called as ``hook(records, created)`` inside the
# transaction of every create and update, where search is re-indexed too, with the records
# written (all of one model: one for a form, hundreds for an import's batch).
WriteHook = Callable[[Sequence[Contact] | Sequence[Company], bool], None]
WRITE_HOOKS: list[WriteHook] = []


def written(records: Sequence[Contact] | Sequence[Company], *, created: bool) -> None:
    for hook in WRITE_HOOKS:
        hook(records, created)


def normalise_phones(raw: Iterable[str], *, country: str, field: str = "phone") -> list[str]:
    """E.164 numbers, in order, without repeats; a bad one is a field error naming it."""
    numbers: list[str] = []
    for text in raw:
        if not text.strip():
            continue
        try:
            number = to_e164(text, country or None)
        except InvalidPhone as error:
            raise ValidationError({field: f"{text.strip()}: {error}"}) from None
        if number not in numbers:
            numbers.append(number)
    return numbers


def normalise_emails(raw: Iterable[str], *, field: str = "email") -> list[str]:
    addresses: list[str] = []
    for text in raw:
        if not text.strip():
            continue
        try:
            address = normalise_email(text)
        except InvalidEmail as error:
            raise ValidationError({field: f"{text.strip()}: {error}"}) from None
        if address.casefold() not in {a.casefold() for a in addresses}:
            addresses.append(address)
    return addresses


def _prepare(
    values: dict[str, Any], current: Contact | None = None
) -> tuple[list[str], list[str], list[dict[str, Any]] | None]:
    """Normalise the primary email and phone in ``values`` and return every email and phone, and
    the checked ``addresses`` (taken out of ``values``; None if not given).

    ``emails``/``phones`` (lists, primary first) may be given instead of, or besides, the single
    ``email``/``phone`` fields; the primary one is mirrored into the contact's own columns.
    """
    country = values.get("country", current.country if current else "") or ""
    raw_addresses = values.pop("addresses", None)
    errors: dict[str, list[str]] = {}
    emails: list[str] = []
    phones: list[str] = []
    addresses: list[dict[str, Any]] | None = None
    try:
        _merge_custom("contact", values, current)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        emails = normalise_emails([values.pop("email", ""), *values.pop("emails", [])])
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        phones = normalise_phones(
            [values.pop("phone", ""), *values.pop("phones", [])], country=country
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if raw_addresses is not None:
        # Addresses without a country are in the contact's, which a phone may tell.
        home = country or (region_of(phones[0]) if phones else "")
        try:
            addresses = clean_addresses(raw_addresses, owner=Contact, country=home)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        # Report every bad field at once, as a form would, not just the first one found.
        # An update sends only what changes: check those against the stored contact.
        draft = copy.copy(current) if current is not None else Contact()
        for name, value in values.items():
            if name not in {"owner", "team"}:
                setattr(draft, name, value)
        try:
            draft.full_clean(
                exclude=["owner", "team", "email", "phone", "custom"], validate_unique=False
            )
        except ValidationError as error:
            errors.update(error.message_dict)
        raise ValidationError(errors)
    values["email"] = emails[0] if emails else ""
    values["phone"] = phones[0] if phones else ""
    if not values.get("time_zone") and not (current and current.time_zone):
        guessed = guess_time_zone(country=country, phone=values["phone"])
        if guessed:
            values["time_zone"] = guessed
    if not country and values["phone"]:
        values["country"] = region_of(values["phone"])
    return emails, phones, addresses


def _merge_custom(obj: str, values: dict[str, Any], current: Contact | Company | None) -> None:
    """Put the checked custom values into ``values["custom"]``: every field on create (so
    required ones are enforced); on update only the keys given, a None clearing one."""
    if current is None:
        values["custom"] = custom_values.merge(obj, values.get("custom"))
    elif "custom" in values:
        values["custom"] = custom_values.merge(
            obj, values["custom"], current=current.custom, partial=True
        )


def _store_reachability(
    contact: Contact, emails: list[str], phones: list[str], *, new: bool = False
) -> None:
    """Make the stored emails and phones these lists, primary first; untouched if unchanged.
    ``new``: the contact was just made, so it has none to compare or replace."""
    if not new:
        stored_emails = [e.address for e in contact.emails.all()]
        stored_phones = [p.number for p in contact.phones.all()]
        if (stored_emails, stored_phones) == (emails, phones):
            return
        contact.emails.all().delete()
        contact.phones.all().delete()
    ContactEmail.objects.bulk_create(
        ContactEmail(contact=contact, address=a, is_primary=i == 0) for i, a in enumerate(emails)
    )
    ContactPhone.objects.bulk_create(
        ContactPhone(contact=contact, number=n, is_primary=i == 0) for i, n in enumerate(phones)
    )


def create_contact(*, by: User, tags: Iterable[str] | None = None, **values: Any) -> Contact:
    names = _checked_tags(tags, lambda: _prepare(dict(values)))
    emails, phones, addresses = _prepare(values)
    with transaction.atomic():
        contact = create_record(Contact, by=by, **values)
        _store_reachability(contact, emails, phones, new=True)
        if names:
            _store_tags(contact, names, by=by, touch=False)
        if addresses:
            store_addresses(contact, addresses, by=by)
        search.index_contact(contact)
        written([contact], created=True)
    return contact


def update_contact(
    contact: Contact,
    *,
    by: User,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> Contact:
    """Change the fields given. ``email``/``phone`` replace the primary one; ``emails``/``phones``,
    ``tags`` (tag names) and ``addresses`` (dicts of Address fields), when given, replace the
    whole list."""
    changes = dict(values)
    tags = changes.pop("tags", None)
    changes.setdefault("email", contact.email)
    changes.setdefault("phone", contact.phone)
    if "emails" not in changes:
        changes["emails"] = [e.address for e in contact.emails.all() if not e.is_primary]
    if "phones" not in changes:
        changes["phones"] = [p.number for p in contact.phones.all() if not p.is_primary]
    names = _checked_tags(tags, lambda: _prepare(dict(changes), current=contact))
    emails, phones, addresses = _prepare(changes, current=contact)
    with transaction.atomic():
        contact = update_record(contact, by=by, values=changes, expected_version=expected_version)
        _store_reachability(contact, emails, phones)
        if names is not None:
            _store_tags(contact, names, by=by)
        if addresses is not None and store_addresses(contact, addresses, by=by):
            _touch(contact)
        search.index_contact(contact)
        written([contact], created=False)
    return contact


def delete_contact(contact: Contact, *, by: User, expected_version: int | None = None) -> None:
    with transaction.atomic():
        search.unindex(contact)
        delete_record(contact, by=by, expected_version=expected_version)


def _normalise_company(
    values: dict[str, Any], current: Company | None = None
) -> list[dict[str, Any]] | None:
    """Every writer (form, API, import) stores the bare domain, whatever was pasted, and checked
    custom values. Returns the checked ``addresses``, taken out of ``values`` (None if not
    given)."""
    raw_addresses = values.pop("addresses", None)
    addresses: list[dict[str, Any]] | None = None
    errors: dict[str, list[str]] = {}
    if values.get("domain"):
        try:
            values["domain"] = normalise_domain(values["domain"])
        except InvalidDomain:
            errors["domain"] = [
                gettext("“%(domain)s” is not a web domain.") % {"domain": values["domain"]}
            ]
    try:
        _merge_custom("company", values, current)
    except ValidationError as error:
        errors.update(error.message_dict)
    if raw_addresses is not None:
        country = values.get("country", current.country if current else "") or ""
        try:
            addresses = clean_addresses(raw_addresses, owner=Company, country=country)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return addresses


def create_company(*, by: User, tags: Iterable[str] | None = None, **values: Any) -> Company:
    names = _checked_tags(tags, lambda: _normalise_company(dict(values)))
    addresses = _normalise_company(values)
    with transaction.atomic():
        company = create_record(Company, by=by, **values)
        if names:
            _store_tags(company, names, by=by, touch=False)
        if addresses:
            store_addresses(company, addresses, by=by)
        search.index_company(company)
        written([company], created=True)
    return company


def update_company(
    company: Company, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> Company:
    """Change the fields given; ``tags`` (tag names) and ``addresses`` (dicts of Address fields),
    when given, replace the company's tags and addresses."""
    values = dict(values)
    tags = values.pop("tags", None)
    names = _checked_tags(tags, lambda: _normalise_company(dict(values), current=company))
    addresses = _normalise_company(values, current=company)
    with transaction.atomic():
        company = update_record(company, by=by, values=values, expected_version=expected_version)
        if names is not None:
            _store_tags(company, names, by=by)
        if addresses is not None and store_addresses(company, addresses, by=by):
            _touch(company)
        search.index_company(company)
        written([company], created=False)
    return company


def delete_company(company: Company, *, by: User, expected_version: int | None = None) -> None:
    with transaction.atomic():
        people = list(company.contacts.all())
        search.unindex(company)
        delete_record(company, by=by, expected_version=expected_version)
        for contact in people:  # their documents carried the company's name
            search.index_contact(contact)


def link_company(
    contact: Contact,
    company: Company,
    *,
    by: User,
    title: str = "",
    role: str = "",
    is_primary: bool = False,
) -> Affiliation:
    """Record (or change) that ``contact`` works at ``company``, audited on the contact."""
    with transaction.atomic():
        affiliation, created = Affiliation.objects.update_or_create(
            contact=contact,
            company=company,
            defaults={"title": title, "role": role, "is_primary": is_primary},
        )
        if is_primary:
            contact.affiliations.exclude(pk=affiliation.pk).update(is_primary=False)
        audit.record(
            AuditAction.UPDATE,
            contact,
            by=by,
            changes={"companies": [None if created else company.name, f"{company.name} ({title})"]},
        )
        search.index_contact(contact)
        written([contact], created=False)
    return affiliation


def unlink_company(contact: Contact, company: Company, *, by: User) -> None:
    with transaction.atomic():
        deleted, _counts = Affiliation.objects.filter(contact=contact, company=company).delete()
        if deleted:
            audit.record(
                AuditAction.UPDATE, contact, by=by, changes={"companies": [company.name, None]}
            )
            search.index_contact(contact)
            written([contact], created=False)


# ---------------------------------------------------------------------------------------------
# Activities: logging interactions on the timeline, with their attachments.
# ---------------------------------------------------------------------------------------------

# Set by the server, never by whoever logs or edits an activity.
_ACTIVITY_FIXED = frozenset(
    {"owner", "owner_id", "team", "team_id", "contact", "contact_id", "company", "company_id"}
)


def max_attachment_bytes() -> int:
    return int(settings.SAMPARK_MAX_ATTACHMENT_MB) * 1024 * 1024


def check_attachment(upload: UploadedFile) -> tuple[filetypes.FileType, str]:
    """The attachment's real type and the name to show for it, or a ValidationError saying why
    it is refused: too big, empty, not an allowed type, or a name that claims another type."""
    raw_name = upload.name or ""
    shown = raw_name.replace("\\", "/").rsplit("/", 1)[-1][:100] or gettext("The file")
    limit = max_attachment_bytes()
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            {
                "attachments": gettext("%(name)s is larger than %(max)s MB.")
                % {"name": shown, "max": settings.SAMPARK_MAX_ATTACHMENT_MB}
            }
        )
    if size == 0:
        raise ValidationError({"attachments": gettext("%(name)s is empty.") % {"name": shown}})
    upload.seek(0)
    head = upload.read(filetypes.SNIFF_BYTES)
    upload.seek(0)
    try:
        file_type = filetypes.classify(raw_name, head, upload)
    except filetypes.RejectedFile as error:
        if str(error) == "mismatch":
            message = gettext("%(name)s does not contain what its name says it does.")
        else:
            message = gettext(
                "%(name)s is not a type of file we accept: PDF, PNG, JPEG, WebP or GIF images, "
                "text, CSV, Word, Excel, PowerPoint, OpenDocument text or spreadsheet."
            )
        raise ValidationError({"attachments": message % {"name": shown}}) from None
    return file_type, filetypes.safe_display_name(raw_name, file_type)


def check_attachments(
    uploads: Sequence[UploadedFile],
) -> list[tuple[UploadedFile, filetypes.FileType, str]]:
    """Every upload checked before anything is written, with every problem reported at once."""
    checked: list[tuple[UploadedFile, filetypes.FileType, str]] = []
    problems: list[str] = []
    for upload in uploads:
        try:
            file_type, name = check_attachment(upload)
        except ValidationError as error:
            problems += error.message_dict["attachments"]
        else:
            checked.append((upload, file_type, name))
    if problems:
        raise ValidationError({"attachments": problems})
    return checked


def store_uploads[A: models.Model](
    checked: list[tuple[UploadedFile, filetypes.FileType, str]],
    stored: list[str],
    make: Callable[[str, int, str], A],
) -> list[A]:
    """Save each checked upload as the row ``make(name, size, content type)`` builds (an
    activity's attachment, a ticket message's), noting each stored file in ``stored``."""
    rows = []
    for upload, file_type, name in checked:
        row = make(name, upload.size or 0, file_type.content_type)
        field: Any = row.file  # type: ignore[attr-defined]
        # A random name in a dated folder: the sender's name never becomes a path.
        field.save(f"{uuid.uuid4().hex}.{file_type.extension}", upload, save=False)
        stored.append(field.name or "")
        row.save(force_insert=True)
        rows.append(row)
    return rows


def _store_attachments(
    activity: Activity,
    checked: list[tuple[UploadedFile, filetypes.FileType, str]],
    stored: list[str],
) -> list[Attachment]:
    def make(name: str, size: int, content_type: str) -> Attachment:
        return Attachment(
            activity=activity, original_name=name, size=size, content_type=content_type
        )

    return store_uploads(checked, stored, make)


def _discard_files(names: list[str]) -> None:
    field = Attachment._meta.get_field("file")
    assert isinstance(field, models.FileField)
    for name in names:
        if name:
            field.storage.delete(name)


@contextmanager
def files_kept_only_on_success() -> Iterator[list[str]]:
    """A list for the names of the files stored inside the block: if the block fails, the rows
    naming them are rolled back, so the files are deleted too."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        _discard_files(stored)
        raise


def _change_attachments(
    activity: Activity,
    *,
    by: User,
    stored: list[str],
    add: list[tuple[UploadedFile, filetypes.FileType, str]] | None = None,
    remove: Iterable[int] = (),
) -> list[Attachment]:
    """Store the checked files ``add`` on the activity and delete its attachments named in
    ``remove`` (others' ids are ignored), audited on the activity as one change; the new ones."""
    removed = list(activity.attachments.filter(pk__in=list(remove)))
    added = _store_attachments(activity, add, stored) if add else []
    for attachment in removed:
        attachment.delete()  # its file goes once this commits
    if added or removed:
        _audit_attachments(activity, by=by, added=added, removed=removed)
    return added


def _require(by: User, action: Action, activity: Activity) -> None:
    if not can(by, action, activity):
        raise PermissionDenied(gettext("Your role does not allow this on this record."))


def log_activity(
    *,
    by: User,
    kind: str,
    contact: Contact | None = None,
    company: Company | None = None,
    attachments: Sequence[UploadedFile] = (),
    **values: Any,
) -> Activity:
    """Log an interaction on a contact and/or company the caller can see (a colleague may log a
    call on a teammate's client). The author owns it; it belongs to the record's team."""
    if not can_add(by, Activity):
        raise PermissionDenied(gettext("Your role does not allow logging interactions."))
    for record in (contact, company):
        if record is not None and not can(by, Action.VIEW, record):
            raise PermissionDenied(gettext("You may not see this record."))
    if contact is None and company is None:
        raise ValidationError(gettext("An activity must be on a contact or a company."))
    if fixed := _ACTIVITY_FIXED & values.keys():
        raise ValueError(f"Not settable when logging an activity: {', '.join(sorted(fixed))}")
    if not values.get("direction"):
        values["direction"] = (
            Direction.INTERNAL if kind == ActivityKind.NOTE else Direction.OUTBOUND
        )
    parent = contact if contact is not None else company
    assert parent is not None
    checked = check_attachments(attachments)
    with files_kept_only_on_success() as stored, transaction.atomic():
        activity = create_record(
            Activity,
            by=by,
            owner=by,
            team_id=parent.team_id,
            kind=kind,
            contact=contact,
            company=company,
            **values,
        )
        _change_attachments(activity, by=by, stored=stored, add=checked)
    return activity


def _audit_attachments(
    activity: Activity,
    *,
    by: User,
    added: Sequence[Attachment] = (),
    removed: Sequence[Attachment] = (),
) -> None:
    audit.record(
        AuditAction.UPDATE,
        activity,
        by=by,
        changes={
            "attachments": [
                [a.original_name for a in removed] or None,
                [a.original_name for a in added] or None,
            ]
        },
    )


def update_activity(
    activity: Activity,
    *,
    by: User,
    values: Mapping[str, Any],
    expected_version: int | None = None,
    add_attachments: Sequence[UploadedFile] = (),
    remove_attachments: Iterable[int] = (),
) -> Activity:
    """Change an activity the caller may change (its author, or a manager or admin of its
    team); it stays on the same contact or company."""
    _require(by, Action.CHANGE, activity)
    if fixed := _ACTIVITY_FIXED & values.keys():
        raise ValidationError(
            {name: gettext("This cannot be changed on a logged activity.") for name in fixed}
        )
    checked = check_attachments(add_attachments)
    with files_kept_only_on_success() as stored, transaction.atomic():
        activity = update_record(activity, by=by, values=values, expected_version=expected_version)
        _change_attachments(activity, by=by, stored=stored, add=checked, remove=remove_attachments)
    return activity


def delete_activity(activity: Activity, *, by: User, expected_version: int | None = None) -> None:
    """Delete an activity and its attachments (their files go once the deletion commits)."""
    _require(by, Action.DELETE, activity)
    with transaction.atomic():
        delete_record(activity, by=by, expected_version=expected_version)


def add_attachments(
    activity: Activity, uploads: Sequence[UploadedFile], *, by: User
) -> list[Attachment]:
    """Attach files to an activity the caller may change. Every file is checked first, and if
    any is refused none is stored; the activity's own fields and version stay as they are."""
    _require(by, Action.CHANGE, activity)
    checked = check_attachments(uploads)
    if not checked:
        raise ValidationError({"attachments": gettext("Choose at least one file to attach.")})
    with files_kept_only_on_success() as stored, transaction.atomic():
        return _change_attachments(activity, by=by, stored=stored, add=checked)


def remove_attachment(attachment: Attachment, *, by: User) -> None:
    """Delete an attachment of an activity the caller may change, audited on the activity as
    removing it in the edit form is; its file goes once this commits."""
    activity = attachment.activity
    _require(by, Action.CHANGE, activity)
    with transaction.atomic():
        _change_attachments(activity, by=by, stored=[], remove=[attachment.pk])


# ---------------------------------------------------------------------------------------------
# Tags: shared labels on contacts and companies, created as they are first used.
# ---------------------------------------------------------------------------------------------

TAG_MAX_LENGTH = 60


def split_tags(text: str) -> list[str]:
    """Tag names as typed in a form: separated by commas."""
    return text.split(",")


def clean_tag_names(raw: Iterable[str]) -> list[str]:
    """Names trimmed (inner runs of spaces made one), blanks dropped, repeats dropped whatever
    their case (the first spelling wins); a name too long or with a comma is an error."""
    names: list[str] = []
    problems: list[str] = []
    for text in raw:
        name = " ".join(str(text).split())
        if not name:
            continue
        if len(name) > TAG_MAX_LENGTH:
            problems.append(
                gettext("“%(name)s…” is longer than %(max)d characters.")
                % {"name": name[:20], "max": TAG_MAX_LENGTH}
            )
        elif "," in name:
            problems.append(gettext("“%(name)s” contains a comma.") % {"name": name})
        elif name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    if problems:
        raise ValidationError(problems)
    return names


def _checked_tags(tags: Iterable[str] | None, other: Callable[[], object]) -> list[str] | None:
    """The cleaned tag names (None if not given); if they are bad, ``other()`` is run too so that
    every bad field is reported at once."""
    if tags is None:
        return None
    try:
        return clean_tag_names(tags)
    except ValidationError as error:
        errors: dict[str, list[str]] = {"tags": error.messages}
    try:
        other()
    except ValidationError as error:
        errors.update(error.message_dict)
    raise ValidationError(errors)


def resolve_tags(names: Iterable[str]) -> list[Tag]:
    """The tags with these (clean) names, matched case-insensitively; missing ones are created."""
    tags: list[Tag] = []
    for name in names:
        existing = Tag.objects.filter(name__iexact=name).order_by("pk").first()
        if existing is None:
            existing, _created = Tag.objects.get_or_create(name=name)
        if existing.pk not in {t.pk for t in tags}:
            tags.append(existing)
    return tags


def tag_names(record: Contact | Company) -> list[str]:
    return sorted((t.name for t in record.tags.all()), key=str.casefold)


def _store_tags(
    record: Contact | Company, names: Iterable[str], *, by: User, touch: bool = True
) -> bool:
    """Give ``record`` exactly these tags, audited as a change of "tags" from the old names to
    the new ones; ``touch`` moves its version on (and so stale edits of it are refused).
    The caller re-indexes it for search. Whether anything changed."""
    current = list(record.tags.all())
    tags = resolve_tags(names)
    if {t.pk for t in tags} == {t.pk for t in current}:
        return False
    record.tags.set(tags)
    cached.invalidate(TAG_CHOICES)
    before, after = (sorted((t.name for t in ts), key=str.casefold) for ts in (current, tags))
    audit.record(AuditAction.UPDATE, record, by=by, changes={"tags": [before, after]})
    if touch:
        _touch(record)
    return True


def _touch(record: Contact | Company) -> None:
    """Move the version on after a change beside the record's own columns (its tags, its
    addresses), so that an edit started before it is refused as stale."""
    now = timezone.now()
    type(record)._default_manager.filter(pk=record.pk).update(
        updated_at=now, version=models.F("version") + 1
    )
    record.updated_at = now
    record.version += 1


def set_tags(record: Contact | Company, names: Iterable[str], *, by: User) -> bool:
    """Replace the tags of a contact or company with ``names``; whether anything changed."""
    try:
        cleaned = clean_tag_names(names)
    except ValidationError as error:
        raise ValidationError({"tags": error.messages}) from None
    with transaction.atomic():
        changed = _store_tags(record, cleaned, by=by)
        if changed:
            if isinstance(record, Contact):
                search.index_contact(record)
            else:
                search.index_company(record)
    return changed


# ---------------------------------------------------------------------------------------------
# Bulk actions on the contact list: every id re-checked through the permission layer, every
# change made by the single-record actions above (so audit and search stay right), and records
# the user may not touch skipped and reported, never an error for the whole batch.
# ---------------------------------------------------------------------------------------------

MAX_BULK = 500


class Skip:
    """Why a record was left alone."""

    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"
    NOT_DELETABLE = "not_deletable"
    INVALID = "invalid"


@dataclass
class BulkOutcome:
    done: list[Contact] = field(default_factory=list)
    skipped: dict[str, list[int]] = field(default_factory=dict)

    def skip(self, reason: str, pk: int) -> None:
        self.skipped.setdefault(reason, []).append(pk)

    @property
    def skipped_count(self) -> int:
        return sum(len(ids) for ids in self.skipped.values())

    def summary(self, *, deleted: bool = False) -> str:
        """Such as "3 contacts changed; 1 skipped: you may not change it." """
        count = len(self.done)
        if deleted:
            done = ngettext("%(count)d contact deleted", "%(count)d contacts deleted", count)
        else:
            done = ngettext("%(count)d contact changed", "%(count)d contacts changed", count)
        parts = [done % {"count": count}]
        parts += [skip_message(reason, len(ids)) for reason, ids in self.skipped.items()]
        return "; ".join(parts) + "."


def skip_message(reason: str, count: int) -> str:
    if reason == Skip.NOT_ALLOWED:
        return ngettext(
            "%(count)d skipped: you may not change it",
            "%(count)d skipped: you may not change them",
            count,
        ) % {"count": count}
    if reason == Skip.NOT_DELETABLE:
        return ngettext(
            "%(count)d skipped: you may not delete it",
            "%(count)d skipped: you may not delete them",
            count,
        ) % {"count": count}
    if reason == Skip.INVALID:
        return ngettext(
            "%(count)d skipped: it could not be saved as it is",
            "%(count)d skipped: they could not be saved as they are",
            count,
        ) % {"count": count}
    return ngettext(
        "%(count)d skipped: no such contact, or you may not see it",
        "%(count)d skipped: no such contacts, or you may not see them",
        count,
    ) % {"count": count}


def bulk_targets(user: User, ids: Iterable[int], action: Action) -> BulkOutcome:
    """Sort ``ids`` into the contacts ``user`` may ``action`` (in ``done``, not yet acted on)
    and the rest, skipped: unseen ones as not found, seen but not allowed as not allowed."""
    wanted = list(dict.fromkeys(ids))[:MAX_BULK]
    outcome = BulkOutcome()
    found = {c.pk: c for c in Contact.objects.visible_to(user).filter(pk__in=wanted)}
    for pk in wanted:
        contact = found.get(pk)
        if contact is None:
            outcome.skip(Skip.NOT_FOUND, pk)
        elif not can(user, action, contact):
            outcome.skip(Skip.NOT_DELETABLE if action is Action.DELETE else Skip.NOT_ALLOWED, pk)
        else:
            outcome.done.append(contact)
    return outcome


def assignable_owners(user: User) -> models.QuerySet[User]:
    """Whom ``user`` may hand contacts to: anyone active for those who may change every record
    (admins), otherwise active members of the user's own teams."""
    people = User.objects.filter(is_active=True)
    if reach(user, Action.CHANGE) is Reach.ALL:
        return people
    teams = Team.members.through.objects.filter(user_id=user.pk).values("team_id")
    return people.filter(teams__in=teams).distinct()


def owner_choices(user: User) -> list[tuple[int, str]]:
    """``assignable_owners`` as (id, name) for a select, cached until people or teams change."""
    return cached.lookup(
        cached.PEOPLE,
        scope_key(user, Action.CHANGE),
        lambda: [(person.pk, str(person)) for person in assignable_owners(user)],
    )


TAG_CHOICES = "contact-tags"


def tag_choices(user: User) -> list[str]:
    """The tags on contacts ``user`` may see (others' tag names stay theirs), for a filter."""

    def build() -> list[str]:
        visible = Contact.objects.visible_to(user).values("pk")
        used = Contact.tags.through.objects.filter(contact__in=visible).values("tag_id")
        return list(Tag.objects.filter(pk__in=used).values_list("name", flat=True))

    # A tag that has just lost its last contact may linger a minute: it then finds nobody.
    return cached.lookup(TAG_CHOICES, scope_key(user), build, timeout=60)


def _bulk_update(
    by: User, ids: Iterable[int], values: Callable[[Contact], Mapping[str, Any]]
) -> BulkOutcome:
    targets = bulk_targets(by, ids, Action.CHANGE)
    outcome = BulkOutcome(skipped=targets.skipped)
    for contact in targets.done:
        try:
            update_contact(contact, by=by, values=values(contact))
        except (ValidationError, StaleVersion):
            outcome.skip(Skip.INVALID, contact.pk)
        else:
            outcome.done.append(contact)
    return outcome


def bulk_assign_owner(ids: Iterable[int], *, owner: User, by: User) -> BulkOutcome:
    """Make ``owner`` the owner of each contact ``by`` may change."""
    if not assignable_owners(by).filter(pk=owner.pk).exists():
        raise PermissionDenied(gettext("You may not hand contacts to this person."))
    return _bulk_update(by, ids, lambda contact: {"owner": owner})


def bulk_add_tag(ids: Iterable[int], *, tag: str, by: User) -> BulkOutcome:
    """Add the tag ``tag`` to each contact ``by`` may change (its other tags stay)."""
    names = clean_tag_names([tag])
    if not names:
        raise ValidationError({"tag": gettext("Enter a tag.")})
    return _bulk_update(by, ids, lambda contact: {"tags": [*tag_names(contact), *names]})


def bulk_delete_contacts(ids: Iterable[int], *, by: User) -> BulkOutcome:
    """Delete each contact ``by`` may delete."""
    targets = bulk_targets(by, ids, Action.DELETE)
    outcome = BulkOutcome(skipped=targets.skipped)
    for contact in targets.done:
        try:
            delete_contact(contact, by=by)
        except StaleVersion:
            outcome.skip(Skip.NOT_FOUND, contact.pk)
        else:
            outcome.done.append(contact)
    return outcome
