"""Reading a mailbox on a real IMAP server (Dovecot, started by the test run): new mail taken
once and only once, whatever happens to the connection or the folder."""

from __future__ import annotations

import pytest
from django.utils import translation

from sampark.leads.models import Lead
from sampark.mail import sync
from sampark.mail.models import InboundMail, Mailbox, Outcome
from sampark.mail.tests.factories import mailbox_on, message

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailbox(imap_account, people):  # type: ignore[no-untyped-def]
    box = mailbox_on(imap_account, people["admin"], owner=people["agent"])
    assert sync.check(box) == sync.Checked(0, "")  # the first check starts after what is there
    return box


def test_new_mail_becomes_leads_and_a_second_check_takes_nothing_again(mailbox, imap_account):  # type: ignore[no-untyped-def]
    imap_account.append(message(sender="Farhana Akter <farhana@padma.com.bd>"))
    imap_account.append(
        message(sender="राहुल शर्मा <rahul@example.in>", body="नमस्ते, मुझे खाता खोलना है।")
    )

    assert sync.check(mailbox) == sync.Checked(2, "")
    assert sync.check(mailbox) == sync.Checked(0, "")

    assert sorted(Lead.objects.values_list("name", flat=True)) == ["Farhana Akter", "राहुल शर्मा"]
    assert Lead.objects.get(email="rahul@example.in").language == "hi"
    mailbox.refresh_from_db()
    assert (mailbox.taken, mailbox.error) == (2, None)
    assert mailbox.succeeded_at is not None


def test_mail_already_there_is_left_unless_asked_for(imap_account, people):  # type: ignore[no-untyped-def]
    imap_account.append(message(sender="old@example.com"))
    left = mailbox_on(imap_account, people["admin"], name="Left")
    assert sync.check(left).taken == 0

    taken = mailbox_on(imap_account, people["admin"], name="Taken", take_existing=True)
    assert sync.check(taken).taken == 1
    assert Lead.objects.get().email == "old@example.com"


def test_reading_marks_nothing_read_for_the_people_who_share_the_mailbox(mailbox, imap_account):  # type: ignore[no-untyped-def]
    uid = imap_account.append(message())

    sync.check(mailbox)

    assert "\\Seen" not in imap_account.flags(uid)


def test_a_connection_cut_mid_sync_resumes_after_the_last_message_taken(  # type: ignore[no-untyped-def]
    mailbox, imap_account, flaky_proxy
):
    # About 70 KB a batch of 25: the cut falls in the second batch's fetch.
    for n in range(60):
        imap_account.append(message(sender=f"client{n}@example.com", body="x" * 2000))
    Mailbox.objects.filter(pk=mailbox.pk).update(port=flaky_proxy.port)
    mailbox.refresh_from_db()
    flaky_proxy.cut_after(100_000)

    cut = sync.check(mailbox)

    assert cut.error
    assert Lead.objects.count() == sync.BATCH, "the cut did not fall in the second batch"
    mailbox.refresh_from_db()
    assert mailbox.error.text() == cut.error
    flaky_proxy.heal()
    assert sync.check(mailbox).error == ""
    assert Lead.objects.count() == InboundMail.objects.count() == 60
    assert Lead.objects.values("email").distinct().count() == 60
    mailbox.refresh_from_db()
    assert mailbox.error is None


def test_a_recreated_folder_is_read_again_without_making_anything_twice(mailbox, imap_account):  # type: ignore[no-untyped-def]
    first = message(sender="farhana@padma.com.bd")
    imap_account.append(first)
    sync.check(mailbox)
    old_validity = imap_account.uidvalidity()

    imap_account.recreate()
    imap_account.append(first)  # the same message, now under a new UIDVALIDITY
    imap_account.append(message(sender="meera@example.in"))
    assert imap_account.uidvalidity() != old_validity

    assert sync.check(mailbox).taken == 2
    assert sorted(Lead.objects.values_list("email", flat=True)) == [
        "farhana@padma.com.bd",
        "meera@example.in",
    ]
    assert InboundMail.objects.filter(outcome=Outcome.DUPLICATE).count() == 1


def test_a_message_without_message_id_is_known_by_its_bytes(mailbox, imap_account):  # type: ignore[no-untyped-def]
    raw = message(message_id="")
    imap_account.append(raw)
    sync.check(mailbox)
    imap_account.recreate()
    imap_account.append(raw)

    sync.check(mailbox)

    assert Lead.objects.count() == 1


def test_automatic_mail_is_filed_but_makes_nothing(mailbox, imap_account):  # type: ignore[no-untyped-def]
    imap_account.append(message(Auto_Submitted="auto-replied", subject="Out of office"))
    imap_account.append(message(sender="MAILER-DAEMON@mx.example.com", subject="Undelivered"))
    imap_account.append(message(sender="sales@broker.example", subject="Our own"))
    imap_account.append(message(List_Id="<news.example.com>", subject="Newsletter"))

    sync.check(mailbox)

    assert not Lead.objects.exists()
    assert sorted(InboundMail.objects.values_list("outcome", flat=True)) == sorted(
        [Outcome.AUTOMATIC, Outcome.BOUNCE, Outcome.OWN, Outcome.LIST]
    )


def test_a_wrong_password_is_shown_on_the_mailbox_and_nothing_moves(mailbox, imap_account):  # type: ignore[no-untyped-def]
    from sampark.lib.sealed import seal

    imap_account.append(message())
    Mailbox.objects.filter(pk=mailbox.pk).update(password_sealed=seal("not the password"))
    mailbox.refresh_from_db()

    checked = sync.check(mailbox)

    assert "user name or password" in checked.error
    mailbox.refresh_from_db()
    assert mailbox.error.text() == checked.error
    assert not Lead.objects.exists()


def test_a_server_that_is_not_there_is_said_so(mailbox):  # type: ignore[no-untyped-def]
    from sampark.core.tests.servers import free_port

    Mailbox.objects.filter(pk=mailbox.pk).update(port=free_port())
    mailbox.refresh_from_db()

    assert "refused the connection" in sync.check(mailbox).error


def test_the_worker_checks_every_active_mailbox_each_minute(mailbox, imap_account, people):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from sampark.core import periodic
    from sampark.mail.tasks import check_mailboxes

    paused = mailbox_on(imap_account, people["admin"], name="Paused", take_existing=True)
    Mailbox.objects.filter(pk=paused.pk).update(is_active=False)
    imap_account.append(message())

    assert periodic.registered()["sampark.mail.tasks.check_mailboxes"] == timedelta(minutes=1)
    assert check_mailboxes.call() == 1
    assert InboundMail.objects.get().mailbox == mailbox


def test_a_check_through_a_stale_copy_of_the_mailbox_takes_nothing_twice(mailbox, imap_account):  # type: ignore[no-untyped-def]
    stale = Mailbox.objects.get(pk=mailbox.pk)  # loaded before the other check moved on
    imap_account.append(message())
    assert sync.check(mailbox).taken == 1

    assert sync.check(stale) == sync.Checked(0, "")
    assert Lead.objects.count() == 1


def test_the_last_error_is_worded_in_the_reader_s_language(client, mailbox, people):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    Mailbox.objects.filter(pk=mailbox.pk).update(host="no-such-host.invalid")
    mailbox.refresh_from_db()
    sync.check(mailbox)  # the worker writes in no one's language
    admin = people["admin"]
    admin.language = "bn"
    admin.save()
    client.force_login(admin)

    page = client.get(reverse("mail:mailboxes")).content.decode()

    mailbox.refresh_from_db()
    assert mailbox.last_error_code == "no_host"
    assert "There is no server by that name." not in page
    with translation.override("bn"):
        assert mailbox.error.text() in page
