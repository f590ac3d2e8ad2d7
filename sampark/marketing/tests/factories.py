"""Builders for marketing tests, through the actions (checked and audited as in life)."""

from __future__ import annotations

from typing import Any

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import User
from sampark.marketing import actions, actions_campaigns, actions_consent, actions_templates
from sampark.marketing.models import (
    Campaign,
    Channel,
    ConsentSource,
    ConsentStatus,
    EmailTemplate,
    Segment,
    SegmentKind,
    Sender,
)


def make_segment(by: User, *conditions: dict[str, Any], name: str = "", **values: Any) -> Segment:
    """A segment by rules keeping contacts that pass every one of ``conditions``."""
    rules = {"match": "all", "conditions": list(conditions)}
    return actions.create_segment(
        by=by, name=name or f"Segment {Segment.objects.count() + 1}", rules=rules, **values
    )


def make_list(by: User, *contact_ids: int, name: str = "") -> Segment:
    """A fixed list holding ``contact_ids``."""
    segment = actions.create_segment(
        by=by, name=name or f"List {Segment.objects.count() + 1}", kind=SegmentKind.STATIC
    )
    actions.add_members(segment, contact_ids, by=by)
    return segment


def make_sender(**values: Any) -> Sender:
    values.setdefault("name", "Padma Securities")
    values.setdefault("from_address", "news@padma.example")
    values.setdefault("postal_address", "12 Motijheel C/A\nDhaka 1000")
    return Sender.objects.create(**values)


def make_template(by: User, **variants: tuple[str, str]) -> EmailTemplate:
    """A template with ``variants`` by language (subject, body); an English one by default."""
    variants = variants or {
        "en": ("Hello {{ contact.first_name | default('client') }}", "Read https://padma.example/r")
    }
    return actions_templates.save_template(
        None,
        by=by,
        name=f"Template {EmailTemplate.objects.count() + 1}",
        default_language=next(iter(variants)),
        variants=variants,
    )


def reachable_client(**values: Any) -> Contact:
    """A contact who agreed to marketing email."""
    contact = ContactFactory(**values)
    actions_consent.record_consent(
        contact,
        Channel.EMAIL,
        ConsentStatus.GRANTED,
        source=ConsentSource.AGENT,
        wording="Yes, send me the market report.",
    )
    return contact


def make_campaign(by: User, segment: Segment, **values: Any) -> Campaign:
    values.setdefault("name", f"Campaign {Campaign.objects.count() + 1}")
    values.setdefault("template", values.pop("template", None) or make_template(by))
    values.setdefault("sender", values.pop("sender", None) or make_sender())
    values.setdefault("local_time", False)
    values.setdefault("skip_holidays", False)
    return actions_campaigns.create_campaign(by=by, values={"segment": segment, **values})
