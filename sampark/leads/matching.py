"""What converting a lead will do: which contact and company it joins, or makes.

The convert page shows this plan before anything is written, and ``convert_lead`` carries out
the same plan, so what the user was shown is what happens. Only records the user can see are
candidates: converting never links a lead to another team's client, nor reveals one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sampark.contacts.mail_in import contact_with_email
from sampark.contacts.models import Company, Contact, ContactPhone
from sampark.core.models import User
from sampark.leads.models import Lead
from sampark.lib.domains import InvalidDomain, normalise_domain

# Addresses at these domains say nothing about where someone works.
FREE_MAIL = frozenset(
    {
        "aol.com",
        "gmail.com",
        "googlemail.com",
        "gmx.com",
        "hotmail.com",
        "icloud.com",
        "live.com",
        "mail.com",
        "me.com",
        "msn.com",
        "outlook.com",
        "proton.me",
        "protonmail.com",
        "rediffmail.com",
        "yahoo.com",
        "yahoo.co.in",
        "yandex.com",
        "ymail.com",
        "zoho.com",
    }
)


class Match:
    EMAIL = "email"
    PHONE = "phone"
    DOMAIN = "domain"
    NAME = "name"


@dataclass(frozen=True)
class ConversionPlan:
    contact: Contact | None  # an existing contact the lead joins; None: a new one is made
    contact_match: str  # Match.EMAIL or Match.PHONE when one was found
    company: Company | None  # an existing company; None: new_company_name is made, if any
    company_match: str  # Match.DOMAIN or Match.NAME when one was found
    new_company_name: str
    new_company_domain: str


def work_domain(email: str) -> str:
    """The web domain of a work address (``rahim@brac.net`` → ``brac.net``); "" for free mail."""
    if "@" not in email:
        return ""
    try:
        domain = normalise_domain(email.rsplit("@", 1)[1])
    except InvalidDomain:
        return ""
    return "" if domain in FREE_MAIL else domain


def existing_contact(lead: Lead, user: User) -> tuple[Contact | None, str]:
    """The oldest contact ``user`` can see with the lead's email, else with its phone."""
    if lead.email and (contact := contact_with_email(lead.email, user)) is not None:
        return contact, Match.EMAIL
    visible = Contact.objects.visible_to(user).values("pk")
    if lead.phone:
        phone = (
            ContactPhone.objects.filter(number=lead.phone, contact__in=visible)
            .select_related("contact")
            .order_by("contact_id")
            .first()
        )
        if phone is not None:
            return phone.contact, Match.PHONE
    return None, ""


def existing_company(lead: Lead, user: User) -> tuple[Company | None, str]:
    """The oldest company ``user`` can see with the lead's work domain, else its name."""
    visible = Company.objects.visible_to(user).order_by("id")
    domain = work_domain(lead.email)
    if domain and (company := visible.filter(domain=domain).first()) is not None:
        return company, Match.DOMAIN
    name = " ".join(lead.company_name.split())
    if not name:
        return None, ""
    # The usual capitalisations go through the name index; any other is asked on its own.
    spellings = {name, name.casefold(), name.title(), name.upper()}
    company = (
        visible.filter(name__in=spellings).first() or visible.filter(name__iexact=name).first()
    )
    return (company, Match.NAME) if company else (None, "")


def plan_conversion(lead: Lead, user: User) -> ConversionPlan:
    contact, contact_match = existing_contact(lead, user)
    company, company_match = existing_company(lead, user)
    name = " ".join(lead.company_name.split())
    return ConversionPlan(
        contact=contact,
        contact_match=contact_match,
        company=company,
        company_match=company_match,
        # A company is made only when the lead names one: a domain alone is no firm's name.
        new_company_name="" if company else name,
        new_company_domain=work_domain(lead.email) if name and not company else "",
    )
