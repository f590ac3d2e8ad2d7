"""Every write to mailboxes. Admins manage them (they hold a password to the firm's mail); the
owner and team they are given are who what they bring in goes to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.records import create_record, delete_record, update_record
from sampark.core.roles import Role, role_of
from sampark.lib.sealed import seal
from sampark.mail.models import Mailbox

MANAGE_MAILBOXES = frozenset({Role.ADMIN})
# The audit trail says the password changed, never what it is.
_PASSWORD_CHANGED = {"password": ["•", "••"]}


def _require_manager(by: User) -> None:
    if role_of(by) not in MANAGE_MAILBOXES:
        raise PermissionDenied(_("Only admins manage mailboxes."))


def create_mailbox(*, by: User, password: str, **values: Any) -> Mailbox:
    _require_manager(by)
    values["address"] = str(values.get("address", "")).strip().lower()
    with transaction.atomic():
        mailbox = create_record(Mailbox, by=by, password_sealed=seal(password), **values)
    return mailbox


def update_mailbox(
    mailbox: Mailbox, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> Mailbox:
    """Change the settings; a new server, user or folder starts the reading afresh (the new
    folder's mail is then taken from the next message that arrives)."""
    _require_manager(by)
    values = dict(values)
    if "address" in values:
        values["address"] = str(values["address"]).strip().lower()
    moved = any(
        name in values and values[name] != getattr(mailbox, name)
        for name in ("host", "port", "username", "folder")
    )
    with transaction.atomic():
        update_record(mailbox, by=by, values=values, expected_version=expected_version)
        if moved:
            Mailbox.objects.filter(pk=mailbox.pk).update(uid_validity=None, last_uid=0)
            mailbox.uid_validity, mailbox.last_uid = None, 0
    return mailbox


def set_password(mailbox: Mailbox, password: str, *, by: User) -> None:
    _require_manager(by)
    with transaction.atomic():
        mailbox.password_sealed = seal(password)
        Mailbox.objects.filter(pk=mailbox.pk).update(
            password_sealed=mailbox.password_sealed, last_error="", last_error_code=""
        )
        audit.record(AuditAction.UPDATE, mailbox, by=by, changes=dict(_PASSWORD_CHANGED))
    mailbox.last_error = mailbox.last_error_code = ""


def delete_mailbox(mailbox: Mailbox, *, by: User, expected_version: int | None = None) -> None:
    """Stop reading it. What its mail became (leads, …) stays; the ledger of taken mail goes."""
    _require_manager(by)
    delete_record(mailbox, by=by, expected_version=expected_version)
