from __future__ import annotations

import datetime
import zoneinfo

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from sampark.agenda.actions import create_task
from sampark.agenda.models import Task
from sampark.contacts.actions import create_company, create_contact, link_company
from sampark.contacts.models import Contact, LifecycleStage
from sampark.core import audit
from sampark.core.models import Channel, Team, User
from sampark.customfields.actions import define_field
from sampark.customfields.models import CustomField, CustomObject, FieldKind
from sampark.demo.data import (
    ADDRESSES,
    AFFILIATIONS,
    COMPANIES,
    CONTACTS,
    PEOPLE,
    TASKS,
    TEAMS,
)
from sampark.demo.sales import load_sales_demo
from sampark.demo.service import load_service_demo

# Spread the demo contacts over the stages so lists and filters have something to show.
STAGES = [
    LifecycleStage.CUSTOMER,
    LifecycleStage.LEAD,
    LifecycleStage.QUALIFIED,
    LifecycleStage.CUSTOMER,
]


RISKS = ["low", "medium", "high"]


def _define_custom_fields(by: User) -> None:
    """The segmentation a brokerage starts with: a risk profile and a portfolio size."""
    if CustomField.objects.exists():
        return
    define_field(
        by=by,
        object=CustomObject.CONTACT,
        key="risk_profile",
        label="Risk profile",
        kind=FieldKind.CHOICE,
        options=[{"key": key, "label": key.title()} for key in RISKS],
        show_in_list=True,
        help_text="From the suitability questionnaire.",
    )
    define_field(
        by=by,
        object=CustomObject.CONTACT,
        key="portfolio",
        label="Portfolio",
        kind=FieldKind.MONEY,
        currency="BDT",
        show_in_list=True,
    )


def is_empty() -> bool:
    return not Contact.objects.exists()


@transaction.atomic
def load_demo(*, by: User) -> dict[str, int]:
    """Create the demo teams, people and contacts; people get no password until an admin sets one."""
    with audit.via(Channel.CLI):
        teams = {name: Team.objects.get_or_create(name=name)[0] for name in TEAMS}
        people: dict[str, User] = {}
        for username, first, last, role, team, language, time_zone in PEOPLE:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.com",
                    "language": language,
                    "time_zone": time_zone,
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get_or_create(name=role)[0])
                user.teams.add(teams[team])
            people[username] = user
        _define_custom_fields(by)
        contacts = {
            name: create_contact(
                by=by,
                owner=people[owner],
                display_name=name,
                email=email,
                phone=phone,
                language=language,
                lifecycle_stage=STAGES[n % len(STAGES)],
                custom={
                    "risk_profile": RISKS[n % len(RISKS)],
                    "portfolio": 150_000 * (n % 7 + 1) if n % 3 else None,
                },
                addresses=[ADDRESSES[name]] if name in ADDRESSES else [],
            )
            for n, (name, email, phone, language, owner) in enumerate(CONTACTS)
        }
        companies = {
            name: create_company(
                by=by,
                owner=people[owner],
                name=name,
                domain=domain,
                industry=industry,
                country=country,
            )
            for name, domain, industry, country, owner in COMPANIES
        }
        for contact, company, title in AFFILIATIONS:
            link_company(contacts[contact], companies[company], by=by, title=title, is_primary=True)
        tasks = [
            _demo_task(contacts[name], title, days, hour, priority, recurrence, by=by)
            for name, title, days, hour, priority, recurrence in TASKS
        ]
        sales = load_sales_demo(contacts, companies, by=by)
        service = load_service_demo(contacts, people, teams, by=by)
    return {
        "teams": len(teams),
        "people": len(people),
        "contacts": len(contacts),
        "companies": len(companies),
        "tasks": len(tasks),
        **sales,  # deals, products
        **service,  # tickets, articles
    }


def _demo_task(
    contact: Contact, title: str, days: int, hour: int, priority: str, recurrence: str, *, by: User
) -> Task:
    """A task for the contact's owner, due ``days`` from today at ``hour`` on their clock."""
    zone = zoneinfo.ZoneInfo(contact.owner.time_zone)
    day = timezone.now().astimezone(zone).date() + datetime.timedelta(days=days)
    return create_task(
        by=by,
        owner=contact.owner,
        contact=contact,
        title=title,
        due_at=datetime.datetime.combine(day, datetime.time(hour), zone),
        priority=priority,
        recurrence=recurrence,
    )
