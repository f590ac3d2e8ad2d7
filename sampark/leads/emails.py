"""Emailing a lead from its page: sent as the writer (replies come back to them, and to a sales
mailbox Sampark reads if they copy it), kept on the lead with whether it was opened and which
links were followed; a new lead becomes "contacted". Tracking is the writer's choice per mail."""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sampark.core.models import User
from sampark.core.records import can
from sampark.core.roles import Action
from sampark.leads import scores
from sampark.leads.actions import update_lead
from sampark.leads.models import Lead, LeadStatus
from sampark.mail import outbound
from sampark.mail.models import OutboundMail


class LeadEmailForm(forms.Form):
    subject = forms.CharField(label=_("subject"), max_length=300)
    text = forms.CharField(
        label=_("message"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    tracked = forms.BooleanField(
        label=_("see when it is opened and which links are followed"),
        required=False,
        initial=True,
    )


def email_lead(
    lead: Lead, *, by: User, subject: str, text: str, tracked: bool = True
) -> OutboundMail:
    if not can(by, Action.CHANGE, lead):
        raise PermissionDenied(gettext("You may not email this lead."))
    if not lead.email:
        raise ValidationError(gettext("This lead has no email address: add one first."))
    mail = outbound.send(
        by=by, record=lead, to=lead.email, subject=subject, text=text, tracked=tracked
    )
    if mail.sent_at is not None and lead.status == LeadStatus.NEW:
        update_lead(lead, by=by, values={"status": LeadStatus.CONTACTED})
    return mail


def rescore_after_tracking(mail: OutboundMail) -> None:
    """An open or a click of a mail to a lead changes its behaviour: score it again."""
    if mail.record_type_id == ContentType.objects.get_for_model(Lead).pk:
        lead = Lead.objects.filter(pk=mail.record_id).first()
        if lead is not None:
            scores.written(lead)
