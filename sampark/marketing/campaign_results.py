"""What a campaign's pages read: its figures (counted in one query, however many recipients),
its recipients for the table, and its timing put into words.

Rates are shares of the mail that went out (handed to the mail server, sent or bounced), so a
campaign half-way through its send shows how the mail that left is doing, not a rate diluted by
mail still waiting.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from sampark.contacts.models import Contact
from sampark.core.models import User
from sampark.lib import locale_format
from sampark.marketing.models import Campaign, Recipient, RecipientState
from sampark.marketing.models.campaigns import WENT_OUT


def rate(part: int, whole: int) -> float:
    """``part`` as a share of ``whole``; 0 when there is no whole (nothing went out yet)."""
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class Summary:
    total: int
    by_state: Mapping[str, int]
    went_out: int
    opened: int
    clicked: int
    unsubscribed: int
    complained: int
    bounced: int

    @property
    def waiting(self) -> int:
        """Not gone out yet: due later, or in a sending run's hands right now."""
        return self.by_state[RecipientState.PENDING] + self.by_state[RecipientState.CLAIMED]

    @property
    def failed(self) -> int:
        return self.by_state[RecipientState.FAILED]

    @property
    def skipped(self) -> int:
        return self.by_state[RecipientState.SKIPPED]

    @property
    def open_rate(self) -> float:
        return rate(self.opened, self.went_out)

    @property
    def click_rate(self) -> float:
        return rate(self.clicked, self.went_out)

    @property
    def unsubscribe_rate(self) -> float:
        return rate(self.unsubscribed, self.went_out)

    @property
    def complaint_rate(self) -> float:
        return rate(self.complained, self.went_out)

    @property
    def bounce_rate(self) -> float:
        return rate(self.bounced, self.went_out)


def summary(campaign: Campaign) -> Summary:
    """The campaign's figures, in one aggregate query."""
    went_out = Q(state__in=WENT_OUT)
    counts = Recipient.objects.filter(campaign=campaign).aggregate(
        total=Count("pk"),
        went_out=Count("pk", filter=went_out),
        opened=Count("pk", filter=went_out & Q(opened_at__isnull=False)),
        clicked=Count("pk", filter=went_out & Q(clicked_at__isnull=False)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
        complained=Count("pk", filter=Q(complained_at__isnull=False)),
        **{f"state_{state}": Count("pk", filter=Q(state=state)) for state in RecipientState.values},
    )
    by_state = {state: counts.pop(f"state_{state}") for state in RecipientState.values}
    return Summary(by_state=by_state, bounced=by_state[RecipientState.BOUNCED], **counts)


def recipients(
    campaign: Campaign, state: str | None = None, *, viewer: User | None = None
) -> QuerySet[Recipient]:
    """The recipients table's rows, by address (a stable order for keyset pagination).

    With ``viewer``, only the recipients whose contact they may see: the figures count everyone,
    but who the mail went to is read through the contacts' permission layer, as a segment's
    members are."""
    rows = Recipient.objects.filter(campaign=campaign)
    if state:
        rows = rows.filter(state=state)
    if viewer is not None:
        rows = rows.filter(contact__in=Contact.objects.visible_to(viewer).values("pk"))
    return rows.select_related("contact").order_by("address", "id")


def timing_in_words(campaign: Campaign) -> str:
    """When the mail goes out, as a sentence: "On 1 Dec 2026 at 10:00 am in each client's time
    zone, not on their public holidays." The date and hour are in the zone they were chosen in
    (``campaign.zone``), which is what "10:00 in each client's time zone" means."""
    holidays = campaign.skip_holidays
    if campaign.send_at is None:
        if campaign.local_time and holidays:
            return _(
                "When it is launched, at that hour in each client's time zone, not on their "
                "public holidays."
            )
        if campaign.local_time:
            return _("When it is launched, at that hour in each client's time zone.")
        if holidays:
            return _("As soon as it is launched, not on the clients' public holidays.")
        return _("As soon as it is launched.")
    zone = _zone(campaign.zone)
    wall = campaign.send_at.astimezone(zone)
    words = {
        "date": locale_format.format_date(wall.date()),
        "time": locale_format.format_time_in(campaign.send_at, zone.key),
        "zone": zone.key,
    }
    if campaign.local_time and holidays:
        text = _(
            "On %(date)s at %(time)s in each client's time zone, not on their public holidays."
        )
    elif campaign.local_time:
        text = _("On %(date)s at %(time)s in each client's time zone.")
    elif holidays:
        text = _("On %(date)s at %(time)s (%(zone)s) for everyone, not on their public holidays.")
    else:
        text = _("On %(date)s at %(time)s (%(zone)s) for everyone.")
    return text % words


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def wall_time(moment: datetime.datetime, zone: str) -> datetime.datetime:
    """``moment`` on the clock in ``zone`` (a stored or unknown name falls back to the firm's)."""
    return moment.astimezone(_zone(zone))


def in_zone(wall: datetime.datetime, zone: str) -> datetime.datetime:
    """A clock time without a zone (a datetime-local input's) read in ``zone``."""
    return wall.replace(tzinfo=_zone(zone))
