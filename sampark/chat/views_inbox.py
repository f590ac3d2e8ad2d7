"""The agent inbox: one page where an agent answers live chats. The lists of chats, the client
panel and the agent's canned responses filled in for a chat are rendered here; the chat itself
goes over the agent's socket (consumers.py), driven by static/chat/inbox.js. Any chat's
transcript has a page of its own too, for whoever may see the chat (what search opens)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sampark.chat import actions
from sampark.chat.models import Author, Conversation, ConversationStatus
from sampark.chat.sockets import agent_socket_url
from sampark.contacts.models import Activity
from sampark.core.http import AuthenticatedRequest, render_fragment_or_page, wants_fragment
from sampark.core.models import Team, User
from sampark.core.records import can
from sampark.core.roles import Action
from sampark.service import canned, routing
from sampark.service.models import UNSOLVED, Availability, Ticket


@dataclass
class Group:
    key: str
    label: str
    empty: str
    chats: list[Conversation] = field(default_factory=list)


def _groups(user: User) -> list[Group]:
    """The live chats ``user`` may see, newest activity first: theirs, those waiting for their
    teams, those the assistant is answering (anyone may step in), and the rest (colleagues')."""
    mine = Group("mine", _("Mine"), _("No chats of yours right now."))
    waiting = Group("waiting", _("Waiting"), _("Nobody is waiting."))
    assisted = Group("assistant", _("With the assistant"), _("The assistant has no chats."))
    others = Group("colleagues", _("Colleagues'"), _("Your colleagues have no chats."))
    teams = set(user.team_ids())
    chats = (
        Conversation.objects.visible_to(user)
        .live()
        .select_related("contact", "agent")
        .order_by("-last_message_at", "-id")
    )
    for chat in chats:
        if chat.agent_id == user.pk:
            mine.chats.append(chat)
        elif chat.status == ConversationStatus.WAITING and chat.team_id in teams:
            waiting.chats.append(chat)
        elif chat.status == ConversationStatus.ASSISTANT and chat.team_id in teams:
            assisted.chats.append(chat)
        else:
            others.chats.append(chat)
    return [mine, waiting, assisted, others]


def _colleagues(user: User) -> list[User]:
    """Whom ``user`` may hand a chat to: the active people of their teams who answer chats."""
    people = (
        User.objects.filter(teams__in=user.team_ids(), is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("first_name", "username")
    )
    return [person for person in people if actions.works_chats(person)]


@login_required
@require_GET
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    """The page; for htmx (the script reloads them when chats come and go), the lists alone."""
    user = request.user
    if not actions.works_chats(user):
        raise PermissionDenied(_("Your role does not include answering chats."))
    context: dict[str, object] = {"groups": _groups(user)}
    if not wants_fragment(request):
        context |= {
            "socket_url": agent_socket_url(request),
            "colleagues": _colleagues(user),
            "teams": Team.objects.order_by("name"),
            # Set through the ticket list's form (service_settings:my_availability).
            "availabilities": Availability.choices,
            "my_availability": routing.availability_of(user),
            "strings": {
                "connecting": _("Connecting…"),
                "reconnecting": _("Connection lost; reconnecting…"),
                "offline": _("Not connected: your message was not sent."),
                "typing": _("Typing…"),
                "confirmEnd": _("End this chat?"),
                "signedOut": _("You are signed out, or no longer answer chats: reload the page."),
                "failed": _("That did not work; try again."),
                "slowDown": _("Slow down: too many messages at once."),
                "languages": {code: str(name) for code, name in settings.LANGUAGES},
                "statuses": {value: str(label) for value, label in ConversationStatus.choices},
                "authors": {value: str(label) for value, label in Author.choices},
                "cannedNone": _("No canned response matches."),
                "cannedFailed": _("The canned responses could not be loaded; try again."),
            },
        }
    return render_fragment_or_page(request, "chat/_conversations.html", "chat/inbox.html", context)


@login_required
@require_GET
def contact_panel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The client of a chat at a glance: who they are, their open tickets, their latest
    activities; each only as far as the agent may see it."""
    user = request.user
    conversation = get_object_or_404(
        Conversation.objects.visible_to(user).select_related("contact__owner"), pk=pk
    )
    contact = conversation.contact
    context: dict[str, object] = {"contact": contact}
    if contact is not None:
        context |= {
            "contact_visible": can(user, Action.VIEW, contact),
            "tickets": Ticket.objects.visible_to(user)
            .filter(requester=contact, status__in=UNSOLVED)
            .only("id", "subject", "status")
            .order_by("-created_at")[:10],
            "activities": Activity.objects.visible_to(user)
            .filter(contact=contact)
            .order_by("-occurred_at", "-id")[:5],
        }
    return render(request, "chat/_contact_panel.html", context)


@login_required
@require_GET
def canned_responses(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    """The canned responses the agent may use (as in a ticket's answer box), filled in for this
    chat: those in its language first, then the others, each by name. The client is named as
    the visitor introduced themselves in this chat; a chat has no ticket, so the ticket
    placeholders are left empty (service/canned.py)."""
    user = request.user
    if not actions.works_chats(user):
        raise PermissionDenied(_("Your role does not include answering chats."))
    conversation = get_object_or_404(Conversation.objects.visible_to(user), pk=pk)
    responses = sorted(
        canned.offered_in(user, conversation.language),
        key=lambda response: response.language != conversation.language,  # stable: by name
    )
    languages = dict(settings.LANGUAGES)
    agent_name = canned.agent_name(user)
    return JsonResponse(
        {
            "language": conversation.language,
            "responses": [
                {
                    "id": response.pk,
                    "name": response.name,
                    "language": response.language,
                    "languageName": str(languages.get(response.language, response.language)),
                    "text": canned.fill(
                        response.body,
                        client_name=conversation.visitor_name,
                        agent_name=agent_name,
                    ),
                }
                for response in responses
            ],
        }
    )


@login_required
@require_GET
def transcript(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One chat as it went, read-only: what a search hit opens. Anyone who may see the chat may
    read it (a read-only colleague too); its client and ticket are linked for those who may
    open them, and a live chat points its agents to the inbox."""
    user = request.user
    conversation = get_object_or_404(
        Conversation.objects.visible_to(user).select_related("contact", "agent", "ticket"),
        pk=pk,
    )
    contact, ticket = conversation.contact, conversation.ticket
    context = {
        "conversation": conversation,
        "said": conversation.messages.select_related("user").order_by("id"),
        "contact_visible": contact is not None and can(user, Action.VIEW, contact),
        "ticket_visible": ticket is not None and can(user, Action.VIEW, ticket),
        "answerable": conversation.status != ConversationStatus.ENDED and actions.works_chats(user),
    }
    return render(request, "chat/transcript.html", context)
