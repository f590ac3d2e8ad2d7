"""Attachments (files on activities) over the REST API.

Mounted at the API's root, so its operations are:

- ``POST /activities/{id}/attachments`` — upload one or more files (multipart/form-data);
- ``GET/DELETE /attachments/{id}`` — an attachment's details, or remove it;
- ``GET /attachments/{id}/content`` — the file itself, always as a download.

An attachment is as visible as its activity: whoever can see the activity can read its files
(anyone else is told "not found", exactly as by the download link on the timeline), and whoever
can change the activity can add and remove them. Files are checked by their content, by the same
rules as in the web form: too large, empty, not an allowed type, or named as another type is 422.
"""

from __future__ import annotations

from datetime import datetime

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from sampark.contacts import actions
from sampark.contacts.attachments import access_attachment, download_response
from sampark.contacts.models import Activity, Attachment
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.records import access_record
from sampark.core.roles import Action

router = Router(tags=["attachments"])


class AttachmentOut(Schema):
    id: int
    activity: int = Field(description="The id of the activity it is on.")
    name: str = Field(description="The file's name as sent, without folders or odd characters.")
    content_type: str = Field(description="Worked out from the file's content when uploaded.")
    size: int = Field(description="In bytes.")
    download_url: str = Field(
        description="GET it (with your token or session) for the file, always as a download."
    )
    created_at: datetime = Field(description="When it was uploaded.")

    @staticmethod
    def resolve_activity(attachment: Attachment) -> int:
        return attachment.activity_id

    @staticmethod
    def resolve_name(attachment: Attachment) -> str:
        return attachment.original_name

    @staticmethod
    def resolve_download_url(attachment: Attachment) -> str:
        return reverse("api:attachment_content", args=[attachment.pk])

    @staticmethod
    def resolve_created_at(attachment: Attachment) -> datetime:
        return attachment.uploaded_at


@router.post(
    "/activities/{int:activity_id}/attachments",
    response={201: list[AttachmentOut], **documented(400, 401, 403, 404, 422)},
)
def add_attachments(
    request: HttpRequest, activity_id: int, attachments: File[list[UploadedFile]]
) -> Status[list[Attachment]]:
    """Attach files to an activity you may change: send them as multipart/form-data, each as a
    part named `attachments`. PDF, images, text, CSV and office documents are accepted, each up
    to the server's size limit; if one is refused, none is stored and `fields.attachments` says
    why for each."""
    user = current_user(request)
    activity = access_record(user, Activity, activity_id, Action.CHANGE)
    return Status(201, actions.add_attachments(activity, attachments, by=user))


@router.get(
    "/attachments/{int:attachment_id}", response={200: AttachmentOut, **documented(401, 404)}
)
def get_attachment(request: HttpRequest, attachment_id: int) -> Attachment:
    return access_attachment(current_user(request), attachment_id)


_FILE_RESPONSE = {
    "200": {
        "description": "The file, with Content-Disposition: attachment.",
        "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.get(
    "/attachments/{int:attachment_id}/content",
    response=documented(401, 404),
    url_name="attachment_content",
    openapi_extra={"responses": _FILE_RESPONSE},
)
def attachment_content(request: HttpRequest, attachment_id: int) -> FileResponse:
    """The file, as a download of the type its content showed when uploaded (never rendered by a
    browser, whatever it holds)."""
    return download_response(access_attachment(current_user(request), attachment_id))


@router.delete(
    "/attachments/{int:attachment_id}", response={204: None, **documented(401, 403, 404)}
)
def delete_attachment(request: HttpRequest, attachment_id: int) -> Status[None]:
    """Remove an attachment of an activity you may change. Attachments never change, so unlike
    records they need no If-Match."""
    user = current_user(request)
    actions.remove_attachment(access_attachment(user, attachment_id, Action.CHANGE), by=user)
    return Status(204, None)
