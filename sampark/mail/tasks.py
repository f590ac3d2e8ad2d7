"""The worker's side: every active mailbox is checked each minute, on every task backend."""

from __future__ import annotations

from django.tasks import task

from sampark.mail import sync
from sampark.mail.models import Mailbox


@task
def check_mailboxes() -> int:
    """Check each active mailbox in turn; returns how many messages were taken."""
    return sum(sync.check(mailbox).taken for mailbox in Mailbox.objects.active())


@task
def check_mailbox(mailbox_id: int) -> int:
    """Check one mailbox now (Settings → Mailboxes → Check now)."""
    mailbox = Mailbox.objects.filter(pk=mailbox_id, is_active=True).first()
    return sync.check(mailbox).taken if mailbox is not None else 0
