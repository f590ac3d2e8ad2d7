"""Migration 0005 files the mail taken before it under the folder it came from, so reading goes
on where it was and nothing is taken twice."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sampark.lib.sealed import seal
from sampark.mail import sync
from sampark.mail.models import InboundMail, Mailbox
from sampark.mail.tests.factories import message

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("mail", "0004_error_codes_and_exclusions")


def test_mail_taken_before_keeps_its_folder_and_is_not_taken_again(people, imap_account):  # type: ignore[no-untyped-def]
    call_command("migrate", *BEFORE, verbosity=0)
    old = MigrationExecutor(connection).loader.project_state([BEFORE]).apps
    uid = imap_account.append(message(sender="old@client.example"))
    box = old.get_model("mail", "Mailbox").objects.create(
        name="Sales enquiries",
        address="sales@broker.example",
        host=imap_account.host,
        port=imap_account.port,
        security="none",
        username=imap_account.username,
        folder="INBOX",
        owner_id=people["admin"].pk,
        uid_validity=imap_account.uidvalidity(),
        last_uid=uid,
    )
    old.get_model("mail", "InboundMail").objects.create(
        mailbox=box,
        uid_validity=imap_account.uidvalidity(),
        uid=uid,
        message_key="<old@client.example>",
        outcome="created",
    )

    call_command("migrate", verbosity=0)

    assert list(InboundMail.objects.values_list("folder", "uid")) == [("INBOX", uid)]
    Mailbox.objects.filter(pk=box.pk).update(password_sealed=seal(imap_account.password))
    assert sync.check(Mailbox.objects.get(pk=box.pk)) == sync.Checked(0, "")
