"""Every agenda page renders, in each UI language, within the strict CSP (no inline script,
style or event handler)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sampark.agenda.tests.factories import TaskFactory, utc
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_each_page_renders_without_inline_script_or_style(client, people, teams, language):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    agent.language = language
    agent.save()
    contact = ContactFactory(owner=agent, team=teams[0], time_zone="Europe/London")
    company = CompanyFactory(owner=agent, team=teams[0])
    task = TaskFactory(owner=agent, team=teams[0], contact=contact, due_at=utc(2030, 1, 1))
    client.force_login(agent)
    urls = [
        reverse("agenda:day"),
        reverse("agenda:tasks"),
        reverse("agenda:task_new"),
        reverse("agenda:task", args=[task.pk]),
        reverse("agenda:task_edit", args=[task.pk]),
        reverse("agenda:task_delete", args=[task.pk]),
        reverse("agenda:contact_tasks", args=[contact.pk]),
        reverse("agenda:company_tasks", args=[company.pk]),
        reverse("agenda:contact_add_task", args=[contact.pk]),
        reverse("agenda:contact_slots", args=[contact.pk]),
        reverse("agenda:calendar"),
    ]

    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "<script>" not in html, url
        assert " style=" not in html, url
        assert not re.search(r"\son[a-z]+\s*=", html, flags=re.I), url
