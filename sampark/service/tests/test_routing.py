"""New tickets handed out by their queue: by language and skill, in turn or by load, only to
available agents under their limit; by hand when the queue says so."""

from __future__ import annotations

import pytest

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.service.models import (
    AgentProfile,
    Assignment,
    Availability,
    Category,
    Queue,
    TicketStatus,
)
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(people, teams):  # type: ignore[no-untyped-def]
    """The Dhaka desk hands tickets out in turn. The agent answers in Bengali and English, the
    colleague in Hindi; the manager (English) works tickets too; the reader does not."""
    Queue.objects.create(team=teams[0], assignment=Assignment.ROUND_ROBIN)
    AgentProfile.objects.create(user=people["agent"], languages=["bn", "en"])
    AgentProfile.objects.create(user=people["colleague"], languages=["hi"])
    AgentProfile.objects.create(user=people["manager"], languages=["en"])
    return teams[0]


def ticket_in(people, language: str, **values):  # type: ignore[no-untyped-def]
    client = ContactFactory(owner=people["manager"], team=people["manager"].teams.first())
    return make_ticket(people["manager"], requester=client, language=language, **values)


def test_a_bengali_ticket_reaches_an_agent_who_answers_in_bengali(desk, people):  # type: ignore[no-untyped-def]
    for _ in range(3):
        ticket = ticket_in(people, "bn")
        assert ticket.assignee == people["agent"]
        assert (ticket.owner, ticket.status) == (people["agent"], TicketStatus.OPEN)
    assert ticket_in(people, "hi").assignee == people["colleague"]


def test_english_tickets_go_round_the_english_speakers_in_turn(desk, people):  # type: ignore[no-untyped-def]
    assignees = [ticket_in(people, "en").assignee for _ in range(4)]
    first, second = sorted([people["agent"], people["manager"]], key=lambda u: u.pk)
    assert assignees == [first, second, first, second]


def test_by_load_the_agent_with_fewest_open_tickets_gets_it(desk, people):  # type: ignore[no-untyped-def]
    Queue.objects.filter(team=desk).update(assignment=Assignment.LOAD)
    make_ticket(people["manager"], assignee=people["agent"])
    make_ticket(people["manager"], assignee=people["agent"])

    assert ticket_in(people, "en").assignee == people["manager"]


def test_only_available_agents_under_their_limit_get_tickets(desk, people):  # type: ignore[no-untyped-def]
    AgentProfile.objects.filter(user=people["agent"]).update(max_open_tickets=1)
    assert ticket_in(people, "bn").assignee == people["agent"]
    # At the limit now, and the only Bengali speaker: the ticket waits in the queue.
    waiting = ticket_in(people, "bn")
    assert (waiting.assignee, waiting.status) == (None, TicketStatus.NEW)
    AgentProfile.objects.filter(user=people["colleague"]).update(availability=Availability.AWAY)
    assert ticket_in(people, "hi").assignee is None


def test_agents_skilled_in_the_category_are_preferred(desk, people):  # type: ignore[no-untyped-def]
    cards = Category.objects.create(name="Cards")
    AgentProfile.objects.get(user=people["manager"]).skills.add(cards)

    assigned = {ticket_in(people, "en", category=cards).assignee for _ in range(3)}

    assert assigned == {people["manager"]}


def test_a_queue_by_hand_and_a_new_member_without_a_profile(desk, people, teams):  # type: ignore[no-untyped-def]
    newcomer = make_user(Role.AGENT, teams[0], username="newcomer", language="hi")
    AgentProfile.objects.filter(user=people["colleague"]).update(availability=Availability.OFFLINE)
    # Without a profile, an agent answers in the language they use Sampark in.
    assert ticket_in(people, "hi").assignee == newcomer
    Queue.objects.filter(team=desk).update(assignment=Assignment.MANUAL)
    assert ticket_in(people, "hi").assignee is None
