"""Client satisfaction (CSAT): asking the client how their solved ticket was handled, keeping
the answer, and following up an unhappy one.

Asking: when a ticket becomes solved (``actions._update``), the worker mails its requester a
survey (``ask_for_rating``) ``SURVEY_DELAY`` later, if it is still solved then, in the ticket's
language, from the desk's address and threaded with the ticket like a reply: one link per
rating, each a signed token of the ticket (no sign-in needed) good for ``TOKEN_DAYS``. A ticket solved, reopened and solved again is asked again only
while it has no rating; a ticket closed without being solved is not asked. The client can rate
in the portal too.

Rating: a link's click records the rating at once and then offers a comment box. The rating may
be changed (the latest click or portal choice counts) for as long as the ticket stays solved or
closed and the link is valid; once the client reopens the ticket, its rating is kept but waits
for the ticket to be solved again before it changes. Each rating keeps the ticket's assignee,
queue and category at the time, so reports need no history.

Following up: a rating of ``BAD_RATING`` or worse opens a task (agenda app) for the team lead —
the first manager of the ticket's queue, else the ticket's owner — linked to the client's
contact when they may see it and naming the ticket, and tells them in the app. Changing one bad
rating to another opens no second task.

Mail scanners that open every link in a mail would click every rating: they usually ask with
HEAD, which these links refuse; what a scanner's GET records, the client's own click replaces.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sampark.agenda.actions import open_follow_up
from sampark.agenda.models import Task
from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify_after_commit
from sampark.core.models import User
from sampark.core.records import can
from sampark.core.roles import Action, Role, group_name
from sampark.mail.models import OutboundMail
from sampark.service.mailing import send_automatic
from sampark.service.models import (
    BAD_RATING,
    MessageKind,
    Rating,
    Satisfaction,
    Ticket,
    TicketStatus,
)
from sampark.service.threading import tagged_subject

TOKEN_DAYS = 30
_SALT = "sampark.service.csat"
# Ratings that count as satisfied in the CSAT score: happy and very happy.
GOOD = (Rating.GOOD, Rating.GREAT)
# Where the rating links of urls_portal.py start: a survey mail is told by them.
RATE_PATH = "rate/"
# The survey waits this long after the solving (where the task backend can wait): the reply
# that solved the ticket reaches the client first, and a ticket reopened meanwhile (solved by
# mistake) is not asked at all.
SURVEY_DELAY = datetime.timedelta(minutes=10)


class RatingRefused(Exception):
    """A rating link that cannot be used: ``reason`` is one of the class's constants."""

    EXPIRED = "expired"
    BAD = "bad"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def may_rate(ticket: Ticket) -> bool:
    return ticket.status in (TicketStatus.SOLVED, TicketStatus.CLOSED)


def rating_of(ticket: Ticket) -> Satisfaction | None:
    return Satisfaction.objects.filter(ticket=ticket).first()


# --------------------------------------------------------------------------------------------
# Asking


def token_for(ticket: Ticket) -> str:
    return signing.dumps(ticket.pk, salt=_SALT)


def ticket_for_token(token: str) -> Ticket:
    """The ticket a rating link is for; ``RatingRefused`` when the link is too old or not ours."""
    try:
        pk = signing.loads(token, salt=_SALT, max_age=datetime.timedelta(days=TOKEN_DAYS))
    except signing.SignatureExpired:
        raise RatingRefused(RatingRefused.EXPIRED) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise RatingRefused(RatingRefused.BAD) from None
    ticket = Ticket.objects.select_related("requester").filter(pk=pk).first() if pk else None
    if ticket is None:
        raise RatingRefused(RatingRefused.BAD)
    return ticket


def _links_prefix() -> str:
    return settings.SAMPARK_SITE_URL + reverse("portal:home") + RATE_PATH


def rating_url(token: str, rating: int) -> str:
    return settings.SAMPARK_SITE_URL + reverse("portal:rate", args=[token, rating])


def surveys(ticket: Ticket) -> QuerySet[OutboundMail]:
    """The survey mails sent about this ticket, newest first."""
    return OutboundMail.objects.for_record(ticket).filter(
        sent_by=None, text__contains=_links_prefix()
    )


def ask_later(ticket_id: int) -> None:
    """Have the worker ask about this just-solved ticket after ``SURVEY_DELAY`` (at once with
    a backend that cannot wait, such as the tests' immediate one)."""
    from sampark.service.tasks import send_satisfaction_survey

    task = send_satisfaction_survey
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + SURVEY_DELAY)
    task.enqueue(ticket_id)


def ask_for_rating(ticket: Ticket) -> OutboundMail | None:
    """Mail the survey to the requester; None when there is nothing to ask (not solved, rated
    already, asked since it was solved, or nobody to mail)."""
    requester = ticket.requester
    if requester is None or not requester.email or ticket.status != TicketStatus.SOLVED:
        return None
    if rating_of(ticket) is not None:
        return None
    if ticket.solved_at and surveys(ticket).filter(created_at__gte=ticket.solved_at).exists():
        return None  # this solving was asked about already (the task ran twice)
    token = token_for(ticket)
    with translation.override(ticket.language):
        choices = "\n".join(
            f"{label}: {rating_url(token, value)}" for value, label in reversed(Rating.choices)
        )
        text = _(
            "Hello %(name)s,\n\n"
            "Your request %(number)s (“%(subject)s”) is solved. How happy are you with how we "
            "handled it? One click is enough:\n\n"
            "%(choices)s\n\n"
            "The links work for %(days)d days. If something is still not right, reply to this "
            "email and we will look at it again."
        ) % {
            "name": requester.display_name,
            "number": ticket.number,
            "subject": ticket.subject,
            "choices": choices,
            "days": TOKEN_DAYS,
        }
        subject = _("How did we do? %(subject)s") % {"subject": tagged_subject(ticket)}
    return send_automatic(ticket, subject=subject, text=text, kind="auto-generated")


# --------------------------------------------------------------------------------------------
# Rating


def _last_answered_by(ticket: Ticket) -> int | None:
    """Who answered the client last: the agent a rating of a ticket nobody took is theirs."""
    return (
        ticket.messages.filter(kind=MessageKind.REPLY, author__isnull=False)
        .order_by("-created_at", "-id")
        .values_list("author_id", flat=True)
        .first()
    )


def rate(
    ticket: Ticket,
    rating: int,
    comment: str | None = None,
    *,
    now: datetime.datetime | None = None,
) -> Satisfaction:
    """Record the client's rating (and comment; None keeps the one given before) with the
    ticket's assignee, queue and category; a newly bad rating opens the follow-up."""
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Choose one of the ratings.")})
    if not may_rate(ticket):
        raise ValidationError(
            {"rating": _("This request is open again: rate it once it is solved.")}
        )
    values: dict[str, Any] = {
        "rating": rating,
        "agent_id": ticket.assignee_id or _last_answered_by(ticket),
        "team_id": ticket.team_id,
        "category_id": ticket.category_id,
        "rated_at": now or timezone.now(),
    }
    if comment is not None:
        values["comment"] = comment.strip()
    with transaction.atomic():
        # One rating per ticket: two clicks at once wait for each other here.
        list(Ticket.objects.select_for_update().filter(pk=ticket.pk).values_list("pk"))
        satisfaction, created = Satisfaction.objects.get_or_create(ticket=ticket, defaults=values)
        was_bad = not created and satisfaction.rating <= BAD_RATING
        if not created:
            for name, value in values.items():
                setattr(satisfaction, name, value)
            satisfaction.save()
        if rating <= BAD_RATING and not was_bad:
            follow_up(ticket, satisfaction)
    return satisfaction


# --------------------------------------------------------------------------------------------
# Following up


def team_lead(ticket: Ticket) -> User | None:
    """Who follows up an unhappy client: the first active manager of the ticket's queue, else
    the ticket's owner (active)."""
    if ticket.team_id is not None:
        manager = (
            User.objects.filter(
                teams=ticket.team_id, groups__name=group_name(Role.MANAGER), is_active=True
            )
            .order_by("id")
            .first()
        )
        if manager is not None:
            return manager
    owner = ticket.owner
    return owner if owner.is_active else None


def follow_up(ticket: Ticket, satisfaction: Satisfaction) -> Task | None:
    """The team lead's task to call the unhappy client back, and a word in the app for them.
    None when nobody could be given one (no lead, or their role may not have tasks: they are
    still told)."""
    lead = team_lead(ticket)
    if lead is None:
        return None
    client = ticket.requester
    contact = client if client is not None and can(lead, Action.VIEW, client) else None
    site_url = settings.SAMPARK_SITE_URL + ticket.get_absolute_url()
    with translation.override(lead.language):
        title = _("Follow up the unhappy rating of ticket %(number)s") % {"number": ticket.number}
        notes = _(
            "%(client)s rated ticket %(number)s (“%(subject)s”) “%(rating)s”.\n"
            "Talk to them about what went wrong. Their comment, if they leave one, is on the "
            "ticket: %(url)s"
        ) % {
            "client": client.display_name if client is not None else "—",
            "number": ticket.number,
            "subject": ticket.subject,
            "rating": Rating(satisfaction.rating).label,
            "url": site_url,
        }
    task = open_follow_up(lead, title=title, notes=notes, contact=contact)
    notify_after_commit(
        lead,
        kind=NotificationKind.ASSIGNED,
        message=format_lazy(
            gettext_lazy("A client was unhappy with {number} ({subject}): please follow up."),
            number=ticket.number,
            subject=ticket.subject,
        ),
        url=reverse("agenda:task", args=[task.pk]) if task else ticket.get_absolute_url(),
    )
    return task
