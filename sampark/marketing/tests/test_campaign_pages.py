"""The campaign pages: who sees and changes what, the form with its problems beside their
inputs, launching and testing through the page against a real SMTP server, the figures and the
recipients table, and that nothing a user typed reaches the page unescaped."""

from __future__ import annotations

import datetime
import re
import secrets
import zoneinfo
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import User
from sampark.core.roles import Role
from sampark.core.tests.factories import UserFactory, make_user
from sampark.core.tests.mail_servers import SmtpServer
from sampark.marketing import tasks, views_campaigns
from sampark.marketing.models import Campaign, CampaignStatus, Recipient, RecipientState
from sampark.marketing.tests.factories import (
    make_campaign,
    make_list,
    make_sender,
    make_template,
    reachable_client,
)

pytestmark = pytest.mark.django_db

LIST = reverse("marketing:campaigns")
NEW = reverse("marketing:campaign_new")
BUTTONS = ("campaign_launch", "campaign_pause", "campaign_resume", "campaign_cancel")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, campaign: Campaign) -> str:
    return reverse(f"marketing:{name}", args=[campaign.pk])


def text(response: Any) -> str:
    return response.content.decode()


def error_under(html: str, input_id: str) -> str:
    """The text of the error list tied to the input ``input_id`` ("" when there is none)."""
    found = re.search(rf'<ul class="errorlist" id="{input_id}-error"[^>]*>(.*?)</ul>', html, re.S)
    return re.sub(r"<[^>]+>", " ", found.group(1)) if found else ""


@pytest.fixture
def agent() -> User:
    return make_user(Role.AGENT, email="karim@padma.example")


@pytest.fixture
def campaign(agent: User) -> Campaign:
    members = [reachable_client(owner=agent, email=f"c{n}@example.com").pk for n in range(2)]
    return make_campaign(agent, make_list(agent, *members, name="Clients"), name="Eid news")


def test_the_urls_live_in_the_marketing_namespace() -> None:
    assert reverse("marketing:campaign", args=[1]) == "/marketing/campaigns/1/"
    assert LIST == "/marketing/campaigns/"


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MANAGER, Role.AGENT, Role.READ_ONLY])
def test_every_role_sees_the_pages_and_only_writers_get_the_buttons(
    role: Role, campaign: Campaign
) -> None:
    browser = signed_in(make_user(role))
    listed = browser.get(LIST)
    assert listed.status_code == 200
    assert "Eid news" in text(listed)
    detail = browser.get(url("campaign", campaign))
    assert detail.status_code == 200
    writer = role in (Role.ADMIN, Role.MANAGER)  # the agent here is not the campaign's writer
    for name in (*BUTTONS[:1], "campaign_edit", "campaign_test"):
        assert (url(name, campaign) in text(detail)) is writer
    assert browser.get(NEW).status_code == (403 if role == Role.READ_ONLY else 200)
    assert (NEW in text(listed)) is (role != Role.READ_ONLY)
    if role == Role.READ_ONLY:
        for name in (*BUTTONS, "campaign_test", "campaign_edit"):
            assert browser.post(url(name, campaign)).status_code == 403
        assert browser.get(url("campaign_edit", campaign)).status_code == 403
        assert browser.post(NEW, {"name": "Mine"}).status_code == 403
        campaign.refresh_from_db()
        assert campaign.status == CampaignStatus.DRAFT


def test_a_user_without_a_role_finds_no_campaign_pages(campaign: Campaign) -> None:
    browser = signed_in(UserFactory())
    for page in (LIST, NEW, url("campaign", campaign), url("campaign_edit", campaign)):
        assert browser.get(page).status_code == 404
    assert browser.post(url("campaign_launch", campaign)).status_code == 404
    assert signed_in(make_user(Role.ADMIN)).get("/marketing/campaigns/999999/").status_code == 404


def test_another_agent_cannot_change_the_campaign_a_manager_can(
    agent: User, campaign: Campaign
) -> None:
    other = signed_in(make_user(Role.AGENT))
    assert other.get(url("campaign_edit", campaign)).status_code == 403
    assert other.post(url("campaign_launch", campaign)).status_code == 403
    assert other.post(url("campaign_cancel", campaign)).status_code == 403
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT

    manager = signed_in(make_user(Role.MANAGER))
    assert manager.get(url("campaign_edit", campaign)).status_code == 200
    launched = manager.post(url("campaign_launch", campaign), follow=True)
    assert launched.redirect_chain[-1][0] == url("campaign", campaign)
    assert "is going out now" in text(launched)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED
    # Launching twice is refused with a message, not an error page.
    twice = manager.post(url("campaign_launch", campaign), follow=True)
    assert "already been launched" in text(twice)
    # Scheduled, it may still be changed; once it is going out, the form sends one back.
    assert manager.get(url("campaign_edit", campaign)).status_code == 200
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.SENDING)
    again = manager.get(url("campaign_edit", campaign), follow=True)
    assert again.redirect_chain[-1][0] == url("campaign", campaign)
    assert "cannot be changed" in text(again)


def form_values(campaign: Campaign, **changes: Any) -> dict[str, Any]:
    values = {
        "name": campaign.name,
        "segment": campaign.segment_id,
        "template": campaign.template_id,
        "sender": campaign.sender_id,
        "send_at": "",
        "per_hour": "",
        "test_percent": "20",
        "test_hours": "4",
        "test_metric": "opens",
        "version": campaign.version,
    }
    return {**values, **changes}


def test_problems_are_shown_beside_their_inputs_and_nothing_is_saved(
    agent: User, campaign: Campaign
) -> None:
    browser = signed_in(agent)
    bad = form_values(
        campaign,
        name="",
        **{"subject_b.bn": "{{ contact.__class__ }}", "subject_b.hi": "नमस्ते"},
        per_hour="many",
        send_at="tomorrow",
    )
    for page in (NEW, url("campaign_edit", campaign)):
        answer = browser.post(page, bad)
        assert answer.status_code == 200
        html = text(answer)
        assert "Give the campaign a name." in error_under(html, "c-name")
        assert error_under(html, "c-subject-b-bn")  # the Bengali subject B, not another
        assert not error_under(html, "c-subject-b-en")
        assert not error_under(html, "c-subject-b-hi")
        assert "whole number" in error_under(html, "c-per-hour")
        assert "date and time" in error_under(html, "c-send-at")
        assert 'value="नमस्ते"' in html  # what was typed is kept
    assert Campaign.objects.count() == 1
    campaign.refresh_from_db()
    assert campaign.name == "Eid news"


def test_the_form_reads_the_hour_in_the_users_zone_and_keeps_it_on_edit(agent: User) -> None:
    agent.time_zone = "Asia/Dubai"
    agent.save()
    browser = signed_in(agent)
    segment = make_list(agent, name="Gulf clients")
    values = {
        "name": "Gulf report",
        "segment": segment.pk,
        "template": make_template(agent).pk,
        "sender": make_sender().pk,
        "send_at": "2030-12-01T10:00",
        "local_time": "on",
        "skip_holidays": "on",
        "per_hour": "500",
        "subject_b.bn": "বাজারের খবর",
        "test_percent": "10",
        "test_hours": "6",
        "test_metric": "clicks",
    }
    saved = browser.post(NEW, values)
    campaign = Campaign.objects.get(name="Gulf report")
    assert saved.url == url("campaign", campaign)
    dubai = zoneinfo.ZoneInfo("Asia/Dubai")
    assert campaign.send_at == datetime.datetime(2030, 12, 1, 10, tzinfo=dubai)
    assert campaign.zone == "Asia/Dubai"
    assert campaign.owner == agent
    assert (campaign.per_hour, campaign.test_percent, campaign.test_metric) == (500, 10, "clicks")
    assert campaign.subject_b == {"bn": "বাজারের খবর"}
    detail = text(browser.get(url("campaign", campaign)))
    assert "10:00" in detail
    assert "in each client&#x27;s time zone, not on their public holidays" in detail
    assert url("campaign_launch", campaign) in detail
    assert "Schedule" in detail

    # A colleague in Dhaka sees and keeps Dubai's 10:00, the hour the campaign was set for.
    manager = signed_in(make_user(Role.MANAGER, time_zone="Asia/Dhaka"))
    form = text(manager.get(url("campaign_edit", campaign)))
    assert 'value="2030-12-01T10:00"' in form
    assert "Asia/Dubai" in form
    manager.post(url("campaign_edit", campaign), {**values, "name": "Gulf report II", "version": 1})
    campaign.refresh_from_db()
    assert (campaign.name, campaign.version, campaign.zone) == ("Gulf report II", 2, "Asia/Dubai")
    assert campaign.send_at == datetime.datetime(2030, 12, 1, 10, tzinfo=dubai)
    # A form opened before that change is refused, not saved over it.
    stale = browser.post(url("campaign_edit", campaign), {**values, "version": 1})
    assert "Someone changed this campaign" in text(stale)
    campaign.refresh_from_db()
    assert campaign.name == "Gulf report II"


def test_a_campaign_launched_through_the_page_reaches_its_members(
    smtp_settings: SmtpServer, agent: User, campaign: Campaign
) -> None:
    browser = signed_in(agent)
    detail = text(browser.get(url("campaign", campaign)))
    assert "Send now" in detail
    assert browser.post(url("campaign_launch", campaign)).status_code == 302
    assert tasks.launch_campaign.call(campaign.pk) == 2
    assert tasks.send_campaign.call(campaign.pk) == 2
    assert sorted(a for mail in smtp_settings.messages for a in mail.recipients) == [
        "c0@example.com",
        "c1@example.com",
    ]
    page = browser.get(url("campaign", campaign))
    figures = page.context["summary"]
    assert (figures.total, figures.went_out, figures.opened) == (2, 2, 0)
    assert re.search(r'id="figure-sent">\s*2\s*<', text(page))
    assert "c0@example.com" in text(page)
    listed = text(browser.get(LIST))
    assert re.search(r'<td class="num">2</td>', listed)


def test_a_test_goes_to_the_address_given_and_a_bad_one_is_shown_beside_it(
    smtp_settings: SmtpServer, agent: User, campaign: Campaign
) -> None:
    browser = signed_in(agent)
    detail = text(browser.get(url("campaign", campaign)))
    assert 'value="karim@padma.example"' in detail  # the user's own address, to start with
    sent = browser.post(url("campaign_test", campaign), {"to": "desk@padma.example"}, follow=True)
    assert "sent to desk@padma.example" in text(sent)
    assert len(smtp_settings.messages) == 1
    mail = smtp_settings.messages[0]
    assert mail.recipients == ["desk@padma.example"]
    assert "[Test]" in str(mail.message["Subject"])

    refused = browser.post(url("campaign_test", campaign), {"to": "not an address"})
    assert refused.status_code == 200
    assert "Enter an email address." in error_under(text(refused), "c-test-to")
    assert 'value="not an address"' in text(refused)
    assert len(smtp_settings.messages) == 1


def test_pause_resume_and_cancel_follow_the_status(agent: User, campaign: Campaign) -> None:
    browser = signed_in(agent)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.SENDING)
    sending = text(browser.get(url("campaign", campaign)))
    assert url("campaign_pause", campaign) in sending
    assert url("campaign_resume", campaign) not in sending
    assert url("campaign_edit", campaign) not in sending
    browser.post(url("campaign_pause", campaign))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PAUSED
    # Pausing what is no longer sending is refused with a message.
    again = browser.post(url("campaign_pause", campaign), follow=True)
    assert "Only a campaign that is sending can be paused." in text(again)
    assert url("campaign_resume", campaign) in text(again)
    browser.post(url("campaign_resume", campaign))
    browser.post(url("campaign_cancel", campaign))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CANCELLED
    cancelled = text(browser.get(url("campaign", campaign)))
    assert not any(url(name, campaign) in cancelled for name in BUTTONS)


def add_recipients(campaign: Campaign, owner: User, count: int) -> None:
    now = timezone.now()
    Recipient.objects.bulk_create(
        Recipient(
            campaign=campaign,
            contact=ContactFactory(owner=owner),
            address=f"r{n:03}@example.com",
            language="bn",
            due_at=now,
            token=secrets.token_hex(16),
            state=RecipientState.SENT if n % 2 else RecipientState.PENDING,
            sent_at=now if n % 2 else None,
            opened_at=now if n % 4 == 1 else None,
            opens=2 if n % 4 == 1 else 0,
        )
        for n in range(count)
    )
    Campaign.objects.filter(pk=campaign.pk).update(
        status=CampaignStatus.SENDING, launched_at=now, launched_by=owner
    )


def test_the_recipients_table_pages_and_filters_in_a_fixed_number_of_queries(
    agent: User,
    campaign: Campaign,
    monkeypatch: pytest.MonkeyPatch,
    django_assert_max_num_queries: Any,
) -> None:
    add_recipients(campaign, agent, 12)
    browser = signed_in(agent)
    monkeypatch.setattr(views_campaigns, "PAGE_SIZE", 1)
    browser.get(url("campaign", campaign))  # the first request of a session reads more
    with CaptureQueriesContext(connection) as one_row:
        browser.get(url("campaign", campaign))
    monkeypatch.setattr(views_campaigns, "PAGE_SIZE", 5)
    seen: list[str] = []
    page_url: str | None = url("campaign", campaign)
    while page_url:
        with django_assert_max_num_queries(len(one_row)):
            page = browser.get(page_url)
        seen += [recipient.address for recipient, _language in page.context["recipients"]]
        page_url = page.context["next_url"]
    assert seen == [f"r{n:03}@example.com" for n in range(12)]
    assert "বাংলা" in text(page)  # the language by name
    sent = browser.get(url("campaign", campaign), {"state": "sent"})
    assert [r.state for r, _l in sent.context["recipients"]] == ["sent"] * 5
    figures = sent.context["summary"]
    assert (figures.went_out, figures.opened, figures.waiting, figures.open_rate) == (6, 3, 6, 0.5)
    # Another agent sees the figures, but not who the mail went to among clients not theirs.
    other = signed_in(make_user(Role.AGENT)).get(url("campaign", campaign))
    assert other.context["recipients"] == []
    assert other.context["summary"].total == 12
    # A cursor from elsewhere starts the list over rather than failing.
    assert browser.get(url("campaign", campaign), {"cursor": "bogus"}).status_code == 200


def test_the_list_counts_its_figures_in_the_same_query_as_its_campaigns(
    agent: User, campaign: Campaign, django_assert_max_num_queries: Any
) -> None:
    add_recipients(campaign, agent, 4)
    browser = signed_in(agent)
    browser.get(LIST)  # the first request of a session reads more
    with CaptureQueriesContext(connection) as one_campaign:
        browser.get(LIST)
    for n in range(3):
        add_recipients(make_campaign(agent, campaign.segment, name=f"More {n}"), agent, 2)
    with django_assert_max_num_queries(len(one_campaign)):
        listed = browser.get(LIST)
    rows = {row.campaign.name: row for row in listed.context["rows"]}
    assert (rows["Eid news"].went_out, rows["Eid news"].opened) == (2, 1)
    assert rows["More 0"].went_out == 1


def test_the_rates_are_written_the_way_the_users_language_writes_numbers(
    agent: User, campaign: Campaign
) -> None:
    add_recipients(campaign, agent, 4)
    agent.language = "bn"
    agent.save()
    html = text(signed_in(agent).get(url("campaign", campaign)))
    assert "৫০%" in html  # 1 of the 2 that went out was opened


def test_what_users_typed_is_escaped(agent: User) -> None:
    script = "<script>alert(1)</script>"
    named = make_campaign(
        agent, make_list(agent, name=script), name=script, subject_b={"en": "<b>Hi</b>"}
    )
    browser = signed_in(agent)
    for page in (LIST, url("campaign", named), url("campaign_edit", named)):
        html = text(browser.get(page))
        assert script not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Hi</b>" not in text(browser.get(url("campaign", named)))
    saved = browser.post(
        url("campaign_edit", named), {**form_values(named), "name": script}, follow=True
    )
    assert script not in text(saved)
