"""What leads did, as the data model records it: each web form submission makes a lead, so a
person's submissions are the web-form leads with their email address; each email they sent to a
sales mailbox is filed against their lead (sampark.mail, sampark.leads.inbound); and the pages
with a web form they visited are known by the embed script's visitor id (leads/models/visits.py).

the opens and link clicks of the tracked mail the firm sent them (sampark.mail.tracking); and
the calls, meetings and notes the sales team logged with them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Sum
from django.db.models.functions import Lower

from sampark.leads.models import Lead, LeadActivity, Visit
from sampark.mail.models import InboundMail, OutboundMail


@dataclass(frozen=True)
class Behaviour:
    submissions: int = 0  # web form submissions from their address, up to the lead
    emails: int = 0  # emails they sent us that became or were added to the lead
    visits: int = 0  # visits to the website's pages with a web form, while the lead was open
    opens: int = 0  # times the tracked mail sent to them was opened
    clicks: int = 0  # links they followed in it
    activities: int = 0  # calls, meetings and notes logged with them


NOTHING_YET = Behaviour()  # a lead not stored yet, or one that did nothing
# The counts by name: each is also a rule's field (RuleField) and a feature group of the model.
COUNTS = tuple(field.name for field in fields(Behaviour))


def behaviour_of(leads: Sequence[Lead]) -> dict[int, Behaviour]:
    """Each lead's behaviour (by id), in two queries whatever the number of leads."""
    sent, written, seen = submissions(leads), emails(leads), visits(leads)
    read, logged = mail_read(leads), activities(leads)
    return {
        lead.pk: Behaviour(
            submissions=sent[lead.pk],
            emails=written.get(lead.pk, 0),
            visits=seen[lead.pk],
            opens=read.get(lead.pk, (0, 0))[0],
            clicks=read.get(lead.pk, (0, 0))[1],
            activities=logged.get(lead.pk, 0),
        )
        for lead in leads
    }


def activities(leads: Sequence[Lead]) -> dict[int, int]:
    """For each lead with any (by id): the interactions logged with it."""
    rows = (
        LeadActivity.objects.filter(lead__in=[lead.pk for lead in leads])
        .values("lead")
        .annotate(count=Count("id"))
        .values_list("lead", "count")
    )
    return dict(rows)


def mail_read(leads: Sequence[Lead]) -> dict[int, tuple[int, int]]:
    """For each lead sent tracked mail (by id): its opens and clicks, summed over the mails."""
    rows = (
        OutboundMail.objects.filter(
            record_type=ContentType.objects.get_for_model(Lead),
            record_id__in=[lead.pk for lead in leads],
            tracked=True,
        )
        .values("record_id")
        .annotate(opened=Sum("opens"), clicked=Sum("clicks"))
        .values_list("record_id", "opened", "clicked")
    )
    return {record_id: (opened or 0, clicked or 0) for record_id, opened, clicked in rows}


def visits(leads: Sequence[Lead]) -> dict[int, int]:
    """For each lead (by id): the visits of the browser that sent its form, up to the lead's
    conversion (after it, they are a client's, not a lead's)."""
    times: dict[str, list[datetime.datetime]] = defaultdict(list)
    visitors = {lead.visitor for lead in leads if lead.visitor}
    if visitors:
        for visitor, at in Visit.objects.filter(visitor__in=visitors).values_list("visitor", "at"):
            times[visitor].append(at)
    return {
        lead.pk: sum(
            1 for at in times[lead.visitor] if not lead.converted_at or at <= lead.converted_at
        )
        if lead.visitor
        else 0
        for lead in leads
    }


def emails(leads: Sequence[Lead]) -> dict[int, int]:
    """For each lead with any (by id): how many of their emails were filed against it."""
    rows = (
        InboundMail.objects.filter(
            record_type=ContentType.objects.get_for_model(Lead),
            record_id__in=[lead.pk for lead in leads],
        )
        .values("record_id")
        .annotate(count=Count("id"))
        .values_list("record_id", "count")
    )
    return {record_id: count for record_id, count in rows if record_id is not None}


def submissions(leads: Sequence[Lead]) -> dict[int, int]:
    """For each lead (by id): the web form submissions from its email address up to and
    including it. Counting only those up to the lead keeps a later visit from leaking into the
    history a model learns from; the newest lead of a returning visitor has the highest count."""
    # LOWER() on both sides: SQLite folds only ASCII, as email addresses mostly are.
    addresses = {lead.email.lower() for lead in leads if lead.email}
    times: dict[str, list[datetime.datetime]] = defaultdict(list)
    if addresses:
        rows = (
            Lead.objects.filter(web_form__isnull=False)
            .annotate(address=Lower("email"))
            .filter(address__in=addresses)
            .values_list("address", "created_at")
        )
        for address, created_at in rows:
            times[address].append(created_at)
    counts = {}
    for lead in leads:
        if lead.email:
            earlier = times[lead.email.lower()]
            counts[lead.pk] = sum(1 for at in earlier if at <= lead.created_at)
        else:
            counts[lead.pk] = 1 if lead.web_form_id else 0
    return counts
