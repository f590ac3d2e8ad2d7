"""A sales mailbox's mail, read from a real IMAP server: a new sender becomes a lead in their
language, a lead writing again adds to their lead, a client's mail lands on their timeline."""

from __future__ import annotations

import pytest

from sampark.collab.models import Notification
from sampark.contacts.actions import create_contact
from sampark.contacts.models import Activity, ActivityKind, Direction
from sampark.leads.models import Lead, LeadSource
from sampark.mail import sync
from sampark.mail.models import InboundMail, Outcome
from sampark.mail.tests.factories import mailbox_on, message

pytestmark = pytest.mark.django_db(transaction=True)  # notifications are sent on commit


@pytest.fixture
def mailbox(imap_account, people):  # type: ignore[no-untyped-def]
    box = mailbox_on(imap_account, people["admin"], owner=people["agent"])
    sync.check(box)
    return box


def test_a_new_sender_becomes_a_lead_for_the_mailbox_owner(mailbox, imap_account, people):  # type: ignore[no-untyped-def]
    imap_account.append(
        message(
            sender="ফারহানা আক্তার <Farhana@Padma.com.bd>",
            subject="সঞ্চয়পত্র সম্পর্কে জানতে চাই",
            body="আমি পরিবারের জন্য একটি অ্যাকাউন্ট খুলতে চাই।",
        )
    )

    sync.check(mailbox)

    lead = Lead.objects.get()
    assert (lead.name, lead.email, lead.source) == (
        "ফারহানা আক্তার",
        "farhana@padma.com.bd",
        LeadSource.EMAIL,
    )
    assert lead.language == "bn"
    assert lead.message.startswith("সঞ্চয়পত্র সম্পর্কে জানতে চাই\n\nআমি পরিবারের")
    assert (lead.owner, lead.team) == (people["agent"], mailbox.team)
    assert InboundMail.objects.get().record == lead
    notice = Notification.objects.get(recipient=people["agent"])
    assert notice.url == f"/leads/{lead.pk}/"


def test_a_lead_writing_again_adds_to_their_lead(mailbox, imap_account):  # type: ignore[no-untyped-def]
    imap_account.append(message(sender="meera@example.in", subject="Mutual funds", body="First."))
    sync.check(mailbox)
    imap_account.append(
        message(sender="Meera@Example.in", subject="Re: Mutual funds", body="Second.")
    )

    sync.check(mailbox)

    lead = Lead.objects.get()
    assert "First." in lead.message
    assert "Second." in lead.message
    assert lead.message.index("First.") < lead.message.index("Second.")
    assert list(InboundMail.objects.values_list("outcome", flat=True).order_by("id")) == [
        Outcome.CREATED,
        Outcome.ADDED,
    ]


def test_a_client_s_mail_lands_on_their_timeline_not_in_leads(mailbox, imap_account, people):  # type: ignore[no-untyped-def]
    client = create_contact(
        by=people["colleague"], display_name="Rahim Uddin", email="Rahim@padma.com.bd"
    )
    imap_account.append(
        message(sender="rahim@padma.com.bd", subject="Top-up", body="Please add 50,000.")
    )

    sync.check(mailbox)

    assert not Lead.objects.exists()
    activity = Activity.objects.get(contact=client)
    assert (activity.kind, activity.direction, activity.subject) == (
        ActivityKind.EMAIL,
        Direction.INBOUND,
        "Top-up",
    )
    assert activity.body == "<p>Please add 50,000.</p>"  # stored as safe HTML, like any note
    assert activity.from_address == "rahim@padma.com.bd"


def test_a_client_the_owner_may_not_see_is_not_revealed(mailbox, imap_account, people):  # type: ignore[no-untyped-def]
    create_contact(by=people["outsider"], display_name="Mumbai client", email="client@mumbai.in")
    imap_account.append(message(sender="client@mumbai.in"))

    sync.check(mailbox)

    assert Lead.objects.get().email == "client@mumbai.in"
    assert not Activity.objects.exists()


def test_an_html_only_message_becomes_its_text(mailbox, imap_account):  # type: ignore[no-untyped-def]
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"] = "web@example.org"
    mail["Subject"] = "Enquiry"
    mail["Message-ID"] = "<html-only@example.org>"
    mail.set_content("<p>Call me <b>tomorrow</b></p><script>alert(1)</script>", subtype="html")
    imap_account.append(bytes(mail))

    sync.check(mailbox)

    assert Lead.objects.get().message == "Enquiry\n\nCall me tomorrow"


def test_a_lead_s_emails_count_in_its_score(mailbox, imap_account):  # type: ignore[no-untyped-def]
    from sampark.scoring.tests.factories import make_rule

    make_rule(field="source", operator="equals", value="email", points=10)
    make_rule(field="emails", operator="at_least", value="2", points=25)
    imap_account.append(message(sender="meera@example.in", body="First."))
    sync.check(mailbox)
    assert Lead.objects.get().score == 10

    imap_account.append(message(sender="meera@example.in", body="Second."))
    sync.check(mailbox)

    assert Lead.objects.get().score == 35
