"""The documented shape of a contact's data export, format ``sampark.contact/1``.

The export is written by ``contact_data`` piece by piece, not through these classes; they are
its schema, shown in the API's OpenAPI document, and the tests check every export against them
(unknown keys are refused), so the two cannot drift apart. A change that removes or renames a
key, or changes a value's type, is a new version: ``sampark.contact/2``. Adding a key is not.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

FORMAT = "sampark.contact/1"
DECIMAL = 'A decimal number as a string, such as "1250.50".'
WHEN = "ISO 8601 in the time zone of whoever exported it."


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class EmailData(_Strict):
    address: str
    label: str = Field(description="work, personal or other.")
    is_primary: bool


class PhoneData(_Strict):
    number: str = Field(description="E.164, such as +8801711000001.")
    label: str = Field(description="mobile, work, home or other.")
    is_primary: bool


class AddressData(_Strict):
    label: str = Field(description="home, work, billing, shipping or other.")
    line1: str
    line2: str
    city: str
    region: str = Field(description="District, state or region.")
    postal_code: str
    country: str = Field(description="ISO 3166 two-letter code, or empty.")
    is_primary: bool


class ReferenceData(_Strict):
    id: int
    name: str


class PersonData(_Strict):
    id: int
    display_name: str
    given_name: str
    family_name: str
    latin_name: str
    emails: list[EmailData] = Field(description="The primary one first.")
    phones: list[PhoneData] = Field(description="The primary one first.")
    addresses: list[AddressData] = Field(description="The primary one first.")
    country: str = Field(description="ISO 3166 two-letter code, or empty.")
    language: str = Field(description="A language code such as bn, hi or en.")
    preferred_channel: str
    time_zone: str
    lifecycle_stage: str
    source: str
    external_id: str
    referred_by: ReferenceData | None = Field(
        description="Who referred them, when the exporter may see that contact."
    )
    notes: str
    tags: list[str]
    custom: dict[str, Any] = Field(description="Custom field values by key, as stored.")
    owner: str = Field(description="The owner's username.")
    team: str | None = Field(description="The team's name.")
    created_at: datetime = Field(description=WHEN)
    updated_at: datetime = Field(description=WHEN)
    version: int


class CompanyData(_Strict):
    id: int
    name: str
    title: str = Field(description="Their title there.")
    role: str
    is_primary: bool


class AttachmentData(_Strict):
    id: int
    name: str
    size: int = Field(description="In bytes; the file itself is not in the export.")
    content_type: str
    uploaded_at: datetime = Field(description=WHEN)


class ActivityData(_Strict):
    id: int
    kind: str = Field(description="call, email, chat, sms, social, meeting or note.")
    direction: str
    subject: str
    body: str = Field(description="Sanitised HTML.")
    occurred_at: datetime = Field(description=WHEN)
    duration_seconds: int | None
    outcome: str
    from_address: str
    to_addresses: list[str]
    cc_addresses: list[str]
    message_id: str
    starts_at: datetime | None
    ends_at: datetime | None
    location: str
    video_url: str
    attendees: list[str]
    handle: str
    owner: str = Field(description="Who logged it (username).")
    created_at: datetime = Field(description=WHEN)
    updated_at: datetime = Field(description=WHEN)
    attachments: list[AttachmentData]


class TransactionData(_Strict):
    id: int
    occurred_at: datetime = Field(description=WHEN)
    kind: str
    product: str
    quantity: str | None = Field(description=DECIMAL)
    amount: str = Field(description=DECIMAL)
    currency: str
    profit: str | None = Field(description=DECIMAL)
    external_id: str
    notes: str
    owner: str = Field(description="Who recorded it (username).")
    created_at: datetime = Field(description=WHEN)
    updated_at: datetime = Field(description=WHEN)


class TaskData(_Strict):
    id: int
    title: str
    notes: str
    status: str
    priority: str
    due_at: datetime | None
    completed_at: datetime | None
    progress: int
    recurrence: str
    remind_at: datetime | None
    owner: str = Field(description="Whose task it is (username).")
    created_at: datetime = Field(description=WHEN)
    updated_at: datetime = Field(description=WHEN)


class CommentData(_Strict):
    id: int
    author: str = Field(description="Username.")
    body: str
    created_at: datetime = Field(description=WHEN)
    edited_at: datetime | None


class HistoryData(_Strict):
    seq: int = Field(description="The audit entry's number in the audit trail.")
    at: datetime = Field(description=WHEN)
    actor: str = Field(description="Username, or empty for the system.")
    channel: str = Field(description="ui, api, import, automation, cli or system.")
    action: str = Field(description="create, update or delete.")
    changes: dict[str, Any] = Field(description="Field -> [before, after].")


class ContactDocument(_Strict):
    """Everything Sampark holds about one contact that the exporter may see."""

    format: Literal["sampark.contact/1"]
    exported_at: datetime = Field(description=WHEN)
    exported_by: str = Field(description="Username.")
    time_zone: str = Field(description="The zone every time in the document is given in.")
    contact: PersonData
    companies: list[CompanyData] = Field(description="Those the exporter may see.")
    activities: list[ActivityData] = Field(description="Oldest first; those the exporter may see.")
    transactions: list[TransactionData] = Field(description="Oldest first.")
    tasks: list[TaskData] = Field(description="Oldest first.")
    comments: list[CommentData] = Field(description="Comments on the contact, oldest first.")
    history: list[HistoryData] = Field(description="The contact's audit trail, oldest first.")
