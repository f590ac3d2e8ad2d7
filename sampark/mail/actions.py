"""Every write to mailboxes. Admins manage them all (a shared mailbox holds a password to the
firm's mail); the owner and team they are given are who what they bring in goes to. Everyone
connects their own mail themselves ("My mail", on their profile): one mailbox, theirs, read onto
their clients' timelines.

Moving a folder starts its reading afresh, from the next message that arrives there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.records import can_add, create_record, delete_record, update_record
from sampark.core.roles import Role, role_of
from sampark.lib.sealed import seal
from sampark.mail.models import Mailbox, Purpose

MANAGE_MAILBOXES = frozenset({Role.ADMIN})
# The audit trail says the password changed, never what it is.
_PASSWORD_CHANGED = {"password": ["•", "••"]}
# Where each folder's reading has got to, and the settings that move it.
_FOLDER_PROGRESS = {
    ("uid_validity", "last_uid"): ("host", "port", "username", "folder"),
    ("sent_uid_validity", "sent_last_uid"): ("host", "port", "username", "sent_folder"),
}


def may_connect_own_mail(user: User) -> bool:
    """One's own mail lands on clients' timelines as interactions its owner logged: whoever
    may log them may connect it."""
    return can_add(user, apps.get_model("contacts", "Activity"))


def may_manage(user: User, mailbox: Mailbox) -> bool:
    """Admins manage every mailbox; everyone else only their own mail."""
    own = mailbox.purpose == Purpose.PERSONAL and mailbox.owner_id == user.pk
    return (own and may_connect_own_mail(user)) or role_of(user) in MANAGE_MAILBOXES


def _require_may_manage(by: User, mailbox: Mailbox) -> None:
    if not may_manage(by, mailbox):
        raise PermissionDenied(_("Only admins manage the firm's mailboxes."))


def _require_one_personal(mailbox: Mailbox) -> None:
    """Your mail is one mailbox: the one the mail you write from Sampark goes out through."""
    if mailbox.purpose != Purpose.PERSONAL:
        return
    others = Mailbox.objects.filter(purpose=Purpose.PERSONAL, owner_id=mailbox.owner_id)
    if others.exclude(pk=mailbox.pk).exists():
        raise ValidationError(
            {
                "owner": _("%(owner)s already has their own mail connected.")
                % {"owner": mailbox.owner}
            }
        )


def create_mailbox(*, by: User, password: str, **values: Any) -> Mailbox:
    values["address"] = str(values.get("address", "")).strip().lower()
    _require_may_manage(by, Mailbox(**{"owner": by, **values}))
    with transaction.atomic():
        mailbox = create_record(Mailbox, by=by, password_sealed=seal(password), **values)
        _require_one_personal(mailbox)
    return mailbox


def update_mailbox(
    mailbox: Mailbox, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> Mailbox:
    """Change the settings; a new server, user or folder starts that folder's reading afresh
    (its mail is then taken from the next message that arrives)."""
    _require_may_manage(by, mailbox)
    values = dict(values)
    if "address" in values:
        values["address"] = str(values["address"]).strip().lower()
    restart: dict[str, object] = {}
    for (validity, last_uid), settings in _FOLDER_PROGRESS.items():
        if any(name in values and values[name] != getattr(mailbox, name) for name in settings):
            restart |= {validity: None, last_uid: 0}
    with transaction.atomic():
        update_record(mailbox, by=by, values=values, expected_version=expected_version)
        # Checked after the change too: the mailbox must stay theirs to manage.
        _require_may_manage(by, mailbox)
        _require_one_personal(mailbox)
        if restart:
            Mailbox.objects.filter(pk=mailbox.pk).update(**restart)
            for name, value in restart.items():
                setattr(mailbox, name, value)
    return mailbox


def set_password(mailbox: Mailbox, password: str, *, by: User) -> None:
    _require_may_manage(by, mailbox)
    with transaction.atomic():
        mailbox.password_sealed = seal(password)
        Mailbox.objects.filter(pk=mailbox.pk).update(
            password_sealed=mailbox.password_sealed, last_error="", last_error_code=""
        )
        audit.record(AuditAction.UPDATE, mailbox, by=by, changes=dict(_PASSWORD_CHANGED))
    mailbox.last_error = mailbox.last_error_code = ""


def delete_mailbox(mailbox: Mailbox, *, by: User, expected_version: int | None = None) -> None:
    """Stop reading it. What its mail became (leads, …) stays; the ledger of taken mail goes."""
    _require_may_manage(by, mailbox)
    delete_record(mailbox, by=by, expected_version=expected_version)
