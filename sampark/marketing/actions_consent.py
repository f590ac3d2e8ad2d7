"""Every write to consent and the suppression list.

Each change of consent updates the contact's standing on the channel and appends the event
that says how (source, wording, who, when, from which address); nothing here edits or deletes
an event. Unsubscribing also suppresses the address, so a later import or form cannot quietly
sign it up again; lifting a suppression is an admin's or manager's deliberate act.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sampark.contacts.models import Contact
from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.roles import Role, role_of
from sampark.lib.emails import InvalidEmail, normalise_email
from sampark.lib.phones import to_e164
from sampark.marketing import links
from sampark.marketing.models import (
    Channel,
    Consent,
    ConsentEvent,
    ConsentSource,
    ConsentStatus,
    Suppression,
    SuppressionReason,
)
from sampark.marketing.models.consent import DETAIL_MAX_LENGTH, WORDING_MAX_LENGTH
from sampark.marketing.reachability import address_of, normalised


def _is_email(text: str) -> bool:
    try:
        normalise_email(text)
    except InvalidEmail:
        return False
    return True


def _is_phone(text: str) -> bool:
    try:
        return to_e164(text) == text
    except ValueError:
        return False


# Sources where the contact acted in front of us: their own words need not be typed in.
_SELF_SERVED = frozenset(
    {ConsentSource.PREFERENCES, ConsentSource.CONFIRMATION, ConsentSource.UNSUBSCRIBE}
)


def record_consent(
    contact: Contact,
    channel: str,
    status: str,
    *,
    source: str,
    wording: str = "",
    by: User | None = None,
    ip: str | None = None,
    at: datetime.datetime | None = None,
) -> Consent:
    """Set where ``contact`` stands on ``channel``; ValidationError by field if a value is
    wrong. Agreement needs the wording they agreed to (except where they acted themselves on
    our pages, which say it), so it can be shown later."""
    wording = (wording or "").strip()
    problems: dict[str, list[str]] = {}
    if channel not in Channel.values:
        problems["channel"] = [_("Choose email, SMS, WhatsApp or phone calls.")]
    if status not in ConsentStatus.values:
        problems["status"] = [_("Choose agreed, waiting for confirmation or withdrawn.")]
    if source not in ConsentSource.values:
        problems["source"] = [_("Say where the consent came from.")]
    if status == ConsentStatus.GRANTED and not wording and source not in _SELF_SERVED:
        problems["wording"] = [_("Write down what they agreed to, in their words or ours.")]
    if len(wording) > WORDING_MAX_LENGTH:
        problems["wording"] = [_("At most %(n)d characters.") % {"n": WORDING_MAX_LENGTH}]
    if problems:
        raise ValidationError(problems)
    at = at or timezone.now()
    with transaction.atomic():
        consent = Consent.objects.select_for_update().filter(contact=contact, channel=channel)
        current = consent.first()
        before = current.status if current else None
        values: dict[str, object] = {
            "status": status,
            "source": source,
            "wording": wording,
            "changed_at": at,
            # Confirmed is said of this agreement only: a later change starts afresh.
            "confirmed_at": at
            if status == ConsentStatus.GRANTED and source == ConsentSource.CONFIRMATION
            else None,
        }
        if current is None:
            current = Consent.objects.create(contact=contact, channel=channel, **values)
        else:
            if source == ConsentSource.CONFIRMATION and current.wording and not wording:
                values["wording"] = current.wording  # what they confirmed is what they asked
            for name, value in values.items():
                setattr(current, name, value)
            current.save()
        ConsentEvent.objects.create(
            contact=contact,
            channel=channel,
            status=status,
            source=source,
            wording=current.wording,
            at=at,
            by=by,
            ip=ip or None,
        )
        audit.record(
            AuditAction.UPDATE,
            contact,
            by=by,
            changes={f"consent_{channel}": [before, status]},
        )
    return current


def request_opt_in(
    contact: Contact, *, wording: str, source: str, by: User | None = None, ip: str | None = None
) -> Consent:
    """Double opt-in by email: the consent waits while a confirmation link goes to the contact's
    address; following it (``confirm_opt_in``) makes it agreement."""
    if not _is_email(contact.email or ""):
        raise ValidationError({"email": [_("The contact has no email address to confirm.")]})
    if not wording.strip():
        raise ValidationError({"wording": [_("Write down what they are asked to agree to.")]})
    if Suppression.objects.filter(
        channel=Channel.EMAIL, address=address_of(contact, Channel.EMAIL)
    ).exists():
        raise ValidationError(
            {"email": [_("The address is on the suppression list: no mail goes to it.")]}
        )
    current = Consent.objects.filter(contact=contact, channel=Channel.EMAIL).first()
    if current is not None and current.status == ConsentStatus.GRANTED:
        return current  # already agreed: asking again would only take it away until confirmed
    consent = record_consent(
        contact,
        Channel.EMAIL,
        ConsentStatus.PENDING,
        source=source,
        wording=wording,
        by=by,
        ip=ip,
    )
    transaction.on_commit(lambda: _send_confirmation(contact))
    return consent


def _send_confirmation(contact: Contact) -> None:
    from sampark.mail import outbound

    with translation.override(contact.language):
        subject = _("Please confirm that you want our emails")
        text = _(
            "Hello %(name)s,\n\nPlease confirm that you want to hear from us by email by opening "
            "this link:\n%(link)s\n\nIf you did not ask for this, ignore this message: you will "
            "get nothing more from us."
        ) % {"name": contact.display_name, "link": links.confirm_url(contact, Channel.EMAIL)}
    outbound.send(
        by=None, record=contact, to=contact.email, subject=subject, text=text, tracked=False
    )


def confirm_opt_in(contact: Contact, channel: str, *, ip: str | None = None) -> Consent:
    """The contact followed their confirmation link: agreed, from now. Confirming twice, or
    after withdrawing, changes nothing (a withdrawal is only undone by a new agreement)."""
    current = Consent.objects.filter(contact=contact, channel=channel).first()
    if current is None or current.status != ConsentStatus.PENDING:
        if current is not None:
            return current
        raise ValidationError(_("There is nothing to confirm."))
    return record_consent(
        contact, channel, ConsentStatus.GRANTED, source=ConsentSource.CONFIRMATION, ip=ip
    )


def unsubscribe(
    contact: Contact, channel: str, *, ip: str | None = None, by: User | None = None
) -> None:
    """Withdraw consent on ``channel`` and suppress the contact's address there."""
    with transaction.atomic():
        record_consent(
            contact,
            channel,
            ConsentStatus.WITHDRAWN,
            source=ConsentSource.UNSUBSCRIBE,
            ip=ip,
            by=by,
        )
        if address := address_of(contact, channel):
            suppress(channel, address, SuppressionReason.UNSUBSCRIBED, by=by)


def suppress(
    channel: str, address: str, reason: str, *, by: User | None = None, detail: str = ""
) -> Suppression:
    """Keep marketing away from ``address`` on ``channel``; an address already suppressed keeps
    its first reason (the bounce that put it there says more than a later unsubscribe)."""
    address = normalised(channel, address)
    problems: dict[str, list[str]] = {}
    if channel not in Channel.values:
        problems["channel"] = [_("Choose email, SMS, WhatsApp or phone calls.")]
    elif channel == Channel.EMAIL and not _is_email(address):
        problems["address"] = [_("Enter an email address.")]
    elif channel != Channel.EMAIL and not _is_phone(address):
        problems["address"] = [_("Enter the number in international form: +8801711000001.")]
    if len(detail) > DETAIL_MAX_LENGTH:
        problems["detail"] = [_("At most %(n)d characters.") % {"n": DETAIL_MAX_LENGTH}]
    if reason not in SuppressionReason.values:
        problems["reason"] = [_("Choose why the address is suppressed.")]
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        suppression, created = Suppression.objects.get_or_create(
            channel=channel,
            address=address,
            defaults={"reason": reason, "detail": detail, "created_by": by},
        )
        if created:
            audit.record(
                AuditAction.CREATE,
                suppression,
                by=by,
                changes={"address": [None, address], "reason": [None, reason]},
            )
    return suppression


def lift_suppression(suppression: Suppression, *, by: User) -> None:
    """Let marketing reach the address again (the contact still needs to agree)."""
    if role_of(by) not in (Role.ADMIN, Role.MANAGER):
        raise PermissionDenied(_("Only admins and managers may lift a suppression."))
    with transaction.atomic():
        suppression.delete()
        audit.record(
            AuditAction.DELETE,
            suppression,
            by=by,
            changes={"address": [suppression.address, None], "reason": [suppression.reason, None]},
        )
