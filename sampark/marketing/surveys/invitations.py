"""Inviting a contact to a survey, and the invitation mail.

An invitation is made once per survey, contact and source reference (``invite``): a campaign
mail sent again after a crash, an automation rule that fires twice, or a second click of
"Invite" all find the first invitation, so a contact has one answer link per occasion and their
answers are counted once.

The invitation mail is Sampark's own (``by=None``), to the contact's address, in their
language, with their answer link; only contacts marketing may reach by email get one
(``sampark.marketing.reachability``), and an invitation already sent is not sent again.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sampark.contacts.models import Contact
from sampark.core.models import User
from sampark.mail.models import OutboundMail
from sampark.mail.outbound import send
from sampark.marketing import personalise
from sampark.marketing.models import (
    Campaign,
    Channel,
    InvitationSource,
    Survey,
    SurveyInvitation,
)
from sampark.marketing.reachability import reachable
from sampark.marketing.surveys.links import answer_url


def invite(
    survey: Survey,
    contact: Contact,
    source: str,
    by: User | None = None,
    *,
    reference: models.Model | None = None,
) -> SurveyInvitation:
    """The invitation of ``contact`` to ``survey`` from ``source`` (and ``reference``, the
    record it came from): made the first time, found after. ValidationError if the survey is
    closed."""
    if not survey.is_active:
        raise ValidationError(_("This survey is closed: it takes no answers."))
    lookup = {
        "survey": survey,
        "contact": contact,
        "source": InvitationSource(source),
        "reference_type": ContentType.objects.get_for_model(reference) if reference else None,
        "reference_id": reference.pk if reference else None,
    }
    found = SurveyInvitation.objects.filter(**lookup).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return SurveyInvitation.objects.create(
                **lookup, token=secrets.token_urlsafe(16), invited_by=by
            )
    except IntegrityError:  # made meanwhile by another worker: theirs is the one
        return SurveyInvitation.objects.get(**lookup)


def send_invitation(invitation: SurveyInvitation) -> OutboundMail | None:
    """Mail the contact their answer link, once; None when it was sent already or they may not
    be reached by email. A mail the server refused is kept with its error, and not marked
    sent, so it may be tried again."""
    if invitation.sent_at is not None:
        return None
    contact = invitation.contact
    if not reachable(Contact.objects.filter(pk=contact.pk), Channel.EMAIL).exists():
        return None
    survey = invitation.survey
    with translation.override(contact.language):
        title = survey.title_in(contact.language)
        intro = survey.intro_in(contact.language)
        text = _(
            "Hello %(name)s,\n\n%(intro)s\n\nIt takes a minute: %(url)s\n\nThank you for your time."
        ) % {
            "name": contact.display_name,
            "intro": intro or _("We would like to know what you think."),
            "url": answer_url(invitation),
        }
    mail = send(
        by=None,
        record=contact,
        to=contact.email,
        subject=title,
        text=text,
        tracked=False,
        headers={"Content-Language": contact.language},
    )
    if mail.sent_at is not None:
        SurveyInvitation.objects.filter(pk=invitation.pk).update(sent_at=mail.sent_at)
        invitation.sent_at = mail.sent_at
    return mail


def invite_after(record: models.Model, survey: Survey) -> SurveyInvitation | None:
    """Invite the contact of ``record`` (an activity, a ticket, a deal… or a contact) to
    ``survey`` after that interaction, and mail them the link: for automation rules. One
    invitation per record, however often it runs; None when the record has no contact, the
    survey is closed, or the contact may not be reached by email.

    Solved tickets already get the service desk's own CSAT question (sampark.service.csat): an
    automation should not send them this too."""
    contact = _contact_of(record)
    if contact is None or not survey.is_active:
        return None
    if not reachable(Contact.objects.filter(pk=contact.pk), Channel.EMAIL).exists():
        return None
    invitation = invite(survey, contact, InvitationSource.INTERACTION, reference=record)
    send_invitation(invitation)
    return invitation


def _contact_of(record: models.Model) -> Contact | None:
    if isinstance(record, Contact):
        return record
    for name in ("contact", "requester"):
        contact = getattr(record, name, None)
        if isinstance(contact, Contact):
            return contact
    return None


def template_links(
    sources: Iterable[str], contact: Contact, *, recipient_token: str = ""
) -> dict[str, str]:
    """``{key: link}`` for every ``surveys.<key>`` the template ``sources`` read: the
    contact's answer link, invited by the campaign whose mail ``recipient_token`` names, else
    (a preview, a test mail) the survey's staff page. ``TemplateProblem`` for a key no open
    survey has."""
    keys: set[str] = set()
    for source in sources:
        keys |= personalise.attributes_of(source, "surveys")
    if not keys:
        return {}
    found = {survey.key: survey for survey in Survey.objects.filter(key__in=keys, is_active=True)}
    if missing := sorted(keys - found.keys()):
        raise personalise.TemplateProblem(
            _("No open survey has the key %(keys)s.") % {"keys": ", ".join(missing)}
        )
    campaign = (
        Campaign.objects.filter(recipients__token=recipient_token).only("pk").first()
        if recipient_token
        else None
    )
    if campaign is None:
        return {
            key: settings.SAMPARK_SITE_URL + reverse("marketing:survey", args=[survey.pk])
            for key, survey in found.items()
        }
    # Marked sent when its mail is made: the campaign's own ledger says whether it went out.
    now = timezone.now()
    links = {}
    for key, survey in found.items():
        invitation = invite(survey, contact, InvitationSource.CAMPAIGN, reference=campaign)
        if invitation.sent_at is None:
            SurveyInvitation.objects.filter(pk=invitation.pk).update(sent_at=now)
        links[key] = answer_url(invitation)
    return links
