"""What a ticket goes through: opened, taken, answered, noted, answered by the client, solved,
merged; and who may do each. The conversation drives the status."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sampark.collab.models import Notification
from sampark.core.models import AuditEntry
from sampark.service import actions
from sampark.service.models import MessageKind, Priority, Ticket, TicketChannel, TicketStatus
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(people, teams):  # type: ignore[no-untyped-def]
    # Phoned in to the manager, in the Dhaka desk's queue, with nobody on it yet.
    return make_ticket(people["manager"], channel=TicketChannel.PHONE, priority=Priority.HIGH)


def test_a_new_ticket_starts_its_thread_with_the_client_s_request(ticket, people, teams):  # type: ignore[no-untyped-def]
    assert (ticket.status, ticket.owner, ticket.team, ticket.assignee) == (
        TicketStatus.NEW,
        people["manager"],
        teams[0],
        None,
    )
    first = ticket.messages.get()
    assert (first.kind, first.author, first.contact) == (
        MessageKind.CLIENT,
        people["manager"],  # typed in during the call
        ticket.requester,
    )
    assert ticket.language == ticket.requester.language
    assert AuditEntry.objects.for_record(ticket).count() == 1


def test_an_empty_subject_or_message_is_refused_field_by_field(people):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        make_ticket(people["agent"], subject=" ", body="", tags=["x" * 61])
    assert set(refused.value.message_dict) == {"subject", "body", "tags"}
    assert not Ticket.objects.exists()


def test_an_agent_takes_an_unassigned_ticket_of_their_queue_and_then_answers_it(  # type: ignore[no-untyped-def]
    ticket, people
):
    agent = people["agent"]
    with pytest.raises(PermissionDenied):
        actions.reply(ticket, by=agent, body="Hello")  # not theirs yet

    assert actions.may_take(agent, ticket)
    actions.assign(ticket, to=agent, by=agent)
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.owner, ticket.status) == (agent, agent, TicketStatus.OPEN)

    reply = actions.reply(ticket, by=agent, body="We unblocked it.", status=TicketStatus.SOLVED)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SOLVED
    assert ticket.solved_at is not None
    assert ticket.first_response_at == reply.created_at
    assert ticket.messages_count == 2
    # Without an address on the client nothing is mailed; the reply is kept all the same.
    assert reply.mail is None or reply.mail.to_address == ticket.requester.email


def test_nobody_takes_a_ticket_of_another_queue_or_one_already_taken(ticket, people):  # type: ignore[no-untyped-def]
    assert not actions.may_take(people["outsider"], ticket)
    assert not actions.may_take(people["reader"], ticket)
    actions.assign(ticket, to=people["agent"], by=people["agent"])
    ticket.refresh_from_db()
    assert not actions.may_take(people["colleague"], ticket)
    with pytest.raises(PermissionDenied):
        actions.assign(ticket, to=people["colleague"], by=people["colleague"])


def test_a_manager_hands_a_ticket_to_an_agent_who_is_told(  # type: ignore[no-untyped-def]
    ticket, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign(ticket, to=people["agent"], by=people["manager"])

    notice = Notification.objects.get(recipient=people["agent"])
    assert ticket.number in notice.message
    assert notice.url == ticket.get_absolute_url()


def test_a_teammate_may_add_a_note_but_not_reply(  # type: ignore[no-untyped-def]
    ticket, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign(ticket, to=people["agent"], by=people["manager"])
        ticket.refresh_from_db()
        note = actions.add_note(ticket, by=people["colleague"], body="He called again at 3 pm.")

    assert note.kind == MessageKind.NOTE
    assert not note.is_public
    with pytest.raises(PermissionDenied):
        actions.reply(ticket, by=people["colleague"], body="Hello")
    with pytest.raises(PermissionDenied):
        actions.add_note(ticket, by=people["reader"], body="Hm")
    assert Notification.objects.filter(recipient=people["agent"]).count() == 2  # assigned, note


def test_the_client_writing_again_reopens_a_pending_ticket(ticket, people):  # type: ignore[no-untyped-def]
    actions.assign(ticket, to=people["agent"], by=people["manager"])
    ticket.refresh_from_db()
    actions.reply(ticket, by=people["agent"], body="Which card?", status=TicketStatus.PENDING)
    ticket.refresh_from_db()

    actions.client_wrote(
        ticket,
        by=people["manager"],
        body="The debit card.",
        contact=ticket.requester,
        channel=TicketChannel.EMAIL,
    )

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN
    assert ticket.last_client_message_at is not None


def test_merging_moves_the_thread_and_closes_the_duplicate(ticket, people):  # type: ignore[no-untyped-def]
    twin = make_ticket(people["manager"], requester=ticket.requester, subject="Card again")

    actions.merge(twin, into=ticket, by=people["manager"])

    twin.refresh_from_db()
    ticket.refresh_from_db()
    assert (twin.status, twin.merged_into) == (TicketStatus.CLOSED, ticket)
    assert twin.messages.count() == 0
    kinds = list(ticket.messages.values_list("kind", flat=True))
    assert kinds == [MessageKind.CLIENT, MessageKind.CLIENT, MessageKind.NOTE]
    assert ticket.messages_count == 3
    with pytest.raises(ValidationError):
        actions.merge(ticket, into=ticket, by=people["manager"])
    with pytest.raises(ValidationError):
        actions.merge(make_ticket(people["manager"]), into=twin, by=people["manager"])


def test_merging_needs_both_tickets_changeable(ticket, people):  # type: ignore[no-untyped-def]
    mine = make_ticket(people["agent"])
    with pytest.raises(PermissionDenied):
        actions.merge(mine, into=ticket, by=people["agent"])


def test_bulk_changes_skip_what_the_user_may_not_change(ticket, people):  # type: ignore[no-untyped-def]
    mine = make_ticket(people["agent"])
    outcome = actions.bulk_change(
        [ticket.pk, mine.pk, 999_999], by=people["agent"], values={"priority": Priority.URGENT}
    )
    assert (outcome.done, outcome.skipped) == (1, 2)
    mine.refresh_from_db()
    ticket.refresh_from_db()
    assert (mine.priority, ticket.priority) == (Priority.URGENT, Priority.HIGH)


def test_solving_and_reopening_keep_when_it_was_solved(ticket, people):  # type: ignore[no-untyped-def]
    manager = people["manager"]
    actions.update_ticket(ticket, by=manager, values={"status": TicketStatus.SOLVED})
    ticket.refresh_from_db()
    solved = ticket.solved_at
    actions.update_ticket(ticket, by=manager, values={"status": TicketStatus.CLOSED})
    ticket.refresh_from_db()
    assert ticket.solved_at == solved
    actions.update_ticket(ticket, by=manager, values={"status": TicketStatus.OPEN})
    ticket.refresh_from_db()
    assert ticket.solved_at is None


def test_tags_and_problem_fields_are_edited_with_the_ticket(ticket, people):  # type: ignore[no-untyped-def]
    actions.update_ticket(
        ticket,
        by=people["manager"],
        values={"root_cause": "A stale card limit", "fix": "Limits refresh nightly"},
        tags=["cards", "Cards", "limits"],
    )
    ticket.refresh_from_db()
    assert sorted(t.name for t in ticket.tags.all()) == ["cards", "limits"]
    assert ticket.fix == "Limits refresh nightly"
    with pytest.raises(ValueError, match="Not settable by an edit: owner"):
        actions.update_ticket(ticket, by=people["manager"], values={"owner": people["agent"]})


def test_a_second_question_is_split_off_into_a_ticket_of_its_own(ticket, people):  # type: ignore[no-untyped-def]
    manager = people["manager"]
    first = ticket.messages.get()
    second = actions.client_wrote(
        ticket,
        by=manager,
        body="Also: my statement is missing.",
        contact=ticket.requester,
        channel=TicketChannel.EMAIL,
    )
    with pytest.raises(ValidationError):
        actions.split(ticket, first, by=manager)  # the first message is the ticket itself
    with pytest.raises(PermissionDenied):
        actions.split(ticket, second, by=people["colleague"])

    new = actions.split(ticket, second, by=manager)

    ticket.refresh_from_db()
    assert (new.requester, new.team, new.priority) == (
        ticket.requester,
        ticket.team,
        ticket.priority,
    )
    assert f"split from #{ticket.pk}" in new.subject
    assert list(new.messages.values_list("kind", flat=True)) == [
        MessageKind.CLIENT,
        MessageKind.NOTE,
    ]
    assert new.messages.first().body == "Also: my statement is missing."
    assert ticket.messages.filter(kind=MessageKind.CLIENT).count() == 1
    assert (ticket.messages_count, new.messages_count) == (2, 2)
    assert f"#{new.pk}" in ticket.messages.get(kind=MessageKind.NOTE).body
