"""Who may reach an attachment, and how its file is handed out: one rule for the web and the API.

An attachment is as visible as its activity, and the activity as the contact or company it was
logged on (it took that record's team); adding or removing one is changing the activity.
"""

from __future__ import annotations

from typing import Protocol

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from sampark.contacts.models import Activity, Attachment
from sampark.core.models import User
from sampark.core.records import access_record
from sampark.core.roles import Action


def access_attachment(user: User, pk: int, action: Action = Action.VIEW) -> Attachment:
    """The attachment, if ``user`` may do ``action`` to its activity: 404 (Http404) when the
    activity is hidden from them, exactly as when there is no such attachment; 403
    (PermissionDenied) when they see it but may not do that."""
    try:
        attachment = Attachment.objects.get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404(_("No such record, or you may not see it.")) from None
    attachment.activity = access_record(user, Activity, attachment.activity_id, action)
    return attachment


class StoredFile(Protocol):
    """A stored upload as attachments of every kind keep it (an activity's, a ticket's)."""

    file: FieldFile
    original_name: str
    content_type: str


def download_response(attachment: StoredFile) -> FileResponse:
    """The file, streamed: always a download of the type sniffed when it was uploaded, never
    shown inline, and inert even in a browser that ignored all that."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file of this attachment is missing.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser rendered it, it would run nothing and reach nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
