"""Live chat: the widgets a firm puts on its sites, the conversations visitors start in them,
and every message said.

A widget is a record like any other: its team is the queue its chats go to, its owner who gets
them when no agent is there. A conversation is owned by the agent answering it (until then by
the widget's owner), so the one permission layer gives a team its chats and an agent theirs.
A visitor holds their conversation by a secret token the widget keeps in the browser; Sampark
keeps only its digest, so a stolen database opens no one's chat.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.http.request import validate_host
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core.records import OwnedQuerySet, OwnedRecord


def new_widget_key() -> str:
    return secrets.token_urlsafe(16)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ChatWidget(OwnedRecord):
    name = models.CharField(_("name"), max_length=120)
    # Public: it is in the script tag on the firm's site.
    key = models.CharField(max_length=32, unique=True, default=new_widget_key, editable=False)
    allowed_origins = models.TextField(
        _("sites it may be on"),
        help_text=_("One per line, such as https://www.our-firm.com: any other site is refused."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    category = models.ForeignKey(
        "service.Category",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("skill"),
        help_text=_(
            "Its chats go first to agents with this skill (a ticket category), such as a widget "
            "on the IPO pages to those who know IPOs; and their tickets get this category."
        ),
    )
    assistant = models.BooleanField(
        _("assistant answers first"),
        default=False,
        help_text=_(
            "Answers visitors from the help centre's articles in their language, and hands over "
            "to an agent when it is unsure or the visitor asks for a person."
        ),
    )
    assistant_model = models.BooleanField(
        _("a language model words the assistant's answers"),
        default=False,
        help_text=_(
            "Sends the visitor's question and the article found to the language model server "
            "set up for Sampark, which answers from that article alone. Off: nothing leaves "
            "the server and the assistant quotes the article."
        ),
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("chat widget")
        verbose_name_plural = _("chat widgets")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def allows(self, origin: str) -> bool:
        """Whether a page at ``origin`` (scheme://host[:port]) may open this widget: one of its
        sites, or Sampark's own pages (where admins try it out)."""
        allowed = {line.strip().rstrip("/").lower() for line in self.allowed_origins.splitlines()}
        if origin.rstrip("/").lower() in allowed - {""}:
            return True
        host = urlsplit(origin).hostname or ""
        return bool(host) and validate_host(host, settings.ALLOWED_HOSTS)


class ConversationStatus(models.TextChoices):
    ASSISTANT = "assistant", _("With the assistant")
    WAITING = "waiting", _("Waiting for an agent")
    ACTIVE = "active", _("With an agent")
    ENDED = "ended", _("Ended")


@dataclass(frozen=True)
class AssistantFigures:
    """What the assistant did in the chats it took first and that have ended."""

    ended: int
    answered_alone: int  # it answered, and nobody else was needed: deflected
    handed_over: int

    @property
    def deflection_rate(self) -> float | None:
        return self.answered_alone / self.ended if self.ended else None

    @property
    def hand_over_rate(self) -> float | None:
        return self.handed_over / self.ended if self.ended else None


class ConversationQuerySet(OwnedQuerySet["Conversation"]):
    def live(self) -> ConversationQuerySet:
        return self.exclude(status=ConversationStatus.ENDED)

    def assistant_figures(self) -> dict[int | None, AssistantFigures]:
        """By widget: the assistant's ended chats, those it answered alone, those it handed to a
        person (the rest: visitors who left without asking anything)."""
        rows = (
            self.filter(with_assistant=True, status=ConversationStatus.ENDED)
            .values("widget")
            .annotate(
                ended=Count("id"),
                answered_alone=Count(
                    "id", filter=Q(handed_over_at__isnull=True, assistant_answers__gt=0)
                ),
                handed_over=Count("id", filter=Q(handed_over_at__isnull=False)),
            )
            .order_by()
        )
        return {
            row["widget"]: AssistantFigures(row["ended"], row["answered_alone"], row["handed_over"])
            for row in rows
        }


class Conversation(OwnedRecord):
    widget = models.ForeignKey(
        ChatWidget, null=True, on_delete=models.SET_NULL, related_name="conversations"
    )
    visitor_key = models.CharField(max_length=64, unique=True, editable=False)
    visitor_name = models.CharField(_("name"), max_length=200)
    visitor_email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    origin = models.CharField(_("site"), max_length=200, blank=True)
    contact = models.ForeignKey(
        "contacts.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chats",
        verbose_name=_("client"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConversationStatus.choices,
        default=ConversationStatus.WAITING,
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agent"),
    )
    ticket = models.ForeignKey(
        "service.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    last_message_at = models.DateTimeField(default=timezone.now)
    # Messages from the visitor the agent has not seen yet.
    unread = models.PositiveIntegerField(default=0)
    # What the assistant did, for its figures: whether it took the chat first, how many answers
    # it gave, and when it handed over to a person.
    with_assistant = models.BooleanField(default=False, editable=False)
    assistant_answers = models.PositiveIntegerField(default=0, editable=False)
    handed_over_at = models.DateTimeField(_("handed to a person"), null=True, blank=True)

    objects = ConversationQuerySet.as_manager()

    AUDIT_EXCLUDE = OwnedRecord.AUDIT_EXCLUDE | {
        "last_message_at",
        "unread",
        "visitor_key",
        "assistant_answers",
    }

    class Meta:
        verbose_name = _("chat")
        verbose_name_plural = _("chats")
        indexes = [
            models.Index(fields=["team", "status", "-last_message_at"]),
            models.Index(fields=["agent", "status"]),
        ]

    def __str__(self) -> str:
        return self.visitor_name


class Author(models.TextChoices):
    VISITOR = "visitor", _("Visitor")
    AGENT = "agent", _("Agent")
    BOT = "bot", _("Assistant")
    SYSTEM = "system", _("Sampark")


class ChatMessage(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.CharField(max_length=8, choices=Author.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    # The help centre article an assistant's answer quotes.
    article = models.ForeignKey(
        "service.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["conversation", "id"])]

    def __str__(self) -> str:
        return self.text[:80]
