"""Whether marketing may reach a contact on a channel: the one rule every send path asks
(campaigns, automation, sequences), for one contact or, in SQL, for a whole audience.

A contact is reachable on a channel when they have an address on it, agreed to hear from us on
it (consent granted; a double opt-in waiting for confirmation is not yet agreement), and the
address is not on the suppression list. Suppression wins over consent: an address that bounced
or complained stays out even if an old consent says yes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sampark.contacts.conditions import ConditionField, Kind, Op
from sampark.contacts.conditions.builders import has
from sampark.contacts.conditions.fields import Condition
from sampark.contacts.models import Contact, ContactQuerySet
from sampark.marketing.models import Channel, Consent, ConsentStatus, Suppression

# Which contact column holds each channel's address.
ADDRESS_FIELD = {
    Channel.EMAIL: "email",
    Channel.SMS: "phone",
    Channel.WHATSAPP: "phone",
    Channel.PHONE: "phone",
}


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""  # why not, in words


def address_of(contact: Contact, channel: str) -> str:
    """The contact's address on ``channel``, as the suppression list keeps it."""
    value: str = getattr(contact, ADDRESS_FIELD[Channel(channel)]) or ""
    return normalised(channel, value)


def normalised(channel: str, address: str) -> str:
    address = address.strip()
    return address.lower() if channel == Channel.EMAIL else address.replace(" ", "")


@dataclass(frozen=True)
class Standing:
    """Where a contact stands on one channel: their consent (if any) and the verdict."""

    channel: str
    consent: Consent | None
    verdict: Verdict


def standing(contact: Contact) -> list[Standing]:
    """Every channel, in order, in two queries whatever their number."""
    consents = {c.channel: c for c in Consent.objects.filter(contact=contact)}
    addresses = {channel: address_of(contact, channel) for channel in Channel.values}
    listed = Suppression.objects.filter(address__in={a for a in addresses.values() if a})
    suppressed = {(s.channel, s.address): s for s in listed}
    return [
        Standing(
            channel,
            consents.get(channel),
            _verdict(
                addresses[channel],
                suppressed.get((channel, addresses[channel])),
                consents.get(channel),
            ),
        )
        for channel in Channel.values
    ]


def may_contact(contact: Contact, channel: str) -> Verdict:
    return next(s.verdict for s in standing(contact) if s.channel == channel)


def _verdict(address: str, suppressed: Suppression | None, consent: Consent | None) -> Verdict:
    if not address:
        return Verdict(False, _("No address for this channel."))
    if suppressed is not None:
        return Verdict(
            False,
            _("The address is suppressed: %(reason)s.")
            % {"reason": suppressed.get_reason_display()},
        )
    if consent is None:
        return Verdict(False, _("They have not agreed to hear from us on this channel."))
    if consent.status == ConsentStatus.PENDING:
        return Verdict(False, _("They have not confirmed their subscription yet."))
    if consent.status == ConsentStatus.WITHDRAWN:
        return Verdict(False, _("They withdrew their consent."))
    return Verdict(True)


def reachable(contacts: ContactQuerySet, channel: str) -> ContactQuerySet:
    """``contacts`` that marketing may reach on ``channel``, as one query."""
    return contacts.filter(reachable_q(channel))


def reachable_q(channel: str) -> Q:
    column = ADDRESS_FIELD[Channel(channel)]
    agreed = Consent.objects.filter(channel=channel, status=ConsentStatus.GRANTED)
    # Contacts keep addresses as typed; the list keeps email addresses in lower case.
    address = Lower(OuterRef(column)) if channel == Channel.EMAIL else OuterRef(column)
    listed = Suppression.objects.filter(channel=channel, address=address)
    return has(agreed, "contact_id") & ~Q(**{column: ""}) & ~Q(Exists(listed))


def _reachable_on(condition: Condition) -> Q:
    anywhere = Q(pk__in=[])
    for channel in condition.value:
        anywhere |= reachable_q(channel)
    return anywhere if condition.op is Op.IS else ~anywhere


# "Marketing may reach them by …", for segments: consent given, an address, not suppressed.
REACHABLE = ConditionField(
    "reachable",
    gettext_lazy("Marketing may reach them by"),
    gettext_lazy("Marketing"),
    Kind.CHOICE,
    _reachable_on,
    choices=lambda: [(value, str(label)) for value, label in Channel.choices],
    ops=(Op.IS, Op.IS_NOT),
    help_text=gettext_lazy(
        "They agreed to hear from us on the channel, and its address is not suppressed."
    ),
)
