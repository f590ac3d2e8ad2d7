"""When a ticket is solved its client is asked, once, how it went: one click on a link in the
mail (or a choice in the portal) records the rating with the agent, queue and category, and an
unhappy rating gives the queue's manager a task to follow it up.

Rahima is a client of the Dhaka desk; the agent solves her ticket about cards.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from sampark.agenda.models import Task
from sampark.collab.models import Notification
from sampark.contacts.actions import create_contact
from sampark.contacts.models import Contact
from sampark.mail.actions import create_mailbox
from sampark.mail.models import Purpose
from sampark.service import actions, csat, mailing, portal
from sampark.service.models import Category, Rating, Satisfaction, Ticket, TicketStatus
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

DESK = "help@broker.example"
_RATE_LINK = re.compile(r"http://localhost:8000(/support/rate/[^/\s]+/)(\d)/")


@pytest.fixture
def rahima(people, teams) -> Contact:  # type: ignore[no-untyped-def]
    return create_contact(
        by=people["agent"],
        team_id=teams[0].pk,
        display_name="রহিমা খাতুন",
        email="rahima@meghna.com.bd",
        language="bn",
    )


@pytest.fixture
def ticket(people, rahima) -> Ticket:  # type: ignore[no-untyped-def]
    cards = Category.objects.create(name="Cards")
    opened = make_ticket(
        people["manager"],
        requester=rahima,
        subject="কার্ড বন্ধ",
        category=cards,
        mail=actions.Mail(message_id="<first@meghna.com.bd>", from_address=rahima.email),
    )
    return actions.assign(opened, to=people["agent"], by=people["manager"])


def solve(ticket: Ticket, people) -> Ticket:  # type: ignore[no-untyped-def]
    return actions.update_ticket(ticket, by=people["agent"], values={"status": TicketStatus.SOLVED})


def surveys(server) -> list:  # type: ignore[no-untyped-def]
    """The survey mails received: those with rating links."""
    return [
        m
        for m in server.messages
        if _RATE_LINK.search(m.message.get_body(("plain",)).get_content())
    ]


@pytest.mark.django_db(transaction=True)  # the survey goes out once the solving commits
def test_solving_asks_the_client_once_while_unrated(  # type: ignore[no-untyped-def]
    people, rahima, ticket, smtp_settings, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    create_mailbox(
        by=people["admin"],
        password="secret",
        owner=people["manager"],
        name="Help desk",
        address=DESK,
        host="imap.broker.example",
        username="help",
        purpose=Purpose.TICKETS,
    )
    solve(ticket, people)

    [survey] = surveys(smtp_settings)
    assert survey.recipients == ["rahima@meghna.com.bd"]
    mail = survey.message
    assert mail["Subject"].endswith(f" [#{ticket.pk}] কার্ড বন্ধ")  # in the ticket's language
    assert DESK in mail["From"]
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["In-Reply-To"] == "<first@meghna.com.bd>"  # threaded with the ticket
    text = mail.get_body(("plain",)).get_content()
    assert sorted(int(r) for _path, r in _RATE_LINK.findall(text)) == [1, 2, 3, 4, 5]
    # The ticket page still names the acknowledgement, not the survey.
    ticket.refresh_from_db()
    assert mailing.acknowledgement_sent(ticket) is None

    # Solved again after the client reopened it, still unrated: asked again.
    actions.client_wrote(
        ticket, by=people["manager"], body="Still blocked.", contact=rahima, channel="email"
    )
    solve(Ticket.objects.get(pk=ticket.pk), people)
    assert len(surveys(smtp_settings)) == 2
    # A second run of the task for the same solving sends nothing; once rated, never again.
    assert csat.ask_for_rating(Ticket.objects.get(pk=ticket.pk)) is None
    csat.rate(Ticket.objects.get(pk=ticket.pk), Rating.GOOD)
    actions.client_wrote(
        Ticket.objects.get(pk=ticket.pk),
        by=people["manager"],
        body="One more thing.",
        contact=rahima,
        channel="email",
    )
    solve(Ticket.objects.get(pk=ticket.pk), people)
    assert len(surveys(smtp_settings)) == 2


def test_the_survey_waits_a_little_after_the_solving(  # type: ignore[no-untyped-def]
    people, ticket, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from sampark.service.tasks import send_satisfaction_survey

    with django_capture_on_commit_callbacks(execute=True):
        solve(ticket, people)
        actions.update_ticket(
            Ticket.objects.get(pk=ticket.pk), by=people["agent"], values={"priority": 3}
        )

    # The backend the task itself enqueues to (the handler is rebuilt when TASKS changes).
    [asked] = send_satisfaction_survey.get_backend().results  # type: ignore[attr-defined]
    assert asked.task.name == "send_satisfaction_survey"
    assert asked.args == [ticket.pk]
    wait = asked.task.run_after - timezone.now()
    assert csat.SURVEY_DELAY - datetime.timedelta(minutes=1) < wait <= csat.SURVEY_DELAY


def test_one_click_records_the_rating_with_agent_queue_and_category(  # type: ignore[no-untyped-def]
    client, people, teams, ticket
):
    solved = solve(ticket, people)
    token = csat.token_for(solved)

    clicked = client.get(f"/support/rate/{token}/5/")

    assert clicked.status_code == 200
    rating = Satisfaction.objects.get()
    assert (rating.ticket, rating.rating, rating.comment) == (solved, Rating.GREAT, "")
    assert (rating.agent, rating.team, rating.category) == (
        people["agent"],
        teams[0],
        solved.category,
    )
    assert clicked["Content-Language"] == "bn"
    assert 'name="comment"' in clicked.content.decode()

    commented = client.post(
        f"/support/rate/{token}/", {"rating": "4", "comment": "দ্রুত সমাধান, ধন্যবাদ।"}
    )

    assert commented.status_code == 200
    rating.refresh_from_db()
    assert (rating.rating, rating.comment) == (Rating.GOOD, "দ্রুত সমাধান, ধন্যবাদ।")
    # Clicking another rating changes it and keeps the comment.
    client.get(f"/support/rate/{token}/3/")
    rating.refresh_from_db()
    assert (rating.rating, rating.comment) == (Rating.OKAY, "দ্রুত সমাধান, ধন্যবাদ।")
    assert Satisfaction.objects.count() == 1
    assert client.head(f"/support/rate/{token}/1/").status_code == 405  # scanners ask with HEAD


def test_a_rating_link_waits_while_the_ticket_is_open_again(client, people, rahima, ticket):  # type: ignore[no-untyped-def]
    token = csat.token_for(solve(ticket, people))
    actions.client_wrote(
        Ticket.objects.get(pk=ticket.pk),
        by=people["manager"],
        body="Still blocked.",
        contact=rahima,
        channel="email",
    )

    response = client.get(f"/support/rate/{token}/1/")

    assert response.status_code == 409
    assert not Satisfaction.objects.exists()


def test_an_old_forged_or_odd_rating_link_is_refused(client, people, ticket):  # type: ignore[no-untyped-def]
    token = csat.token_for(solve(ticket, people))

    with freeze_time(timezone.now() + datetime.timedelta(days=csat.TOKEN_DAYS + 1)):
        expired = client.get(f"/support/rate/{token}/5/")
    forged = client.get("/support/rate/made-up/5/")
    odd = client.get(f"/support/rate/{token}/9/")

    assert (expired.status_code, forged.status_code, odd.status_code) == (410, 410, 404)
    assert expired.context["reason"] == csat.RatingRefused.EXPIRED
    assert not Satisfaction.objects.exists()


def test_an_unhappy_rating_gives_the_queue_manager_a_follow_up_task(  # type: ignore[no-untyped-def]
    client, people, rahima, ticket, django_capture_on_commit_callbacks
):
    token = csat.token_for(solve(ticket, people))

    with django_capture_on_commit_callbacks(execute=True):
        client.get(f"/support/rate/{token}/1/")
        client.get(f"/support/rate/{token}/2/")  # still unhappy: no second task

    task = Task.objects.get()
    assert task.owner == people["manager"]
    assert task.contact == rahima
    assert f"#{ticket.pk}" in task.title
    assert f"#{ticket.pk}" in task.notes
    assert task.due_at is not None
    notice = Notification.objects.get(recipient=people["manager"])
    assert notice.url == reverse("agenda:task", args=[task.pk])


def test_without_a_manager_the_tickets_owner_follows_up(people, teams, rahima):  # type: ignore[no-untyped-def]
    people["manager"].groups.clear()
    opened = make_ticket(people["agent"], requester=rahima)
    solved = actions.update_ticket(
        opened, by=people["agent"], values={"status": TicketStatus.SOLVED}
    )

    csat.rate(solved, Rating.AWFUL, "Nobody called back.")

    assert Task.objects.get().owner == people["agent"]


def test_a_happy_rating_opens_no_task(people, ticket):  # type: ignore[no-untyped-def]
    csat.rate(solve(ticket, people), Rating.OKAY)

    assert not Task.objects.exists()


def test_the_client_rates_a_solved_ticket_in_the_portal(client, people, rahima, ticket):  # type: ignore[no-untyped-def]
    session = client.session
    session[portal.SESSION_KEY] = rahima.pk
    session.save()
    open_page = client.get(f"/support/tickets/{ticket.pk}/")
    assert open_page.context["rating_form"] is None  # nothing to rate yet
    solve(ticket, people)

    response = client.post(
        f"/support/tickets/{ticket.pk}/rate/", {"rating": "4", "comment": "Quick, thanks."}
    )

    assert response.status_code == 302
    rating = Satisfaction.objects.get()
    assert (rating.rating, rating.comment, rating.agent) == (
        Rating.GOOD,
        "Quick, thanks.",
        people["agent"],
    )
    bad = client.post(f"/support/tickets/{ticket.pk}/rate/", {"rating": "7"})
    assert bad.status_code == 422


def test_the_staff_ticket_page_shows_the_rating(client, people, ticket):  # type: ignore[no-untyped-def]
    csat.rate(solve(ticket, people), Rating.AWFUL, "<b>Rude</b> agent")
    client.force_login(people["manager"])

    page = client.get(reverse("service:ticket", args=[ticket.pk])).content.decode()

    assert "Client&#x27;s rating" in page or "Client's rating" in page
    assert str(Rating.AWFUL.label) in page
    assert "&lt;b&gt;Rude&lt;/b&gt; agent" in page
