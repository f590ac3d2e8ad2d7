"""Factors in words, in the reader's language: "Source: Referral (+12)".

A factor is stored as data (models.LeadScore) and put into words only when shown, so a Bengali
reader and an English one each read it in their own language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel import dates
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sampark.leads.models import LeadSource, Timeline
from sampark.lib.locale_format import cldr_locale, country_name, format_number
from sampark.scoring.features import NONE, OTHER
from sampark.scoring.models import ScoringRule

MINUS = "\u2212"  # the minus sign, which reads better than a hyphen before a number


def signed(number: float, digits: int = 0) -> str:
    """A plus sign or a minus sign (U+2212), then the number to ``digits`` decimals, with the
    reader's digits."""
    sign = "+" if number >= 0 else MINUS
    return sign + format_number(round(abs(number), digits) if digits else round(abs(number)))


@dataclass(frozen=True)
class Factor:
    label: str
    points: int

    @property
    def signed_points(self) -> str:
        return signed(self.points)

    def __str__(self) -> str:
        return f"{self.label} ({self.signed_points})"


def _seniority(value: str) -> str:
    return {
        "executive": _("owner or executive"),
        "director": _("director or head"),
        "manager": _("manager"),
        "staff": _("another role"),
        NONE: _("not given"),
    }.get(value, value)


def _daypart(value: str) -> str:
    return {
        "night": _("Came at night"),
        "morning": _("Came in the morning"),
        "afternoon": _("Came in the afternoon"),
        "evening": _("Came in the evening"),
    }.get(value, value)


# Yes/no features: (said when it holds, said when it does not).
def _flags() -> dict[str, tuple[str, str]]:
    return {
        "has_email": (_("Email address given"), _("No email address")),
        "work_email": (_("Work email address"), _("No work email address")),
        "has_phone": (_("Phone number given"), _("No phone number")),
        "has_company": (_("Company named"), _("No company named")),
        "budget_given": (_("Budget given"), _("No budget given")),
        "need_given": (_("Need described"), _("No need described")),
        "consent": (_("Agreed to be contacted"), _("Did not agree to be contacted")),
        "campaign": (_("Came from a campaign"), _("Not from a campaign")),
        "web_form": (_("Came through a web form"), _("Not through a web form")),
    }


def feature_label(group: str, value: str | float) -> str:
    """A feature group with a lead's value of it, in words: "Source: Referral"."""
    text = str(value)
    not_given = _("not given")
    if group == "source":
        label = dict(LeadSource.choices).get(text, text)
        return _("Source: %(value)s") % {"value": label}
    if group == "country":
        name = {NONE: not_given, OTHER: _("another country")}.get(text) or country_name(text)
        return _("Country: %(value)s") % {"value": name}
    if group == "language":
        return _("Preferred language: %(value)s") % {
            "value": dict(settings.LANGUAGES).get(text, text)
        }
    if group == "seniority":
        return _("Job title: %(value)s") % {"value": _seniority(text)}
    if group == "timeline":
        label = not_given if text == NONE else dict(Timeline.choices).get(text, text)
        return _("Timeline: %(value)s") % {"value": label}
    if group == "decision_maker":
        answer = {"yes": _("yes"), "no": _("no")}.get(text, _("not known"))
        return _("Decision maker: %(value)s") % {"value": answer}
    if group == "weekday" and text.isdigit():
        day = dates.get_day_names("wide", locale=cldr_locale())[int(text) - 1]
        return _("Came on a %(day)s") % {"day": day}
    if group == "daypart":
        return _daypart(text)
    if group in (flags := _flags()):
        said, not_said = flags[group]
        return said if float(value) else not_said
    count = round(float(value))
    if group == "message_length":
        if not count:
            return _("No message")
        return ngettext(
            "Message of %(count)s character", "Message of %(count)s characters", count
        ) % {"count": format_number(count)}
    if group == "submissions":
        return ngettext(
            "%(count)s web form submission", "%(count)s web form submissions", count
        ) % {"count": format_number(count)}
    if group == "emails":
        return ngettext("%(count)s email to us", "%(count)s emails to us", count) % {
            "count": format_number(count)
        }
    if group == "opens":
        return ngettext(
            "Opened our email %(count)s time", "Opened our emails %(count)s times", count
        ) % {"count": format_number(count)}
    if group == "clicks":
        return ngettext("%(count)s link followed", "%(count)s links followed", count) % {
            "count": format_number(count)
        }
    if group == "activities":
        return ngettext("%(count)s interaction logged", "%(count)s interactions logged", count) % {
            "count": format_number(count)
        }
    if group == "visits":
        return ngettext(
            "%(count)s visit to the website", "%(count)s visits to the website", count
        ) % {"count": format_number(count)}
    return f"{group}: {text}"


def column_label(column: str) -> str:
    """A model's column in words, for its list of coefficients."""
    group, sep, value = column.partition("=")
    if sep:
        return feature_label(group, value)
    if group == "message_length":
        return _("Length of the message")
    if group == "submissions":
        return _("Web form submissions")
    if group == "emails":
        return _("Emails to us")
    if group == "visits":
        return _("Visits to the website")
    if group == "activities":
        return _("Interactions logged")
    if group == "opens":
        return _("Opens of our emails")
    if group == "clicks":
        return _("Links followed in our emails")
    return feature_label(group, 1)


def factors_in_words(stored: Iterable[Mapping[str, Any]]) -> list[Factor]:
    """Stored factors (see models.LeadScore) as words and whole points."""
    found = []
    for item in stored:
        if "rule" in item:
            # The rule as it was when it scored the lead (every change to a rule rescores the
            # leads), put into words without a query.
            rule = ScoringRule(
                name=item["name"],
                field=item["field"],
                operator=item["operator"],
                value=item["value"],
            )
            label = rule.label()
        else:
            label = feature_label(item["feature"], item["value"])
        found.append(Factor(label=label, points=round(item["points"])))
    return found
