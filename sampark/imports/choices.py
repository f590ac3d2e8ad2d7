"""A cell's text as one of a field's choices: by code, by its label in any of Sampark's
languages, or by the word another CRM uses for it ("salesqualifiedlead", "Bangla")."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from babel import Locale
from django.conf import settings
from django.db import models
from django.utils import translation

from sampark.contacts.search.text import fold
from sampark.lib.countries import country_choices, is_country

# Other systems' words for our choices (HubSpot's and Salesforce's lifecycle stages and lead
# statuses; everyday names of languages).
ALIASES: dict[str, dict[str, str]] = {
    "lifecycle_stage": {
        "marketingqualifiedlead": "qualified",
        "salesqualifiedlead": "qualified",
        "mql": "qualified",
        "sql": "qualified",
        "opportunity": "qualified",
        "open": "lead",
        "new": "lead",
        "working": "lead",
        "contacted": "lead",
        "nurturing": "lead",
        "evangelist": "customer",
        "closedwon": "customer",
        "won": "customer",
        "former customer": "churned",
        "lost": "churned",
        "closedlost": "churned",
    },
    "language": {"bangla": "bn", "bengali": "bn", "hindi": "hi", "english": "en"},
    "preferred_channel": {
        "e-mail": "email",
        "mail": "email",
        "call": "phone",
        "telephone": "phone",
        "mobile": "phone",
        "text": "sms",
        "whatsapp": "whatsapp",
        "live chat": "chat",
        "meeting": "in_person",
        "in person": "in_person",
        "face to face": "in_person",
    },
    # HubSpot's engagement types and Salesforce's task and event types.
    "activity_kind": {
        "logged call": "call",
        "phone call": "call",
        "phone": "call",
        "e-mail": "email",
        "incoming email": "email",
        "outgoing email": "email",
        "forwarded email": "email",
        "text": "sms",
        "text message": "sms",
        "whatsapp": "chat",
        "live chat": "chat",
        "conversation": "chat",
        "event": "meeting",
        "visit": "meeting",
        "in person": "meeting",
        "linkedin": "social",
        "linkedin message": "social",
        "facebook": "social",
        "comment": "note",
    },
    "direction": {
        "incoming": "inbound",
        "in": "inbound",
        "received": "inbound",
        "outgoing": "outbound",
        "out": "outbound",
        "sent": "outbound",
    },
    "call_outcome": {
        "answered": "connected",
        "left voicemail": "voicemail",
        "left live message": "connected",
        "not answered": "no_answer",
        "noanswer": "no_answer",
    },
    "transaction_kind": {
        "buy": "purchase",
        "order": "purchase",
        "top up": "deposit",
        "top-up": "deposit",
        "withdraw": "withdrawal",
        "commission": "fee",
        "charge": "fee",
        "return": "refund",
    },
    # HubSpot's lead statuses (labels and internal values), Salesforce's and Zoho's picklists.
    # "Closed - Converted" stays converted: the lead action refuses it, and the row says why.
    "lead_status": {
        "open": "new",
        "not contacted": "new",
        "open - not contacted": "new",
        "in progress": "contacted",
        "in_progress": "contacted",
        "working": "contacted",
        "working - contacted": "contacted",
        "attempted to contact": "contacted",
        "attempted_to_contact": "contacted",
        "connected": "contacted",
        "contact in future": "contacted",
        "nurturing": "contacted",
        "open deal": "qualified",
        "open_deal": "qualified",
        "pre-qualified": "qualified",
        "mql": "qualified",
        "sql": "qualified",
        "closed - converted": "converted",
        "closed - not converted": "unqualified",
        "not qualified": "unqualified",
        "disqualified": "unqualified",
        "bad timing": "unqualified",
        "bad_timing": "unqualified",
        "junk lead": "unqualified",
        "lost lead": "unqualified",
    },
    "lead_source": {
        "web": "web_form",
        "website": "web_form",
        "web site": "web_form",
        "web form": "web_form",
        "form": "web_form",
        "contact form": "web_form",
        "web download": "web_form",
        "phone inquiry": "phone",
        "phone enquiry": "phone",
        "cold call": "phone",
        "call": "phone",
        "partner referral": "referral",
        "employee referral": "referral",
        "external referral": "referral",
        "customer referral": "referral",
        "word of mouth": "referral",
        "partner": "referral",
        "trade show": "event",
        "seminar": "event",
        "seminar partner": "event",
        "internal seminar": "event",
        "webinar": "event",
        "conference": "event",
        "social media": "social",
        "social_media": "social",
        "paid social": "social",
        "paid_social": "social",
        "facebook": "social",
        "twitter": "social",
        "linkedin": "social",
        "instagram": "social",
        "email marketing": "email",
        "email_marketing": "email",
        "e-mail": "email",
        "purchased list": "import",
        "other campaigns": "other",
        "other_campaigns": "other",
        "advertisement": "other",
    },
    "timeline": {
        "immediately": "now",
        "immediate": "now",
        "asap": "now",
        "this month": "now",
        "3 months": "quarter",
        "this quarter": "quarter",
        "next quarter": "quarter",
        "6 months": "half_year",
        "12 months": "year",
        "this year": "year",
        "unknown": "later",
        "not sure": "later",
    },
    "country": {
        "usa": "US",
        "u.s.a.": "US",
        "united states of america": "US",
        "uk": "GB",
        "u.k.": "GB",
        "england": "GB",
        "bangla desh": "BD",
    },
}


def _fold(text: str) -> str:
    # Search's folding: case, Latin accents and digit scripts set aside, Indic marks kept (a
    # vowel sign is part of the word).
    return fold(text.strip())


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _index(field: str, names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Every way of writing each choice, folded, to its code."""
    found: dict[str, str] = {}
    for code, name in names:
        found.setdefault(_fold(code), code)
        found.setdefault(_fold(name), code)
    for alias, code in ALIASES.get(field, {}).items():
        found.setdefault(_fold(alias), code)
    return found


@functools.cache
def _choice_index(field: str, choices: type[models.TextChoices]) -> dict[str, str]:
    names = []
    for language in _languages():
        with translation.override(language):
            names += [(str(value), str(label)) for value, label in choices.choices]
    return _index(field, names)


def choice(field: str, text: str, choices: type[models.TextChoices]) -> str | None:
    """The code of ``choices`` that ``text`` names, in any of Sampark's languages, or None."""
    return _choice_index(field, choices).get(_fold(text))


@functools.cache
def _language_index() -> dict[str, str]:
    names = [
        (code, Locale.parse(code).get_display_name(other) or code)
        for code in _languages()
        for other in _languages()
    ]
    return _index("language", names)


@functools.cache
def _country_index() -> dict[str, str]:
    return _index("country", (pair for lang in _languages() for pair in country_choices(lang)))


def language(text: str) -> str | None:
    """A language Sampark speaks, by code ("bn", "bn-BD"), English name, or own name ("বাংলা")."""
    folded = _fold(text)
    return _language_index().get(folded) or _language_index().get(
        folded.replace("_", "-").split("-")[0]
    )


def country(text: str) -> str | None:
    """An ISO code from a code ("bd", "BD") or a name in English, Bengali or Hindi."""
    code = text.strip().upper()
    if len(code) == 2 and is_country(code):
        return code
    return _country_index().get(_fold(text))


def first(values: Iterable[str]) -> str:
    return next(iter(values), "")
