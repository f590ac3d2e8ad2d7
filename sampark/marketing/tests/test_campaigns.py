"""Campaigns: each client's mail at their local hour and off their holidays, in their language,
only to those who may be reached (checked at launch and again when sending), through a real
SMTP server; refusals bounce and suppress; the subject test picks its winner; a crashed run
resumes without sending twice or skipping."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.core.tests.mail_servers import SmtpServer
from sampark.marketing import (
    abtest,
    actions_campaigns,
    actions_consent,
    audience,
    delivery,
    sending,
    tasks,
)
from sampark.marketing.models import (
    Arm,
    CampaignStatus,
    Channel,
    Recipient,
    RecipientState,
    Suppression,
    SuppressionReason,
)
from sampark.marketing.schedule import Schedule
from sampark.marketing.tests.factories import (
    make_campaign,
    make_list,
    make_template,
    reachable_client,
)

DHAKA = zoneinfo.ZoneInfo("Asia/Dhaka")
UTC = datetime.UTC


def at(zone: str, *args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(UTC)


# When: pure arithmetic, no database.


def test_local_time_gives_each_client_the_hour_in_their_own_zone() -> None:
    ten_in_dhaka = at("Asia/Dhaka", 2026, 12, 1, 10)
    schedule = Schedule(ten_in_dhaka, "Asia/Dhaka", local_time=True, skip_holidays=False)
    a_day_before = ten_in_dhaka - datetime.timedelta(days=1)
    assert schedule.due("Asia/Dhaka", "BD", now=a_day_before) == ten_in_dhaka
    assert schedule.due("Asia/Dubai", "AE", now=a_day_before) == at("Asia/Dubai", 2026, 12, 1, 10)
    # East of the sender the hour comes first: Sydney's 10:00 is 23:00 UTC the day before.
    assert schedule.due("Australia/Sydney", "AU", now=a_day_before) == at(
        "Australia/Sydney", 2026, 12, 1, 10
    )
    # Once the hour has passed where they are, the same hour the next day, not the night.
    assert schedule.due("Australia/Sydney", "AU", now=ten_in_dhaka) == at(
        "Australia/Sydney", 2026, 12, 2, 10
    )
    # No zone: their country's, when it has one; else the firm's.
    assert schedule.due("", "AE", now=a_day_before) == at("Asia/Dubai", 2026, 12, 1, 10)
    assert schedule.due("", "", now=a_day_before) == ten_in_dhaka


def test_without_local_time_everyone_is_due_at_once() -> None:
    start = at("Asia/Dhaka", 2026, 12, 1, 10)
    schedule = Schedule(start, "Asia/Dhaka", local_time=False, skip_holidays=False)
    assert schedule.due("America/New_York", "US", now=start) == start
    later = start + datetime.timedelta(hours=3)
    assert schedule.due("Asia/Kolkata", "IN", now=later) == later


def test_a_public_holiday_where_the_client_lives_moves_their_mail_a_day() -> None:
    # 16 December is Victory Day in Bangladesh, a working day in India.
    start = at("Asia/Dhaka", 2026, 12, 16, 10)
    before = start - datetime.timedelta(days=2)
    skipping = Schedule(start, "Asia/Dhaka", local_time=True, skip_holidays=True)
    assert skipping.due("Asia/Dhaka", "BD", now=before) == at("Asia/Dhaka", 2026, 12, 17, 10)
    assert skipping.due("Asia/Kolkata", "IN", now=before) == at("Asia/Kolkata", 2026, 12, 16, 10)
    # A client with no country is placed by their zone's.
    assert skipping.due("Asia/Dhaka", "", now=before) == at("Asia/Dhaka", 2026, 12, 17, 10)
    # Christmas is a holiday in India.
    christmas = Schedule(
        at("Asia/Kolkata", 2026, 12, 25, 9), "Asia/Kolkata", local_time=False, skip_holidays=True
    )
    assert christmas.due("Asia/Kolkata", "IN", now=before) == at("Asia/Kolkata", 2026, 12, 26, 9)
    not_skipping = Schedule(start, "Asia/Dhaka", local_time=True, skip_holidays=False)
    assert not_skipping.due("Asia/Dhaka", "BD", now=before) == start


# Launching and sending, through the real SMTP server of the test run.

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(smtp_settings: SmtpServer) -> SmtpServer:
    return smtp_settings


def launched(campaign: Any, by: Any) -> int:
    actions_campaigns.launch(campaign, by=by)
    return tasks.launch_campaign.call(campaign.pk)


def received_by(smtp: SmtpServer) -> Counter[str]:
    return Counter(address for mail in smtp.messages for address in mail.recipients)


def test_a_campaign_reaches_each_client_in_their_language_and_no_one_else(
    smtp: SmtpServer,
) -> None:
    agent = make_user(Role.AGENT, first_name="Karim", last_name="Ahmed")
    rahim = reachable_client(
        owner=agent,
        display_name="রহিম উদ্দিন",
        given_name="রহিম",
        language="bn",
        email="rahim@example.com",
    )
    priya = reachable_client(
        owner=agent,
        display_name="Priya Sharma",
        given_name="प्रिया",
        language="hi",
        email="priya@example.com",
    )
    john = reachable_client(
        owner=agent, display_name="John Roy", language="en", email="john@example.com"
    )
    never_agreed = reachable_client(owner=agent, email="no@example.com")
    actions_consent.unsubscribe(never_agreed, Channel.EMAIL)
    theirs = reachable_client(owner=make_user(Role.AGENT), email="theirs@example.com")
    twin = reachable_client(owner=agent, email="JOHN@example.com")  # the same address as John
    segment = make_list(agent, rahim.pk, priya.pk, john.pk, never_agreed.pk, theirs.pk, twin.pk)
    template = make_template(
        agent,
        en=(
            "Hello {{ contact.first_name }}",
            "Your adviser {{ adviser.name }}: https://padma.example/x",
        ),
        bn=("নমস্কার {{ contact.first_name }}", "বাজারের খবর https://padma.example/x"),
    )
    campaign = make_campaign(agent, segment, template=template)

    assert launched(campaign, agent) == 3
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENDING
    assert campaign.unreachable == 2  # the unsubscribed and the second John; not the unseen one
    progress = tasks.send_campaign.call(campaign.pk)

    assert progress == 3
    assert received_by(smtp) == {
        "rahim@example.com": 1,
        "priya@example.com": 1,
        "john@example.com": 1,
    }
    mails = {mail.recipients[0]: mail.message for mail in smtp.messages}
    assert mails["rahim@example.com"]["Subject"] == "নমস্কার রহিম"
    assert mails["rahim@example.com"]["Content-Language"] == "bn"
    # Hindi has no variant: the default language's, still with her name.
    assert mails["priya@example.com"]["Subject"] == "Hello प्रिया"
    john_mail = mails["john@example.com"]
    text = john_mail.get_body(("plain",)).get_content()
    assert "Your adviser Karim Ahmed: https://padma.example/x" in text  # plain text untouched
    html = john_mail.get_body(("html",)).get_content()
    assert "/n/c/" in html
    assert "/n/o/" in html
    assert john_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "?r=" in john_mail["List-Unsubscribe"]
    recipient = Recipient.objects.get(contact=john)
    assert john_mail["Message-ID"] == recipient.message_id
    assert recipient.state == RecipientState.SENT
    assert recipient.sent_at is not None
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT


def test_consent_withdrawn_after_the_launch_is_honoured_when_sending(smtp: SmtpServer) -> None:
    agent = make_user(Role.AGENT)
    stays = reachable_client(owner=agent, email="stays@example.com")
    leaves = reachable_client(owner=agent, email="leaves@example.com")
    bounced_before = reachable_client(owner=agent, email="gone@example.com")
    campaign = make_campaign(agent, make_list(agent, stays.pk, leaves.pk, bounced_before.pk))
    assert launched(campaign, agent) == 3

    actions_consent.unsubscribe(leaves, Channel.EMAIL)
    actions_consent.suppress(Channel.EMAIL, "gone@example.com", SuppressionReason.BOUNCED)
    tasks.send_campaign.call(campaign.pk)

    assert received_by(smtp) == {"stays@example.com": 1}
    assert Recipient.objects.get(contact=leaves).state == RecipientState.SKIPPED
    assert Recipient.objects.get(contact=bounced_before).state == RecipientState.SKIPPED


def test_a_campaign_waits_for_its_time_and_the_local_hour(smtp: SmtpServer) -> None:
    agent = make_user(Role.AGENT)
    dhaka = reachable_client(owner=agent, time_zone="Asia/Dhaka", country="BD")
    new_york = reachable_client(owner=agent, time_zone="America/New_York", country="US")
    now = timezone.now()
    send_at = (now + datetime.timedelta(hours=2)).astimezone(DHAKA)
    campaign = make_campaign(
        agent,
        make_list(agent, dhaka.pk, new_york.pk),
        send_at=send_at,
        zone="Asia/Dhaka",
        local_time=True,
    )
    actions_campaigns.launch(campaign, by=agent)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED
    # Within a day of its hour the tick fixes the audience; nothing is due yet.
    assert tasks._launch_due(now) == [campaign.pk]
    audience.plan(campaign, agent, now=now)
    assert sending.send_due(campaign.pk).sent == 0
    assert smtp.messages == []
    due = dict(Recipient.objects.values_list("contact_id", "due_at"))
    assert due[dhaka.pk] == send_at
    wall = send_at.time()
    assert due[new_york.pk].astimezone(zoneinfo.ZoneInfo("America/New_York")).time() == wall

    later = lambda: due[dhaka.pk] + datetime.timedelta(seconds=1)  # noqa: E731
    assert sending.send_due(campaign.pk, clock=later).sent == 1
    assert received_by(smtp) == {dhaka.email: 1}


def test_the_hourly_limit_spreads_the_send(smtp: SmtpServer) -> None:
    agent = make_user(Role.AGENT)
    clients = [reachable_client(owner=agent) for _ in range(5)]
    campaign = make_campaign(agent, make_list(agent, *(c.pk for c in clients)), per_hour=120)
    launched(campaign, agent)
    assert sending.send_due(campaign.pk).sent == 2  # 120 an hour: two a minute
    assert sending.send_due(campaign.pk).sent == 0
    a_minute_on = lambda: timezone.now() + datetime.timedelta(minutes=1, seconds=1)  # noqa: E731
    assert sending.send_due(campaign.pk, clock=a_minute_on).sent == 2
    assert len(smtp.messages) == 4


class RefusingServer(SmtpServer):
    """Refuses one address for good and another for now, as a real server may at RCPT."""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user"
        if address.startswith("busy@"):
            return "451 4.2.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def refusing(settings: Any) -> Any:
    from aiosmtpd.controller import Controller

    from sampark.lib.env import mailer

    server = RefusingServer()
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    settings.MAILERS = {"default": mailer(server.url)}
    yield server
    controller.stop()


def test_a_refused_address_bounces_and_is_suppressed_and_a_busy_one_waits(refusing: Any) -> None:
    agent = make_user(Role.AGENT)
    fine = reachable_client(owner=agent, email="fine@example.com")
    nobody = reachable_client(owner=agent, email="nobody@example.com")
    busy = reachable_client(owner=agent, email="busy@example.com")
    campaign = make_campaign(agent, make_list(agent, fine.pk, nobody.pk, busy.pk))
    launched(campaign, agent)

    progress = sending.send_due(campaign.pk)

    assert (progress.sent, progress.bounced, progress.deferred) == (1, 1, 1)
    assert received_by(refusing) == {"fine@example.com": 1}
    bounced = Recipient.objects.get(contact=nobody)
    assert bounced.state == RecipientState.BOUNCED
    assert "550" in bounced.reason
    assert Suppression.objects.get(address="nobody@example.com").reason == SuppressionReason.BOUNCED
    waiting = Recipient.objects.get(contact=busy)
    assert waiting.state == RecipientState.PENDING
    assert waiting.attempts == 1
    assert waiting.due_at > timezone.now() + datetime.timedelta(minutes=4)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENDING  # the busy one is still to go


def test_a_mail_server_out_of_reach_stops_the_run_and_loses_no_one(settings: Any) -> None:
    from sampark.core.tests.servers import free_port
    from sampark.lib.env import mailer

    settings.MAILERS = {"default": mailer(f"smtp://127.0.0.1:{free_port()}")}
    agent = make_user(Role.AGENT)
    clients = [reachable_client(owner=agent) for _ in range(3)]
    campaign = make_campaign(agent, make_list(agent, *(c.pk for c in clients)))
    launched(campaign, agent)

    progress = sending.send_due(campaign.pk)

    assert progress.sent == 0
    assert progress.errors
    states = Counter(Recipient.objects.values_list("state", flat=True))
    assert states == {RecipientState.PENDING: 3}


class Flaky:
    """A transport that dies at a chosen point of the Nth mail, as a killed worker would."""

    def __init__(self, real: delivery.Transport, *, die_at: int, after_handing: bool) -> None:
        self.real, self.die_at, self.after_handing, self.count = real, die_at, after_handing, 0

    def send(self, message: Any, handing: Any) -> delivery.Handed:
        self.count += 1
        if self.count == self.die_at:
            if self.after_handing:
                handing()  # recorded, then the process dies before the final "."
            raise KeyboardInterrupt
        return self.real.send(message, handing)

    def close(self) -> None:
        self.real.close()


@pytest.mark.parametrize("after_handing", [False, True])
def test_a_run_that_dies_mid_send_is_resumed_without_repeats(
    smtp: SmtpServer, settings: Any, after_handing: bool
) -> None:
    settings.SAMPARK_CAMPAIGN_LEASE_SECONDS = 0  # the dead run's hold runs out at once
    agent = make_user(Role.AGENT)
    clients = [reachable_client(owner=agent) for _ in range(6)]
    campaign = make_campaign(agent, make_list(agent, *(c.pk for c in clients)))
    launched(campaign, agent)

    with pytest.raises(KeyboardInterrupt):
        sending.send_due(
            campaign.pk, via=Flaky(delivery.transport(), die_at=3, after_handing=after_handing)
        )
    assert len(smtp.messages) == 2
    sending.send_due(campaign.pk)

    # Died before handing over: the third is sent on resuming. After: it counts as sent (the
    # server may have it), and nobody gets a second copy.
    expected = 6 if not after_handing else 5
    assert len(smtp.messages) == expected
    assert set(received_by(smtp).values()) == {1}
    assert Recipient.objects.exclude(state=RecipientState.SENT).count() == 0


def test_the_subject_test_sends_the_winner_to_the_rest(smtp: SmtpServer) -> None:
    agent = make_user(Role.AGENT)
    clients = [reachable_client(owner=agent, language="en") for _ in range(40)]
    template = make_template(agent, en=("Subject A", "Body"))
    campaign = make_campaign(
        agent,
        make_list(agent, *(c.pk for c in clients)),
        template=template,
        subject_b={"en": "Subject B for {{ contact.first_name | default('you') }}"},
        test_percent=50,
        test_hours=2,
    )
    launched(campaign, agent)
    arms = Counter(Recipient.objects.values_list("arm", flat=True))
    assert arms[Arm.A] + arms[Arm.B] + arms[Arm.REST] == 40
    assert abs(arms[Arm.A] - arms[Arm.B]) <= 1
    assert arms[Arm.REST] > 0

    sending.send_due(campaign.pk)
    assert len(smtp.messages) == arms[Arm.A] + arms[Arm.B]  # the rest wait for the winner
    subjects = Counter(mail.message["Subject"].split(" for ")[0] for mail in smtp.messages)
    assert subjects == {"Subject A": arms[Arm.A], "Subject B": arms[Arm.B]}

    # Subject B is opened more.
    Recipient.objects.filter(arm=Arm.B).update(opened_at=timezone.now())
    first_a = Recipient.objects.filter(arm=Arm.A).earliest("pk")
    Recipient.objects.filter(pk=first_a.pk).update(opened_at=timezone.now())
    campaign.refresh_from_db()
    assert abtest.decide_due(timezone.now()) == []  # not before the test's hours
    assert abtest.decide_due(campaign.decide_at) == [campaign.pk]
    campaign.refresh_from_db()
    assert campaign.winner == Arm.B
    assert abtest.results(campaign)[Arm.B].rate("opens") == 1.0

    smtp.clear()
    sending.send_due(campaign.pk, clock=lambda: campaign.decide_at + datetime.timedelta(seconds=1))
    assert len(smtp.messages) == arms[Arm.REST]
    assert {mail.message["Subject"].split(" for ")[0] for mail in smtp.messages} == {"Subject B"}
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT


def test_campaigns_are_checked_and_changed_only_by_their_writer_or_a_manager() -> None:
    agent, other, manager = make_user(Role.AGENT), make_user(Role.AGENT), make_user(Role.MANAGER)
    segment = make_list(agent)
    with pytest.raises(ValidationError) as refused:
        actions_campaigns.create_campaign(
            by=agent,
            values={"name": "", "segment": segment, "subject_b": {"en": "{{ contact.__class__ }}"}},
        )
    assert set(refused.value.message_dict) == {"name", "template", "sender", "subject_b.en"}
    campaign = make_campaign(agent, segment, name="Eid offers")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions_campaigns.launch(campaign, by=other)
    actions_campaigns.update_campaign(
        campaign, by=manager, values={**_values(campaign), "name": "Eid offers 2026"}
    )
    campaign.refresh_from_db()
    assert campaign.name == "Eid offers 2026"


def _values(campaign: Any) -> dict[str, Any]:
    return {name: getattr(campaign, name) for name in actions_campaigns.EDITABLE}


def test_a_test_mail_goes_to_the_address_given_as_a_member_would_get_it(smtp: SmtpServer) -> None:
    agent = make_user(Role.AGENT)
    rahim = reachable_client(owner=agent, given_name="Rahim", display_name="Rahim Uddin")
    campaign = make_campaign(agent, make_list(agent, rahim.pk))
    subject = actions_campaigns.send_test(campaign, by=agent, to="me@padma.example")
    assert subject == "[Test] Hello Rahim"
    assert received_by(smtp) == {"me@padma.example": 1}
    with pytest.raises(ValidationError):
        actions_campaigns.send_test(campaign, by=agent, to="not an address")


def test_the_smtp_transport_hands_over_before_the_final_dot(smtp: SmtpServer) -> None:
    """``handing`` runs with all of DATA sent but the ".": a failure there leaves no mail."""
    wire = delivery.transport()
    message = delivery.Mail("Padma", "a@padma.example", "c@example.com", "s", "b", "<p>b</p>")

    def fails() -> None:
        assert smtp.messages == []  # the server has not got it yet
        raise RuntimeError("the database is gone")

    with pytest.raises(RuntimeError):
        wire.send(message, fails)
    wire.close()
    assert smtp.messages == []
    calls: list[int] = []
    wire.send(message, lambda: calls.append(len(smtp.messages)))
    wire.close()
    assert calls == [0]
    assert len(smtp.messages) == 1


def test_smtp_answers_become_refusals_or_deferrals() -> None:
    refusal = delivery._refusal(550, b"5.1.1 No such user", bounce=True)
    assert isinstance(refusal, delivery.Refused)
    assert refusal.bounce
    assert "No such user" in str(refusal)
    assert isinstance(delivery._refusal(421, "busy", bounce=False), delivery.Deferred)
