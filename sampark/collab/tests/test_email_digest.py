"""Email digests: one email per person with all their pending notifications, in their language
and time zone, never sent twice, as often as each person chose."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sampark.collab import digest
from sampark.collab.actions import set_digest_frequency
from sampark.collab.models import DigestPreference, Notification, NotificationKind
from sampark.collab.notifications import notify
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db
DHAKA = zoneinfo.ZoneInfo("Asia/Dhaka")


def dhaka(hour, day=2):  # type: ignore[no-untyped-def]
    return datetime.datetime(2026, 3, day, hour, 30, tzinfo=DHAKA)


def tell(user, text, at):  # type: ignore[no-untyped-def]
    note = notify(user, kind=NotificationKind.COMMENT, message=text, url="/contacts/5/#comments")
    assert note is not None
    Notification.objects.filter(pk=note.pk).update(created_at=at)
    return note


@pytest.fixture
def rahim(teams):  # type: ignore[no-untyped-def]
    return make_user(Role.AGENT, teams[0], username="rahim", time_zone="Asia/Dhaka")


def test_one_email_per_person_lists_all_their_pending_notifications(rahim, people, settings):  # type: ignore[no-untyped-def]
    settings.SAMPARK_SITE_URL = "https://crm.example.com"
    tell(rahim, "Nusrat commented on Meera Nair", dhaka(6))
    tell(rahim, "Karim mentioned you on Padma Traders", dhaka(7))
    tell(people["manager"], "For the manager", dhaka(7))

    assert digest.send_digests(now=dhaka(8)) == 2

    to_rahim = [m for m in mail.outbox if m.to == [rahim.email]]
    assert len(to_rahim) == 1
    message = to_rahim[0]
    assert message.subject == "Sampark: 2 new notifications"
    assert "Nusrat commented on Meera Nair" in message.body
    assert "Karim mentioned you on Padma Traders" in message.body
    assert "https://crm.example.com/contacts/5/#comments" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<a href="https://crm.example.com/contacts/5/#comments">' in html
    assert "For the manager" not in message.body


def test_nothing_is_sent_twice(rahim):  # type: ignore[no-untyped-def]
    tell(rahim, "first", dhaka(6))
    set_digest_frequency(rahim, "hourly")

    assert digest.send_digests(now=dhaka(9)) == 1
    assert digest.send_digests(now=dhaka(10)) == 0
    tell(rahim, "second", dhaka(10))
    assert digest.send_digests(now=dhaka(11)) == 1

    assert len(mail.outbox) == 2
    assert "first" not in mail.outbox[1].body
    assert "second" in mail.outbox[1].body
    assert not Notification.objects.undigested().exists()


def test_read_notifications_are_not_emailed(rahim):  # type: ignore[no-untyped-def]
    from sampark.collab.notifications import mark_read

    tell(rahim, "seen already", dhaka(6))
    mark_read(rahim)

    assert digest.send_digests(now=dhaka(9)) == 0
    assert mail.outbox == []


def test_a_bengali_reader_gets_the_digest_in_bengali(teams):  # type: ignore[no-untyped-def]
    karim = make_user(Role.AGENT, teams[0], username="karim", language="bn")
    tell(karim, format_lazy("{}: {}", _("Contacts"), "Meera Nair"), dhaka(7))

    digest.send_digests(now=dhaka(9))

    body = mail.outbox[0].body
    assert "যোগাযোগ: Meera Nair" in body  # written in Bengali when it happened
    assert "২০২৬" in body  # the date, with Bengali digits
    assert "১" in mail.outbox[0].subject  # the count too


def test_times_are_in_the_readers_time_zone(teams):  # type: ignore[no-untyped-def]
    mumbai = make_user(Role.AGENT, teams[0], username="priya", time_zone="Asia/Kolkata")
    set_digest_frequency(mumbai, "hourly")
    tell(mumbai, "hello", datetime.datetime(2026, 3, 2, 4, 0, tzinfo=datetime.UTC))

    digest.send_digests(now=datetime.datetime(2026, 3, 2, 5, 0, tzinfo=datetime.UTC))

    assert "9:30" in mail.outbox[0].body  # 04:00 UTC is 09:30 in Kolkata


def test_daily_digests_wait_for_eight_in_the_morning_local_time_then_go_once_a_day(rahim):  # type: ignore[no-untyped-def]
    tell(rahim, "overnight", dhaka(2))

    assert digest.send_digests(now=dhaka(7)) == 0  # 07:30 in Dhaka
    assert digest.send_digests(now=dhaka(8)) == 1  # 08:30
    tell(rahim, "later that day", dhaka(9))
    assert digest.send_digests(now=dhaka(10)) == 0
    assert digest.send_digests(now=dhaka(23)) == 0
    assert digest.send_digests(now=dhaka(8, day=3)) == 1

    assert DigestPreference.objects.get(user=rahim).last_sent_at == dhaka(8, day=3)


def test_eight_oclock_is_the_readers_own(teams):  # type: ignore[no-untyped-def]
    london = make_user(Role.AGENT, teams[0], username="amelia", time_zone="Europe/London")
    tell(london, "hello", dhaka(6))

    # 08:30 in Dhaka is 02:30 in London: not yet; 14:30 in Dhaka is 08:30 in London.
    assert digest.send_digests(now=dhaka(8)) == 0
    assert digest.send_digests(now=dhaka(14)) == 1


def test_hourly_sends_on_every_run_with_something_new(rahim):  # type: ignore[no-untyped-def]
    set_digest_frequency(rahim, "hourly")
    tell(rahim, "at three", dhaka(3))

    assert digest.send_digests(now=dhaka(3, day=2).replace(minute=45)) == 1


def test_never_means_never(rahim):  # type: ignore[no-untyped-def]
    set_digest_frequency(rahim, "never")
    tell(rahim, "quiet please", dhaka(6))

    assert digest.send_digests(now=dhaka(9)) == 0
    assert mail.outbox == []
    assert Notification.objects.undigested().count() == 1  # still on the site, unread


def test_people_without_an_address_or_inactive_get_nothing(teams):  # type: ignore[no-untyped-def]
    nobody = make_user(Role.AGENT, teams[0], username="noaddress", email="")
    tell(nobody, "hello", dhaka(6))

    assert digest.send_digests(now=dhaka(9)) == 0


def test_a_failed_send_is_tried_again_on_the_next_run(rahim, monkeypatch):  # type: ignore[no-untyped-def]
    from django.core.mail import EmailMultiAlternatives

    tell(rahim, "important", dhaka(6))
    original = EmailMultiAlternatives.send

    def refuse(self, fail_silently=False):  # type: ignore[no-untyped-def]
        raise OSError("mail server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    assert digest.send_digests(now=dhaka(9)) == 0
    assert Notification.objects.undigested().count() == 1

    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    assert digest.send_digests(now=dhaka(10)) == 1
    assert "important" in mail.outbox[0].body


def test_a_long_backlog_is_listed_in_part_and_counted(rahim):  # type: ignore[no-untyped-def]
    for n in range(digest.MAX_ITEMS + 3):
        tell(rahim, f"item {n}", dhaka(6))

    digest.send_digests(now=dhaka(9))

    assert "… and 3 more." in mail.outbox[0].body
    assert not Notification.objects.undigested().exists()


def test_the_hourly_task_is_registered_and_sends_through_the_task_backend(rahim, settings):  # type: ignore[no-untyped-def]
    from sampark.collab.tasks import send_email_digests
    from sampark.core import periodic

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    set_digest_frequency(rahim, "hourly")
    tell(rahim, "via the worker", dhaka(6))

    assert periodic.registered()["sampark.collab.tasks.send_email_digests"] == datetime.timedelta(
        hours=1
    )
    result = send_email_digests.enqueue()

    assert result.return_value == 1
    assert "via the worker" in mail.outbox[0].body
