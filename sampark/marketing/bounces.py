"""Bounces and spam complaints: the address goes on the suppression list, so no send path
reaches it again, and the campaign's recipient shows what happened.

They come from the mail server refusing an address while a campaign is sent (``sending.py``),
and from a mail provider's webhooks through django-anymail (``on_tracking``, connected to
``anymail.signals.tracking`` by the app). A soft bounce (a full mailbox, a server down for a
while) is not a reason to stop writing, so only hard bounces suppress.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from sampark.marketing.actions_consent import suppress, unsubscribe
from sampark.marketing.models import Channel, Recipient, SuppressionReason
from sampark.marketing.models.campaigns import RecipientState


def bounced(address: str, *, detail: str = "", recipient: Recipient | None = None) -> None:
    with transaction.atomic():
        suppress(Channel.EMAIL, address, SuppressionReason.BOUNCED, detail=detail[:300])
        if recipient is not None:
            Recipient.objects.filter(pk=recipient.pk).update(
                state=RecipientState.BOUNCED, reason=detail[:300]
            )


def complained(address: str, *, recipient: Recipient | None = None) -> None:
    with transaction.atomic():
        suppress(Channel.EMAIL, address, SuppressionReason.COMPLAINED)
        if recipient is not None:
            Recipient.objects.filter(pk=recipient.pk).update(complained_at=timezone.now())


def on_tracking(sender: object, event: Any, esp_name: str, **kwargs: object) -> None:
    """An anymail tracking event: bounces, complaints and unsubscribes reported by the provider."""
    address = str(event.recipient or "").strip()
    if not address:
        return
    recipient = (
        Recipient.objects.filter(provider_id=event.message_id).select_related("contact").first()
        if event.message_id
        else None
    )
    if event.event_type == "bounced":
        bounced(address, detail=str(event.description or esp_name), recipient=recipient)
    elif event.event_type == "complained":
        complained(address, recipient=recipient)
    elif event.event_type == "unsubscribed" and recipient is not None:
        unsubscribe(recipient.contact, Channel.EMAIL)
        Recipient.objects.filter(pk=recipient.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now()
        )
