"""Live chats in the global search (sampark.contacts.search), kind "chat": found by the visitor's
name and their client's (ranked as names), and by what the visitor and the agents said, in any
script, by whoever the permission layer lets see the chat.

Registered by ``ChatConfig.ready``. The chat actions re-index a chat when it is handed to an
agent (its owner changes, and with it who may find it) and when it ends (its transcript is
complete then). A hit opens the chat's transcript page (``chat:transcript``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation

from sampark.chat.models import Author, ChatMessage, Conversation
from sampark.contacts.search import Source, index_records, text
from sampark.contacts.search.documents import Document
from sampark.core.records import access_tokens
from sampark.lib.locale_format import format_date

CHAT = "chat"

# What people said. The assistant's answers are its articles' words (found as articles), and
# Sampark's own lines ("… is now answering you") would make every chat match them.
SAID = (Author.VISITOR, Author.AGENT)


def chat_documents(ids: Sequence[int]) -> list[Document]:
    said = ChatMessage.objects.filter(author__in=SAID).order_by("id").only("conversation", "text")
    chats = (
        Conversation.objects.filter(pk__in=list(ids))
        .select_related("contact")
        .prefetch_related(Prefetch("messages", queryset=said))
    )
    return [chat_document(chat, [m.text for m in chat.messages.all()]) for chat in chats]


def chat_document(conversation: Conversation, said: Sequence[str]) -> Document:
    """Needs the chat's contact; ``said``: the texts of its messages that are searched."""
    client = conversation.contact.display_name if conversation.contact is not None else ""
    title = conversation.visitor_name
    if client and client != conversation.visitor_name:
        title = f"{conversation.visitor_name} ({client})"
    names = text.tokens(conversation.visitor_name, client)
    known = set(names)
    # Whatever is among the names already would only be counted twice by the ranking.
    other = tuple(w for w in text.tokens(conversation.visitor_email, *said) if w not in known)
    return Document(
        kind=CHAT,
        record_id=conversation.pk,
        title=title,
        subtitle=_subtitle(conversation),
        updated_at=conversation.updated_at,
        names=tuple(names),
        other=other,
        phones=(),
        access=access_tokens(conversation),
    )


def _subtitle(conversation: Conversation) -> str:
    # Written once for everyone who searches, whoever's action wrote it: so in the firm's
    # language and time zone, not those of the agent (or visitor) who ended the chat.
    language = settings.LANGUAGE_CODE
    started = timezone.localdate(conversation.started_at, timezone.get_default_timezone())
    with translation.override(language):
        parts = (
            conversation.get_status_display(),
            conversation.get_language_display(),
            format_date(started, "medium", language),
        )
        return " · ".join(str(part) for part in parts)


def index(conversation: Conversation) -> None:
    index_records(CHAT, [conversation.pk])


SOURCE = Source(kind=CHAT, model=Conversation, url_name="chat:transcript", documents=chat_documents)
