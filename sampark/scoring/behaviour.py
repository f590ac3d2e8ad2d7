"""What leads did, as far as the data model records it today: each web form submission makes a
lead, so a person's submissions are the web-form leads with their email address.

Leads link to nothing else yet (no activities, emails opened or links clicked): when they do,
their counts belong here, beside this one.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence

from django.db.models.functions import Lower

from sampark.leads.models import Lead


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
