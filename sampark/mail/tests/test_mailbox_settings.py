"""Settings → Mailboxes: admins only; the server is tried before saving and what fails is shown
on the field at fault; the password is never shown or stored readable; status and mail taken."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.core.models import AuditEntry
from sampark.leads.models import Lead
from sampark.lib.sealed import unseal
from sampark.mail.models import Mailbox, Security
from sampark.mail.tests.factories import mailbox_on, message

pytestmark = pytest.mark.django_db


def form_data(account, people, **changes):  # type: ignore[no-untyped-def]
    return {
        "name": "Sales enquiries",
        "purpose": "leads",
        "address": "Sales@Broker.example",
        "host": account.host,
        "port": account.port,
        "security": Security.NONE,
        "username": account.username,
        "password": account.password,
        "folder": "INBOX",
        "smtp_port": 587,
        "smtp_security": Security.STARTTLS,
        "owner": people["agent"].pk,
        "team": "",
        "is_active": "on",
        **changes,
    }


@pytest.mark.parametrize("role", ["manager", "agent", "reader"])
def test_only_admins_see_or_change_mailboxes(client, people, imap_account, role):  # type: ignore[no-untyped-def]
    box = mailbox_on(imap_account, people["admin"])
    client.force_login(people[role])

    for url in (
        reverse("mail:mailboxes"),
        reverse("mail:create"),
        reverse("mail:mailbox", args=[box.pk]),
        reverse("mail:delete", args=[box.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("mail:check", args=[box.pk])).status_code == 403
    assert client.post(reverse("mail:delete", args=[box.pk])).status_code == 403
    assert Mailbox.objects.filter(pk=box.pk).exists()


def test_connecting_a_mailbox_tries_it_and_seals_the_password(client, people, imap_account):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    response = client.post(reverse("mail:create"), form_data(imap_account, people))

    box = Mailbox.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/settings/mailboxes/{box.pk}/"
    assert box.address == "sales@broker.example"
    assert (box.owner, box.team) == (people["agent"], people["agent"].teams.first())
    assert imap_account.password not in box.password_sealed
    assert unseal(box.password_sealed) == imap_account.password
    entry = AuditEntry.objects.get(model_label="mail.mailbox", action="create")
    assert imap_account.password not in str(entry.changes)
    page = client.get(response["Location"]).content.decode()
    assert imap_account.password not in page
    assert "Not checked yet" in page


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"password": "wrong"}, "password", "user name or password"),
        ({"port": 1}, "host", "refused the connection"),
        ({"host": "a..b"}, "host", "There is no server by that name"),
        ({"password": "পাসওয়ার্ড"}, "password", "user name or password"),
        ({"folder": "No such folder"}, "folder", "There is no folder"),
        ({"password": ""}, "password", "This field is required"),
        ({"port": 70000}, "port", "less than or equal to 65535"),
    ],
)
def test_what_fails_is_shown_on_the_field_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    client, people, imap_account, changes, field, words
):
    client.force_login(people["admin"])

    response = client.post(reverse("mail:create"), form_data(imap_account, people, **changes))

    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors[field])
    assert not Mailbox.objects.exists()


def test_editing_keeps_the_password_unless_a_new_one_is_typed(client, people, imap_account):  # type: ignore[no-untyped-def]
    box = mailbox_on(imap_account, people["admin"])
    client.force_login(people["admin"])
    data = form_data(imap_account, people, name="Enquiries", password="", version=box.version)

    response = client.post(reverse("mail:mailbox", args=[box.pk]), data)

    assert response.status_code == 302
    box.refresh_from_db()
    assert box.name == "Enquiries"
    assert unseal(box.password_sealed) == imap_account.password

    wrong = form_data(imap_account, people, password="wrong", version=box.version)
    response = client.post(reverse("mail:mailbox", args=[box.pk]), wrong)
    assert "user name or password" in " ".join(response.context["form"].errors["password"])
    box.refresh_from_db()
    assert unseal(box.password_sealed) == imap_account.password


def test_check_now_takes_new_mail_and_the_page_lists_it(client, people, imap_account, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    box = mailbox_on(imap_account, people["admin"], owner=people["agent"])
    client.force_login(people["admin"])
    client.post(reverse("mail:check", args=[box.pk]))  # the first check: after what is there
    imap_account.append(message(sender="Nusrat <nusrat@example.com>", subject="<b>Bonds</b>"))

    client.post(reverse("mail:check", args=[box.pk]))

    lead = Lead.objects.get()
    page = client.get(reverse("mail:mailbox", args=[box.pk])).content.decode()
    assert "Working" in page
    assert f'href="/leads/{lead.pk}/"' in page
    assert "&lt;b&gt;Bonds&lt;/b&gt;" in page
    assert "<b>Bonds</b>" not in page


def test_a_failing_mailbox_says_why_in_the_list(client, people, imap_account):  # type: ignore[no-untyped-def]
    from sampark.mail import sync

    box = mailbox_on(imap_account, people["admin"], port=1)
    sync.check(box)
    client.force_login(people["admin"])

    page = client.get(reverse("mail:mailboxes")).content.decode()

    assert "Failing" in page
    assert "refused the connection" in page


def test_removing_a_mailbox_keeps_what_its_mail_became(client, people, imap_account):  # type: ignore[no-untyped-def]
    from sampark.mail import sync

    box = mailbox_on(imap_account, people["admin"], take_existing=True)
    imap_account.append(message())
    sync.check(box)
    client.force_login(people["admin"])

    response = client.post(reverse("mail:delete", args=[box.pk]))

    assert response.status_code == 302
    assert not Mailbox.objects.exists()
    assert Lead.objects.count() == 1
