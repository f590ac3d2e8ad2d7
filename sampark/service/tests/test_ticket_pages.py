"""The ticket pages in the web UI: who sees and may do what, the queues' filters, answering
from the page, and bad input answered field by field.

Everyone but the outsider is in the Dhaka desk, whose queue the ticket is in; the outsider is
an agent of the Mumbai desk. A ticket of another team is "not found", never "forbidden", and is
absent from the list, so guessing numbers reveals nothing.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sampark.service import actions
from sampark.service.models import MessageKind, Priority, Ticket, TicketStatus
from sampark.service.tests.factories import make_ticket

SEE = ["admin", "manager", "agent", "colleague", "reader"]
# The agent has the ticket; managers change their team's; admins all; readers nothing.
CHANGE = {"admin": 200, "manager": 200, "agent": 200, "colleague": 403, "reader": 403}


@pytest.fixture
def ticket(people):  # type: ignore[no-untyped-def]
    ticket = make_ticket(people["manager"], subject="Card blocked at the ATM")
    return actions.assign(ticket, to=people["agent"], by=people["manager"])


def url(name: str, ticket: Ticket) -> str:
    return reverse(f"service:{name}", args=[ticket.pk])


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_the_ticket_and_its_history_follow_the_teams_reach(client, people, ticket, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    for name in ("ticket", "ticket_history"):
        assert client.get(url(name, ticket)).status_code == (404 if role == "outsider" else 200)
    listed = client.get(reverse("service:home")).content.decode()
    assert ("Card blocked at the ATM" in listed) is (role != "outsider")


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_who_may_edit_and_delete(client, people, ticket, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    expected = CHANGE.get(role, 404)

    edit = client.post(
        url("ticket_edit", ticket),
        {
            "subject": "Card blocked",
            "status": "open",
            "priority": 3,
            "team": ticket.team_id,
            "language": "en",
            "version": ticket.version,
        },
    )
    delete_page = client.get(url("ticket_delete", ticket))

    assert edit.status_code == (302 if expected == 200 else expected)
    assert delete_page.status_code == expected
    assert Ticket.objects.get().subject == (
        "Card blocked" if expected == 200 else "Card blocked at the ATM"
    )


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_who_may_answer_and_note(client, people, ticket, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    replied = client.post(url("ticket_reply", ticket), {"kind": "reply", "body": "On it."})
    noted = client.post(url("ticket_reply", ticket), {"kind": "note", "body": "FYI"})

    may_reply = CHANGE.get(role) == 200
    may_note = role in ("admin", "manager", "agent", "colleague")
    assert replied.status_code == (302 if may_reply else 404 if role == "outsider" else 422)
    assert noted.status_code == (302 if may_note else 404 if role == "outsider" else 403)
    kinds = list(Ticket.objects.get().messages.values_list("kind", flat=True))
    assert (MessageKind.REPLY in kinds) is may_reply
    assert (MessageKind.NOTE in kinds) is may_note


def test_an_empty_answer_is_a_field_error_and_nothing_is_lost(client, people, ticket):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(
        url("ticket_reply", ticket), {"kind": "reply", "body": "  ", "status": "bogus"}
    )

    assert response.status_code == 422
    form = response.context["answer_form"]
    assert set(form.errors) == {"body", "status"}
    assert ticket.messages.count() == 1


def test_answering_with_a_file_and_a_new_status(client, people, ticket):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    pdf = SimpleUploadedFile("steps.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    response = client.post(
        url("ticket_reply", ticket),
        {"kind": "reply", "body": "Follow these steps.", "status": "pending", "attachments": pdf},
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.PENDING
    reply = ticket.messages.get(kind=MessageKind.REPLY)
    [attachment] = reply.attachments.all()
    download = client.get(reverse("service:ticket_attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(people["outsider"])
    assert client.get(reverse("service:ticket_attachment", args=[attachment.pk])).status_code == 404


def test_a_refused_file_is_a_field_error(client, people, ticket):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    exe = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")

    response = client.post(
        url("ticket_reply", ticket), {"kind": "reply", "body": "Here", "attachments": exe}
    )

    assert response.status_code == 422
    assert "attachments" in response.context["answer_form"].errors
    assert ticket.messages.count() == 1


def test_taking_an_unassigned_ticket_from_its_page(client, people):  # type: ignore[no-untyped-def]
    ticket = make_ticket(people["manager"])
    client.force_login(people["colleague"])

    page = client.get(url("ticket", ticket)).content.decode()
    assert "Take it" in page
    client.post(url("ticket_assign", ticket), {"take": "1"})

    ticket.refresh_from_db()
    assert ticket.assignee == people["colleague"]
    client.force_login(people["agent"])
    assert "Take it" not in client.get(url("ticket", ticket)).content.decode()


def test_an_edit_from_a_stale_version_is_refused(client, people, ticket):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    stale = ticket.version
    actions.update_ticket(ticket, by=people["manager"], values={"priority": Priority.URGENT})

    response = client.post(
        url("ticket_edit", ticket),
        {
            "subject": "Mine",
            "status": "open",
            "priority": 2,
            "team": ticket.team_id,
            "language": "en",
            "version": stale,
        },
    )

    assert response.status_code == 200
    assert "Someone else changed this ticket" in response.content.decode()
    assert Ticket.objects.get().priority == Priority.URGENT


def test_the_queues_filter_by_assignee_status_and_number(client, people, ticket):  # type: ignore[no-untyped-def]
    waiting = make_ticket(people["manager"], subject="Statement missing")
    solved = make_ticket(people["manager"], subject="Old question")
    actions.update_ticket(solved, by=people["manager"], values={"status": TicketStatus.SOLVED})
    client.force_login(people["agent"])

    def listed(**params: str) -> str:
        return client.get(reverse("service:home"), params).content.decode()

    mine = listed(queue="mine")
    assert "Card blocked at the ATM" in mine
    assert "Statement missing" not in mine
    unassigned = listed(queue="unassigned")
    assert "Statement missing" in unassigned
    assert "Card blocked" not in unassigned
    assert "Old question" not in listed()  # unsolved by default
    assert "Old question" in listed(status="solved")
    assert "Statement missing" in listed(q=f"#{waiting.pk}")
    assert "Card blocked" not in listed(q=f"#{waiting.pk}")
    assert "Statement missing" in listed(q="statem")


def test_bulk_changes_from_the_list(client, people, ticket):  # type: ignore[no-untyped-def]
    other = make_ticket(people["manager"])
    client.force_login(people["agent"])

    response = client.post(
        reverse("service:ticket_bulk"),
        {"ids": [ticket.pk, other.pk], "priority": "4"},
        follow=True,
    )

    assert "1 changed, 1 skipped" in response.content.decode()
    ticket.refresh_from_db()
    other.refresh_from_db()
    assert (ticket.priority, other.priority) == (Priority.URGENT, Priority.NORMAL)
    nothing = client.post(reverse("service:ticket_bulk"), {"ids": [ticket.pk]}, follow=True)
    assert "Choose what to change on them." in nothing.content.decode()


def test_opening_a_ticket_by_hand(client, people):  # type: ignore[no-untyped-def]
    from sampark.contacts.tests.factories import ContactFactory

    client_record = ContactFactory(owner=people["agent"], team=people["agent"].teams.first())
    client.force_login(people["agent"])

    refused = client.post(reverse("service:ticket_create"), {"subject": "", "body": ""})
    assert refused.status_code == 200
    assert {"requester", "subject", "body"} <= set(refused.context["form"].errors)

    response = client.post(
        reverse("service:ticket_create"),
        {
            "requester": client_record.pk,
            "subject": "Wants a statement",
            "body": "Called about last month's statement.",
            "channel": "phone",
            "priority": 2,
            "language": "bn",
            "assignee": people["agent"].pk,
            "tags": "statements",
        },
    )

    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == ticket.get_absolute_url()
    assert (ticket.requester, ticket.assignee, ticket.language) == (
        client_record,
        people["agent"],
        "bn",
    )
    client.force_login(people["reader"])
    assert client.get(reverse("service:ticket_create")).status_code == 403


def test_another_team_s_client_cannot_be_named(client, people):  # type: ignore[no-untyped-def]
    from sampark.contacts.tests.factories import ContactFactory

    hidden = ContactFactory(owner=people["outsider"], team=people["outsider"].teams.first())
    client.force_login(people["agent"])

    response = client.post(
        reverse("service:ticket_create"),
        {
            "requester": hidden.pk,
            "subject": "x",
            "body": "y",
            "channel": "phone",
            "priority": 2,
            "language": "en",
        },
    )

    assert "requester" in response.context["form"].errors
    assert not Ticket.objects.exists()


def test_merging_from_the_page(client, people, ticket):  # type: ignore[no-untyped-def]
    twin = make_ticket(people["agent"], requester=ticket.requester)
    client.force_login(people["agent"])

    response = client.post(url("ticket_merge", twin), {"into": ticket.pk})

    assert response["Location"] == ticket.get_absolute_url()
    twin.refresh_from_db()
    assert twin.merged_into == ticket
    hidden = make_ticket(people["outsider"])
    response = client.post(url("ticket_merge", ticket), {"into": hidden.pk}, follow=True)
    assert "There is no ticket with that number that you may see." in response.content.decode()


def test_what_people_wrote_stays_inert_in_the_page(client, people):  # type: ignore[no-untyped-def]
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    ticket = make_ticket(people["manager"], subject=payload, body=payload, tags=["<b>x</b>"])
    client.force_login(people["manager"])

    for page in (url("ticket", ticket), reverse("service:home")):
        html = client.get(page).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_a_ticket_cannot_be_taken_out_of_every_queue(client, people, ticket):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.post(
        url("ticket_edit", ticket),
        {"subject": "x", "status": "open", "priority": 2, "team": "", "language": "en"},
    )

    assert "team" in response.context["form"].errors
    assert Ticket.objects.get().team_id == ticket.team_id


def test_a_queue_saved_as_a_view_for_the_team_and_columns_chosen(client, people, ticket):  # type: ignore[no-untyped-def]
    from sampark.listviews.models import SavedView

    make_ticket(people["manager"], subject="Statement missing")
    client.force_login(people["manager"])

    saved = client.post(
        reverse("listviews:create", args=["tickets"]),
        {
            "name": "Unassigned, urgent first",
            "query": "queue=unassigned&sort=priority",
            "share": f"team:{people['manager'].teams.first().pk}",
        },
    )
    assert saved.status_code == 302
    view = SavedView.objects.get(list_name="tickets")

    client.force_login(people["agent"])
    page = client.get(reverse("service:home"), {"view": view.pk}).content.decode()
    assert "Unassigned, urgent first" in page
    assert "Statement missing" in page
    assert "Card blocked at the ATM" not in page  # the agent's: assigned
    client.force_login(people["outsider"])
    assert client.get(reverse("service:home"), {"view": view.pk}).status_code == 404


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_who_may_split_a_ticket_from_its_page(client, people, ticket, role):  # type: ignore[no-untyped-def]
    second = actions.client_wrote(
        ticket,
        by=people["manager"],
        body="Another thing",
        contact=ticket.requester,
        channel="email",
    )
    client.force_login(people[role])

    response = client.post(reverse("service:ticket_split", args=[ticket.pk, second.pk]))

    expected = CHANGE.get(role, 404)
    assert response.status_code == (302 if expected == 200 else expected)
    assert Ticket.objects.count() == (2 if expected == 200 else 1)
