"""A user who forgot their password gets a one-time link by email and can sign in again."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_reset_link_sets_a_new_password_once(client, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    response = client.post(reverse("password_reset"), {"email": agent.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body)
    assert link is not None

    form_page = client.get(link.group(1), follow=True)
    assert "new_password1" in form_page.content.decode()
    new_password = "mango season in rajshahi"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert client.login(username=agent.username, password=new_password)

    client.logout()
    reused = client.get(link.group(1), follow=True)
    assert "no longer valid" in reused.content.decode()


def test_unknown_address_reveals_nothing(client, db):  # type: ignore[no-untyped-def]
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []
