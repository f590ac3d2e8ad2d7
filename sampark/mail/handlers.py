"""What each mailbox purpose makes of a message, registered by the app that owns it; and who is
told when a tracked mail is opened or clicked.

The mail app reads and files messages; it knows nothing of leads or tickets. An app says what a
message becomes for its purpose with ``register`` in its ``AppConfig.ready`` (leads: see
``sampark.leads.inbound``). A handler runs inside the transaction that records the message as
taken, so what it writes and the mailbox's progress are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.module_loading import import_string

from sampark.mail.models import Mailbox, OutboundMail, Outcome, Purpose
from sampark.mail.parse import ParsedMail


@dataclass(frozen=True)
class Taken:
    outcome: Outcome  # CREATED or ADDED; or why nothing was made (UNRELATED, DUPLICATE)
    record: models.Model | None
    # Run once the message is filed against ``record`` (in the same transaction): for what
    # counts a record's mail, such as lead scoring's behaviour.
    then: Callable[[], None] | None = None


Handler = Callable[[ParsedMail, Mailbox], Taken]
_HANDLERS: dict[str, str] = {}


def register(purpose: Purpose, handler_path: str) -> None:
    """Messages of mailboxes with ``purpose`` go to the handler at ``handler_path``."""
    _HANDLERS[purpose] = handler_path


def handler_for(purpose: str) -> Handler:
    handler: Handler = import_string(_HANDLERS[purpose])
    return handler


TrackingHook = Callable[[OutboundMail], None]
_TRACKING_HOOKS: list[TrackingHook] = []


def on_tracking(hook: TrackingHook) -> None:
    """Call ``hook`` with each sent mail that was just opened or clicked (lead scoring counts
    them): registered in an ``AppConfig.ready``."""
    if hook not in _TRACKING_HOOKS:
        _TRACKING_HOOKS.append(hook)


def after_tracking(mail: OutboundMail) -> None:
    for hook in _TRACKING_HOOKS:
        hook(mail)
