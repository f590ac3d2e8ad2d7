"""A raw message as the rest of Sampark reads it: who sent it, about what, what it says.

Mail in the wild is often broken: a wrong or unknown charset, a missing or malformed header, an
HTML-only body. Each is read as far as it can be, never by raising: undecodable bytes become
replacement characters, a bad date is no date, an HTML body becomes its text.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from sampark.lib.richtext import html_to_text

_PARSER = BytesParser(policy=policy.default)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# Longer text is cut: a lead's message or a ticket's first post, not an archive.
MAX_TEXT = 100_000


@dataclass(frozen=True)
class MailFile:
    """A file attached to a message, as its sender named and typed it."""

    name: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class ParsedMail:
    key: str  # the Message-ID, else a digest of the bytes: what a message is known by
    message_id: str
    in_reply_to: str
    references: tuple[str, ...]
    from_address: str
    from_name: str
    to: tuple[str, ...]
    subject: str
    sent_at: datetime.datetime | None
    text: str
    headers: dict[str, str] = field(repr=False)  # lower-cased names, the first of each
    files: tuple[MailFile, ...] = field(default=(), repr=False)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def parse(raw: bytes) -> ParsedMail:
    message = _PARSER.parsebytes(raw)
    headers: dict[str, str] = {}
    for name, value in message.items():
        headers.setdefault(name.lower(), _text(value))
    message_id = _first_id(headers.get("message-id", ""))
    sender = _sender(headers.get("from", ""))
    return ParsedMail(
        key=message_id or "sha256:" + hashlib.sha256(raw).hexdigest(),
        message_id=message_id,
        in_reply_to=_first_id(headers.get("in-reply-to", "")),
        references=tuple(_MESSAGE_ID.findall(headers.get("references", ""))),
        from_address=sender.addr_spec.lower() if sender else "",
        from_name=sender.display_name if sender else "",
        to=tuple(
            address.lower()
            for _name, address in getaddresses([headers.get("to", ""), headers.get("cc", "")])
            if "@" in address
        ),
        subject=" ".join(headers.get("subject", "").split())[:300],
        sent_at=_date(headers.get("date", "")),
        text=body_text(message)[:MAX_TEXT],
        headers=headers,
        files=tuple(_files(message)),
    )


def _files(message: Message) -> list[MailFile]:
    """The message's attachments; a part that cannot be decoded is left out."""
    if not isinstance(message, EmailMessage):  # pragma: no cover - the default policy's type
        return []
    found = []
    for part in message.iter_attachments():
        try:
            data = part.get_payload(decode=True)
        except (ValueError, LookupError):  # pragma: no cover - the parser is lenient
            continue
        if isinstance(data, bytes) and data:
            name = part.get_filename() or "attachment"
            found.append(
                MailFile(name=_text(name), content_type=part.get_content_type(), data=data)
            )
    return found


def body_text(message: Message) -> str:
    """The message's text: its plain-text part, else (none, or an empty one) its HTML as text."""
    if not isinstance(message, EmailMessage):  # pragma: no cover - the default policy's type
        return ""
    plain = message.get_body(preferencelist=("plain",))
    text = _content(plain).strip() if plain is not None else ""
    if text:
        return text
    html = message.get_body(preferencelist=("html",))
    return html_to_text(_content(html)) if html is not None else ""


def _content(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, ValueError, AssertionError):
        # An unknown or wrong charset: read it as UTF-8 as far as it goes.
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _text(value: object) -> str:
    return " ".join(str(value).split())


def _first_id(value: str) -> str:
    found = _MESSAGE_ID.search(value)
    return found.group(0)[:500] if found else ""


def _sender(value: str) -> Address | None:
    for name, address in getaddresses([value]):
        if "@" in address:
            try:
                return Address(display_name=name, addr_spec=address)
            except (ValueError, IndexError):
                return None
    return None


def _date(value: str) -> datetime.datetime | None:
    try:
        sent = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    if sent is not None and sent.tzinfo is None:
        sent = sent.replace(tzinfo=datetime.UTC)  # RFC 5322 "-0000": the zone is not known
    return sent
