"""One marketing email made for one contact: the template's variant in their language, filled in
from the sandbox, a plain-text part and an HTML part made from it, and the footer no marketing
email goes without — why they get it, a one-click unsubscribe link, the preference centre and the
sender's postal address — in the same language as the mail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from sampark.contacts.models import Contact
from sampark.lib.richtext import plain_text_to_html
from sampark.marketing import links, personalise
from sampark.marketing.models import Channel, EmailTemplate, Sender, TemplateVariant


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
) -> Composed:
    """The mail ``template`` makes for ``contact``; ``TemplateProblem`` if it cannot be made.
    ``variants``: the texts to use instead of the stored ones (a preview of unsaved changes)."""
    written = list(template.variants.all()) if variants is None else list(variants)
    variant = variant_for(written, template.default_language, contact.language)
    context = personalise.contact_context(contact, adviser_name=adviser_name)
    subject = " ".join(personalise.render(variant.subject, context).split())
    body = personalise.render(variant.body, context).strip()
    unsubscribe = links.unsubscribe_url(contact, Channel.EMAIL)
    preferences = links.preferences_url(contact)
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
    html = f'<html lang="{variant.language}"><body>{plain_text_to_html(body)}{footer}</body></html>'
    return Composed(variant.language, subject, text, html, unsubscribe)
