"""One marketing email made for one contact: the template's variant in their language, filled in
from the sandbox, a plain-text part and an HTML part made from it, and the footer no marketing
email goes without — why they get it, a one-click unsubscribe link, the preference centre and the
sender's postal address — in the same language as the mail.

A template may carry survey links: ``{{ surveys.<key> }}`` is the contact's personal answer link
to the open survey with that key, made only for templates that use it (see
``sampark.marketing.surveys``, where the choice of design is explained). In a campaign mail
(``tracking`` given) the link is the contact's invitation from that campaign; in a preview or a
test mail it is the survey's staff page, so trying a template out invites nobody."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from sampark.contacts.models import Contact
from sampark.lib.richtext import linkify, plain_text_to_html
from sampark.marketing import links, personalise, surveys
from sampark.marketing.models import Channel, EmailTemplate, Sender, TemplateVariant
from sampark.offers.recommend import offers_context


class Tracking(Protocol):
    """Where a campaign mail's links, open pixel and unsubscribe link point (see tracking.py)."""

    @property
    def token(self) -> str: ...

    @property
    def unsubscribe(self) -> str: ...

    @property
    def preferences(self) -> str: ...

    @property
    def pixel(self) -> str: ...

    def link(self, url: str) -> str: ...


@dataclass(frozen=True)
class Composed:
    language: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str


def variant_for(
    variants: Sequence[TemplateVariant], default_language: str, language: str
) -> TemplateVariant:
    """The variant in ``language``, else in the template's default language, else any."""
    by_language = {v.language: v for v in variants}
    chosen = by_language.get(language) or by_language.get(default_language)
    if chosen is None:
        if not variants:
            raise personalise.TemplateProblem(_("The template has no text yet."))
        chosen = variants[0]
    return chosen


def compose(
    template: EmailTemplate,
    contact: Contact,
    sender: Sender,
    *,
    adviser_name: str = "",
    variants: Sequence[TemplateVariant] | None = None,
    subjects: Mapping[str, str] | None = None,
    tracking: Tracking | None = None,
) -> Composed:
    """The mail ``template`` makes for ``contact``; ``TemplateProblem`` if it cannot be made.
    ``variants``: the texts to use instead of the stored ones (a preview of unsaved changes);
    ``subjects``: other subjects by language (an A/B test's subject B), where one is written;
    ``tracking``: a campaign mail's links, open pixel and unsubscribe address."""
    written = list(template.variants.all()) if variants is None else list(variants)
    variant = variant_for(written, template.default_language, contact.language)
    subject_source = (subjects or {}).get(variant.language, "").strip() or variant.subject
    context = personalise.contact_context(contact, adviser_name=adviser_name)
    if personalise.uses(subject_source, "offer") or personalise.uses(variant.body, "offer"):
        with translation.override(variant.language):  # the reason, in the mail's language
            context["offer"] = offers_context(contact)
    if personalise.uses(subject_source, "surveys") or personalise.uses(variant.body, "surveys"):
        context["surveys"] = surveys.template_links(
            [subject_source, variant.body],
            contact,
            recipient_token=tracking.token if tracking else "",
        )
    subject = " ".join(personalise.render(subject_source, context).split())
    body = personalise.render(variant.body, context).strip()
    unsubscribe = (
        tracking.unsubscribe if tracking else links.unsubscribe_url(contact, Channel.EMAIL)
    )
    preferences = tracking.preferences if tracking else links.preferences_url(contact)
    with translation.override(variant.language):
        why = _("You receive this because you agreed to hear from %(sender)s.") % {
            "sender": sender.name
        }
        leave, choose = _("Unsubscribe"), _("Choose what you receive")
    text = f"{body}\n\n--\n{why}\n{leave}: {unsubscribe}\n{choose}: {preferences}\n{sender.postal_address}"
    footer = (
        f'<hr><p style="font-size:12px;color:#555">{escape(why)}<br>'
        f'<a href="{escape(unsubscribe)}">{escape(leave)}</a> · '
        f'<a href="{escape(preferences)}">{escape(choose)}</a><br>'
        f"{escape(sender.postal_address).replace(chr(10), '<br>')}</p>"
    )
    target = tracking.link if tracking else str
    pixel = f'<img src="{escape(tracking.pixel)}" width="1" height="1" alt="">' if tracking else ""
    content = plain_text_to_html(body, line=lambda line: linkify(line, target))
    html = f'<html lang="{variant.language}"><body>{content}{footer}{pixel}</body></html>'
    return Composed(variant.language, subject, text, html, unsubscribe)
