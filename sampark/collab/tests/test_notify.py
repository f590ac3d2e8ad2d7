from __future__ import annotations

import pytest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sampark.collab.models import Notification, NotificationKind
from sampark.collab.notifications import mark_read, notify
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_notification_is_written_in_the_recipients_language():
    rahim = make_user(Role.AGENT, username="rahim", language="bn")
    message = format_lazy("{}: {}", _("Contacts"), "Meera Nair")

    note = notify(rahim, kind=NotificationKind.REMINDER, message=message, url="/contacts/1/")

    assert note is not None
    assert note.message == "যোগাযোগ: Meera Nair"
    assert note.url == "/contacts/1/"


def test_an_inactive_user_is_not_told_anything():
    gone = make_user(Role.AGENT, username="gone", is_active=False)

    assert notify(gone, kind=NotificationKind.MENTION, message="hello") is None
    assert not Notification.objects.exists()


def test_mark_read_touches_only_the_given_unread_notifications_of_that_user():
    rahim = make_user(Role.AGENT, username="rahim")
    other = make_user(Role.AGENT, username="other")
    first = notify(rahim, kind=NotificationKind.MENTION, message="one")
    notify(rahim, kind=NotificationKind.MENTION, message="two")
    notify(other, kind=NotificationKind.MENTION, message="three")
    assert first is not None

    assert mark_read(rahim, [first.pk]) == 1
    assert Notification.objects.for_user(rahim).unread().count() == 1
    assert mark_read(rahim) == 1
    assert Notification.objects.unread().count() == 1
