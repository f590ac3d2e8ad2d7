"""Every write to leads: created (by hand, the API or a web form), changed, handed to another
owner, deleted, and converted into a contact, a company and a deal in one step. Each is audited
(core.records); emails and phones are normalised by the same rules as contacts'.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify_after_commit
from sampark.contacts import actions as contact_actions
from sampark.contacts.models import ActivityKind, Company, Contact, Direction, LifecycleStage
from sampark.core.models import User
from sampark.core.records import (
    StaleVersion,
    can,
    can_add,
    create_record,
    delete_record,
    update_record,
)
from sampark.core.roles import Action
from sampark.leads import scores
from sampark.leads.matching import plan_conversion
from sampark.leads.models import Lead, LeadSource, LeadStatus, Timeline
from sampark.lib.phones import region_of
from sampark.mail.models import OutboundMail
from sampark.sales import actions as deal_actions
from sampark.sales.currency import base_currency
from sampark.sales.models import Deal, Pipeline

# Set by conversion alone (or, for the web form, by capture): never by an edit.
_FIXED = frozenset(
    {
        "converted_at",
        "converted_contact",
        "converted_deal",
        "converted_company",
        "web_form",
        "visitor",
    }
)
MAX_BULK = 500


class AlreadyConverted(ValidationError):
    """The lead was converted before: it is kept as it was, pointing to what it became."""

    def __init__(self, lead: Lead) -> None:
        super().__init__(
            _("This lead was already converted; open the contact it became instead."),
            code="already_converted",
        )
        self.lead = lead


def _prepare(values: dict[str, Any], current: Lead | None = None) -> None:
    """Normalise the email and phone in ``values`` (the phone read in the lead's country) and
    fill in what follows from them; every bad field is reported at once."""
    if fixed := _FIXED & values.keys():
        raise ValueError(f"Not settable on a lead: {', '.join(sorted(fixed))}")
    if values.get("status") == LeadStatus.CONVERTED and not (current and current.is_converted):
        raise ValidationError({"status": _("Convert the lead to mark it converted.")})
    country = values.get("country", current.country if current else "") or ""
    errors: dict[str, list[str]] = {}
    if "email" in values:
        try:
            emails = contact_actions.normalise_emails([values["email"] or ""])
            values["email"] = emails[0] if emails else ""
        except ValidationError as error:
            errors.update(error.message_dict)
    if "phone" in values:
        try:
            phones = contact_actions.normalise_phones([values["phone"] or ""], country=country)
            values["phone"] = phones[0] if phones else ""
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        draft = Lead(**{k: v for k, v in values.items() if k not in errors})
        try:
            draft.full_clean(exclude=["owner", "team", *errors], validate_unique=False)
        except ValidationError as error:
            errors.update(error.message_dict)
        raise ValidationError(errors)
    if not country and values.get("phone"):
        values["country"] = region_of(values["phone"])
    if values.get("budget") is not None and not values.get(
        "budget_currency", current.budget_currency if current else ""
    ):
        values["budget_currency"] = base_currency()
    if "consent" in values:
        if not values["consent"]:
            values["consent_at"] = None
        elif not (current and current.consent) and not values.get("consent_at"):
            values["consent_at"] = timezone.now()


def create_lead(*, by: User, **values: Any) -> Lead:
    """A new lead, owned by ``by`` unless ``owner`` is given. ``web_form`` and the embed
    script's ``visitor`` may be given here, and only here."""
    web_form = values.pop("web_form", None)
    visitor = values.pop("visitor", "")
    _prepare(values)
    with transaction.atomic():
        lead = create_record(Lead, by=by, web_form=web_form, visitor=visitor, **values)
        scores.written(lead)
    return lead


def update_lead(
    lead: Lead, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> Lead:
    """Change the fields given; a converted lead is kept as it was."""
    if lead.is_converted:
        raise ValidationError(
            _("A converted lead is kept as it was; change the contact it became instead.")
        )
    values = dict(values)
    _prepare(values, current=lead)
    with transaction.atomic():
        lead = update_record(lead, by=by, values=values, expected_version=expected_version)
        scores.written(lead)
    return lead


def delete_lead(lead: Lead, *, by: User, expected_version: int | None = None) -> None:
    if not can(by, Action.DELETE, lead):
        raise PermissionDenied(_("Your role does not allow this on this record."))
    delete_record(lead, by=by, expected_version=expected_version)


@dataclass
class BulkOutcome:
    done: int = 0
    skipped: int = 0

    def summary(self) -> str:
        text = ngettext("%(count)d lead assigned", "%(count)d leads assigned", self.done) % {
            "count": self.done
        }
        if self.skipped:
            text += "; " + ngettext(
                "%(count)d skipped: converted, already theirs, or not yours to change",
                "%(count)d skipped: converted, already theirs, or not yours to change",
                self.skipped,
            ) % {"count": self.skipped}
        return text + "."


def bulk_assign_owner(ids: Iterable[int], *, owner: User, by: User) -> BulkOutcome:
    """Hand each lead ``by`` may change to ``owner`` (into the owner's team when the lead's is
    not theirs); ids of leads ``by`` may not change, or converted ones, are skipped."""
    if not contact_actions.assignable_owners(by).filter(pk=owner.pk).exists():
        raise PermissionDenied(_("You may not hand leads to this person."))
    wanted = list(dict.fromkeys(ids))[:MAX_BULK]
    outcome = BulkOutcome(skipped=len(wanted))
    teams = owner.team_ids()
    for lead in Lead.objects.visible_to(by, Action.CHANGE).filter(pk__in=wanted):
        if lead.is_converted or lead.owner_id == owner.pk:
            continue
        team = lead.team_id if lead.team_id in teams else next(iter(teams), None)
        try:
            update_lead(lead, by=by, values={"owner": owner, "team_id": team})
        except (ValidationError, StaleVersion):
            continue
        outcome.done += 1
        outcome.skipped -= 1
    if outcome.done and owner != by:
        message = format_lazy(
            ngettext_lazy(
                "{count} lead was assigned to you by {by}.",
                "{count} leads were assigned to you by {by}.",
                outcome.done,
            ),
            count=outcome.done,
            by=str(by),
        )
        notify_after_commit(owner, kind=NotificationKind.ASSIGNED, message=message, url=_list_url())
    return outcome


def _list_url() -> str:
    return reverse("leads:list")


# ---------------------------------------------------------------------------------------------
# Conversion: one step from lead to contact, company and deal, in one transaction.
# ---------------------------------------------------------------------------------------------


def _source_label(lead: Lead) -> str:
    # Stored as text on the contact and deal: in the site's language, not whoever converts.
    with translation.override(settings.LANGUAGE_CODE):
        return str(LeadSource(lead.source).label)


def enquiry_text(lead: Lead) -> str:
    """What the lead told and what the team learnt, as the note kept on the contact."""
    parts = [lead.message.strip()]
    facts = []
    if lead.need.strip():
        facts.append(f"{_('Need')}: {lead.need.strip()}")
    if lead.budget is not None:
        facts.append(f"{_('Budget')}: {lead.budget} {lead.budget_currency}".rstrip())
    if lead.decision_maker is not None:
        facts.append(f"{_('Decision maker')}: {_('yes') if lead.decision_maker else _('no')}")
    if lead.timeline:
        facts.append(f"{_('Timeline')}: {Timeline(lead.timeline).label}")
    if lead.utm_campaign or lead.utm_source:
        campaign = " / ".join(v for v in (lead.utm_source, lead.utm_medium, lead.utm_campaign) if v)
        facts.append(f"{_('Campaign')}: {campaign}")
    if lead.page_url:
        facts.append(f"{_('Page')}: {lead.page_url}")
    if lead.consent and lead.consent_at:
        facts.append(
            f"{_('Agreed to be contacted')} ({lead.consent_at.isoformat(timespec='minutes')}): "
            f"{lead.consent_text}"
        )
    parts += ["\n".join(facts), lead.notes.strip()]
    return "\n\n".join(part for part in parts if part)


def convert_lead(
    lead: Lead,
    *,
    by: User,
    create_deal: bool = False,
    pipeline: Pipeline | None = None,
    deal_name: str = "",
    amount: Decimal | None = None,
    currency: str = "",
    expected_close: datetime.date | None = None,
    expected_version: int | None = None,
) -> Lead:
    """Turn the lead into a contact (an existing one the user can see with its email or phone,
    else a new one), link the company it names (found by web domain or name, else made), and,
    with ``create_deal``, open a deal in the pipeline's first stage. What the lead said
    becomes a note on the contact's timeline; the lead stays, converted, pointing to all three.
    New records belong to the lead's owner and team."""
    if lead.is_converted:
        raise AlreadyConverted(lead)
    if not can(by, Action.CHANGE, lead):
        raise PermissionDenied(_("Your role does not allow this on this record."))
    if not (can_add(by, Contact) and can_add(by, Company)):
        raise PermissionDenied(_("Your role does not allow adding contacts."))
    if create_deal:
        if not can_add(by, Deal):
            raise PermissionDenied(_("Your role does not allow adding deals."))
        if pipeline is None or not pipeline.is_active:
            raise ValidationError({"pipeline": _("Choose an active pipeline for the deal.")})
    plan = plan_conversion(lead, by)
    ownership: dict[str, Any] = {"owner": lead.owner, "team": lead.team}
    with transaction.atomic():
        contact = plan.contact
        made_contact = contact is None
        if contact is None:
            contact = contact_actions.create_contact(
                by=by,
                **ownership,
                display_name=lead.name,
                email=lead.email,
                phone=lead.phone,
                country=lead.country,
                language=lead.language,
                lifecycle_stage=LifecycleStage.QUALIFIED,
                source=_source_label(lead),
            )
        company = plan.company
        if company is None and plan.new_company_name:
            company = contact_actions.create_company(
                by=by,
                **ownership,
                name=plan.new_company_name,
                domain=plan.new_company_domain,
                country=lead.country,
            )
        # An existing contact is linked only by someone who may change it: a colleague's
        # client is joined by the note and the deal, its own record left to its owner.
        if (
            company is not None
            and (made_contact or can(by, Action.CHANGE, contact))
            and not contact.affiliations.filter(company=company).exists()
        ):
            contact_actions.link_company(
                contact,
                company,
                by=by,
                title=lead.job_title,
                is_primary=not contact.affiliations.exists(),
            )
        deal = None
        if create_deal:
            assert pipeline is not None
            deal = deal_actions.create_deal(
                by=by,
                **ownership,
                pipeline=pipeline,
                name=deal_name.strip() or str(company or contact),
                amount=amount or Decimal(0),
                currency=currency or lead.budget_currency or base_currency(),
                expected_close=expected_close,
                contact=contact,
                company=company,
                source=_source_label(lead),
            )
        if text := enquiry_text(lead):
            contact_actions.log_activity(
                by=by,
                kind=ActivityKind.NOTE,
                contact=contact,
                subject=_("Enquiry as a lead (%(source)s)")
                % {"source": LeadSource(lead.source).label},
                body=text,
                occurred_at=lead.created_at,
            )
        _carry_exchanges(lead, contact, by=by)
        lead = update_record(
            lead,
            by=by,
            values={
                "status": LeadStatus.CONVERTED,
                "converted_at": timezone.now(),
                "converted_contact": contact,
                "converted_company": company,
                "converted_deal": deal,
            },
            expected_version=expected_version,
        )
    return lead


def _carry_exchanges(lead: Lead, contact: Contact, *, by: User) -> None:
    """The calls, meetings and notes logged with the lead, and the mail sent to it, onto the
    contact's timeline as they happened: the client's history starts where the lead's did."""
    for activity in lead.activities.order_by("occurred_at", "id"):
        contact_actions.log_activity(
            by=by,
            kind=activity.kind,
            contact=contact,
            direction=activity.direction,
            subject=activity.subject,
            body=activity.body,
            occurred_at=activity.occurred_at,
        )
    for mail in OutboundMail.objects.for_record(lead).filter(sent_at__isnull=False):
        contact_actions.log_activity(
            by=by,
            kind=ActivityKind.EMAIL,
            contact=contact,
            direction=Direction.OUTBOUND,
            subject=mail.subject,
            body=mail.text,
            occurred_at=mail.sent_at,
            from_address=mail.from_address,
            to_addresses=[mail.to_address],
            message_id=mail.message_id[:255],
        )
