"""A lead as the model sees it: named features in groups, and the columns they make.

``raw_features`` reads a lead into one value per group: a category (``source``: "referral") or
a number (``has_phone``: 1). ``FeatureSpace`` turns that into a row of columns: one column per
category value seen in training (``source=referral``, one-hot) and one per number. The model
explains a lead by group, so "Source: Referral" is one factor, not ten one-hot columns.

Not features, on purpose: the status (unqualified is half of what the model learns to predict),
anything set at conversion (the company made then would tell the outcome), and the owner (a
score should not be about who happens to handle the lead).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from django.utils import timezone

from sampark.leads.matching import work_domain
from sampark.leads.models import Lead
from sampark.scoring.behaviour import COUNTS, NOTHING_YET, Behaviour

Raw = Mapping[str, str | float]

CATEGORIES = (
    "source",
    "country",
    "language",
    "seniority",
    "timeline",
    "decision_maker",
    "weekday",
    "daypart",
)
NUMBERS = (
    "has_email",
    "work_email",
    "has_phone",
    "has_company",
    "budget_given",
    "need_given",
    "consent",
    "campaign",
    "web_form",
    "message_length",
    *COUNTS,
)
# Counts whose first few matter more than the next hundred: the model sees log(1 + n).
LOG_SCALED = frozenset({"message_length", *COUNTS})
# A country seen fewer times than this in the history joins "other": one lead from Peru says
# nothing a model can learn, and would only make a column of noise.
MIN_COUNTRY = 5
OTHER = "other"
NONE = "none"
YES_NO = {True: "yes", False: "no"}

# Seniority from the job title's words, first match wins (so "managing director" is an
# executive, not a director). English, Bengali and Hindi, the languages of the UI.
SENIORITY: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "executive",
        (
            "chief",
            "ceo",
            "cto",
            "cfo",
            "coo",
            "cmo",
            "founder",
            "co-founder",
            "owner",
            "proprietor",
            "president",
            "chairman",
            "chairperson",
            "managing director",
            "partner",
            "মালিক",
            "প্রতিষ্ঠাতা",
            "চেয়ারম্যান",
            "व्यवस्थापक निदेशक",
            "मालिक",
            "संस्थापक",
            "अध्यक्ष",
        ),
    ),
    (
        "director",
        ("director", "head", "vp", "vice president", "পরিচালক", "প্রধান", "निदेशक", "प्रमुख"),
    ),
    (
        "manager",
        ("manager", "lead", "supervisor", "ব্যবস্থাপক", "ম্যানেজার", "प्रबंधक", "मैनेजर"),
    ),
)
SENIORITY_LEVELS = ("executive", "director", "manager", "staff", NONE)
_WORD = re.compile(r"[\w-]+")


def seniority(job_title: str) -> str:
    """``executive``, ``director``, ``manager``, ``staff`` (any other title) or ``none``."""
    words = " ".join(_WORD.findall(job_title.casefold()))
    if not words:
        return NONE
    padded = f" {words} "
    for level, keywords in SENIORITY:
        if any(f" {keyword} " in padded for keyword in keywords):
            return level
    return "staff"


def daypart(hour: int) -> str:
    if hour < 6:
        return "night"
    if hour < 12:
        return "morning"
    if hour < 18:
        return "afternoon"
    return "evening"


def raw_features(lead: Lead, *, behaviour: Behaviour = NOTHING_YET) -> dict[str, str | float]:
    """The lead as one value per feature group (``behaviour`` from behaviour.py). Times are
    read in the site's time zone: when the firm's day begins, not the server's."""
    received = timezone.localtime(lead.created_at)
    return {
        "source": lead.source,
        "country": lead.country or NONE,
        "language": lead.language,
        "seniority": seniority(lead.job_title),
        "timeline": lead.timeline or NONE,
        "decision_maker": NONE if lead.decision_maker is None else YES_NO[lead.decision_maker],
        "weekday": str(received.isoweekday()),
        "daypart": daypart(received.hour),
        "has_email": float(bool(lead.email)),
        "work_email": float(bool(work_domain(lead.email))),
        "has_phone": float(bool(lead.phone)),
        "has_company": float(bool(lead.company_name.strip())),
        "budget_given": float(lead.budget is not None),
        "need_given": float(bool(lead.need.strip())),
        "consent": float(lead.consent),
        "campaign": float(bool(lead.utm_campaign or lead.utm_source)),
        "web_form": float(lead.web_form_id is not None),
        "message_length": float(len(lead.message.strip())),
        **{name: float(getattr(behaviour, name)) for name in COUNTS},
    }


def group_of(column: str) -> str:
    """``source=referral`` → ``source``; ``has_phone`` → ``has_phone``."""
    return column.partition("=")[0]


class FeatureSpace:
    """The columns of a model, and how a lead's raw features fill them."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self._known: dict[str, set[str]] = {}
        for column in self.columns:
            group, sep, value = column.partition("=")
            if sep:
                self._known.setdefault(group, set()).add(value)

    @classmethod
    def learn(cls, rows: Sequence[Raw]) -> FeatureSpace:
        """The columns the history supports: every category value seen (rare countries as one
        "other"), and every number; a column that never varies teaches nothing and is left out."""
        countries = Counter(str(row["country"]) for row in rows)
        frequent = {code for code, n in countries.items() if n >= MIN_COUNTRY or code == NONE}
        columns = []
        for group in CATEGORIES:
            values = {str(row[group]) for row in rows}
            if group == "country":
                values = {value if value in frequent else OTHER for value in values}
            if len(values) > 1:
                columns += [f"{group}={value}" for value in sorted(values)]
        for group in NUMBERS:
            if len({row[group] for row in rows}) > 1:
                columns.append(group)
        return cls(columns)

    def category(self, group: str, value: str) -> str:
        """The column value a category takes: a country not seen often enough is "other"."""
        known = self._known.get(group, set())
        if group == "country" and value not in known and OTHER in known:
            return OTHER
        return value

    def vector(self, raw: Raw) -> list[float]:
        row = []
        for column in self.columns:
            group, sep, value = column.partition("=")
            if sep:
                row.append(1.0 if self.category(group, str(raw[group])) == value else 0.0)
            else:
                number = float(raw[group])
                row.append(math.log1p(number) if group in LOG_SCALED else number)
        return row

    def groups(self) -> list[str]:
        """The feature groups, in column order, once each."""
        return list(dict.fromkeys(group_of(column) for column in self.columns))


def matrix(space: FeatureSpace, rows: Iterable[Raw]) -> list[list[float]]:
    return [space.vector(row) for row in rows]
