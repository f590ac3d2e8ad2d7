"""Everything Sampark holds about one contact, as one JSON document (``sampark.contact/1``, see
``contact_format``): for a person who asks for their data, or a firm moving a client elsewhere.

Only what the exporter may see goes in: the contact's companies, interactions, transactions and
tasks each pass the permission layer, so an admin's export is the complete one. Notifications
are their recipients' data, not the contact's; attachments are listed (name, size, type), not
included. The document is written as it is read, a batch of rows at a time, so a contact with
ten thousand interactions costs no more memory than one with ten.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone

from sampark.agenda.models import Task
from sampark.collab.models import Comment
from sampark.contacts.models import Activity, Affiliation, Company, Contact, Transaction
from sampark.core import cached
from sampark.core.models import AuditEntry, User
from sampark.exports.actions import record_export
from sampark.exports.cells import iso
from sampark.exports.columns import Reading
from sampark.exports.contact_format import FORMAT
from sampark.exports.files import JSON_TYPE, as_download, chunked
from sampark.exports.lists import filename, reading_for
from sampark.exports.models import ExportKind, FileFormat

BATCH = 500


def contact_data_response(contact: Contact, user: User) -> StreamingHttpResponse:
    """The download, noted in the audit trail before it is written. ``contact`` must come from
    ``access_record`` and ``user`` hold the permission to export (see ``permissions``)."""
    record_export(
        by=user, kind=ExportKind.CONTACT, file_format=FileFormat.JSON, rows=1, record=contact.pk
    )
    document = chunked(contact_document(contact, user))
    response = StreamingHttpResponse(document, content_type=JSON_TYPE)
    return as_download(response, filename(f"contact-{contact.pk}", "json", user))


def contact_document(contact: Contact, user: User) -> Iterator[str]:
    reading = reading_for(user)
    head = {
        "format": FORMAT,
        "exported_at": iso(timezone.now(), reading.zone),
        "exported_by": user.get_username(),
        "time_zone": user.time_zone,
        "contact": _person(contact, user, reading),
    }
    # The head without its closing brace; the lists follow it one item at a time.
    yield _dumps(head)[:-1]
    sections: dict[str, Iterable[dict[str, Any]]] = {
        "companies": _companies(contact, user),
        "activities": _activities(contact, user, reading),
        "transactions": _transactions(contact, user, reading),
        "tasks": _tasks(contact, user, reading),
        "comments": _comments(contact, reading),
        "history": _history(contact, reading),
    }
    for name, items in sections.items():
        yield f', "{name}": ['
        for n, item in enumerate(items):
            yield ("," if n else "") + _dumps(item)
        yield "]"
    yield "}"


def _dumps(value: Any) -> str:
    # Every script as itself, not as \\u escapes: the file is UTF-8.
    return json.dumps(value, ensure_ascii=False)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _person(contact: Contact, user: User, reading: Reading) -> dict[str, Any]:
    referred = (
        Contact.objects.visible_to(user).filter(pk=contact.referred_by_id).first()
        if contact.referred_by_id
        else None
    )
    return {
        "id": contact.pk,
        "display_name": contact.display_name,
        "given_name": contact.given_name,
        "family_name": contact.family_name,
        "latin_name": contact.latin_name,
        "emails": [
            {"address": e.address, "label": e.label, "is_primary": e.is_primary}
            for e in contact.emails.all()
        ],
        "phones": [
            {"number": p.number, "label": p.label, "is_primary": p.is_primary}
            for p in contact.phones.all()
        ],
        "addresses": [
            {
                "label": a.label,
                "line1": a.line1,
                "line2": a.line2,
                "city": a.city,
                "region": a.region,
                "postal_code": a.postal_code,
                "country": a.country,
                "is_primary": a.is_primary,
            }
            for a in contact.addresses.all()
        ],
        "country": contact.country,
        "language": contact.language,
        "preferred_channel": contact.preferred_channel,
        "time_zone": contact.time_zone,
        "lifecycle_stage": contact.lifecycle_stage,
        "source": contact.source,
        "external_id": contact.external_id,
        "referred_by": {"id": referred.pk, "name": referred.display_name} if referred else None,
        "notes": contact.notes,
        "tags": [tag.name for tag in contact.tags.all()],
        "custom": contact.custom,
        "owner": reading.usernames.get(contact.owner_id, ""),
        "team": cached.team_names().get(contact.team_id) if contact.team_id else None,
        "created_at": iso(contact.created_at, reading.zone),
        "updated_at": iso(contact.updated_at, reading.zone),
        "version": contact.version,
    }


def _companies(contact: Contact, user: User) -> Iterator[dict[str, Any]]:
    visible = Company.objects.visible_to(user).values("pk")
    affiliations = (
        Affiliation.objects.filter(contact=contact, company__in=visible)
        .select_related("company")
        .order_by("-is_primary", "id")
    )
    for a in affiliations.iterator(chunk_size=BATCH):
        yield {
            "id": a.company_id,
            "name": a.company.name,
            "title": a.title,
            "role": a.role,
            "is_primary": a.is_primary,
        }


def _activities(contact: Contact, user: User, reading: Reading) -> Iterator[dict[str, Any]]:
    activities = (
        Activity.objects.visible_to(user)
        .on_contact(contact)
        .order_by("occurred_at", "id")
        .prefetch_related("attachments")
    )
    zone = reading.zone
    for a in activities.iterator(chunk_size=BATCH):
        yield {
            "id": a.pk,
            "kind": a.kind,
            "direction": a.direction,
            "subject": a.subject,
            "body": a.body,
            "occurred_at": iso(a.occurred_at, zone),
            "duration_seconds": a.duration_seconds,
            "outcome": a.outcome,
            "from_address": a.from_address,
            "to_addresses": a.to_addresses,
            "cc_addresses": a.cc_addresses,
            "message_id": a.message_id,
            "starts_at": iso(a.starts_at, zone) or None,
            "ends_at": iso(a.ends_at, zone) or None,
            "location": a.location,
            "video_url": a.video_url,
            "attendees": a.attendees,
            "handle": a.handle,
            "owner": reading.usernames.get(a.owner_id, ""),
            "created_at": iso(a.created_at, zone),
            "updated_at": iso(a.updated_at, zone),
            "attachments": [
                {
                    "id": f.pk,
                    "name": f.original_name,
                    "size": f.size,
                    "content_type": f.content_type,
                    "uploaded_at": iso(f.uploaded_at, zone),
                }
                for f in a.attachments.all()
            ],
        }


def _transactions(contact: Contact, user: User, reading: Reading) -> Iterator[dict[str, Any]]:
    transactions = (
        Transaction.objects.visible_to(user).on_contact(contact).order_by("occurred_at", "id")
    )
    zone = reading.zone
    for t in transactions.iterator(chunk_size=BATCH):
        yield {
            "id": t.pk,
            "occurred_at": iso(t.occurred_at, zone),
            "kind": t.kind,
            "product": t.product,
            "quantity": _decimal(t.quantity),
            "amount": _decimal(t.amount),
            "currency": t.currency,
            "profit": _decimal(t.profit),
            "external_id": t.external_id,
            "notes": t.notes,
            "owner": reading.usernames.get(t.owner_id, ""),
            "created_at": iso(t.created_at, zone),
            "updated_at": iso(t.updated_at, zone),
        }


def _tasks(contact: Contact, user: User, reading: Reading) -> Iterator[dict[str, Any]]:
    tasks = Task.objects.visible_to(user).filter(contact=contact).order_by("created_at", "id")
    zone = reading.zone
    for t in tasks.iterator(chunk_size=BATCH):
        yield {
            "id": t.pk,
            "title": t.title,
            "notes": t.notes,
            "status": t.status,
            "priority": t.priority,
            "due_at": iso(t.due_at, zone) or None,
            "completed_at": iso(t.completed_at, zone) or None,
            "progress": t.progress,
            "recurrence": t.recurrence,
            "remind_at": iso(t.remind_at, zone) or None,
            "owner": reading.usernames.get(t.owner_id, ""),
            "created_at": iso(t.created_at, zone),
            "updated_at": iso(t.updated_at, zone),
        }


def _comments(contact: Contact, reading: Reading) -> Iterator[dict[str, Any]]:
    # Whoever sees the contact reads its comments (see sampark.collab.access).
    for c in Comment.objects.on(contact).iterator(chunk_size=BATCH):
        yield {
            "id": c.pk,
            "author": reading.usernames.get(c.author_id, ""),
            "body": c.body,
            "created_at": iso(c.created_at, reading.zone),
            "edited_at": iso(c.edited_at, reading.zone) or None,
        }


def _history(contact: Contact, reading: Reading) -> Iterator[dict[str, Any]]:
    # Whoever sees the contact reads its History tab.
    entries = AuditEntry.objects.for_record(contact).order_by("seq")
    for e in entries.iterator(chunk_size=BATCH):
        yield {
            "seq": e.seq,
            "at": iso(e.at, reading.zone),
            "actor": e.actor_name,
            "channel": e.channel,
            "action": e.action,
            "changes": e.changes,
        }
